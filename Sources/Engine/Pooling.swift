// Max and average pooling over [n, c, h, w] inputs.

private func poolGeometry(_ input: Tensor, kernelSize: Int, stride: Int?, padding: Int, operation: String) -> WindowGeometry {
    precondition(input.rank == 4, "\(operation): expects input [n, c, h, w], got shape \(input.shape)")
    let stride = stride ?? kernelSize
    precondition(kernelSize >= 1 && stride >= 1 && padding >= 0 && 2 * padding <= kernelSize,
                 "\(operation): kernel \(kernelSize), stride \(stride), padding \(padding) are invalid (padding at most half the kernel)")
    let g = WindowGeometry(batch: input.shape[0], channels: input.shape[1], height: input.shape[2], width: input.shape[3],
                           kernelHeight: kernelSize, kernelWidth: kernelSize, stride: stride, padding: padding)
    precondition(g.outHeight >= 1 && g.outWidth >= 1, "\(operation): kernel \(kernelSize) does not fit input of shape \(input.shape)")
    return g
}

/// The maximum of each `kernelSize`×`kernelSize` window (stride defaults to the kernel size); padding counts
/// as −∞. The gradient goes to the first maximum of each window, as in PyTorch.
public func maxPool2d(_ input: Tensor, kernelSize: Int, stride: Int? = nil, padding: Int = 0) -> Tensor {
    let g = poolGeometry(input, kernelSize: kernelSize, stride: stride, padding: padding, operation: "maxPool2d")
    var out = Tensor(uninitializedShape: [g.batch, g.channels, g.outHeight, g.outWidth])
    var winners = [Int32](repeating: 0, count: out.count)
    let (px, po) = (input.storage.base, out.storage.base)
    winners.withUnsafeMutableBufferPointer { winner in
        let winner = winner.baseAddress!
        // Planes are independent: split between the threads.
        Parallel.split(g.batch * g.channels, work: input.count) { planes in
            for plane in planes {
                let (image, firstOutput) = (px + plane * g.height * g.width, plane * g.outPixels)
                if kernelSize == 2 && g.stride == 2 && padding == 0 {
                    maxPool2x2(image, width: g.width, outHeight: g.outHeight, outWidth: g.outWidth,
                               into: po + firstOutput, winners: winner + firstOutput)
                    continue
                }
                for i in 0..<g.outHeight {
                    // Only the window rows and columns inside the image; padding never wins.
                    let top = i * g.stride - padding
                    let rows = Swift.max(0, -top)..<Swift.min(kernelSize, g.height - top)
                    for j in 0..<g.outWidth {
                        let left = j * g.stride - padding
                        let columns = Swift.max(0, -left)..<Swift.min(kernelSize, g.width - left)
                        var best = -Float.infinity
                        var at = -1
                        for kh in rows {
                            for kw in columns {
                                let position = (top + kh) * g.width + left + kw
                                if image[position] > best || at < 0 { best = image[position]; at = position }
                            }
                        }
                        po[firstOutput + i * g.outWidth + j] = best
                        winner[firstOutput + i * g.outWidth + j] = Int32(at)
                    }
                }
            }
        }
    }
    if Tensor.isRecording(input) {
        let (shape, planeSize, outPlane) = (input.shape, g.height * g.width, g.outPixels)
        out.record(input) { grad in
            let dx = Tensor(uninitializedShape: shape)
            let (pg, pd) = (grad.storage.base, dx.storage.base)
            winners.withUnsafeBufferPointer { winners in
                Parallel.split(winners.count / Swift.max(outPlane, 1), work: dx.count + 2 * grad.count) { planes in
                    for plane in planes {
                        let (image, first) = (pd + plane * planeSize, plane * outPlane)
                        image.update(repeating: 0, count: planeSize)
                        for index in first..<(first + outPlane) { image[Int(winners[index])] += pg[index] }
                    }
                }
            }
            return [dx]
        }
    }
    return out
}

/// The common 2×2, stride 2 pooling of one plane, without the general loop's window bookkeeping; the same
/// choice of winner (the first largest in row-major order).
private func maxPool2x2(_ image: UnsafePointer<Float>, width: Int, outHeight: Int, outWidth: Int,
                        into output: UnsafeMutablePointer<Float>, winners: UnsafeMutablePointer<Int32>) {
    for i in 0..<outHeight {
        let (upper, lower) = (image + 2 * i * width, image + (2 * i + 1) * width)
        for j in 0..<outWidth {
            // Selects rather than branches: on ReLU outputs the comparisons are coin flips, and mispredicted
            // branches made this loop three times slower.
            var (best, at) = (upper[2 * j], 0)
            if upper[2 * j + 1] > best { best = upper[2 * j + 1]; at = 1 }
            if lower[2 * j] > best { best = lower[2 * j]; at = width }
            if lower[2 * j + 1] > best { best = lower[2 * j + 1]; at = width + 1 }
            output[i * outWidth + j] = best
            winners[i * outWidth + j] = Int32(2 * i * width + 2 * j + at)
        }
    }
}

/// The mean of each `kernelSize`×`kernelSize` window (stride defaults to the kernel size); padding counts as
/// zeros in the mean (PyTorch's default `count_include_pad=True`).
public func avgPool2d(_ input: Tensor, kernelSize: Int, stride: Int? = nil, padding: Int = 0) -> Tensor {
    let g = poolGeometry(input, kernelSize: kernelSize, stride: stride, padding: padding, operation: "avgPool2d")
    var out = Tensor.zeros([g.batch, g.channels, g.outHeight, g.outWidth])
    let scale = 1 / Float(kernelSize * kernelSize)
    // Visits each (output, input) pair of a window; forward and backward share the walk.
    func forEachPair(_ body: (_ output: Int, _ input: Int) -> Void) {
        for plane in 0..<(g.batch * g.channels) {
            for i in 0..<g.outHeight {
                for j in 0..<g.outWidth {
                    for kh in 0..<kernelSize {
                        let y = i * g.stride - padding + kh
                        if y < 0 || y >= g.height { continue }
                        for kw in 0..<kernelSize {
                            let x = j * g.stride - padding + kw
                            if x < 0 || x >= g.width { continue }
                            body((plane * g.outHeight + i) * g.outWidth + j, (plane * g.height + y) * g.width + x)
                        }
                    }
                }
            }
        }
    }
    let (px, po) = (input.storage.base, out.storage.base)
    forEachPair { o, i in po[o] += px[i] * scale }
    if Tensor.isRecording(input) {
        let shape = input.shape
        out.record(input) { grad in
            let dx = Tensor.zeros(shape)
            let (pg, pd) = (grad.storage.base, dx.storage.base)
            forEachPair { o, i in pd[i] += pg[o] * scale }
            return [dx]
        }
    }
    return out
}
