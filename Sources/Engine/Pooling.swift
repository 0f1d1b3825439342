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
        for plane in 0..<(g.batch * g.channels) {
            let image = px + plane * g.height * g.width
            for i in 0..<g.outHeight {
                for j in 0..<g.outWidth {
                    var best = -Float.infinity
                    var at = -1
                    for kh in 0..<kernelSize {
                        let y = i * g.stride - padding + kh
                        if y < 0 || y >= g.height { continue }
                        for kw in 0..<kernelSize {
                            let x = j * g.stride - padding + kw
                            if x < 0 || x >= g.width { continue }
                            let value = image[y * g.width + x]
                            if value > best || at < 0 { best = value; at = y * g.width + x }
                        }
                    }
                    let index = (plane * g.outHeight + i) * g.outWidth + j
                    po[index] = best
                    winner[index] = Int32(at)
                }
            }
        }
    }
    if Tensor.isRecording(input) {
        let (shape, planeSize, outPlane) = (input.shape, g.height * g.width, g.outPixels)
        out.record([input]) { grad in
            let dx = Tensor.zeros(shape)
            let (pg, pd) = (grad.storage.base, dx.storage.base)
            for index in 0..<winners.count {
                pd[(index / outPlane) * planeSize + Int(winners[index])] += pg[index]
            }
            return [dx]
        }
    }
    return out
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
        out.record([input]) { grad in
            let dx = Tensor.zeros(shape)
            let (pg, pd) = (grad.storage.base, dx.storage.base)
            forEachPair { o, i in pd[i] += pg[o] * scale }
            return [dx]
        }
    }
    return out
}
