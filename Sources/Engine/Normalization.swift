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
    let (n, c, spatial) = channelLayout(x, weight: weight, bias: bias, operation: "batchNorm")
    let m = n * spatial
    precondition(m > 1, "batchNorm: training needs more than one value per channel, got shape \(x.shape)")
    var mean = [Float](repeating: 0, count: c)
    var inverseStd = [Float](repeating: 0, count: c)
    var unbiased = [Float](repeating: 0, count: c)
    var out = Tensor(uninitializedShape: x.shape)
    let normalized = Tensor(uninitializedShape: x.shape)
    let (px, po, pn) = (x.storage.base, out.storage.base, normalized.storage.base)
    for channel in 0..<c {
        var sum = 0.0
        for b in 0..<n {
            let row = UnsafePointer(px + (b * c + channel) * spatial)
            sum += laneSum(spatial, { SIMD8<Double>(load8(row + $0)) }, { Double(row[$0]) })
        }
        let mu = sum / Double(m)
        var squares = 0.0
        for b in 0..<n {
            let row = UnsafePointer(px + (b * c + channel) * spatial)
            squares += laneSum(spatial, { let d = SIMD8<Double>(load8(row + $0)) - mu; return d * d },
                               { let d = Double(row[$0]) - mu; return d * d })
        }
        let variance = squares / Double(m)
        let invStd = Float(1 / (variance + Double(eps)).squareRoot())
        let (gamma, beta) = (weight.map { $0.storage.base[channel] } ?? 1, bias.map { $0.storage.base[channel] } ?? 0)
        let meanF = Float(mu)
        for b in 0..<n {
            let offset = (b * c + channel) * spatial
            for i in 0..<spatial {
                let h = (px[offset + i] - meanF) * invStd
                pn[offset + i] = h
                po[offset + i] = h * gamma + beta
            }
        }
        (mean[channel], inverseStd[channel], unbiased[channel]) = (meanF, invStd, Float(squares / Double(m - 1)))
    }
    let inputs = [x] + (weight.map { [$0] } ?? []) + (bias.map { [$0] } ?? [])
    if Tensor.isRecording(inputs) {
        out.record(inputs) { grad in
            // With h the normalized input: dβ = Σg, dγ = Σ g·h, dx = γ·invStd/m · (m·g − dβ − h·dγ).
            let dx = Tensor(uninitializedShape: x.shape)
            var dGamma = [Float](repeating: 0, count: c), dBeta = [Float](repeating: 0, count: c)
            let (pg, pd, ph) = (grad.storage.base, dx.storage.base, normalized.storage.base)
            for channel in 0..<c {
                var sumG = 0.0, sumGH = 0.0
                for b in 0..<n {
                    let (g, h) = (UnsafePointer(pg + (b * c + channel) * spatial), UnsafePointer(ph + (b * c + channel) * spatial))
                    sumG += laneSum(spatial, { SIMD8<Double>(load8(g + $0)) }, { Double(g[$0]) })
                    sumGH += laneSum(spatial, { SIMD8<Double>(load8(g + $0) * load8(h + $0)) }, { Double(g[$0] * h[$0]) })
                }
                (dBeta[channel], dGamma[channel]) = (Float(sumG), Float(sumGH))
                let gamma = weight.map { $0.storage.base[channel] } ?? 1
                let scale = gamma * inverseStd[channel] / Float(m)
                let (db, dg, mf) = (Float(sumG), Float(sumGH), Float(m))
                for b in 0..<n {
                    let offset = (b * c + channel) * spatial
                    for i in 0..<spatial { pd[offset + i] = scale * (mf * pg[offset + i] - db - ph[offset + i] * dg) }
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

/// Normalizes `x` per channel with given statistics (a layer's running mean and variance), as PyTorch's
/// `batch_norm` in evaluation mode.
public func batchNorm(_ x: Tensor, mean: Tensor, variance: Tensor, weight: Tensor?, bias: Tensor?, eps: Float = 1e-5) -> Tensor {
    let (_, c, _) = channelLayout(x, weight: weight, bias: bias, operation: "batchNorm")
    precondition(mean.shape == [c] && variance.shape == [c],
                 "batchNorm: statistics of shapes \(mean.shape) and \(variance.shape) do not match input of shape \(x.shape)")
    let statShape = [1, c] + Array(repeating: 1, count: x.rank - 2)
    var y = (x - mean.reshape(statShape)) / (variance.reshape(statShape) + eps).sqrt()
    if let weight { y = y * weight.reshape(statShape) }
    if let bias { y = y + bias.reshape(statShape) }
    return y
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
