import XCTest
@testable import Engine

/// Edge cases where students compare the engine's numbers with PyTorch's: ties in maximum, minimum and a
/// full max(), and Adam's AMSGrad variant. Reference values from PyTorch 2.13.0 (CPU), by this script:
///
///     import torch
///     a=torch.tensor([1.0,2.0,3.0,-1.0],requires_grad=True); b=torch.tensor([1.0,1.0,4.0,-1.0],requires_grad=True)
///     (torch.maximum(a,b)*torch.tensor([1.,2.,3.,4.])).sum().backward(); print(a.grad.tolist(), b.grad.tolist())
///     # the same with torch.minimum
///     x=torch.tensor([[1.0,3.0],[3.0,2.0],[3.0,0.0]],requires_grad=True); (x.max()*6).backward(); print(x.grad.tolist())
///     for wd, cls in [(0.0, torch.optim.Adam), (0.1, torch.optim.AdamW)]:
///         p=torch.tensor([1.0,-2.0,0.5],requires_grad=True)
///         opt=cls([p], lr=0.1, betas=(0.9,0.999), eps=1e-8, weight_decay=wd, amsgrad=True)
///         for g in [[1.0,-1.0,0.5],[0.1,-3.0,0.5],[0.01,0.2,-0.5],[2.0,0.0,0.1]]:
///             opt.zero_grad(); p.grad=torch.tensor(g); opt.step()
///         print(p.tolist())
///
///     x=torch.tensor([-1.0,0.0,0.5,1.0,2.0],requires_grad=True); x.clamp(0.0,1.0).sum().backward(); print(x.grad.tolist())
///
/// The last shows that PyTorch's `clamp` with number bounds passes the gradient *at* its bounds ([0, 1, 1, 1, 0]),
/// which the engine's `clamp` already did.
final class PyTorchParityTests: XCTestCase {
    private let weights = Tensor([1, 2, 3, 4])

    func testMaximumAndMinimumSplitATiesGradient() {
        for (operation, expectedA, expectedB) in [
            (Tensor.maximum, [0.5, 2, 0, 2] as [Float], [0.5, 0, 3, 2] as [Float]),
            (Tensor.minimum, [0.5, 0, 3, 2], [0.5, 2, 0, 2]),
        ] {
            let a = Tensor([1, 2, 3, -1]).requiringGrad(), b = Tensor([1, 1, 4, -1]).requiringGrad()
            let (ga, gb) = gradients(a, b) { (operation($0, $1) * weights).sum() }
            XCTAssertEqual(ga.scalars, expectedA)
            XCTAssertEqual(gb.scalars, expectedB)
        }
    }

    func testAFullMaxSharesItsGradientAmongTies() {
        let x = Tensor([1, 3, 3, 2, 3, 0], shape: [3, 2]).requiringGrad()
        let (g, _) = gradients(x, x) { x, _ in x.max() * 6 }
        XCTAssertEqual(g.scalars, [0, 2, 2, 0, 2, 0])
        XCTAssertEqual(x.max().item, 3)
    }

    func testClampPassesTheGradientAtItsBoundsAsPyTorchDoes() {
        let x = Tensor([-1, 0, 0.5, 1, 2]).requiringGrad()
        let (g, _) = gradients(x, x) { x, _ in x.clamp(min: 0, max: 1).sum() }
        XCTAssertEqual(g.scalars, [0, 1, 1, 1, 0])
    }

    func testAMSGradMatchesPyTorch() throws {
        let grads: [[Float]] = [[1, -1, 0.5], [0.1, -3, 0.5], [0.01, 0.2, -0.5], [2, 0, 0.1]]
        var adam = try Adam(learningRate: 0.1, amsgrad: true)
        var adamW = try AdamW(learningRate: 0.1, weightDecay: 0.1, amsgrad: true)
        var p = Tensor([1, -2, 0.5]), q = Tensor([1, -2, 0.5])
        for g in grads {
            adam.update(&p, gradient: Tensor(g), name: "p")
            adamW.update(&q, gradient: Tensor(g), name: "q")
        }
        for (actual, expected) in zip(p.scalars, [0.69483608, -1.68678749, 0.245809272] as [Float]) {
            XCTAssertEqual(actual, expected, accuracy: 2e-6)
        }
        for (actual, expected) in zip(q.scalars, [0.660455167, -1.61344373, 0.231329396] as [Float]) {
            XCTAssertEqual(actual, expected, accuracy: 2e-6)
        }
        // Without AMSGrad the same steps end elsewhere, by more than the tolerance above: the test tells them apart.
        var plain = try Adam(learningRate: 0.1)
        var r = Tensor([1, -2, 0.5])
        for g in grads { plain.update(&r, gradient: Tensor(g), name: "r") }
        XCTAssertGreaterThan(zip(r.scalars, p.scalars).map { abs($0 - $1) }.max() ?? 0, 1e-5)
    }

    /// Gradients of `f(a, b)` with respect to `a` and `b`.
    private func gradients(_ a: Tensor, _ b: Tensor, _ f: (Tensor, Tensor) -> Tensor) -> (Tensor, Tensor) {
        let y = f(a, b)
        y.backward()
        return (a.grad ?? .zeros(a.shape), b.grad ?? .zeros(b.shape))
    }
}
