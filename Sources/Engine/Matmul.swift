// Matrix products on top of the packed GEMM. Transposes in the backward passes cost nothing: the GEMM reads
// its operands through strides and transposes while packing.

extension Tensor {
    /// The matrix product: [m, k]·[k, n] → [m, n]; batched when either side has rank 3 ([b, m, k]·[b, k, n] or
    /// with one side shared by all b matrices).
    public func matmul(_ other: Tensor) -> Tensor {
        Tensor.product(self, other, transposeA: false, transposeB: false, operation: "matmul")
    }

    /// `a·bᵀ` or `aᵀ·b` etc. without materializing a transpose; the workhorse of matmul, linear and conv.
    static func product(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool, operation: String) -> Tensor {
        var out = productValue(a, b, transposeA: transposeA, transposeB: transposeB, operation: operation)
        if isRecording(a, b) {
            // Only the gradients that some input needs are computed: a network's input needs none, and its
            // product would be a quarter of an MLP step's work.
            let (needA, needB) = (isRecording(a), isRecording(b))
            out.record(a, b) { g in
                // C = op(A)·op(B): dA = g·op(B)ᵀ (transposed back if A was), dB = op(A)ᵀ·g (likewise).
                var da = !needA ? nil : transposeA ? product(b, g, transposeA: transposeB, transposeB: true, operation: operation)
                                                   : product(g, b, transposeA: false, transposeB: !transposeB, operation: operation)
                var db = !needB ? nil : transposeB ? product(g, a, transposeA: true, transposeB: transposeA, operation: operation)
                                                   : product(a, g, transposeA: !transposeA, transposeB: false, operation: operation)
                // A matrix shared by a batch receives the sum of the batch's gradients.
                if a.rank == 2 && da?.rank == 3 { da = da?.sum(axis: 0) }
                if b.rank == 2 && db?.rank == 3 { db = db?.sum(axis: 0) }
                return [da, db]
            }
        }
        return out
    }

    /// The value of `product`, not recorded, with `epilogue` applied to each matrix of the result.
    static func productValue(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool, operation: String,
                             epilogue: Epilogue? = nil) -> Tensor {
        // Two matrices that fit (every layer's product) take their shape from the thread's cache, with no array
        // built to check or size it; anything else goes through `Shapes.matmul`, whose error names both shapes.
        let outShape: [Int]
        if a.rank == 2 && b.rank == 2 && a.shape[transposeA ? 0 : 1] == b.shape[transposeB ? 1 : 0] {
            let (rows, columns) = (a.shape[transposeA ? 1 : 0], b.shape[transposeB ? 0 : 1])
            outShape = ThreadContext.withCurrent { $0.shapes.matrix(rows, columns) }
        } else {
            outShape = checked {
                try Shapes.matmul(transposeA ? a.shape.swappingLastTwo() : a.shape, transposeB ? b.shape.swappingLastTwo() : b.shape,
                                  operation: operation)
            }
        }
        let batch = Swift.max(a.rank == 3 ? a.shape[0] : 1, b.rank == 3 ? b.shape[0] : 1)
        let (ar, ac) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (br, bc) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        let (m, k) = transposeA ? (ac, ar) : (ar, ac)
        let n = transposeB ? br : bc
        let out = Tensor(uninitializedShape: outShape)
        for i in 0..<batch {
            let pa = a.storage.base + (a.rank == 3 ? i * ar * ac : 0)
            let pb = b.storage.base + (b.rank == 3 ? i * br * bc : 0)
            gemm(m: m, n: n, k: k, a: MatrixView(pa, columns: ac, transposed: transposeA),
                 b: MatrixView(pb, columns: bc, transposed: transposeB),
                 c: out.storage.base + i * m * n, ldc: n, accumulate: false, epilogue: epilogue)
        }
        return out
    }
}

/// A fully connected layer's function: `x·weightᵀ + bias`, with `weight` of shape [out, in] as in PyTorch.
public func linear(_ x: Tensor, weight: Tensor, bias: Tensor? = nil) -> Tensor {
    fullyConnected(x, weight: weight, bias: bias, relu: false)
}

/// `linear(x, weight: weight, bias: bias).relu()` as one operation, with the same values and gradients to
/// the last bit: the bias and the clamp are applied to each block of the product while it is still in cache,
/// and the graph records one node instead of two. `Sequential` runs each `Linear` followed by `ReLU` this way.
public func linearReLU(_ x: Tensor, weight: Tensor, bias: Tensor? = nil) -> Tensor {
    fullyConnected(x, weight: weight, bias: bias, relu: true)
}

/// `linear`, then ReLU if `relu`, as one node: the product's epilogue adds the bias (after the product, as a
/// separate add would) and clamps, and the backward is the product's, the add's and ReLU's together.
private func fullyConnected(_ x: Tensor, weight: Tensor, bias: Tensor?, relu: Bool) -> Tensor {
    let operation = relu ? "linearReLU" : "linear"
    precondition(x.rank == 2 && weight.rank == 2 && x.shape[1] == weight.shape[1],
                 "\(operation): input of shape \(x.shape) does not match weight of shape \(weight.shape) (expects [n, \(weight.rank == 2 ? weight.shape[1] : 0)])")
    if let bias {
        precondition(bias.rank == 1 && bias.shape[0] == weight.shape[0],
                     "\(operation): bias of shape \(bias.shape) does not match weight of shape \(weight.shape)")
    }
    let epilogue = bias == nil && !relu ? nil : Epilogue(bias: bias.map { UnsafePointer($0.storage.base) }, relu: relu)
    var out = withExtendedLifetime(bias) {
        Tensor.productValue(x, weight, transposeA: false, transposeB: true, operation: operation, epilogue: epilogue)
    }
    // The thread's tape looked up once for all the inputs.
    ThreadContext.withCurrent { context in
        let tape = context.tape
        guard tape.isRecording else { return }
        let (needsX, needsWeight, needsBias) = (x.isTracked(on: tape), weight.isTracked(on: tape), bias?.isTracked(on: tape) ?? false)
        guard needsX || needsWeight || needsBias else { return }
        let backward = fullyConnectedBackward(weightForX: needsX ? weight : nil, xForWeight: needsWeight ? x : nil,
                                              mask: relu ? out.detach() : nil, needsBias: needsBias, operation: operation)
        if let bias { out.record(on: tape, x, weight, bias, backward: backward) } else { out.record(on: tape, x, weight, backward: backward) }
    }
    return out
}

/// The backward of `fullyConnected`: the gradients of x (from the weight), of the weight (from x) and of the
/// bias, each only if needed, after ReLU's `mask` if any. It keeps only what those need: each tensor kept is
/// a retain and a release per part.
private func fullyConnectedBackward(weightForX: Tensor?, xForWeight: Tensor?, mask: Tensor?, needsBias: Bool,
                                    operation: String) -> (consuming Tensor) -> [Tensor?] {
    // `consuming` spelled out: a closure's parameter borrows unless it says so, and the mask then copied.
    return { (g: consuming Tensor) -> [Tensor?] in
        // Through ReLU first: the gradient passes where the output is positive. Masked in place, since the
        // gradient is this node's alone: the next layer's product made it and it is still in cache.
        // The bias gradient (the column sums) comes out of the same pass.
        var g = g
        var biasGradient: Tensor?
        if let mask {
            if needsBias { biasGradient = g.maskSummingColumns(where: mask) } else { g.mask(where: mask) }
        } else if needsBias {
            biasGradient = g.sum(axis: 0)
        }
        return [weightForX.map { Tensor.product(g, $0, transposeA: false, transposeB: false, operation: operation) },
                xForWeight.map { Tensor.product(g, $0, transposeA: true, transposeB: false, operation: operation) },
                biasGradient]
    }
}

extension Tensor {
    /// Keeps this gradient where `output` (same shape) is positive and sets it to 0 elsewhere: ReLU's
    /// backward, written over this tensor's storage (copied first if shared).
    mutating func mask(where output: Tensor) {
        precondition(shape == output.shape, "relu backward: gradient of shape \(shape) for an output of shape \(output.shape)")
        makeUnique()
        maskByPositive(storage.base, where: output.storage.base, into: storage.base, count: count)
    }

    /// `mask(where:)` on this [rows, width] gradient, returning its column sums, `sum(axis: 0)` of the result.
    mutating func maskSummingColumns(where output: Tensor) -> Tensor {
        precondition(rank == 2 && shape == output.shape, "relu backward: gradient of shape \(shape) for an output of shape \(output.shape)")
        guard shape[1] > 1 else {
            // One column is one contiguous run, which `sum(axis: 0)` sums in Double lanes, not down the rows.
            mask(where: output)
            return sum(axis: 0)
        }
        makeUnique()
        let sums = Tensor(uninitializedShape: [shape[1]])
        maskInPlaceSummingColumns(storage.base, where: output.storage.base, rows: shape[0], width: shape[1], sums: sums.storage.base)
        return sums
    }
}

extension Array where Element == Int {
    func swappingLastTwo() -> [Int] {
        var copy = self
        if count >= 2 { copy.swapAt(count - 1, count - 2) }
        return copy
    }
}
