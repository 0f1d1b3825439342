import Foundation

// Batch normalization as a function, and dropout. The layers of the training stack keep the running
// statistics and the generator; these functions only compute.

/// Per-channel statistics of a batch, as returned by `batchNorm` in training.
public struct BatchStatistics {
    /// The mean of each channel over the batch (and over height and width).
    public var mean: Tensor
    /// The unbiased variance (divided by count − 1) of each channel: what PyTorch blends into its running
    /// variance, while the normalization itself divides by the biased one.
    public var unbiasedVariance: Tensor
}

/// Normalizes `x` ([n, c] or [n, c, h, w]) per channel with the batch's own mean and (biased) variance, then
/// scales by `weight` (γ) and shifts by `bias` (β), as PyTorch's `batch_norm` in training mode. Returns the
/// output and the batch statistics, from which a layer updates its running estimates.
public func batchNorm(_ x: Tensor, weight: Tensor?, bias: Tensor?, eps: Float = 1e-5) -> (output: Tensor, statistics: BatchStatistics) {
    normalizeBatch(x, weight: weight, bias: bias, eps: eps, relu: false)
}

/// `batchNorm(x, …)` followed by `relu()` as one operation, with the same values and gradients to the last bit:
/// the clamp is applied as each value is written, and the backward masks the gradient as it reads it, so
/// neither ReLU's output pass nor its mask pass goes over memory. `BatchNorm1d` and `BatchNorm2d` run this
/// when `Sequential` finds them followed by `ReLU`.
public func batchNormReLU(_ x: Tensor, weight: Tensor?, bias: Tensor?, eps: Float = 1e-5) -> (output: Tensor, statistics: BatchStatistics) {
    normalizeBatch(x, weight: weight, bias: bias, eps: eps, relu: true)
}

/// The training-mode batch norm, then ReLU if `relu`. Channels are independent, so they are split between the
/// two threads; each channel's arithmetic is the same whichever thread runs it. The normalized input h is
/// not kept for the backward pass: it is recomputed there from x with the same two operations, which costs
/// less than writing it and reading it back.
private func normalizeBatch(_ x: Tensor, weight: Tensor?, bias: Tensor?, eps: Float, relu: Bool) -> (output: Tensor, statistics: BatchStatistics) {
    let (n, c, spatial) = channelLayout(x, weight: weight, bias: bias, operation: relu ? "batchNormReLU" : "batchNorm")
    let m = n * spatial
    precondition(m > 1, "batchNorm: training needs more than one value per channel, got shape \(x.shape)")
    var mean = [Float](repeating: 0, count: c)
    var inverseStd = [Float](repeating: 0, count: c)
    var unbiased = [Float](repeating: 0, count: c)
    var out = Tensor(uninitializedShape: x.shape)
    let (px, po) = (UnsafePointer(x.storage.base), out.storage.base)
    let (pw, pb) = (weight.map { UnsafePointer($0.storage.base) }, bias.map { UnsafePointer($0.storage.base) })
    mean.withUnsafeMutableBufferPointer { meanOut in
        inverseStd.withUnsafeMutableBufferPointer { invStdOut in
            unbiased.withUnsafeMutableBufferPointer { unbiasedOut in
                Parallel.split(c, work: 3 * x.count) { channels in
                    for channel in channels {
                        @inline(__always) func row(_ b: Int) -> UnsafePointer<Float> { px + (b * c + channel) * spatial }
                        var sum = 0.0
                        rowLaneSums(rows: n, count: spatial, { b, i in (SIMD8<Double>(load8(row(b) + i)), SIMD8<Double>()) },
                                    { b, i in (Double(row(b)[i]), 0) }) { sum += $1.0 }
                        let mu = sum / Double(m)
                        var squares = 0.0
                        rowLaneSums(rows: n, count: spatial, { b, i in let d = SIMD8<Double>(load8(row(b) + i)) - mu; return (d * d, SIMD8<Double>()) },
                                    { b, i in let d = Double(row(b)[i]) - mu; return (d * d, 0) }) { squares += $1.0 }
                        let variance = squares / Double(m)
                        let invStd = Float(1 / (variance + Double(eps)).squareRoot())
                        let (gamma, beta) = (pw?[channel] ?? 1, pb?[channel] ?? 0)
                        let meanF = Float(mu)
                        for b in 0..<n {
                            let offset = (b * c + channel) * spatial
                            normalizeRow(px + offset, into: po + offset, count: spatial, mean: meanF, invStd: invStd,
                                         gamma: gamma, beta: beta, relu: relu)
                        }
                        (meanOut[channel], invStdOut[channel], unbiasedOut[channel]) = (meanF, invStd, Float(squares / Double(m - 1)))
                    }
                }
            }
        }
    }
    let inputs = [x] + (weight.map { [$0] } ?? []) + (bias.map { [$0] } ?? [])
    if Tensor.isRecording(inputs) {
        let result = relu ? out.detach() : nil
        out.record(inputs) { grad in
            // With h the normalized input: dβ = Σg, dγ = Σ g·h, dx = γ·invStd/m · (m·g − dβ − h·dγ); g is
            // first masked where the output is not positive when ReLU followed.
            let dx = Tensor(uninitializedShape: x.shape)
            var dGamma = [Float](repeating: 0, count: c), dBeta = [Float](repeating: 0, count: c)
            let (pg, pd) = (UnsafePointer(grad.storage.base), dx.storage.base)
            let pr = result.map { UnsafePointer($0.storage.base) }
            dGamma.withUnsafeMutableBufferPointer { dGammaOut in
                dBeta.withUnsafeMutableBufferPointer { dBetaOut in
                    Parallel.split(c, work: 4 * x.count) { channels in
                        for channel in channels {
                            let (meanF, invStd) = (mean[channel], inverseStd[channel])
                            @inline(__always) func g8(_ offset: Int) -> SIMD8<Float> {
                                guard let pr else { return load8(pg + offset) }
                                return load8(pg + offset).replacing(with: 0, where: .!(load8(pr + offset) .> 0))
                            }
                            @inline(__always) func g1(_ offset: Int) -> Float {
                                guard let pr else { return pg[offset] }
                                return pr[offset] > 0 ? pg[offset] : 0
                            }
                            @inline(__always) func h8(_ offset: Int) -> SIMD8<Float> { (load8(px + offset) - meanF) * invStd }
                            @inline(__always) func h1(_ offset: Int) -> Float { (px[offset] - meanF) * invStd }
                            var sumG = 0.0, sumGH = 0.0
                            rowLaneSums(rows: n, count: spatial, { b, i in
                                let (g, h) = (g8((b * c + channel) * spatial + i), h8((b * c + channel) * spatial + i))
                                return (SIMD8<Double>(g), SIMD8<Double>(g * h))
                            }, { b, i in
                                let (g, h) = (g1((b * c + channel) * spatial + i), h1((b * c + channel) * spatial + i))
                                return (Double(g), Double(g * h))
                            }) { _, sums in
                                sumG += sums.0
                                sumGH += sums.1
                            }
                            (dBetaOut[channel], dGammaOut[channel]) = (Float(sumG), Float(sumGH))
                            let gamma = pw?[channel] ?? 1
                            let scale = gamma * invStd / Float(m)
                            let (db, dg, mf) = (Float(sumG), Float(sumGH), Float(m))
                            for b in 0..<n {
                                let offset = (b * c + channel) * spatial
                                var i = 0
                                while i + 8 <= spatial {
                                    store8(scale * (mf * g8(offset + i) - db - h8(offset + i) * dg), pd + offset + i)
                                    i += 8
                                }
                                while i < spatial { pd[offset + i] = scale * (mf * g1(offset + i) - db - h1(offset + i) * dg); i += 1 }
                            }
                        }
                    }
                }
            }
            var result: [Tensor?] = [dx]
            if weight != nil { result.append(Tensor(dGamma)) }
            if bias != nil { result.append(Tensor(dBeta)) }
            return result
        }
    }
    return (out, BatchStatistics(mean: Tensor(mean), unbiasedVariance: Tensor(unbiased)))
}

/// Two sums, `laneSum` of each, over each of `rows` rows of `count` terms, handed to `each` in row order: the
/// same sums to the last bit as calling `laneSum` row by row, but four rows at a time. One row's sum is one
/// chain of dependent vector additions (four cycles each for eight terms); four rows are independent chains,
/// and run about as fast as one while memory keeps up.
@inline(__always)
private func rowLaneSums(rows: Int, count: Int, _ terms: (_ row: Int, _ first: Int) -> (SIMD8<Double>, SIMD8<Double>),
                         _ term: (_ row: Int, _ index: Int) -> (Double, Double), _ each: (_ row: Int, _ sums: (Double, Double)) -> Void) {
    var r = 0
    while r < rows {
        let group = Swift.min(4, rows - r)
        var lanes = ((SIMD8<Double>(), SIMD8<Double>()), (SIMD8<Double>(), SIMD8<Double>()),
                     (SIMD8<Double>(), SIMD8<Double>()), (SIMD8<Double>(), SIMD8<Double>()))
        var i = 0
        if group == 4 {
            while i + 8 <= count {
                let (t0, t1, t2, t3) = (terms(r, i), terms(r + 1, i), terms(r + 2, i), terms(r + 3, i))
                lanes.0.0 += t0.0; lanes.0.1 += t0.1
                lanes.1.0 += t1.0; lanes.1.1 += t1.1
                lanes.2.0 += t2.0; lanes.2.1 += t2.1
                lanes.3.0 += t3.0; lanes.3.1 += t3.1
                i += 8
            }
        } else {
            while i + 8 <= count {
                let t0 = terms(r, i)
                lanes.0.0 += t0.0; lanes.0.1 += t0.1
                if group > 1 { let t1 = terms(r + 1, i); lanes.1.0 += t1.0; lanes.1.1 += t1.1 }
                if group > 2 { let t2 = terms(r + 2, i); lanes.2.0 += t2.0; lanes.2.1 += t2.1 }
                i += 8
            }
        }
        for k in 0..<group {
            let row = k == 0 ? lanes.0 : k == 1 ? lanes.1 : k == 2 ? lanes.2 : lanes.3
            var total = (row.0.sum(), row.1.sum())
            var j = i
            while j < count {
                let t = term(r + k, j)
                total.0 += t.0
                total.1 += t.1
                j += 1
            }
            each(r + k, total)
        }
        r += group
    }
}

/// One row of a channel: `(x − mean)·invStd·γ + β`, clamped at zero if `relu` (as `relu()` clamps).
@inline(__always)
private func normalizeRow(_ x: UnsafePointer<Float>, into out: UnsafeMutablePointer<Float>, count: Int, mean: Float, invStd: Float,
                          gamma: Float, beta: Float, relu: Bool) {
    var i = 0
    while i + 8 <= count {
        let v = (load8(x + i) - mean) * invStd * gamma + beta
        store8(relu ? v.replacing(with: 0, where: .!(v .> 0)) : v, out + i)
        i += 8
    }
    while i < count {
        let v = (x[i] - mean) * invStd * gamma + beta
        out[i] = relu ? (v > 0 ? v : 0) : v
        i += 1
    }
}

/// Normalizes `x` per channel with given statistics (a layer's running mean and variance), as PyTorch's
/// `batch_norm` in evaluation mode.
public func batchNorm(_ x: Tensor, mean: Tensor, variance: Tensor, weight: Tensor?, bias: Tensor?, eps: Float = 1e-5) -> Tensor {
    normalize(x, mean: mean, variance: variance, weight: weight, bias: bias, eps: eps, relu: false)
}

/// `batchNorm(x, mean:variance:…)` followed by `relu()` as one operation, with the same values and gradients.
public func batchNormReLU(_ x: Tensor, mean: Tensor, variance: Tensor, weight: Tensor?, bias: Tensor?, eps: Float = 1e-5) -> Tensor {
    normalize(x, mean: mean, variance: variance, weight: weight, bias: bias, eps: eps, relu: true)
}

/// Evaluation-mode batch norm, then ReLU if `relu`. Unrecorded (evaluation), it is one pass per channel, split
/// between the threads, with the operations of the recorded form: ((x − mean) / √(variance + eps))·γ + β.
private func normalize(_ x: Tensor, mean: Tensor, variance: Tensor, weight: Tensor?, bias: Tensor?, eps: Float, relu: Bool) -> Tensor {
    let (n, c, spatial) = channelLayout(x, weight: weight, bias: bias, operation: relu ? "batchNormReLU" : "batchNorm")
    precondition(mean.shape == [c] && variance.shape == [c],
                 "batchNorm: statistics of shapes \(mean.shape) and \(variance.shape) do not match input of shape \(x.shape)")
    guard !Tensor.isRecording([x, mean, variance] + [weight, bias].compactMap { $0 }) else {
        let statShape = [1, c] + Array(repeating: 1, count: x.rank - 2)
        var y = (x - mean.reshape(statShape)) / (variance.reshape(statShape) + eps).sqrt()
        if let weight { y = y * weight.reshape(statShape) }
        if let bias { y = y + bias.reshape(statShape) }
        return relu ? y.relu() : y
    }
    let out = Tensor(uninitializedShape: x.shape)
    let (px, po, pm, pv) = (UnsafePointer(x.storage.base), out.storage.base, UnsafePointer(mean.storage.base), UnsafePointer(variance.storage.base))
    let (pw, pb) = (weight.map { UnsafePointer($0.storage.base) }, bias.map { UnsafePointer($0.storage.base) })
    Parallel.split(c, work: x.count) { channels in
        for channel in channels {
            let (mu, std) = (pm[channel], (pv[channel] + eps).squareRoot())
            for b in 0..<n {
                let (source, target) = (px + (b * c + channel) * spatial, po + (b * c + channel) * spatial)
                // The multiplications and additions only where the recorded form has them (a missing γ or β
                // is no operation, not × 1 or + 0, which would turn −0 into +0).
                @inline(__always) func value(_ v: SIMD8<Float>) -> SIMD8<Float> {
                    var y = (v - mu) / std
                    if let pw { y = y * pw[channel] }
                    if let pb { y = y + pb[channel] }
                    return relu ? y.replacing(with: 0, where: .!(y .> 0)) : y
                }
                var i = 0
                while i + 8 <= spatial { store8(value(load8(source + i)), target + i); i += 8 }
                while i < spatial {
                    var y = (source[i] - mu) / std
                    if let pw { y = y * pw[channel] }
                    if let pb { y = y + pb[channel] }
                    target[i] = relu ? (y > 0 ? y : 0) : y
                    i += 1
                }
            }
        }
    }
    return out
}

private func channelLayout(_ x: Tensor, weight: Tensor?, bias: Tensor?, operation: String) -> (n: Int, c: Int, spatial: Int) {
    precondition(x.rank == 2 || x.rank == 4, "\(operation): expects input [n, c] or [n, c, h, w], got shape \(x.shape)")
    let c = x.shape[1]
    for p in [weight, bias].compactMap({ $0 }) {
        precondition(p.shape == [c], "\(operation): parameter of shape \(p.shape) does not match input of shape \(x.shape) (expects [\(c)])")
    }
    return (x.shape[0], c, x.rank == 4 ? x.shape[2] * x.shape[3] : 1)
}

/// Zeroes each element with probability `p` and scales the rest by 1/(1 − p), in training only (inverted
/// dropout, as PyTorch); the mask is drawn from `generator`, so a seed fixes it.
public func dropout<G: RandomNumberGenerator>(_ x: Tensor, probability p: Float, training: Bool = true,
                                              using generator: inout G) -> Tensor {
    precondition(p >= 0 && p <= 1, "dropout: probability \(p) is outside [0, 1]")
    if !training || p == 0 { return x }
    if p == 1 { return x * 0 }
    let keep = 1 / (1 - p)
    var mask = Tensor(uninitializedShape: x.shape)
    mask.withUnsafeMutableBufferPointer { m in for i in 0..<m.count { m[i] = generator.nextUnitFloat() >= p ? keep : 0 } }
    return x * mask
}
