import XCTest
@testable import Engine

/// The engine's fast paths (special broadcast patterns, the fused linear, in-place updates, pooled storage)
/// against the simple computation they replace, compared byte for byte: each does the same arithmetic in
/// the same order, so not even rounding may differ.
final class FastPathTests: XCTestCase {
    /// `a op b` element by element, with `b` read through broadcast strides: the plain definition.
    func naive(_ a: Tensor, _ b: Tensor, _ f: (Float, Float) -> Float) -> [Float] {
        let shape = broadcastShape(a.shape, b.shape)!
        let (sa, sb) = (broadcastStrides(a.shape, to: shape), broadcastStrides(b.shape, to: shape))
        let (va, vb) = (a.scalars, b.scalars)
        var result: [Float] = []
        for flat in 0..<shape.reduce(1, *) {
            var (rest, ia, ib) = (flat, 0, 0)
            for d in stride(from: shape.count - 1, through: 0, by: -1) {
                let i = rest % shape[d]
                rest /= shape[d]
                (ia, ib) = (ia + i * sa[d], ib + i * sb[d])
            }
            result.append(f(va[ia], vb[ib]))
        }
        return result
    }

    func testBroadcastPatternsMatchTheDefinition() {
        // Same shape, scalar, bias row, trailing block, column, and a middle axis (the general walk).
        let cases: [([Int], [Int])] = [([5, 7], [5, 7]), ([5, 7], []), ([], [5, 7]), ([5, 7], [7]), ([5, 7], [1, 7]),
                                       ([2, 3, 4], [3, 4]), ([3, 4], [2, 3, 4]), ([5, 7], [5, 1]), ([5, 1], [1, 7]),
                                       ([2, 3, 4], [1, 3, 1]), ([0, 3], [3])]
        for (index, (left, right)) in cases.enumerated() {
            let a = random(left, seed: UInt64(10 + 2 * index)), b = random(right, seed: UInt64(11 + 2 * index))
            XCTAssertEqual((a + b).scalars, naive(a, b, +), "\(left) + \(right)")
            XCTAssertEqual((a - b).scalars, naive(a, b, -), "\(left) - \(right)")
            XCTAssertEqual((a * b).scalars, naive(a, b, *), "\(left) * \(right)")
        }
    }

    func testInPlaceUpdateEqualsTheOperatorAndLeavesCopiesAlone() {
        var a = random([64, 100], seed: 1)
        let copy = a, row = random([100], seed: 2), full = random([64, 100], seed: 3)
        let expected = (a * 0.9 + full - row).scalars
        noGrad {
            a *= 0.9
            a += full
            a -= row
        }
        XCTAssertEqual(a.scalars, expected)
        XCTAssertEqual(copy.scalars, random([64, 100], seed: 1).scalars, "a copy made before the update keeps its values")
    }

    /// A scalar on either side of an operator is a constant, not a broadcast rank-0 tensor; the values and
    /// the gradients must be the bytes of the broadcast operation all the same.
    func testScalarOperandsGiveTheBytesOfBroadcastOperations() {
        let s: Float = 0.37
        let operations: [(String, (Tensor) -> Tensor, (Tensor) -> Tensor)] = [
            ("x + s", { $0 + s }, { $0 + Tensor(s) }), ("s + x", { s + $0 }, { Tensor(s) + $0 }),
            ("x - s", { $0 - s }, { $0 - Tensor(s) }), ("s - x", { s - $0 }, { Tensor(s) - $0 }),
            ("x * s", { $0 * s }, { $0 * Tensor(s) }), ("s * x", { s * $0 }, { Tensor(s) * $0 }),
            ("x / s", { $0 / s }, { $0 / Tensor(s) }),
        ]
        let weights = random([9, 13], seed: 21)
        for (name, scalarForm, tensorForm) in operations {
            let x = random([9, 13], seed: 20).requiringGrad(), y = random([9, 13], seed: 20).requiringGrad()
            // One graph at a time: backward() frees the thread's graph.
            let a = scalarForm(x)
            (a * weights).sum().backward()
            let b = tensorForm(y)
            (b * weights).sum().backward()
            XCTAssertEqual(a.scalars.map(\.bitPattern), b.scalars.map(\.bitPattern), name)
            XCTAssertEqual(x.grad!.scalars.map(\.bitPattern), y.grad!.scalars.map(\.bitPattern), "gradient of \(name)")
        }
    }

    func testFusedLinearEqualsProductPlusBias() {
        // Batch 64 with ten outputs is a narrow product (A read in place); 33 outputs a ragged edge; the tiny
        // MLP's layers add their bias in whole vectors (32), and rows narrower than a vector (3, 7, 2, 1) add it
        // repeated across rows, with a ragged end or (5 × 2) too few values to fill a vector.
        for (batch, inputs, outputs) in [(64, 256, 10), (7, 5, 33), (300, 32, 32), (300, 32, 3), (13, 4, 7), (9, 3, 1),
                                         (5, 3, 2), (40, 6, 2)] {
            let x = random([batch, inputs], seed: 4).requiringGrad()
            let w = random([outputs, inputs], seed: 5).requiringGrad(), b = random([outputs], seed: 6).requiringGrad()
            let weights = random([batch, outputs], seed: 7)
            let fused = linear(x, weight: w, bias: b)
            (fused * weights).sum().backward()
            let (fx, fw, fb) = (x.grad!, w.grad!, b.grad!)
            [x, w, b].forEach { $0.zeroGrad() }
            let composed = x.matmul(w.T) + b
            (composed * weights).sum().backward()
            XCTAssertEqual(fused.scalars, composed.scalars)
            XCTAssertEqual(fx.scalars, x.grad!.scalars)
            XCTAssertEqual(fw.scalars, w.grad!.scalars)
            XCTAssertEqual(fb.scalars, b.grad!.scalars)
        }
    }

    /// `linearReLU` is `linear` then `relu()` to the last bit, values and every gradient: with and without a
    /// bias, for an input that needs no gradient, and on the shapes of each route of the product (see
    /// `KernelAgreementTests.testEpilogueMatchesTheSeparatePassesBitForBit`).
    func testLinearReLUEqualsLinearThenReLU() {
        // The bias gradient comes out of the mask's pass: 32 columns at a time, then 8, then one by one (72, 33,
        // 20, 10, 3 outputs). One output is summed as `sum(axis: 0)` sums one column, in Double lanes: over
        // 300 rows the two orders differ (over 9 they happened to agree).
        for (batch, inputs, outputs) in [(300, 2, 32), (300, 32, 32), (300, 32, 3), (64, 256, 10), (7, 5, 33), (9, 3, 1),
                                         (300, 8, 1), (1000, 3, 1), (40, 520, 20), (6, 7, 72)] {
            for (hasBias, inputNeedsGradient) in [(true, true), (false, true), (true, false)] {
                var x = random([batch, inputs], seed: 14)
                if inputNeedsGradient { x = x.requiringGrad() }
                let w = random([outputs, inputs], seed: 15).requiringGrad(), b = random([outputs], seed: 16).requiringGrad()
                let bias = hasBias ? b : nil
                let weights = random([batch, outputs], seed: 17)
                let fused = linearReLU(x, weight: w, bias: bias)
                (fused * weights).sum().backward()
                let (fx, fw, fb) = (x.grad, w.grad!, b.grad)
                [x, w, b].forEach { $0.zeroGrad() }
                let composed = linear(x, weight: w, bias: bias).relu()
                (composed * weights).sum().backward()
                let label = "\(batch)×\(inputs) → \(outputs) bias: \(hasBias) input gradient: \(inputNeedsGradient)"
                XCTAssertEqual(fused.scalars.map(\.bitPattern), composed.scalars.map(\.bitPattern), label)
                XCTAssertTrue(fused.scalars.contains(0) && fused.scalars.contains { $0 > 0 }, label)
                XCTAssertEqual(fx?.scalars.map(\.bitPattern), x.grad?.scalars.map(\.bitPattern), label)
                XCTAssertEqual(fx == nil, !inputNeedsGradient, label)
                XCTAssertEqual(fw.scalars.map(\.bitPattern), w.grad!.scalars.map(\.bitPattern), label)
                XCTAssertEqual(fb?.scalars.map(\.bitPattern), b.grad?.scalars.map(\.bitPattern), label)
                XCTAssertEqual(fb == nil, !hasBias, label)
            }
        }
    }

    /// The cache of matrix shapes gives back the shape asked for, across more shapes than it keeps, and a
    /// tensor that changes its shape does not change the cached one.
    func testShapeCacheGivesTheShapeAskedFor() {
        let cache = ShapeCache()
        for round in 0..<3 {
            for rows in 1...40 { XCTAssertEqual(cache.matrix(rows, rows + round), [rows, rows + round]) }
        }
        var product = Tensor.ones([5, 3]).matmul(Tensor.ones([3, 4]))
        XCTAssertEqual(product.shape, [5, 4])
        product.shape[0] = 99   // written in place: the cached array must be copied, not changed
        XCTAssertEqual(Tensor.ones([5, 3]).matmul(Tensor.ones([3, 4])).shape, [5, 4])
        XCTAssertEqual(cache.matrix(7, 2), [7, 2])
    }

    func testOnePassLogSoftmaxMatchesTheComposedForm() {
        var logits = random([4, 5, 3], seed: 12, low: -3, high: 3)
        logits.withUnsafeMutableBufferPointer { $0[0] = 1000; $0[1] = -1000; $0[7] = -500 }
        for axis in 0..<3 {
            let composed = logits - logits.logSumExp(axis: axis, keepDims: true)
            assertClose(logits.logSoftmax(axis: axis), composed.scalars, shape: logits.shape, accuracy: 1e-5, relative: 1e-6,
                        "axis \(axis)")
        }
    }

    /// Log-softmax runs over columns of rows gathered side by side; each row must still get exactly the bits
    /// of the plain row-by-row algorithm: the first largest value (0 if it is not finite), the exponentials
    /// summed from column 0, the engine's own ln, and (x − shift) − ln Σ.
    func testLogSoftmaxMatchesARowByRowLoopBitForBit() {
        // Narrow rows, eight or more of them, go column by column; the rest (fewer rows, 16 or more wide) row by row.
        // 30,000 rows of 3 need more scratch than the thread keeps (64 K floats) and get their own.
        for (rows, width) in [(1, 1), (5, 2), (8, 3), (300, 3), (30_000, 3), (13, 4), (9, 7), (64, 10), (20, 15), (3, 17), (12, 16), (2, 40)] {
            var logits = random([rows, width], seed: UInt64(20 + width), low: -4, high: 4)
            logits.withUnsafeMutableBufferPointer { values in
                values[0] = 1000
                if values.count > 2 { values[2] = -1000 }
                if values.count > 5 { values[5] = .infinity }
                if values.count > 9 { values[9] = -.infinity }
                if values.count > 12 { values[12] = .nan }
            }
            let x = logits.scalars
            var expected = [Float]()
            for r in 0..<rows {
                let row = Array(x[(r * width)..<((r + 1) * width)])
                var shift = row[0]
                for value in row.dropFirst() where value > shift { shift = value }
                if !shift.isFinite { shift = 0 }
                var total: Float = 0
                for value in row { total += Elementary.exp(value - shift) }
                let logSum = Elementary.log(total)
                expected += row.map { ($0 - shift) - logSum }
            }
            XCTAssertEqual(logits.logSoftmax().scalars.map(\.bitPattern), expected.map(\.bitPattern), "\(rows) × \(width)")
        }
    }

    func testAnInputThatNeedsNoGradientGetsNone() {
        let x = random([6, 4], seed: 8), w = random([4, 3], seed: 9).requiringGrad()
        x.matmul(w).sum().backward()
        XCTAssertNil(x.grad)
        XCTAssertEqual(w.grad?.shape, [4, 3])
    }

    func testPooledStorageIsReusedAndIndependent() {
        // On a fresh thread, whose pool starts empty: on the test runner's thread, earlier tests may have
        // filled the pool's stack for this size (or its byte budget), and then a freed buffer is not kept.
        let count = StoragePool.minimumCount * 2
        nonisolated(unsafe) var seen: (freed: UnsafeMutablePointer<Float>?, reused: UnsafeMutablePointer<Float>?,
                                       another: UnsafeMutablePointer<Float>?, values: [Float]) = (nil, nil, nil, [])
        let done = DispatchSemaphore(value: 0)
        let finish = DispatchSemaphore(value: 0)
        let thread = Thread {
            var first: Tensor? = Tensor(shape: [count], repeating: 1)
            seen.freed = first!.storage.base
            first = nil
            let second = Tensor(shape: [count], repeating: 2)
            let third = Tensor(shape: [count], repeating: 3)
            (seen.reused, seen.another, seen.values) = (second.storage.base, third.storage.base, second.scalars)
            done.signal()
            finish.wait()
        }
        thread.start()
        done.wait()
        XCTAssertEqual(seen.reused, seen.freed, "a freed buffer of the same size is reused")
        XCTAssertTrue(seen.values.allSatisfy { $0 == 2 })
        XCTAssertNotEqual(seen.another, seen.reused, "a live buffer is never handed out twice")
        finish.signal()
    }

    func testABufferFreedOnAnotherThreadJoinsThatThreadsPool() {
        // Each thread pools the buffers it frees, so a tensor made here and dropped on a worker thread is
        // reused by that thread, never by two threads at once.
        let count = StoragePool.minimumCount * 3
        nonisolated(unsafe) var made: Tensor? = Tensor(shape: [count], repeating: 1)
        let address = made!.storage.base
        nonisolated(unsafe) var (reusedAddress, values): (UnsafeMutablePointer<Float>?, [Float]) = (nil, [])
        let (done, finish) = (DispatchSemaphore(value: 0), DispatchSemaphore(value: 0))
        let thread = Thread {
            _ = isGradEnabled   // the worker has used the engine (it has its context), as a training thread has
            made = nil
            let fresh = Tensor(shape: [count], repeating: 4)
            (reusedAddress, values) = (fresh.storage.base, fresh.scalars)
            done.signal()
            finish.wait()   // the thread, and so its pool, outlives the checks below
        }
        thread.start()
        done.wait()
        XCTAssertEqual(reusedAddress, address, "the worker reuses the buffer it freed")
        XCTAssertTrue(values.allSatisfy { $0 == 4 })
        let here = Tensor(shape: [count], repeating: 5)
        XCTAssertNotEqual(here.storage.base, address, "this thread's pool never held the buffer")
        finish.signal()
    }
}

/// Convolution and pooling loops against their definitions, on geometries that cover the stride-1 copies,
/// windows overhanging the padding on both sides, and kernels wider than the padded input's edge.
final class WindowFastPathTests: XCTestCase {
    let geometries = [(5, 7, 3, 1, 1), (5, 7, 3, 2, 1), (4, 4, 3, 1, 0), (3, 2, 5, 1, 2), (6, 5, 2, 2, 1), (2, 2, 3, 1, 2)]

    func geometry(_ index: Int) -> WindowGeometry {
        let (height, width, kernel, stride, padding) = geometries[index]
        return WindowGeometry(batch: 2, channels: 3, height: height, width: width, kernelHeight: kernel, kernelWidth: kernel,
                              stride: stride, padding: padding)
    }

    /// The input position that column entry (row, column) reads, or nil where it reads padding.
    func source(_ g: WindowGeometry, row: Int, column: Int) -> Int? {
        let (c, kh, kw) = (row / (g.kernelHeight * g.kernelWidth), row / g.kernelWidth % g.kernelHeight, row % g.kernelWidth)
        let (n, i, j) = (column / g.outPixels, column % g.outPixels / g.outWidth, column % g.outWidth)
        let (y, x) = (i * g.stride - g.padding + kh, j * g.stride - g.padding + kw)
        guard y >= 0 && y < g.height && x >= 0 && x < g.width else { return nil }
        return ((n * g.channels + c) * g.height + y) * g.width + x
    }

    func testIm2colAndCol2imMatchTheirDefinitions() {
        for index in geometries.indices {
            let g = geometry(index)
            let columns = g.batch * g.outPixels
            let x = random([g.batch, g.channels, g.height, g.width], seed: UInt64(index))
            let cols = Tensor(uninitializedShape: [g.patchSize, columns])
            im2col(x.storage.base, g, into: cols.storage.base)
            let patches = random([g.patchSize, columns], seed: UInt64(50 + index))
            let dx = Tensor.zeros(x.shape)
            col2im(patches.storage.base, g, into: dx.storage.base)
            var expected = [Float](repeating: 0, count: x.count)
            for row in 0..<g.patchSize {
                for column in 0..<columns {
                    let at = source(g, row: row, column: column)
                    XCTAssertEqual(cols[row, column], at.map { x.scalars[$0] } ?? 0, "geometry \(geometries[index])")
                    if let at { expected[at] += patches[row, column] }
                }
            }
            XCTAssertEqual(dx.scalars, expected, "col2im, geometry \(geometries[index])")
        }
    }

    func testMaxPoolMatchesTheDefinitionWithTies() {
        // Values from a small set, so windows often hold ties: the first largest must win, as in PyTorch.
        var generator = SeededGenerator(seed: 5)
        let values = (0..<(2 * 3 * 6 * 7)).map { _ in Float(Int.random(in: 0..<3, using: &generator)) }
        let x = Tensor(values, shape: [2, 3, 6, 7]).requiringGrad()
        for (kernel, stride, padding) in [(2, 2, 0), (3, 2, 1), (2, 1, 1), (3, 3, 0)] {
            let out = maxPool2d(x, kernelSize: kernel, stride: stride, padding: padding)
            let upstream = random(out.shape, seed: 6)
            (out * upstream).sum().backward()
            let (oh, ow) = (out.shape[2], out.shape[3])
            var expected = [Float](), expectedGrad = [Float](repeating: 0, count: x.count)
            for plane in 0..<6 {
                for i in 0..<oh {
                    for j in 0..<ow {
                        var (best, at) = (-Float.infinity, -1)
                        for kh in 0..<kernel {
                            for kw in 0..<kernel {
                                let (row, column) = (i * stride - padding + kh, j * stride - padding + kw)
                                let position = plane * 42 + row * 7 + column
                                if row >= 0 && row < 6 && column >= 0 && column < 7 && (at < 0 || values[position] > best) {
                                    (best, at) = (values[position], position)
                                }
                            }
                        }
                        expected.append(best)
                        expectedGrad[at] += upstream.scalars[(plane * oh + i) * ow + j]
                    }
                }
            }
            XCTAssertEqual(out.scalars, expected, "kernel \(kernel), stride \(stride), padding \(padding)")
            XCTAssertEqual(x.grad!.scalars, expectedGrad, "gradient, kernel \(kernel), stride \(stride), padding \(padding)")
            x.zeroGrad()
        }
    }

    /// A sum down the rows adds each column's values in row order from zero, whether the column falls in a
    /// block of 32, of 8, or in the last few summed side by side (read a whole vector at a time where that
    /// stays inside the rows, value by value at the end).
    func testColumnSumsAddInRowOrderBitForBit() {
        for (outer, rows, columns) in [(1, 300, 3), (1, 300, 32), (1, 5, 2), (1, 2, 7), (3, 9, 11), (2, 300, 45), (1, 1, 3), (4, 7, 2)] {
            let x = random([outer, rows, columns], seed: UInt64(rows + columns), low: -2, high: 2)
            let values = x.scalars
            var expected = [Float]()
            for o in 0..<outer {
                for column in 0..<columns {
                    var total: Float = 0
                    for row in 0..<rows { total += values[(o * rows + row) * columns + column] }
                    expected.append(total)
                }
            }
            XCTAssertEqual(x.sum(axis: 1).scalars.map(\.bitPattern), expected.map(\.bitPattern), "[\(outer), \(rows), \(columns)]")
        }
    }

    func testSumOfContiguousRunsMatchesADoubleSum() {
        let x = random([3, 1001], seed: 7, low: 0, high: 1)
        let sums = x.sum(axis: 1)
        for row in 0..<3 {
            let exact = x.scalars[(row * 1001)..<((row + 1) * 1001)].reduce(0.0) { $0 + Double($1) }
            XCTAssertEqual(sums.scalars[row], Float(exact), accuracy: 1e-4)
        }
    }
}
