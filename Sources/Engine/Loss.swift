import Foundation

// Softmax, log-softmax and the losses. Log-softmax subtracts the row maximum m before exponentiating, so logits
// of ±1000 give finite results, and cross-entropy never takes log(0); it returns (x − m) − log Σ exp(x − m), the
// subtraction first, as PyTorch does: x − (m + log Σ …) rounds m + log Σ … to Float first, which at logits near
// 1000 keeps only four decimals of the log (−0.31323 for −0.31326).

extension Tensor {
    /// e^x / Σ e^x along `axis` (the last by default), computed as exp(logSoftmax(x)).
    public func softmax(axis: Int = -1) -> Tensor {
        let a = normalizedAxis(axis, operation: "softmax")
        var out = noGrad { self.logSoftmax(axis: a).exp() }
        if Tensor.isRecording(self) {
            let s = out.detach()
            out.record(self) { g in [s * (g - (g * s).sum(axis: a, keepDims: true))] }
        }
        return out
    }

    /// log(softmax(x)) along `axis`, computed as (x − m) − log Σ exp(x − m) with m the largest x, so that it stays
    /// finite and keeps its digits for large logits.
    public func logSoftmax(axis: Int = -1) -> Tensor {
        let a = normalizedAxis(axis, operation: "logSoftmax")
        let (outer, n, inner) = split(at: a)
        precondition(n > 0, "logSoftmax: axis \(axis) of shape \(shape) is empty")
        // Per row, m is its first largest value (0 if it is infinite), and the result (x − m) − log Σ exp(x − m),
        // summed in column order. Rather than the composed `self - logSumExp(…)`, whose six temporaries and
        // nodes cost more than the arithmetic on a classifier's few columns, each step runs over all rows
        // before the next: the exponentials and logarithms then fill whole vectors even when a row has three
        // values. Rows along an inner axis are gathered into contiguous ones first.
        var out = Tensor(uninitializedShape: shape)
        if inner == 1 {
            logSoftmaxRows(storage.base, into: out.storage.base, rows: outer, width: n)
        } else {
            let moved = detach().reshape([outer, n, inner]).permute([0, 2, 1])
            var rows = Tensor(uninitializedShape: moved.shape)
            logSoftmaxRows(moved.storage.base, into: rows.storage.base, rows: outer * inner, width: n)
            rows.shape = [outer, inner, n]
            out = rows.permute([0, 2, 1]).reshape(shape)
        }
        if Tensor.isRecording(self) {
            let logP = out.detach()
            out.record(self) { g in [g - logP.exp() * g.sum(axis: a, keepDims: true)] }
        }
        return out
    }
}

/// Log-softmax of `rows` contiguous rows of `width` values from `x` into `y`: per row, m is its first largest
/// value (0 if it is infinite), and the result (x − m) − ln Σ exp(x − m), summed in column order.
///
/// Rows narrower than two vectors (a classifier's three or ten classes) are first copied column by column
/// into scratch space, so that every later step runs over whole vectors of rows: per-row loops over three
/// values spent most of their time on loop control. Wider rows, or fewer than eight, go row by row. Each
/// row's arithmetic is the same in the same order either way.
private func logSoftmaxRows(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
    if width < 16 && rows >= 8 {
        logSoftmaxColumns(x, into: y, rows: rows, width: width)
        return
    }
    withUnsafeTemporaryAllocation(of: Float.self, capacity: 2 * rows) { scratch in
        let (shifts, totals) = (scratch.baseAddress!, scratch.baseAddress! + rows)
        for r in 0..<rows {
            let row = x + r * width
            var shift = row[0]
            for j in 1..<width where row[j] > shift { shift = row[j] }
            shifts[r] = shift.isFinite ? shift : 0
            for j in 0..<width { y[r * width + j] = row[j] - shifts[r] }
        }
        Elementary.apply(Elementary.exp, y, into: y, count: rows * width)
        for r in 0..<rows {
            var total: Float = 0
            for j in 0..<width { total += y[r * width + j] }
            totals[r] = total
        }
        Elementary.apply(Elementary.log, totals, into: totals, count: rows)
        for r in 0..<rows {
            for j in 0..<width { y[r * width + j] = (x[r * width + j] - shifts[r]) - totals[r] }
        }
    }
}

/// `logSoftmaxRows` with the rows copied column by column: column j of the rows starts at j · `stride`,
/// the stride padded to whole vectors.
private func logSoftmaxColumns(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
    let stride = roundUp(rows, 8)
    let needed = (width + 2) * stride
    // Scratch space from the thread's workspace up to 64 K floats (a training batch), so that the workspace
    // never keeps more than 256 KB; a larger evaluation batch gets its own allocation, freed after.
    guard needed <= 65_536 else {
        let scratch = UnsafeMutablePointer<Float>.allocate(capacity: needed)
        defer { scratch.deallocate() }
        logSoftmaxColumns(x, into: y, rows: rows, width: width, stride: stride, scratch: scratch)
        return
    }
    logSoftmaxColumns(x, into: y, rows: rows, width: width, stride: stride, scratch: ThreadContext.withCurrent { $0.lossScratch.reserve(needed) })
}

/// `logSoftmaxColumns` with `scratch` space for (`width` + 2) · `stride` floats.
private func logSoftmaxColumns(_ x: UnsafePointer<Float>, into y: UnsafeMutablePointer<Float>, rows: Int, width: Int, stride: Int,
                               scratch columns: UnsafeMutablePointer<Float>) {
    let (shifts, totals) = (columns + width * stride, columns + (width + 1) * stride)
    // The row loops below run with the width a constant for the usual classifier widths, so that their
    // inner loops unroll: a loop over three values per row was most of the time of a [300, 3] input.
    @inline(__always) func copyIn(_ width: Int) {
        for r in 0..<rows {
            for j in 0..<width { columns[j &* stride &+ r] = x[r &* width &+ j] }
        }
    }
    @inline(__always) func writeOut(_ width: Int) {
        for r in 0..<rows {
            for j in 0..<width { y[r &* width &+ j] = (x[r &* width &+ j] - shifts[r]) - totals[r] }
        }
    }
    switch width {
    case 2: copyIn(2)
    case 3: copyIn(3)
    case 4: copyIn(4)
    case 10: copyIn(10)
    default: copyIn(width)
    }
    for r in rows..<stride {
        for j in 0..<width { columns[j &* stride &+ r] = 0 }
    }
    for r in Swift.stride(from: 0, to: stride, by: 8) {
        var shift = load8(columns + r)
        for j in 1..<width {
            let v = load8(columns + j * stride + r)
            shift.replace(with: v, where: v .> shift)
        }
        // An infinite or NaN maximum shifts by 0, so ±inf and NaN pass through as they are.
        shift.replace(with: 0, where: .!((shift - shift) .== 0))
        store8(shift, shifts + r)
        for j in 0..<width { store8(load8(columns + j * stride + r) - shift, columns + j * stride + r) }
    }
    Elementary.apply(Elementary.exp, columns, into: columns, count: width * stride)
    for r in Swift.stride(from: 0, to: stride, by: 8) {
        var total = SIMD8<Float>()
        for j in 0..<width { total += load8(columns + j * stride + r) }
        store8(total, totals + r)
    }
    Elementary.apply(Elementary.log, totals, into: totals, count: rows)
    switch width {
    case 2: writeOut(2)
    case 3: writeOut(3)
    case 4: writeOut(4)
    case 10: writeOut(10)
    default: writeOut(width)
    }
}

/// The mean cross-entropy between softmax(`logits`) ([n, c]) and integer class `labels` (n of them in 0..<c),
/// as PyTorch's `cross_entropy`. With `labelSmoothing` ε the target is (1 − ε)·one-hot + ε/c.
public func crossEntropy(logits: Tensor, labels: [Int], labelSmoothing: Float = 0) -> Tensor {
    precondition(logits.rank == 2 && logits.shape[0] == labels.count,
                 "crossEntropy: logits of shape \(logits.shape) do not match \(labels.count) labels (expects [\(labels.count), classes])")
    precondition(labelSmoothing >= 0 && labelSmoothing <= 1, "crossEntropy: label smoothing \(labelSmoothing) is outside [0, 1]")
    let (n, c) = (logits.shape[0], logits.shape[1])
    for label in labels { precondition(label >= 0 && label < c, "crossEntropy: label \(label) is out of range for \(c) classes") }
    let logP = noGrad { logits.logSoftmax(axis: 1) }
    // Σ over rows of −(1 − ε)·log p[label] − (ε/c)·Σ_j log p[j], then the mean over rows.
    var total = 0.0
    logP.withUnsafeBufferPointer { p in
        for (i, label) in labels.enumerated() {
            var row = 0.0
            if labelSmoothing > 0 { for j in 0..<c { row += Double(p[i * c + j]) } }
            total -= Double(1 - labelSmoothing) * Double(p[i * c + label]) + Double(labelSmoothing) / Double(c) * row
        }
    }
    var out = Tensor(Float(total / Double(Swift.max(n, 1))))
    if Tensor.isRecording(logits) {
        let shape = logits.shape
        out.record(logits) { g in
            // d/dlogits = (softmax − target) / n, with softmax = exp(log p) (no tensor of probabilities).
            // Not the forward's exp(x − m)/Σ reused: it differs in the last bit, enough to change a lesson's
            // result (docs/engine.md).
            let grad = Tensor(uninitializedShape: shape)
            let (p, d) = (logP.storage.base, grad.storage.base)
            let (scale, spread) = (g.item / Float(Swift.max(n, 1)), labelSmoothing / Float(c))
            Elementary.apply(Elementary.exp, p, into: d, count: n * c)
            for i in 0..<(n * c) { d[i] = (d[i] - spread) * scale }
            for (i, label) in labels.enumerated() { d[i * c + label] -= (1 - labelSmoothing) * scale }
            return [grad]
        }
    }
    return out
}

/// The mean negative log-likelihood of `labels` under `logProbabilities` ([n, c]), as PyTorch's `nll_loss`.
public func nllLoss(logProbabilities: Tensor, labels: [Int]) -> Tensor {
    precondition(logProbabilities.rank == 2 && logProbabilities.shape[0] == labels.count,
                 "nllLoss: log-probabilities of shape \(logProbabilities.shape) do not match \(labels.count) labels")
    return -logProbabilities.gather(labels).mean()
}

/// The mean squared error between `prediction` and `target` (same shape), as PyTorch's `mse_loss`.
public func mseLoss(_ prediction: Tensor, _ target: Tensor) -> Tensor {
    precondition(prediction.shape == target.shape, "mseLoss: prediction of shape \(prediction.shape) and target of shape \(target.shape) differ")
    let difference = prediction - target
    return (difference * difference).mean()
}
