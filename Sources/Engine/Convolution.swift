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
    for n in 0..<g.batch { im2col(picture: n, x, g, into: cols + n * g.outPixels, columnStride: g.batch * g.outPixels) }
}

/// The patches of picture `n` of `x` as columns of `cols`, whose rows are `columnStride` floats apart.
func im2col(picture n: Int, _ x: UnsafePointer<Float>, _ g: WindowGeometry, into cols: UnsafeMutablePointer<Float>, columnStride: Int) {
    let (oh, ow) = (g.outHeight, g.outWidth)
    for c in 0..<g.channels {
        let image = x + (n * g.channels + c) * g.height * g.width
        for kh in 0..<g.kernelHeight {
            for kw in 0..<g.kernelWidth {
                let row = cols + ((c * g.kernelHeight + kh) * g.kernelWidth + kw) * columnStride
                let (first, last) = g.insideColumns(kw)
                for i in 0..<oh {
                    let target = row + i * ow
                    let y = i * g.stride - g.padding + kh
                    if y < 0 || y >= g.height {
                        target.update(repeating: 0, count: ow)
                        continue
                    }
                    let line = image + y * g.width
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

/// The adjoint of `im2col`: adds each column entry back into the input position it was read from.
func col2im(_ cols: UnsafePointer<Float>, _ g: WindowGeometry, into x: UnsafeMutablePointer<Float>) {
    for n in 0..<g.batch { col2im(picture: n, cols + n * g.outPixels, columnStride: g.batch * g.outPixels, g, into: x) }
}

/// `col2im` for picture `n` alone, from its columns in `cols` (rows `columnStride` floats apart). Each input
/// position receives its terms in the same order (c, kh, kw, then row) as from the whole batch's columns.
func col2im(picture n: Int, _ cols: UnsafePointer<Float>, columnStride: Int, _ g: WindowGeometry, into x: UnsafeMutablePointer<Float>) {
    let (oh, ow) = (g.outHeight, g.outWidth)
    for c in 0..<g.channels {
        let image = x + (n * g.channels + c) * g.height * g.width
        for kh in 0..<g.kernelHeight {
            for kw in 0..<g.kernelWidth {
                let row = cols + ((c * g.kernelHeight + kh) * g.kernelWidth + kw) * columnStride
                let (first, last) = g.insideColumns(kw)
                for i in 0..<oh {
                    let y = i * g.stride - g.padding + kh
                    if y < 0 || y >= g.height { continue }
                    let source = row + i * ow
                    let line = image + y * g.width
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

/// A 2-D convolution (PyTorch's `conv2d`, i.e. cross-correlation) of `input` [n, c, h, w] with `weight`
/// [out, c, kh, kw], plus an optional `bias` [out]; the result is [n, out, oh, ow].
///
/// The pictures are split between the two threads. Each picture's output is the product of the weight
/// matrix [out, patch] with its patches [patch, oh·ow], written straight into its place in the result;
/// a single input channel at stride 1 skips the patches (`directConvolution`). Every output is the sum
/// over its patch in patch order, from zero, by fused multiply-adds, and then plus the bias (plus 0 without
/// one), however it is computed. The backward pass makes the weight gradient as one product over the whole
/// batch ([out, n·pixels]·[n·pixels, patch]), and the input gradient picture by picture: Wᵀ times the
/// picture's output gradient, added back into place (`col2im`) while it is still in cache.
public func conv2d(_ input: Tensor, weight: Tensor, bias: Tensor? = nil, stride: Int = 1, padding: Int = 0) -> Tensor {
    conv2d(input, weight: weight, bias: bias, stride: stride, padding: padding, kernel: .native, direct: true)
}

/// `conv2d` with the vector width of `kernel` and, if `direct`, the direct route for one input channel
/// (tests compare them).
func conv2d(_ input: Tensor, weight: Tensor, bias: Tensor?, stride: Int, padding: Int, kernel: GEMMKernel, direct: Bool) -> Tensor {
    let outShape = checked { try Shapes.conv2d(input: input.shape, weight: weight.shape, stride: stride, padding: padding) }
    let g = WindowGeometry(batch: input.shape[0], channels: input.shape[1], height: input.shape[2], width: input.shape[3],
                           kernelHeight: weight.shape[2], kernelWidth: weight.shape[3], stride: stride, padding: padding)
    let outChannels = weight.shape[0]
    if let bias { precondition(bias.shape == [outChannels], "conv2d: bias of shape \(bias.shape) does not match \(outChannels) output channels") }
    let inputs = [input, weight] + (bias.map { [$0] } ?? [])
    let recording = Tensor.isRecording(inputs)
    let (columns, patchSize, pixels) = (g.batch * g.outPixels, g.patchSize, g.outPixels)
    // The direct route reads each picture once, padded, instead of writing its patches: for one input
    // channel the patches are nine times the picture, and the product [out, 9]·[9, pixels] spends more on
    // storing its outputs than on multiply-adds.
    let directRoute = direct && g.channels == 1 && stride == 1
    // The patches of the whole batch, kept for the weight gradient; the direct route makes them only then.
    let cols: Tensor? = directRoute && !recording ? nil : Tensor(uninitializedShape: [patchSize, columns])
    var out = Tensor(uninitializedShape: outShape)
    let (px, po, pw) = (UnsafePointer(input.storage.base), out.storage.base, UnsafePointer(weight.storage.base))
    let pc = cols?.storage.base
    let pb = bias.map { UnsafePointer($0.storage.base) }
    let weightView = MatrixView(pw, columns: patchSize)
    withExtendedLifetime((input, weight, bias, cols)) {
        Parallel.split(g.batch, work: (directRoute ? 1 : patchSize) * columns + outChannels * columns) { pictures in
            for n in pictures {
                let target = po + n * outChannels * pixels
                if let pc { im2col(picture: n, px, g, into: pc + n * pixels, columnStride: columns) }
                if directRoute {
                    directConvolution(kernel, px + n * g.height * g.width, g, weight: pw, outChannels: outChannels, into: target)
                } else {
                    gemm(m: outChannels, n: pixels, k: patchSize, a: weightView,
                         b: MatrixView(UnsafePointer(pc! + n * pixels), columns: columns), c: target, ldc: pixels,
                         accumulate: false, threads: 1, kernel: kernel)
                }
                // As a separate bias pass would add it (+ 0 without a bias, as PyTorch's kernels do not, but
                // this engine always has: it makes −0 into +0).
                for o in 0..<outChannels {
                    let (row, biasValue) = (target + o * pixels, pb?[o] ?? 0)
                    for i in 0..<pixels { row[i] = row[i] + biasValue }
                }
            }
        }
    }
    guard recording, let cols else { return out }
    let inputShape = input.shape
    let inputNeedsGrad = Tensor.isRecording(input)
    out.record(inputs) { grad in
        // The gradient reordered to [out, n·pixels], the layout of the patches' columns.
        let gradMatrix = Tensor(uninitializedShape: [outChannels, columns])
        let (pg, pm) = (UnsafePointer(grad.storage.base), gradMatrix.storage.base)
        Parallel.split(g.batch, work: 2 * grad.count) { pictures in
            for n in pictures {
                for o in 0..<outChannels {
                    (pm + o * columns + n * pixels).update(from: pg + (n * outChannels + o) * pixels, count: pixels)
                }
            }
        }
        let weightGrad = Tensor.product(gradMatrix, cols, transposeA: false, transposeB: true, operation: "conv2d").reshape(weight.shape)
        var inputGrad: Tensor?
        if inputNeedsGrad {
            // Per picture: its patches' gradient Wᵀ·grad[n] ([patch, out]·[out, pixels]), then back into place.
            let dx = Tensor(uninitializedShape: inputShape)
            let (pd, pictureSize) = (dx.storage.base, g.channels * g.height * g.width)
            withExtendedLifetime((grad, weight, dx)) {
                Parallel.split(g.batch, work: 2 * patchSize * columns) { pictures in
                    let scratch = ThreadContext.withCurrent { $0.convolutionScratch.reserve(patchSize * pixels) }
                    for n in pictures {
                        (pd + n * pictureSize).update(repeating: 0, count: pictureSize)
                        gemm(m: patchSize, n: pixels, k: outChannels, a: weightView.transposed,
                             b: MatrixView(pg + n * outChannels * pixels, columns: pixels), c: scratch, ldc: pixels,
                             accumulate: false, threads: 1, kernel: kernel)
                        col2im(picture: n, scratch, columnStride: pixels, g, into: pd)
                    }
                }
            }
            inputGrad = dx
        }
        var result: [Tensor?] = [inputGrad, weightGrad]
        if bias != nil { result.append(gradMatrix.sum(axis: 1)) }
        return result
    }
    return out
}

/// One picture's convolution with one input channel at stride 1, without patches: each row of the output,
/// for each output channel, is Σ over the taps (kh, kw) in order of w[o, kh, kw] times the padded picture's
/// row kh below, shifted by kw, from zero by fused multiply-adds, the same terms in the same order as the
/// product with the patches. The picture is first copied into a zero-bordered scratch (padding reads as the
/// patches' zeros), wide enough that a vector may read past the row's end.
private func directConvolution(_ kernel: GEMMKernel, _ image: UnsafePointer<Float>, _ g: WindowGeometry, weight: UnsafePointer<Float>,
                               outChannels: Int, into out: UnsafeMutablePointer<Float>) {
    switch kernel {
    case .simd8: directConvolution(SIMD8<Float>.self, image, g, weight: weight, outChannels: outChannels, into: out)
    case .simd16: directConvolution(SIMD16<Float>.self, image, g, weight: weight, outChannels: outChannels, into: out)
    }
}

@inline(__always)
private func directConvolution<V: SIMD>(_: V.Type, _ image: UnsafePointer<Float>, _ g: WindowGeometry, weight: UnsafePointer<Float>,
                                        outChannels: Int, into out: UnsafeMutablePointer<Float>) where V.Scalar == Float {
    let (kh, kw, p, w) = (g.kernelHeight, g.kernelWidth, g.padding, V.scalarCount)
    let (oh, ow) = (g.outHeight, g.outWidth)
    let rowWidth = roundUp(ow, w) + kw
    let paddedRows = g.height + 2 * p
    let taps = kh * kw
    let padded = ThreadContext.withCurrent { $0.convolutionScratch.reserve(paddedRows * rowWidth) }
    padded.update(repeating: 0, count: paddedRows * rowWidth)
    for y in 0..<g.height { (padded + (y + p) * rowWidth + p).update(from: image + y * g.width, count: g.width) }
    withUnsafeTemporaryAllocation(of: V.self, capacity: taps) { row in
        let row = row.baseAddress!
        for i in 0..<oh {
            var j = 0
            while j < ow {
                // The taps' input vectors for outputs j…j+w−1 of row i, loaded once for every channel.
                for a in 0..<kh {
                    let source = UnsafeRawPointer(padded + (i + a) * rowWidth + j)
                    for b in 0..<kw { row[a * kw + b] = source.loadUnaligned(fromByteOffset: b * 4, as: V.self) }
                }
                let count = min(w, ow - j)
                var o = 0
                while o < outChannels {
                    // Four channels at once: four independent chains of multiply-adds.
                    let group = min(4, outChannels - o)
                    var (s0, s1, s2, s3) = (V(), V(), V(), V())
                    let (w0, w1, w2, w3) = (weight + o * taps, weight + min(o + 1, outChannels - 1) * taps,
                                            weight + min(o + 2, outChannels - 1) * taps, weight + min(o + 3, outChannels - 1) * taps)
                    for q in 0..<taps {
                        let x = row[q]
                        s0 = s0.addingProduct(V(repeating: w0[q]), x)
                        s1 = s1.addingProduct(V(repeating: w1[q]), x)
                        s2 = s2.addingProduct(V(repeating: w2[q]), x)
                        s3 = s3.addingProduct(V(repeating: w3[q]), x)
                    }
                    let sums = (s0, s1, s2, s3)
                    for r in 0..<group {
                        let s = r == 0 ? sums.0 : r == 1 ? sums.1 : r == 2 ? sums.2 : sums.3
                        let target = out + (o + r) * oh * ow + i * ow + j
                        if count == w {
                            UnsafeMutableRawPointer(target).storeBytes(of: s, as: V.self)
                        } else {
                            for lane in 0..<count { target[lane] = s[lane] }
                        }
                    }
                    o += 4
                }
                j += w
            }
        }
    }
}
