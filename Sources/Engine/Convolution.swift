// 2-D convolution as im2col + GEMM: the input patches become the columns of one matrix for the whole batch,
// and one product with the weight matrix makes every output. The backward pass is two more products and a
// col2im that adds each patch gradient back where the patch came from.

/// The output size of a window sliding over `size` positions.
func slidingOutputSize(_ size: Int, kernel: Int, stride: Int, padding: Int) -> Int {
    (size + 2 * padding - kernel) / stride + 1
}

/// Geometry of a convolution or pooling window over an [n, c, h, w] input.
struct WindowGeometry {
    var batch, channels, height, width: Int
    var kernelHeight, kernelWidth, stride, padding: Int
    var outHeight: Int { slidingOutputSize(height, kernel: kernelHeight, stride: stride, padding: padding) }
    var outWidth: Int { slidingOutputSize(width, kernel: kernelWidth, stride: stride, padding: padding) }
    var outPixels: Int { outHeight * outWidth }
    var patchSize: Int { channels * kernelHeight * kernelWidth }

    /// The output columns `first..<last` whose tap `kw` of the window falls inside the input row (the rest
    /// read padding), so loops over a row need no bounds test per element.
    @inline(__always) func insideColumns(_ kw: Int) -> (first: Int, last: Int) {
        // j·stride − padding + kw ≥ 0  and  j·stride − padding + kw ≤ width − 1.
        let first = Swift.min(Swift.max(0, (padding - kw + stride - 1) / stride), outWidth)
        let limit = width - 1 + padding - kw
        let last = limit < 0 ? first : Swift.max(first, Swift.min(outWidth, limit / stride + 1))
        return (first, last)
    }
}

/// Writes the patches of `x` as columns: row (c, kh, kw), column (n, oh, ow); zeros where the window
/// overhangs the padding.
func im2col(_ x: UnsafePointer<Float>, _ g: WindowGeometry, into cols: UnsafeMutablePointer<Float>) {
    let (oh, ow, columns) = (g.outHeight, g.outWidth, g.batch * g.outPixels)
    for c in 0..<g.channels {
        for kh in 0..<g.kernelHeight {
            for kw in 0..<g.kernelWidth {
                let row = cols + ((c * g.kernelHeight + kh) * g.kernelWidth + kw) * columns
                for n in 0..<g.batch {
                    let image = x + (n * g.channels + c) * g.height * g.width
                    for i in 0..<oh {
                        let target = row + n * g.outPixels + i * ow
                        let y = i * g.stride - g.padding + kh
                        if y < 0 || y >= g.height {
                            target.update(repeating: 0, count: ow)
                            continue
                        }
                        let line = image + y * g.width
                        let (first, last) = g.insideColumns(kw)
                        if g.stride == 1 {
                            // The inside of the row is one contiguous copy, the overhang zeros.
                            target.update(repeating: 0, count: first)
                            (target + first).update(from: line + first - g.padding + kw, count: last - first)
                            (target + last).update(repeating: 0, count: ow - last)
                            continue
                        }
                        for j in 0..<ow {
                            let xPos = j * g.stride - g.padding + kw
                            target[j] = j >= first && j < last ? line[xPos] : 0
                        }
                    }
                }
            }
        }
    }
}

/// The adjoint of `im2col`: adds each column entry back into the input position it was read from.
func col2im(_ cols: UnsafePointer<Float>, _ g: WindowGeometry, into x: UnsafeMutablePointer<Float>) {
    let (oh, ow, columns) = (g.outHeight, g.outWidth, g.batch * g.outPixels)
    for c in 0..<g.channels {
        for kh in 0..<g.kernelHeight {
            for kw in 0..<g.kernelWidth {
                let row = cols + ((c * g.kernelHeight + kh) * g.kernelWidth + kw) * columns
                for n in 0..<g.batch {
                    let image = x + (n * g.channels + c) * g.height * g.width
                    for i in 0..<oh {
                        let y = i * g.stride - g.padding + kh
                        if y < 0 || y >= g.height { continue }
                        let source = row + n * g.outPixels + i * ow
                        let line = image + y * g.width
                        let (first, last) = g.insideColumns(kw)
                        if g.stride == 1 {
                            let shifted = line - g.padding + kw
                            for j in first..<last { shifted[j] += source[j] }
                        } else {
                            for j in first..<last { line[j * g.stride - g.padding + kw] += source[j] }
                        }
                    }
                }
            }
        }
    }
}

/// A 2-D convolution (PyTorch's `conv2d`, i.e. cross-correlation) of `input` [n, c, h, w] with `weight`
/// [out, c, kh, kw], plus an optional `bias` [out]; the result is [n, out, oh, ow].
public func conv2d(_ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0) -> Tensor {
    let outShape = checked { try Shapes.conv2d(input: input.shape, weight: weight.shape, stride: stride, padding: padding) }
    let g = WindowGeometry(batch: input.shape[0], channels: input.shape[1], height: input.shape[2], width: input.shape[3],
                           kernelHeight: weight.shape[2], kernelWidth: weight.shape[3], stride: stride, padding: padding)
    let outChannels = weight.shape[0]
    if let bias { precondition(bias.shape == [outChannels], "conv2d: bias of shape \(bias.shape) does not match \(outChannels) output channels") }
    let cols = Tensor(uninitializedShape: [g.patchSize, g.batch * g.outPixels])
    im2col(input.storage.base, g, into: cols.storage.base)
    let weightMatrix = weight.detach().reshape([outChannels, g.patchSize])
    // [out, patch]·[patch, n·pixels], then reorder to [n, out, pixels].
    let product = noGrad { weightMatrix.matmul(cols) }
    var out = Tensor(uninitializedShape: outShape)
    let (pp, po) = (product.storage.base, out.storage.base)
    for o in 0..<outChannels {
        let biasValue = bias.map { $0.storage.base[o] } ?? 0
        for n in 0..<g.batch {
            let source = pp + o * g.batch * g.outPixels + n * g.outPixels
            let target = po + (n * outChannels + o) * g.outPixels
            for i in 0..<g.outPixels { target[i] = source[i] + biasValue }
        }
    }
    let inputs = [input, weight] + (bias.map { [$0] } ?? [])
    if Tensor.isRecording(inputs) {
        let inputShape = input.shape
        let inputNeedsGrad = Tensor.isRecording(input)
        out.record(inputs) { grad in
            // The gradient reordered to [out, n·pixels], the layout of the forward product.
            let gradMatrix = Tensor(uninitializedShape: [outChannels, g.batch * g.outPixels])
            let (pg, pm) = (grad.storage.base, gradMatrix.storage.base)
            for n in 0..<g.batch {
                for o in 0..<outChannels {
                    (pm + o * g.batch * g.outPixels + n * g.outPixels).update(from: pg + (n * outChannels + o) * g.outPixels, count: g.outPixels)
                }
            }
            let weightGrad = Tensor.product(gradMatrix, cols, transposeA: false, transposeB: true, operation: "conv2d").reshape(weight.shape)
            var inputGrad: Tensor?
            if inputNeedsGrad {
                let colsGrad = Tensor.product(weightMatrix, gradMatrix, transposeA: true, transposeB: false, operation: "conv2d")
                let dx = Tensor.zeros(inputShape)
                col2im(colsGrad.storage.base, g, into: dx.storage.base)
                inputGrad = dx
            }
            var result: [Tensor?] = [inputGrad, weightGrad]
            if bias != nil { result.append(gradMatrix.sum(axis: 1)) }
            return result
        }
    }
    return out
}
