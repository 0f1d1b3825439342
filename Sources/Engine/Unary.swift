import Foundation

// Element-wise functions of one tensor, each with its derivative beside it.

extension Tensor {
    /// e raised to each element.
    public func exp() -> Tensor {
        var out = Tensor(uninitializedShape: shape)
        Elementary.apply(Elementary.exp, storage.base, into: out.storage.base, count: count)
        if Tensor.isRecording(self) {
            let result = out.detach()
            out.record(self) { g in [g * result] }
        }
        return out
    }

    /// Natural logarithm of each element (−inf at 0, NaN below).
    public func log() -> Tensor {
        var out = Tensor(uninitializedShape: shape)
        Elementary.apply(Elementary.log, storage.base, into: out.storage.base, count: count)
        if Tensor.isRecording(self) { out.record(self) { g in [g / self] } }
        return out
    }

    /// Square root of each element.
    public func sqrt() -> Tensor {
        var out = map(self) { $0.squareRoot() }
        if Tensor.isRecording(self) {
            let result = out.detach()
            out.record(self) { g in [g / (2 * result)] }
        }
        return out
    }

    /// Absolute value of each element (gradient 0 at 0, like PyTorch).
    public func abs() -> Tensor {
        var out = map(self) { Swift.abs($0) }
        if Tensor.isRecording(self) { out.record(self) { g in [g * map(self) { $0 > 0 ? 1 : ($0 < 0 ? -1 : 0) }] } }
        return out
    }

    /// Each element raised to a constant power.
    public func pow(_ exponent: Float) -> Tensor {
        var out: Tensor
        if exponent == 2 { out = map(self) { $0 * $0 } } else { out = map(self) { Foundation.pow($0, exponent) } }
        if Tensor.isRecording(self) {
            out.record(self) { g in
                [g * map(self) { exponent == 0 ? 0 : exponent * Foundation.pow($0, exponent - 1) }]
            }
        }
        return out
    }

    /// Each element limited to [`min`, `max`]; the gradient passes only where the element was inside.
    public func clamp(min low: Float = -.infinity, max high: Float = .infinity) -> Tensor {
        precondition(low <= high, "clamp: min \(low) is greater than max \(high)")
        var out = map(self) { Swift.min(Swift.max($0, low), high) }
        if Tensor.isRecording(self) {
            out.record(self) { g in [g * map(self) { $0 >= low && $0 <= high ? 1 : 0 }] }
        }
        return out
    }

    /// max(x, 0) element-wise (gradient 0 at 0, like PyTorch).
    public func relu() -> Tensor {
        var out = Tensor(uninitializedShape: shape)
        clampAtZero(storage.base, into: out.storage.base, count: count)
        if Tensor.isRecording(self) {
            let result = out.detach()
            out.record(self) { (g: consuming Tensor) -> [Tensor?] in
                var g = g
                g.mask(where: result)
                return [g]
            }
        }
        return out
    }

    /// x for x > 0, `negativeSlope`·x otherwise.
    public func leakyRelu(negativeSlope: Float = 0.01) -> Tensor {
        var out = map(self) { $0 > 0 ? $0 : negativeSlope * $0 }
        if Tensor.isRecording(self) {
            out.record(self) { g in [broadcastMap(g, self, operation: "leakyRelu") { $1 > 0 ? $0 : negativeSlope * $0 }] }
        }
        return out
    }

    /// 1 / (1 + e^−x), computed without overflow for large |x|.
    public func sigmoid() -> Tensor {
        // e^−|x| never overflows: 1 / (1 + e^−x) for x ≥ 0, e^x / (1 + e^x) below.
        var out = Tensor(uninitializedShape: shape)
        Elementary.apply({ x in
            let e = Elementary.exp(x.replacing(with: -x, where: x .> 0))
            return (1 / (1 + e)).replacing(with: e / (1 + e), where: x .< 0)
        }, storage.base, into: out.storage.base, count: count)
        if Tensor.isRecording(self) {
            let s = out.detach()
            out.record(self) { g in [broadcastMap(g, s, operation: "sigmoid") { $0 * $1 * (1 - $1) }] }
        }
        return out
    }

    /// Hyperbolic tangent.
    public func tanh() -> Tensor {
        var out = map(self) { Foundation.tanh($0) }
        if Tensor.isRecording(self) {
            let t = out.detach()
            out.record(self) { g in [broadcastMap(g, t, operation: "tanh") { $0 * (1 - $1 * $1) }] }
        }
        return out
    }

    // Comparisons give 1 where true and 0 where false, with broadcasting; they have no gradient.

    /// 1 where `a > b`.
    public static func .> (a: Tensor, b: Tensor) -> Tensor { broadcastMap(a, b, operation: ".>") { $0 > $1 ? 1 : 0 } }
    /// 1 where `a < b`.
    public static func .< (a: Tensor, b: Tensor) -> Tensor { broadcastMap(a, b, operation: ".<") { $0 < $1 ? 1 : 0 } }
    /// 1 where `a >= b`.
    public static func .>= (a: Tensor, b: Tensor) -> Tensor { broadcastMap(a, b, operation: ".>=") { $0 >= $1 ? 1 : 0 } }
    /// 1 where `a <= b`.
    public static func .<= (a: Tensor, b: Tensor) -> Tensor { broadcastMap(a, b, operation: ".<=") { $0 <= $1 ? 1 : 0 } }
    /// 1 where `a == b`.
    public static func .== (a: Tensor, b: Tensor) -> Tensor { broadcastMap(a, b, operation: ".==") { $0 == $1 ? 1 : 0 } }
    /// 1 where `a > b`.
    public static func .> (a: Tensor, b: Float) -> Tensor { a .> Tensor(b) }
    /// 1 where `a < b`.
    public static func .< (a: Tensor, b: Float) -> Tensor { a .< Tensor(b) }
}
