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

    func testFusedLinearEqualsProductPlusBias() {
        // Batch 64 with ten outputs takes the GEMM's transposed route; 33 outputs a ragged edge.
        for (batch, inputs, outputs) in [(64, 256, 10), (7, 5, 33)] {
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

    func testAnInputThatNeedsNoGradientGetsNone() {
        let x = random([6, 4], seed: 8), w = random([4, 3], seed: 9).requiringGrad()
        x.matmul(w).sum().backward()
        XCTAssertNil(x.grad)
        XCTAssertEqual(w.grad?.shape, [4, 3])
    }

    func testPooledStorageIsReusedAndIndependent() {
        let count = StoragePool.minimumCount * 2
        var first: Tensor? = Tensor(shape: [count], repeating: 1)
        let address = first!.storage.base
        first = nil
        let second = Tensor(shape: [count], repeating: 2)
        XCTAssertEqual(second.storage.base, address, "a freed buffer of the same size is reused")
        XCTAssertTrue(second.scalars.allSatisfy { $0 == 2 })
        let third = Tensor(shape: [count], repeating: 3)
        XCTAssertNotEqual(third.storage.base, second.storage.base, "a live buffer is never handed out twice")
    }
}
