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
    if a.shape == b.shape {
        let out = Tensor(uninitializedShape: a.shape)
        let (pa, pb, po) = (a.storage.base, b.storage.base, out.storage.base)
        for i in 0..<out.count { po[i] = f(pa[i], pb[i]) }
        return out
    }
    let shape = broadcastShape(a.shape, b.shape, operation: operation)
    let out = Tensor(uninitializedShape: shape)
    let (pa, pb, po) = (a.storage.base, b.storage.base, out.storage.base)
    if b.count == 1 && a.count == out.count {
        let y = pb[0]
        for i in 0..<out.count { po[i] = f(pa[i], y) }
        return out
    }
    if a.count == 1 && b.count == out.count {
        let x = pa[0]
        for i in 0..<out.count { po[i] = f(x, pb[i]) }
        return out
    }
    let rank = shape.count
    let aStrides = broadcastStrides(a.shape, to: shape)
    let bStrides = broadcastStrides(b.shape, to: shape)
    let inner = shape[rank - 1]
    let (sa, sb) = (aStrides[rank - 1], bStrides[rank - 1])
    var index = [Int](repeating: 0, count: rank)
    var (ao, bo) = (0, 0)
    var o = 0
    while o < out.count {
        for j in 0..<inner { po[o + j] = f(pa[ao + j * sa], pb[bo + j * sb]) }
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
    return out
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
