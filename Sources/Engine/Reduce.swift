import Foundation

// Reductions over axes. Each backward broadcasts the gradient back over the reduced axes.

extension Tensor {
    /// `axis` made non-negative and checked against this tensor's rank.
    func normalizedAxis(_ axis: Int, operation: String, rank extraRank: Int = 0) -> Int {
        let r = rank + extraRank
        let a = axis < 0 ? axis + r : axis
        precondition(a >= 0 && a < Swift.max(r, 1), "\(operation): axis \(axis) is out of range for shape \(shape)")
        return a
    }

    /// The sizes before, along and after `axis`, so a reduction walks memory as [outer, n, inner].
    func split(at axis: Int) -> (outer: Int, n: Int, inner: Int) {
        (shape[..<axis].reduce(1, *), shape[axis], shape[(axis + 1)...].reduce(1, *))
    }

    /// The sum of all elements, as a scalar. Accumulates in Double, so long sums do not drift.
    public func sum() -> Tensor {
        var total = 0.0
        let p = storage.base
        for i in 0..<count { total += Double(p[i]) }
        var out = Tensor(Float(total))
        if Tensor.isRecording(self) {
            let shape = self.shape
            out.record(self) { g in [Tensor(shape: shape, repeating: g.item)] }
        }
        return out
    }

    /// Sums over `axes`, removing them unless `keepDims`.
    public func sum(axes: [Int], keepDims: Bool = false) -> Tensor {
        let sorted = Set(axes.map { normalizedAxis($0, operation: "sum") }).sorted(by: >)
        var out = self.detach()
        for axis in sorted { out = out.sumKeepingAxis(axis) }
        var kept = out.shape
        if !keepDims {
            for axis in sorted { kept.remove(at: axis) }
            out.shape = kept
        }
        if Tensor.isRecording(self) {
            let (shape, keptShape) = (self.shape, sorted.reduce(into: self.shape) { $0[$1] = 1 })
            out.record(self) { g in [g.reshape(keptShape).expanded(to: shape)] }
        }
        return out
    }

    /// Sums over one axis.
    public func sum(axis: Int, keepDims: Bool = false) -> Tensor {
        guard rank > 0 else { return sum(axes: [axis], keepDims: keepDims) }
        // `sum(axes:)` for one axis without its set and arrays of axes (a bias gradient at every step).
        let a = normalizedAxis(axis, operation: "sum")
        var out = sumKeepingAxis(a)
        if !keepDims { out.shape.remove(at: a) }
        if Tensor.isRecording(self) {
            let shape = self.shape
            var keptShape = shape
            keptShape[a] = 1
            out.record(self) { g in [g.reshape(keptShape).expanded(to: shape)] }
        }
        return out
    }

    private func sumKeepingAxis(_ axis: Int) -> Tensor {
        let (outer, n, inner) = split(at: axis)
        var resultShape = shape
        resultShape[axis] = 1
        let out = Tensor(uninitializedShape: resultShape)
        let (px, po) = (UnsafePointer(storage.base), out.storage.base)
        if inner == 1 {
            // Each result is the sum of one contiguous run (a conv bias gradient sums 50,176 values per
            // channel): summed in vector lanes rather than one value after another.
            for o in 0..<outer {
                let run = UnsafePointer(px + o * n)
                po[o] = Float(laneSum(n, { SIMD8<Double>(load8(run + $0)) }, { Double(run[$0]) }))
            }
            return out
        }
        // Each column is summed down the rows in registers, 32 columns at a time, in the plain order (0, then
        // row after row). Adding each row into the result in memory made every addition wait on the last
        // one's store: a bias gradient over a batch of 300 was 6 % of a small MLP's step.
        for o in 0..<outer {
            let (first, row) = (px + o * n * inner, po + o * inner)
            var i = 0
            while i + 32 <= inner {
                var (s0, s1, s2, s3) = (SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>(), SIMD8<Float>())
                for j in 0..<n {
                    let source = first + j * inner + i
                    s0 += load8(source); s1 += load8(source + 8); s2 += load8(source + 16); s3 += load8(source + 24)
                }
                store8(s0, row + i); store8(s1, row + i + 8); store8(s2, row + i + 16); store8(s3, row + i + 24)
                i += 32
            }
            while i + 8 <= inner {
                var total = SIMD8<Float>()
                for j in 0..<n { total += load8(first + j * inner + i) }
                store8(total, row + i)
                i += 8
            }
            if i < inner {
                // The last few columns (all three of a 3-class output's bias gradient) side by side in one
                // vector, so their sums run together rather than one column after another.
                let columns = inner - i
                let outside = SIMD8<Int32>(0, 1, 2, 3, 4, 5, 6, 7) .>= SIMD8(repeating: Int32(columns))
                // A whole vector is read where it stays inside this block of rows, its lanes past the
                // columns zeroed; the last rows are read value by value.
                let lastStart = n * inner - i - 8
                let wholeRows = lastStart < 0 ? 0 : Swift.min(n, lastStart / inner + 1)
                var total = SIMD8<Float>()
                for j in 0..<wholeRows { total += load8(first + (j &* inner &+ i)).replacing(with: 0, where: outside) }
                for j in wholeRows..<n {
                    var values = SIMD8<Float>()
                    for q in 0..<columns { values[q] = first[j &* inner &+ i &+ q] }
                    total += values
                }
                for q in 0..<columns { row[i + q] = total[q] }
            }
        }
        return out
    }

    /// The mean of all elements, as a scalar.
    public func mean() -> Tensor { sum() / Float(Swift.max(count, 1)) }

    /// Means over `axes`, removing them unless `keepDims`.
    public func mean(axes: [Int], keepDims: Bool = false) -> Tensor {
        let n = Set(axes.map { normalizedAxis($0, operation: "mean") }).reduce(1) { $0 * shape[$1] }
        return sum(axes: axes, keepDims: keepDims) / Float(Swift.max(n, 1))
    }

    /// The mean over one axis.
    public func mean(axis: Int, keepDims: Bool = false) -> Tensor { mean(axes: [axis], keepDims: keepDims) }

    /// The variance over `axes`; `unbiased` divides by n − 1 (PyTorch's default), otherwise by n (NumPy's).
    public func variance(axes: [Int], unbiased: Bool = true, keepDims: Bool = false) -> Tensor {
        let n = Set(axes.map { normalizedAxis($0, operation: "variance") }).reduce(1) { $0 * shape[$1] }
        let centered = self - mean(axes: axes, keepDims: true)
        return (centered * centered).sum(axes: axes, keepDims: keepDims) / Float(Swift.max(unbiased ? n - 1 : n, 1))
    }

    /// The variance over one axis (see `variance(axes:unbiased:keepDims:)`).
    public func variance(axis: Int, unbiased: Bool = true, keepDims: Bool = false) -> Tensor {
        variance(axes: [axis], unbiased: unbiased, keepDims: keepDims)
    }

    /// The largest element along `axis`; the gradient goes to the first largest.
    public func max(axis: Int, keepDims: Bool = false) -> Tensor {
        let a = normalizedAxis(axis, operation: "max")
        let (values, positions) = maxAndArgmax(axis: a)
        var keptShape = shape
        keptShape[a] = 1
        var out = values
        if !keepDims { out.shape.remove(at: a) }
        if Tensor.isRecording(self) {
            let (shape, (outer, n, inner)) = (self.shape, split(at: a))
            out.record(self) { g in
                let grad = Tensor.zeros(shape)
                let (pg, pd) = (g.storage.base, grad.storage.base)
                for o in 0..<outer {
                    for i in 0..<inner { pd[(o * n + positions[o * inner + i]) * inner + i] = pg[o * inner + i] }
                }
                return [grad]
            }
        }
        return out
    }

    /// The largest element of the whole tensor, as a scalar. Its gradient is shared evenly by every element
    /// that equals the maximum (as PyTorch's full `max()` does; `max(axis:)` gives it to the first, as
    /// `max(dim)` does).
    public func max() -> Tensor {
        let value = noGrad { reshape([count]).max(axis: 0) }
        var out = value.detach()
        if Tensor.isRecording(self) {
            let top = value.item
            let ties = map(self) { $0 == top ? 1 : 0 }
            let share = 1 / Swift.max(ties.sum().item, 1)
            out.record(self) { g in [ties * (g * share)] }
        }
        return out
    }

    /// The index of the first largest element along `axis`, as a tensor of whole numbers (no gradient).
    public func argmax(axis: Int) -> Tensor {
        let a = normalizedAxis(axis, operation: "argmax")
        var shape = self.shape
        shape.remove(at: a)
        return Tensor(maxAndArgmax(axis: a).positions.map { Float($0) }, shape: shape)
    }

    func maxAndArgmax(axis: Int) -> (values: Tensor, positions: [Int]) {
        let (outer, n, inner) = split(at: axis)
        precondition(n > 0, "max: axis \(axis) of shape \(shape) is empty")
        var keptShape = shape
        keptShape[axis] = 1
        var values = Tensor(uninitializedShape: keptShape)
        var positions = [Int](repeating: 0, count: outer * inner)
        let (px, pv) = (storage.base, values.storage.base)
        for o in 0..<outer {
            for i in 0..<inner {
                var best = px[o * n * inner + i]
                var at = 0
                for j in 1..<Swift.max(n, 1) where px[(o * n + j) * inner + i] > best {
                    best = px[(o * n + j) * inner + i]
                    at = j
                }
                pv[o * inner + i] = best
                positions[o * inner + i] = at
            }
        }
        values.shape = keptShape
        return (values, positions)
    }

    /// log Σ exp(x) along `axis`, computed as m + log Σ exp(x − m) with m the maximum, so it stays finite for
    /// inputs of ±1000.
    public func logSumExp(axis: Int, keepDims: Bool = false) -> Tensor {
        let shift = map(self.detach().max(axis: axis, keepDims: true)) { $0.isFinite ? $0 : 0 }
        let result = (self - shift).exp().sum(axis: axis, keepDims: true).log() + shift
        return keepDims ? result : result.squeeze(normalizedAxis(axis, operation: "logSumExp"))
    }
}

/// Σ term(i) for i in 0..<count, accumulated in Double in eight lanes that are added together at the end:
/// accurate for long sums, vectorized, and in an order that depends only on `count`. `terms(i)` gives the
/// terms i…i+7 at once; `term(i)` one term, for the last few.
@inline(__always)
func laneSum(_ count: Int, _ terms: (_ first: Int) -> SIMD8<Double>, _ term: (_ index: Int) -> Double) -> Double {
    var lanes = SIMD8<Double>()
    var i = 0
    while i + 8 <= count {
        lanes += terms(i)
        i += 8
    }
    var total = lanes.sum()
    while i < count {
        total += term(i)
        i += 1
    }
    return total
}

/// Eight consecutive floats from `p` (any alignment).
@inline(__always)
func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> { UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self) }

/// Stores eight floats at `p` (any alignment).
@inline(__always)
func store8(_ values: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) { UnsafeMutableRawPointer(p).storeBytes(of: values, as: SIMD8<Float>.self) }
