import XCTest
@testable import Engine

/// The tape: accumulation, zeroing, no-grad, detach, deep graphs, numerics and a small end-to-end fit.
final class AutogradTests: XCTestCase {
    func testGradientsAccumulateUntilZeroed() {
        let w = Tensor([1, 2, 3]).requiringGrad()
        (w * w).sum().backward()
        XCTAssertEqual(w.grad?.scalars, [2, 4, 6])
        (w * 3).sum().backward()
        XCTAssertEqual(w.grad?.scalars, [5, 7, 9])
        w.zeroGrad()
        XCTAssertNil(w.grad)
    }

    /// `retainGraph` keeps every node's backward, so a second pass over the same graph adds the same
    /// gradients again; without it the graph is freed (its nodes' backwards are dropped as they run).
    func testRetainedGraphRunsBackwardAgain() {
        let w = Tensor([1, -2, 3]).requiringGrad(), b = Tensor([0.5]).requiringGrad()
        let loss = linearReLU(Tensor([[1, 2, 3], [-1, 0, 2]]), weight: w.reshape([1, 3]), bias: b).exp().sum()
        loss.backward(retainGraph: true)
        let (once, onceBias) = (w.grad!.scalars, b.grad!.scalars)
        XCTAssertTrue(loss.requiresGrad, "the graph is still there")
        loss.backward()
        XCTAssertEqual(w.grad!.scalars, once.map { 2 * $0 })
        XCTAssertEqual(b.grad!.scalars, onceBias.map { 2 * $0 })
        XCTAssertFalse(loss.requiresGrad, "freed by the second backward")
        // relu(1 − 4 + 9 + 0.5) = 6.5 and relu(−1 + 6 + 0.5) = 5.5: dw = e^6.5·[1, 2, 3] + e^5.5·[−1, 0, 2].
        let (e65, e55) = (Float(Foundation.exp(6.5)), Float(Foundation.exp(5.5)))
        assertClose(Tensor(once), [e65 - e55, 2 * e65, 3 * e65 + 2 * e55], accuracy: 0, relative: 1e-6)
    }

    /// ReLU's backward masks the gradient it is given in place, but only a gradient no one else holds: one
    /// passed to `backward(gradient:)` is left as it was.
    func testAGradientPassedInIsNotChanged() {
        let x = Tensor([[-1, 2], [3, -4]]).requiringGrad()
        let seed = Tensor([[5, 6], [7, 8]])
        x.relu().backward(gradient: seed)
        XCTAssertEqual(x.grad?.scalars, [0, 6, 7, 0])
        linearReLU(x, weight: Tensor([[1, 0], [0, 1]])).backward(gradient: seed)
        XCTAssertEqual(x.grad?.scalars, [0, 12, 14, 0])
        XCTAssertEqual(seed.scalars, [5, 6, 7, 8])
    }

    func testAReusedValueSumsItsGradients() {
        let x = Tensor([2]).requiringGrad()
        let y = x * x   // used twice below: dz/dx = 3·2x² · … checked by hand
        let z = (y * x + y).sum()   // z = x³ + x², dz/dx = 3x² + 2x = 16
        z.backward()
        XCTAssertEqual(x.grad?.scalars, [16])
    }

    func testNoGradAndDetachRecordNothing() {
        let w = Tensor([1, 2]).requiringGrad()
        let inside = noGrad { w * 2 }
        XCTAssertFalse(inside.requiresGrad)
        XCTAssertFalse((w * 2).detach().requiresGrad)
        XCTAssertTrue((w * 2).requiresGrad)
        XCTAssertFalse(Tensor([1]).requiresGrad)
        let partly = (w * (w * 3).detach()).sum()
        partly.backward()
        XCTAssertEqual(w.grad?.scalars, [3, 6], "the detached factor is a constant")
    }

    func testDeepGraphNeedsNoRecursion() {
        let x = Tensor([1]).requiringGrad()
        var y = x
        for _ in 0..<50_000 { y = y * 1.0001 }
        y.sum().backward()
        XCTAssertEqual(x.grad!.item, Float(Foundation.pow(1.0001, 50_000.0)), accuracy: 0.5, "Float32 rounding over 50,000 products")
    }

    func testExtremeLogitsStayFinite() {
        let logits = Tensor([[1000, -1000, 0], [-1000, -1000, -1000]]).requiringGrad()
        let logP = logits.logSoftmax()
        XCTAssertTrue(logP.scalars.allSatisfy(\.isFinite))
        assertClose(logP, [0, -2000, -1000, -1.0986123, -1.0986123, -1.0986123], accuracy: 1e-4, relative: 1e-6)
        let loss = crossEntropy(logits: logits, labels: [1, 2], labelSmoothing: 0.1)
        XCTAssertTrue(loss.item.isFinite)
        loss.backward()
        XCTAssertTrue(logits.grad!.scalars.allSatisfy(\.isFinite))
        assertClose(logits.softmax(), [1, 0, 0, 1.0 / 3, 1.0 / 3, 1.0 / 3])
        XCTAssertEqual(Tensor([0, 0]).log().scalars, [-.infinity, -.infinity])
    }

    func testTinyMLPLearnsXOR() {
        // The five-line example of docs/engine.md, asserted.
        var rng = SeededGenerator(seed: 0)
        var params = [Tensor.randn([2, 16], using: &rng), Tensor.zeros([16]), Tensor.randn([16, 2], using: &rng), Tensor.zeros([2])].map { $0.requiringGrad() }
        let x = Tensor([[0, 0], [0, 1], [1, 0], [1, 1]]), labels = [0, 1, 1, 0]
        func model(_ x: Tensor) -> Tensor { (x.matmul(params[0]) + params[1]).tanh().matmul(params[2]) + params[3] }
        var losses: [Float] = []
        for _ in 0..<300 {
            let loss = crossEntropy(logits: model(x), labels: labels)
            loss.backward()
            noGrad { for i in params.indices { params[i] -= 0.5 * params[i].grad!; params[i].zeroGrad() } }
            losses.append(loss.item)
        }
        XCTAssertLessThan(losses.last!, 0.05 * losses.first!, "\(losses.first!) → \(losses.last!)")
        let predictions = noGrad { model(x).argmax(axis: 1) }
        XCTAssertEqual(predictions.scalars, [0, 1, 1, 0])
    }

    func testTapesArePerThread() {
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var values: [Float] = [0, 0]
        }
        let group = DispatchGroup()
        let results = Results()
        for t in 0..<2 {
            group.enter()
            Thread {
                let w = Tensor([Float(t + 1)]).requiringGrad()
                var y = w
                for _ in 0..<1000 { y = y * 1 }
                (y * y).sum().backward()
                results.lock.lock(); results.values[t] = w.grad!.item; results.lock.unlock()
                group.leave()
            }.start()
        }
        group.wait()
        XCTAssertEqual(results.values, [2, 4])
    }
}
