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
            out.record([a, b]) { g in
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

    /// The value of `product`, not recorded.
    static func productValue(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool, operation: String) -> Tensor {
        let outShape = checked {
            try Shapes.matmul(transposeA ? a.shape.swappingLastTwo() : a.shape, transposeB ? b.shape.swappingLastTwo() : b.shape, operation: operation)
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
                 c: out.storage.base + i * m * n, ldc: n, accumulate: false)
        }
        return out
    }
}

/// A fully connected layer's function: `x·weightᵀ + bias`, with `weight` of shape [out, in] as in PyTorch.
public func linear(_ x: Tensor, weight: Tensor, bias: Tensor? = nil) -> Tensor {
    precondition(x.rank == 2 && weight.rank == 2 && x.shape[1] == weight.shape[1],
                 "linear: input of shape \(x.shape) does not match weight of shape \(weight.shape) (expects [n, \(weight.rank == 2 ? weight.shape[1] : 0)])")
    guard let bias else { return Tensor.product(x, weight, transposeA: false, transposeB: true, operation: "linear") }
    precondition(bias.shape == [weight.shape[0]], "linear: bias of shape \(bias.shape) does not match weight of shape \(weight.shape)")
    // One node instead of a product and a broadcast add: the bias is added to each row of the fresh product
    // in place, and the backward is the product's and the add's together (same arithmetic, same bytes).
    var out = Tensor.productValue(x, weight, transposeA: false, transposeB: true, operation: "linear")
    out.addRowInPlace(bias)
    if Tensor.isRecording(x, weight, bias) {
        let (needX, needWeight, needBias) = (Tensor.isRecording(x), Tensor.isRecording(weight), Tensor.isRecording(bias))
        out.record([x, weight, bias]) { g in
            [needX ? Tensor.product(g, weight, transposeA: false, transposeB: false, operation: "linear") : nil,
             needWeight ? Tensor.product(g, x, transposeA: true, transposeB: false, operation: "linear") : nil,
             needBias ? g.sum(axis: 0) : nil]
        }
    }
    return out
}

extension Tensor {
    /// Adds `row` (shape [n]) to every row of this [m, n] tensor's storage. Not recorded.
    mutating func addRowInPlace(_ row: Tensor) {
        makeUnique()
        // Eight columns at a time with explicit vectors: the broadcast loop, reading and writing the same
        // storage, paid its per-row setup and alias checks on every row of 32 (about 1.8 instructions per
        // element) and ran the 3-wide output layer's rows one value at a time. Same additions, same bytes.
        let (width, target, bias) = (row.count, storage.base, UnsafePointer(row.storage.base))
        guard width > 0 else { return }
        if width < 8 && count >= 8 * width {
            // A row narrower than a vector (a 3-class output layer): add the bias repeated to whole vectors.
            // The repeat of a row of `width` values realigns with the vectors every `width` vectors.
            addRepeatedRow(bias, width: width, to: target, count: count)
            return
        }
        let vectorWidth = width / 8 * 8
        for start in stride(from: 0, to: count, by: width) {
            let out = target + start
            var j = 0
            while j < vectorWidth { store8(load8(out + j) + load8(bias + j), out + j); j += 8 }
            while j < width { out[j] += bias[j]; j += 1 }
        }
    }
}

/// Adds `row` (`width` < 8 values), repeated end to end, to the `count` values at `target` (a multiple of
/// `width`): each value gets its column's bias, as row by row, in vectors of eight.
private func addRepeatedRow(_ row: UnsafePointer<Float>, width: Int, to target: UnsafeMutablePointer<Float>, count: Int) {
    withUnsafeTemporaryAllocation(of: Float.self, capacity: 8 * width) { pattern in
        for i in 0..<(8 * width) { pattern[i] = row[i % width] }
        let repeated = UnsafePointer(pattern.baseAddress!)
        var i = 0
        while i + 8 * width <= count {
            for v in 0..<width { store8(load8(target + i + 8 * v) + load8(repeated + 8 * v), target + i + 8 * v) }
            i += 8 * width
        }
        while i < count { target[i] += row[i % width]; i += 1 }
    }
}

extension Array where Element == Int {
    func swappingLastTwo() -> [Int] {
        var copy = self
        if count >= 2 { copy.swapAt(count - 1, count - 2) }
        return copy
    }
}
