/// NumPy broadcasting: shapes are aligned at their last dimension; a dimension of 1 (or a missing one)
/// stretches to match the other.
public func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
    let rank = max(a.count, b.count)
    var result = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
        let x = i < rank - a.count ? 1 : a[i - (rank - a.count)]
        let y = i < rank - b.count ? 1 : b[i - (rank - b.count)]
        if x != y && x != 1 && y != 1 { return nil }
        result[i] = x == 1 ? y : x
    }
    return result
}

/// The broadcast shape of `a` and `b`, or a stop naming the operation and both shapes.
func broadcastShape(_ a: [Int], _ b: [Int], operation: String) -> [Int] {
    checked { try Shapes.broadcast(a, b, operation: operation) }
}

/// Element strides of a tensor of `shape` read as if it had `target` shape (0 along broadcast dimensions).
func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
    var strides = [Int](repeating: 0, count: target.count)
    var step = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
        let t = i + target.count - shape.count
        strides[t] = shape[i] == 1 ? 0 : step
        step *= shape[i]
    }
    return strides
}

/// Applies `f` element by element with broadcasting. Inlined into each operation so `f` is inlined too and
/// no closure is called per element.
@inline(__always)
func broadcastMap(_ a: Tensor, _ b: Tensor, operation: String, _ f: (Float, Float) -> Float) -> Tensor {
    let shape = a.shape == b.shape ? a.shape : broadcastShape(a.shape, b.shape, operation: operation)
    let out = Tensor(uninitializedShape: shape)
    broadcastApply(a, b, shape: shape, into: out.storage.base, f)
    return out
}

/// Writes `f(a, b)`, broadcast to `shape`, into `out`. `out` may be `a`'s own storage when `a` has the full
/// shape: each element is read before it is written.
///
/// The common patterns get loops the compiler vectorizes: same shapes, a scalar on either side, and one
/// operand that repeats along the leading dimensions (a bias row). The rest walk the output row by row, with
/// the last dimension's loop specialized for strides of 0 and 1.
@inline(__always)
func broadcastApply(_ a: Tensor, _ b: Tensor, shape: [Int], into po: UnsafeMutablePointer<Float>,
                    _ f: (Float, Float) -> Float) {
    let (pa, pb) = (UnsafePointer(a.storage.base), UnsafePointer(b.storage.base))
    let count = shape.reduce(1, *)
    if a.count == count && b.count == count {
        for i in 0..<count { po[i] = f(pa[i], pb[i]) }
        return
    }
    if b.count == 1 && a.count == count {
        let y = pb[0]
        for i in 0..<count { po[i] = f(pa[i], y) }
        return
    }
    if a.count == count && b.count > 0 && isTrailingBlock(b.shape, of: shape) {
        let width = b.count
        for row in stride(from: 0, to: count, by: width) {
            let (x, o) = (pa + row, po + row)
            for j in 0..<width { o[j] = f(x[j], pb[j]) }
        }
        return
    }
    if a.count == 1 && b.count == count {
        let x = pa[0]
        for i in 0..<count { po[i] = f(x, pb[i]) }
        return
    }
    let rank = shape.count
    let aStrides = broadcastStrides(a.shape, to: shape)
    let bStrides = broadcastStrides(b.shape, to: shape)
    let inner = shape[rank - 1]
    let (sa, sb) = (aStrides[rank - 1], bStrides[rank - 1])
    var index = [Int](repeating: 0, count: rank)
    var (ao, bo) = (0, 0)
    var o = 0
    while o < count {
        let (x, y, out) = (pa + ao, pb + bo, po + o)
        switch (sa, sb) {
        case (1, 1): for j in 0..<inner { out[j] = f(x[j], y[j]) }
        case (1, 0): let v = y[0]; for j in 0..<inner { out[j] = f(x[j], v) }
        case (0, 1): let v = x[0]; for j in 0..<inner { out[j] = f(v, y[j]) }
        default: for j in 0..<inner { out[j] = f(x[j * sa], y[j * sb]) }
        }
        o += inner
        var d = rank - 2
        while d >= 0 {
            index[d] += 1
            ao += aStrides[d]
            bo += bStrides[d]
            if index[d] < shape[d] { break }
            ao -= aStrides[d] * shape[d]
            bo -= bStrides[d] * shape[d]
            index[d] = 0
            d -= 1
        }
    }
}

/// Whether `small` broadcast to `shape` repeats one contiguous block along the leading dimensions: after its
/// leading 1s it equals the end of `shape` (a bias [c] on [n, c], or [h, w] on [n, c, h, w]).
func isTrailingBlock(_ small: [Int], of shape: [Int]) -> Bool {
    let trimmed = small.drop { $0 == 1 }
    return trimmed.count <= shape.count && shape.suffix(trimmed.count).elementsEqual(trimmed)
}

/// Applies `f` to every element.
@inline(__always)
func map(_ x: Tensor, _ f: (Float) -> Float) -> Tensor {
    let out = Tensor(uninitializedShape: x.shape)
    let (px, po) = (x.storage.base, out.storage.base)
    for i in 0..<x.count { po[i] = f(px[i]) }
    return out
}

extension Tensor {
    /// Sums this gradient down to `target`, undoing a broadcast from `target` to `self.shape`.
    func sumToShape(_ target: [Int]) -> Tensor {
        if shape == target { return self }
        var result = self
        let extra = rank - target.count
        if extra > 0 { result = result.sum(axes: Array(0..<extra)) }
        let axes = (0..<target.count).filter { target[$0] == 1 && result.shape[$0] != 1 }
        if !axes.isEmpty { result = result.sum(axes: axes, keepDims: true) }
        return result.reshape(target)
    }
}
