import Foundation

// Element-wise operations on two tensors, with NumPy broadcasting. Each backward sums the incoming gradient
// back down to its input's shape, which is the gradient of a broadcast.

extension Tensor {
    /// Element-wise sum.
    public static func + (a: Tensor, b: Tensor) -> Tensor {
        var out = broadcastMap(a, b, operation: "add") { $0 + $1 }
        if isRecording(a, b) {
            let (sa, sb) = (a.shape, b.shape)
            out.record(a, b) { g in [g.sumToShape(sa), g.sumToShape(sb)] }
        }
        return out
    }

    /// Element-wise difference.
    public static func - (a: Tensor, b: Tensor) -> Tensor {
        var out = broadcastMap(a, b, operation: "subtract") { $0 - $1 }
        if isRecording(a, b) {
            let (sa, sb) = (a.shape, b.shape)
            out.record(a, b) { g in [g.sumToShape(sa), (-g).sumToShape(sb)] }
        }
        return out
    }

    /// Element-wise product.
    public static func * (a: Tensor, b: Tensor) -> Tensor {
        var out = broadcastMap(a, b, operation: "multiply") { $0 * $1 }
        if isRecording(a, b) {
            out.record(a, b) { g in [(g * b).sumToShape(a.shape), (g * a).sumToShape(b.shape)] }
        }
        return out
    }

    /// Element-wise quotient.
    public static func / (a: Tensor, b: Tensor) -> Tensor {
        var out = broadcastMap(a, b, operation: "divide") { $0 / $1 }
        if isRecording(a, b) {
            out.record(a, b) { g in
                let gb = broadcastMap(g, a, operation: "divide") { $0 * $1 }
                return [(g / b).sumToShape(a.shape), (-(gb / (b * b))).sumToShape(b.shape)]
            }
        }
        return out
    }

    /// `a` raised to the power `b`, element-wise.
    public static func pow(_ a: Tensor, _ b: Tensor) -> Tensor {
        var out = broadcastMap(a, b, operation: "pow") { Foundation.pow($0, $1) }
        if isRecording(a, b) {
            let result = out.detach()
            out.record(a, b) { g in
                let da = broadcastMap(a, b, operation: "pow") { $1 == 0 ? 0 : $1 * Foundation.pow($0, $1 - 1) }
                // d/db a^b = a^b ln a; taken as 0 where a = 0 (the limit for b > 0) rather than NaN.
                let lnA = map(a) { $0 > 0 ? Elementary.log($0) : 0 }
                return [(g * da).sumToShape(a.shape), (g * result * lnA).sumToShape(b.shape)]
            }
        }
        return out
    }

    /// The larger of the two, element-wise; the gradient goes to the larger, split half and half on a tie
    /// (as PyTorch's `torch.maximum` does).
    public static func maximum(_ a: Tensor, _ b: Tensor) -> Tensor {
        var out = broadcastMap(a, b, operation: "maximum") { Swift.max($0, $1) }
        if isRecording(a, b) {
            out.record(a, b) { g in
                let takeA = broadcastMap(a, b, operation: "maximum") { $0 > $1 ? 1 : $0 == $1 ? 0.5 : 0 }
                return [(g * takeA).sumToShape(a.shape), (g * (1 - takeA)).sumToShape(b.shape)]
            }
        }
        return out
    }

    /// The smaller of the two, element-wise; the gradient goes to the smaller, split half and half on a
    /// tie (as PyTorch's `torch.minimum` does).
    public static func minimum(_ a: Tensor, _ b: Tensor) -> Tensor {
        var out = broadcastMap(a, b, operation: "minimum") { Swift.min($0, $1) }
        if isRecording(a, b) {
            out.record(a, b) { g in
                let takeA = broadcastMap(a, b, operation: "minimum") { $0 < $1 ? 1 : $0 == $1 ? 0.5 : 0 }
                return [(g * takeA).sumToShape(a.shape), (g * (1 - takeA)).sumToShape(b.shape)]
            }
        }
        return out
    }

    /// Picks `a` where `condition` is non-zero and `b` elsewhere (all three broadcast together). Unlike
    /// `a * mask + b * (1 - mask)`, an infinity in the branch not taken cannot leak in as NaN.
    public static func `where`(_ condition: Tensor, _ a: Tensor, _ b: Tensor) -> Tensor {
        let shape = broadcastShape(broadcastShape(condition.shape, a.shape, operation: "where"), b.shape, operation: "where")
        let mask = condition.expanded(to: shape)
        let (left, right) = (a.expanded(to: shape), b.expanded(to: shape))
        var out = Tensor(uninitializedShape: shape)
        let (pm, pa, pb, po) = (mask.storage.base, left.storage.base, right.storage.base, out.storage.base)
        for i in 0..<out.count { po[i] = pm[i] != 0 ? pa[i] : pb[i] }
        if isRecording(a, b) {
            out.record(a, b) { g in
                let toA = map(mask) { $0 != 0 ? 1 : 0 }
                return [(g * toA).sumToShape(a.shape), (g * (1 - toA)).sumToShape(b.shape)]
            }
        }
        return out
    }

    /// The values repeated along broadcast dimensions to fill `shape` (not recorded).
    func expanded(to shape: [Int]) -> Tensor {
        if self.shape == shape { return self }
        return broadcastMap(Tensor.zeros(shape), self, operation: "expand") { $1 }
    }

    // A scalar on either side is a constant: no rank-0 tensor, no broadcast, and a backward that computes only
    // the tensor's gradient. The arithmetic is that of the broadcast operations above, so the bytes are too
    // (an optimizer's `lr * velocity` is one loop).

    /// Adds a scalar to every element.
    public static func + (a: Tensor, b: Float) -> Tensor {
        var out = map(a) { $0 + b }
        if isRecording(a) { out.record(a) { g in [g] } }
        return out
    }
    /// Adds a scalar to every element.
    public static func + (a: Float, b: Tensor) -> Tensor {
        var out = map(b) { a + $0 }
        if isRecording(b) { out.record(b) { g in [g] } }
        return out
    }
    /// Subtracts a scalar from every element.
    public static func - (a: Tensor, b: Float) -> Tensor {
        var out = map(a) { $0 - b }
        if isRecording(a) { out.record(a) { g in [g] } }
        return out
    }
    /// Subtracts every element from a scalar.
    public static func - (a: Float, b: Tensor) -> Tensor {
        var out = map(b) { a - $0 }
        if isRecording(b) { out.record(b) { g in [map(g) { -$0 }] } }
        return out
    }
    /// Multiplies every element by a scalar.
    public static func * (a: Tensor, b: Float) -> Tensor {
        var out = map(a) { $0 * b }
        if isRecording(a) { out.record(a) { g in [map(g) { $0 * b }] } }
        return out
    }
    /// Multiplies every element by a scalar.
    public static func * (a: Float, b: Tensor) -> Tensor {
        var out = map(b) { a * $0 }
        if isRecording(b) { out.record(b) { g in [map(g) { a * $0 }] } }
        return out
    }
    /// Divides every element by a scalar.
    public static func / (a: Tensor, b: Float) -> Tensor {
        var out = map(a) { $0 / b }
        if isRecording(a) { out.record(a) { g in [map(g) { $0 / b }] } }
        return out
    }
    /// Divides a scalar by every element.
    public static func / (a: Float, b: Tensor) -> Tensor { Tensor(a) / b }

    /// Adds `b` into `a`. Outside `noGrad`, on tensors that require gradients, this records `a + b` and `a`
    /// becomes the result; otherwise it writes into `a`'s storage and `a` keeps its identity as a parameter.
    public static func += (a: inout Tensor, b: Tensor) { a.update(b, operation: "add", +) { $0 + $1 } }
    /// Subtracts `b` from `a`, in place when nothing is recorded (see `+=`).
    public static func -= (a: inout Tensor, b: Tensor) { a.update(b, operation: "subtract", -) { $0 - $1 } }
    /// Multiplies `a` by `b`, in place when nothing is recorded (see `+=`).
    public static func *= (a: inout Tensor, b: Tensor) { a.update(b, operation: "multiply", *) { $0 * $1 } }
    /// Divides `a` by `b`, in place when nothing is recorded (see `+=`).
    public static func /= (a: inout Tensor, b: Tensor) { a.update(b, operation: "divide", /) { $0 / $1 } }
    /// Multiplies `a` by a scalar, in place when nothing is recorded (see `+=`).
    public static func *= (a: inout Tensor, b: Float) {
        if isRecording(a) {
            a = a * Tensor(b)
            return
        }
        // A momentum buffer's decay, once per parameter per step: no scalar tensor, no broadcast.
        a.makeUnique()
        let p = a.storage.base
        for i in 0..<a.count { p[i] *= b }
    }

    @inline(__always)
    private mutating func update(_ other: Tensor, operation: String, _ recorded: (Tensor, Tensor) -> Tensor,
                                 _ f: (Float, Float) -> Float) {
        if Tensor.isRecording(self, other) {
            self = recorded(self, other)
            return
        }
        let shape = self.shape == other.shape ? self.shape : broadcastShape(self.shape, other.shape, operation: operation)
        precondition(shape == self.shape, "\(operation) in place: shape \(other.shape) does not broadcast into \(self.shape)")
        // Written straight into this tensor's storage: an optimizer's update makes no temporary.
        makeUnique()
        broadcastApply(self, other, shape: shape, into: storage.base, f)
    }

    /// Negation.
    public static prefix func - (x: Tensor) -> Tensor {
        var out = map(x) { -$0 }
        if isRecording(x) { out.record(x) { g in [-g] } }
        return out
    }
}
