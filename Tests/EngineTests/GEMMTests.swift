import XCTest
@testable import Engine

/// The packed GEMM against a plain triple loop, on odd sizes, transposed operands and thread counts.
final class GEMMTests: XCTestCase {
    /// C = op(A)·op(B) by the definition, in Double.
    func naive(_ a: Tensor, _ b: Tensor, transposeA: Bool, transposeB: Bool) -> [Float] {
        let (m, k) = transposeA ? (a.shape[1], a.shape[0]) : (a.shape[0], a.shape[1])
        let n = transposeB ? b.shape[0] : b.shape[1]
        let (pa, pb) = (a.scalars, b.scalars)
        var c = [Float](repeating: 0, count: m * n)
        for i in 0..<m {
            for j in 0..<n {
                var sum = 0.0
                for p in 0..<k {
                    let x = transposeA ? pa[p * m + i] : pa[i * k + p]
                    let y = transposeB ? pb[j * k + p] : pb[p * n + j]
                    sum += Double(x) * Double(y)
                }
                c[i * n + j] = Float(sum)
            }
        }
        return c
    }

    func testOddSizesMatchNaiveLoop() {
        for (m, k, n) in [(1, 1, 1), (7, 13, 5), (65, 129, 65), (6, 16, 16), (13, 300, 33)] {
            let a = random([m, k], seed: 1), b = random([k, n], seed: 2)
            assertClose(a.matmul(b), naive(a, b, transposeA: false, transposeB: false), shape: [m, n],
                        accuracy: 1e-4, relative: 1e-4, "\(m)×\(k)·\(k)×\(n)")
        }
    }

    func testTransposedOperandsArePackedCorrectly() {
        let (m, k, n) = (19, 37, 23)
        for (ta, tb) in [(true, false), (false, true), (true, true)] {
            let a = random(ta ? [k, m] : [m, k], seed: 3), b = random(tb ? [n, k] : [k, n], seed: 4)
            let c = Tensor.product(a, b, transposeA: ta, transposeB: tb, operation: "test")
            assertClose(c, naive(a, b, transposeA: ta, transposeB: tb), shape: [m, n], accuracy: 1e-4, relative: 1e-4, "\(ta) \(tb)")
        }
    }

    func testOneAndTwoThreadsGiveIdenticalBytes() {
        for (m, k, n) in [(65, 129, 65), (300, 70, 40), (40, 70, 300), (128, 600, 128)] {
            let a = random([m, k], seed: 5), b = random([k, n], seed: 6)
            var one = [Float](repeating: 0, count: m * n), two = one
            for (threads, out) in [(1, UnsafeMutablePointer<Float>.allocate(capacity: m * n)), (2, UnsafeMutablePointer<Float>.allocate(capacity: m * n))] {
                let saved = Engine.parallelThreshold
                Engine.parallelThreshold = 0
                gemm(m: m, n: n, k: k, a: MatrixView(a.storage.base, columns: k), b: MatrixView(b.storage.base, columns: n),
                     c: out, ldc: n, accumulate: false, threads: threads)
                Engine.parallelThreshold = saved
                if threads == 1 { one = Array(UnsafeBufferPointer(start: out, count: m * n)) } else { two = Array(UnsafeBufferPointer(start: out, count: m * n)) }
                out.deallocate()
            }
            XCTAssertEqual(one.map(\.bitPattern), two.map(\.bitPattern), "\(m)×\(k)·\(k)×\(n)")
            assertClose(Tensor(one, shape: [m, n]), naive(a, b, transposeA: false, transposeB: false), accuracy: 1e-3, relative: 1e-4)
        }
    }

    func testAccumulateAddsToExistingValues() {
        let a = random([7, 9], seed: 7), b = random([9, 20], seed: 8)
        var c = [Float](repeating: 1, count: 7 * 20)
        c.withUnsafeMutableBufferPointer { out in
            gemm(m: 7, n: 20, k: 9, a: MatrixView(a.storage.base, columns: 9), b: MatrixView(b.storage.base, columns: 20),
                 c: out.baseAddress!, ldc: 20, accumulate: true, threads: 1)
        }
        assertClose(Tensor(c, shape: [7, 20]), naive(a, b, transposeA: false, transposeB: false).map { $0 + 1 }, accuracy: 1e-4)
    }

    func testBatchedMatmul() {
        let a = random([3, 4, 5], seed: 9), b = random([3, 5, 2], seed: 10)
        let c = a.matmul(b)
        XCTAssertEqual(c.shape, [3, 4, 2])
        for i in 0..<3 {
            let ai = a.slice(i..<(i + 1)).reshape([4, 5]), bi = b.slice(i..<(i + 1)).reshape([5, 2])
            assertClose(c.slice(i..<(i + 1)).reshape([4, 2]), naive(ai, bi, transposeA: false, transposeB: false), accuracy: 1e-5)
        }
    }

    func testSelfCheckPassesOnThisBuild() {
        XCTAssertNil(Engine.selfCheck())
    }
}
