import XCTest
@testable import Engine

/// Lessons have golden outputs, so a product must give the same bytes whichever kernel the build picked
/// (AVX2 or AVX-512), whichever way round the GEMM solved it, and on any thread count. Both kernels run in
/// every build (on an AVX2-only CPU the 16-wide one is slow but exact), so this holds on every machine.
final class KernelAgreementTests: XCTestCase {
    /// Shapes that exercise full tiles, ragged edges, the narrow one-vector kernel, the transposed route for
    /// narrow outputs, and several k blocks (k > 256): m, k, n.
    let shapes = [(1, 1, 1), (7, 13, 5), (65, 129, 65), (6, 32, 32), (64, 256, 10), (10, 64, 256), (64, 10, 784),
                  (8, 9, 300), (16, 72, 200), (8, 600, 9), (13, 300, 33), (300, 70, 40), (40, 520, 300)]

    /// C = op(A)·op(B) (plus 0.5 everywhere when `accumulate`) with the given kernel and thread count.
    func product(_ a: Tensor, _ b: Tensor, m: Int, n: Int, k: Int, transposeA: Bool = false, transposeB: Bool = false,
                 accumulate: Bool = false, kernel: GEMMKernel, threads: Int = 1, readInPlace: Bool = true) -> [Float] {
        var c = [Float](repeating: accumulate ? 0.5 : .nan, count: m * n)
        let saved = Engine.parallelThreshold
        Engine.parallelThreshold = 0
        defer { Engine.parallelThreshold = saved }
        c.withUnsafeMutableBufferPointer { out in
            gemm(m: m, n: n, k: k, a: MatrixView(a.storage.base, columns: a.shape[1], transposed: transposeA),
                 b: MatrixView(b.storage.base, columns: b.shape[1], transposed: transposeB),
                 c: out.baseAddress!, ldc: n, accumulate: accumulate, threads: threads, kernel: kernel, readInPlace: readInPlace)
        }
        return c
    }

    func testBothKernelsGiveIdenticalBytes() {
        for (index, (m, k, n)) in shapes.enumerated() {
            let a = random([m, k], seed: UInt64(2 * index)), b = random([k, n], seed: UInt64(2 * index + 1))
            for accumulate in [false, true] {
                let narrow = product(a, b, m: m, n: n, k: k, accumulate: accumulate, kernel: .simd8)
                let wide = product(a, b, m: m, n: n, k: k, accumulate: accumulate, kernel: .simd16)
                XCTAssertEqual(narrow.map(\.bitPattern), wide.map(\.bitPattern), "\(m)×\(k)·\(k)×\(n) accumulate: \(accumulate)")
                let expected = a.matmul(b).scalars.map { accumulate ? $0 + 0.5 : $0 }
                assertClose(Tensor(wide, shape: [m, n]), expected, accuracy: 1e-3, relative: 1e-4, "\(m)×\(k)·\(k)×\(n)")
            }
        }
    }

    func testTransposedOperandsGiveIdenticalBytesOnBothKernels() {
        let (m, k, n) = (19, 300, 10)
        for (ta, tb) in [(true, false), (false, true), (true, true)] {
            let a = random(ta ? [k, m] : [m, k], seed: 30), b = random(tb ? [n, k] : [k, n], seed: 31)
            let narrow = product(a, b, m: m, n: n, k: k, transposeA: ta, transposeB: tb, kernel: .simd8)
            let wide = product(a, b, m: m, n: n, k: k, transposeA: ta, transposeB: tb, kernel: .simd16)
            XCTAssertEqual(narrow.map(\.bitPattern), wide.map(\.bitPattern), "transposeA: \(ta) transposeB: \(tb)")
        }
    }

    /// (A·B)ᵀ and Bᵀ·Aᵀ are the same sums in the same order, so the GEMM may solve a narrow product either way
    /// round. One of each narrow pair goes the transposed route (ten outputs) and the other does not,
    /// whether A is stored transposed ([k, m], as gᵀ in a weight gradient: no transposing) or row-major
    /// (small enough to be transposed into panels); a row-major A of more than 65,536 values takes the
    /// direct route, which reads it in place (the last shape).
    func testProductAndTransposedProductGiveIdenticalBytes() {
        for (m, k, n) in [(64, 256, 10), (64, 10, 784), (100, 300, 9), (300, 40, 20), (200, 50, 70), (700, 100, 10)] {
            for storedTransposed in [false, true] {
                let a = random(storedTransposed ? [k, m] : [m, k], seed: 40), b = random([k, n], seed: 41)
                for kernel in GEMMKernel.allCases {
                    let c = product(a, b, m: m, n: n, k: k, transposeA: storedTransposed, kernel: kernel)
                    let ct = product(b, a, m: n, n: m, k: k, transposeA: true, transposeB: !storedTransposed, kernel: kernel)
                    let transposedBack = (0..<m * n).map { ct[($0 % n) * m + $0 / n] }
                    XCTAssertEqual(c.map(\.bitPattern), transposedBack.map(\.bitPattern),
                                   "\(m)×\(k)·\(k)×\(n) A stored transposed: \(storedTransposed) \(kernel)")
                }
            }
        }
    }

    /// Small products read A, and B with short rows, in place instead of packing them; the kernels make each
    /// element the same way from either, so the bytes must be those of a product with every panel packed.
    /// The shapes are a small MLP's (2-32-32-3 on 300 points, forward and backward, but for the products two
    /// and three deep, which read their operands in place either way: here five and seven deep instead),
    /// ragged row panels, more than one k block, and widths on both sides of the in-place limits of both kernels.
    func testReadingOperandsInPlaceGivesThePackedBytes() {
        let shapes = [(300, 5, 32), (300, 32, 32), (32, 300, 32), (3, 300, 32), (300, 7, 32), (300, 32, 3), (2, 300, 32),
                      (64, 256, 10), (13, 300, 33), (7, 5, 64), (65, 129, 65), (11, 520, 17)]
        for (index, (m, k, n)) in shapes.enumerated() {
            for (ta, tb) in [(false, false), (true, false), (false, true), (true, true)] {
                let a = random(ta ? [k, m] : [m, k], seed: UInt64(60 + 2 * index)), b = random(tb ? [n, k] : [k, n], seed: UInt64(61 + 2 * index))
                let reference = product(a, b, m: m, n: n, k: k, transposeA: ta, transposeB: tb, kernel: .simd8, readInPlace: false)
                for kernel in GEMMKernel.allCases {
                    for accumulate in [false, true] {
                        let packed = product(a, b, m: m, n: n, k: k, transposeA: ta, transposeB: tb, accumulate: accumulate,
                                             kernel: kernel, readInPlace: false)
                        let inPlace = product(a, b, m: m, n: n, k: k, transposeA: ta, transposeB: tb, accumulate: accumulate,
                                              kernel: kernel)
                        let label = "\(m)×\(k)·\(k)×\(n) transposeA: \(ta) transposeB: \(tb) \(kernel) accumulate: \(accumulate)"
                        XCTAssertEqual(packed.map(\.bitPattern), inPlace.map(\.bitPattern), label)
                        if !accumulate { XCTAssertEqual(reference.map(\.bitPattern), inPlace.map(\.bitPattern), label) }
                    }
                }
            }
        }
    }

    /// Every kernel makes an element the same way: from zero, one fused multiply-add per k in order within each
    /// block of `GEMMBlocking.kc`, each block's sum then added to C. This loop does exactly that one element at
    /// a time, so every tile shape must match it bit for bit: the six-row kernels, the narrow one-vector
    /// kernel on twelve rows at once (an output layer's [700, 100]·[100, 3], too large a row-major A for the
    /// transposed route, read in place and packed; [19, 520]·[520, 7]; and the transposed route's
    /// [16, 72]·[72, 1000]), the three-row kernel of a product's last rows (a weight gradient's 32 = 5·6 + 2
    /// rows, 2 or 3 rows alone, and the transposed route's [300, 32]·[32, 3]), the 16×16 transposes of B read
    /// transposed, ragged panels, and the row-by-row kernel of products at most four deep.
    func testEveryTileShapeMatchesAFusedMultiplyAddLoopBitForBit() {
        func reference(_ a: Tensor, _ b: Tensor, m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, accumulate: Bool) -> [Float] {
            let (pa, pb) = (a.scalars, b.scalars)
            return (0..<m * n).map { index in
                let (i, j) = (index / n, index % n)
                var c: Float = accumulate ? 0.5 : 0
                for start in stride(from: 0, to: k, by: GEMMBlocking.kc) {
                    var sum: Float = 0
                    for p in start..<min(k, start + GEMMBlocking.kc) {
                        sum = sum.addingProduct(transposeA ? pa[p * m + i] : pa[i * k + p], transposeB ? pb[j * k + p] : pb[p * n + j])
                    }
                    c = start == 0 && !accumulate ? sum : c + sum
                }
                return c
            }
        }
        let shapes = [(300, 32, 3), (700, 100, 3), (300, 32, 10), (24, 40, 16), (25, 40, 9), (14, 300, 32), (32, 300, 32), (2, 300, 32),
                      (3, 300, 32), (3, 300, 40), (16, 72, 1000), (19, 520, 7), (6, 5, 64), (1, 1, 1),
                      // Shallow products (k ≤ 4): a first layer's two inputs, a gradient through three classes.
                      (300, 2, 32), (300, 3, 32), (7, 4, 100), (5, 1, 3), (40, 3, 17), (1, 2, 64)]
        for (index, (m, k, n)) in shapes.enumerated() {
            for (transposeA, transposeB) in [(false, false), (true, false), (false, true)] {
                let a = random(transposeA ? [k, m] : [m, k], seed: UInt64(80 + 2 * index))
                let b = random(transposeB ? [n, k] : [k, n], seed: UInt64(81 + 2 * index))
                for accumulate in [false, true] {
                    let expected = reference(a, b, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB,
                                             accumulate: accumulate).map(\.bitPattern)
                    for kernel in GEMMKernel.allCases {
                        for readInPlace in [true, false] {
                            let c = product(a, b, m: m, n: n, k: k, transposeA: transposeA, transposeB: transposeB, accumulate: accumulate,
                                            kernel: kernel, readInPlace: readInPlace)
                            XCTAssertEqual(c.map(\.bitPattern), expected,
                                           "\(m)×\(k)·\(k)×\(n) transposeA: \(transposeA) transposeB: \(transposeB) accumulate: \(accumulate) \(kernel) in place: \(readInPlace)")
                        }
                    }
                }
            }
        }
    }

    /// The epilogue (a linear layer's bias, then ReLU) gives the bytes of the separate passes it replaces, on
    /// every route: products at most four deep (whole up to 64 KB of C, else in blocks of rows: 3000 × 10),
    /// the direct route in blocks of 144 rows (300 rows: two and a ragged third), the transposed route for
    /// narrow outputs (its rows are C's columns),
    /// several k blocks (applied only after the last), B read transposed, packed or in place, both kernels,
    /// and two threads splitting rows or columns. A NaN in A and values at or below zero check the clamp. A
    /// single output column (20 × 100 → 1) goes the transposed route with both strides of C equal to 1.
    func testEpilogueMatchesTheSeparatePassesBitForBit() {
        let shapes = [(300, 2, 32), (300, 32, 32), (300, 32, 3), (64, 256, 10), (7, 5, 33), (9, 3, 1), (40, 520, 20),
                      (13, 300, 70), (8, 9, 300), (3000, 64, 10), (20, 100, 1), (2, 100, 1), (1, 100, 20),
                      (3000, 4, 10)]
        let saved = Engine.parallelThreshold
        Engine.parallelThreshold = 0
        defer { Engine.parallelThreshold = saved }
        for (index, (m, k, n)) in shapes.enumerated() {
            var a = random([m, k], seed: UInt64(90 + index))
            if m > 1 { a.withUnsafeMutableBufferPointer { $0[k] = .nan } }  // row 1 of C is NaN before the clamp
            let w = random([n, k], seed: UInt64(60 + index)), bias = random([n], seed: UInt64(30 + index), low: -2, high: 0.5)
            for relu in [false, true] {
                var expected = product(a, w, m: m, n: n, k: k, transposeB: true, kernel: .simd8)
                for i in expected.indices {
                    let value = expected[i] + bias.scalars[i % n]
                    expected[i] = relu ? (value > 0 ? value : 0) : value
                }
                let epilogue = Epilogue(bias: UnsafePointer(bias.storage.base), relu: relu)
                for kernel in GEMMKernel.allCases {
                    for (threads, readInPlace) in [(1, true), (1, false), (2, true)] {
                        var c = [Float](repeating: .nan, count: m * n)
                        c.withUnsafeMutableBufferPointer { out in
                            gemm(m: m, n: n, k: k, a: MatrixView(a.storage.base, columns: k), b: MatrixView(w.storage.base, columns: k, transposed: true),
                                 c: out.baseAddress!, ldc: n, accumulate: false, epilogue: epilogue, threads: threads, kernel: kernel,
                                 readInPlace: readInPlace)
                        }
                        XCTAssertEqual(c.map(\.bitPattern), expected.map(\.bitPattern),
                                       "\(m)×\(k)·\(k)×\(n) relu: \(relu) \(kernel) threads: \(threads) in place: \(readInPlace)")
                    }
                }
                if relu {
                    XCTAssertTrue(m == 1 || expected[n..<(2 * n)].allSatisfy { $0 == 0 }, "a NaN row clamps to 0: \(m)×\(k)·\(k)×\(n)")
                    XCTAssertTrue(m * n < 1000 || expected.contains { $0 > 0 }, "\(m)×\(k)·\(k)×\(n)")
                }
            }
        }
    }

    func testOneAndTwoThreadsGiveIdenticalBytesOnNarrowShapes() {
        for (m, k, n) in [(3000, 256, 10), (8, 9, 5000), (16, 72, 3000), (8, 5000, 9), (10, 64, 784)] {
            let a = random([m, k], seed: 50), b = random([k, n], seed: 51)
            let reference = product(a, b, m: m, n: n, k: k, kernel: .simd8, threads: 1)
            for kernel in GEMMKernel.allCases {
                let two = product(a, b, m: m, n: n, k: k, kernel: kernel, threads: 2)
                XCTAssertEqual(reference.map(\.bitPattern), two.map(\.bitPattern), "\(m)×\(k)·\(k)×\(n) \(kernel)")
            }
        }
    }

    /// The narrow shapes of a small CNN and an MLP's last layer pad little: conv(1→8, 3×3) is [8, 9]·[9, pixels],
    /// ten outputs are solved as [10, k]·[k, batch]. Counted in multiply-adds per k, padding included.
    func testNarrowShapesPadLittle() {
        for kernel in GEMMKernel.allCases {
            XCTAssertEqual(kernel.paddedArea(m: 8, n: 50176), 12 * 50176, "conv(1→8) forward, \(kernel)")
            let tenOutputs = min(kernel.paddedArea(m: 64, n: 10), kernel.paddedArea(m: 10, n: 64))
            XCTAssertEqual(tenOutputs, 12 * 64, "64×10 output, \(kernel)")
            XCTAssertLessThanOrEqual(kernel.paddedArea(m: 8, n: 9), 12 * 16, "conv(1→8) weight gradient, \(kernel)")
        }
    }

    func testSelfCheckExpectsTheCompiledKernel() {
        // Package.swift picks the AVX-512 kernel exactly when a Linux x86-64 CPU lists avx512f.
        #if os(Linux) && arch(x86_64)
        let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
        XCTAssertEqual(GEMMKernel.native, flags.split(separator: " ").contains("avx512f") ? .simd16 : .simd8)
        #endif
        XCTAssertGreaterThanOrEqual(Engine.measureGFLOPS(), Engine.expectedMinimumGFLOPS, Engine.kernelName)
    }
}
