import Lessons
import XCTest

@testable import Experiments

/// The momentum experiment against values computed by hand and the known reference points.
final class MomentumRavineTests: XCTestCase {
    private func parameters(steps: Int = 200) -> MomentumRavine.Parameters {
        var p = MomentumRavine.Parameters()
        p.steps = steps
        return p
    }

    // The runs are Float32 (the engine's SGD on a 2-element tensor): hand-computed values hold to about
    // 1e-6 relative, Float's precision, not to Double's.

    func testOneStepOfPlainDescentByHand() throws {
        // From (-8, 1.5) with η = 0.1: ∇f = (-1.6, 6), θ = (-7.84, 0.9), f = 0.1·61.4656 + 2·0.81.
        let run = try MomentumRavine.descend(learningRate: 0.1, momentum: 0, parameters: parameters(steps: 1))
        XCTAssertEqual(run.steps, 1)
        XCTAssertEqual(run.path[1].x, -7.84, accuracy: 1e-5)
        XCTAssertEqual(run.path[1].y, 0.9, accuracy: 1e-6)
        XCTAssertEqual(run.finalLoss, 7.76656, accuracy: 1e-5)
    }

    func testTwoStepsOfMomentumByHand() throws {
        // β = 0.5, η = 0.1. Step 1 as above, v = (-1.6, 6). Step 2: g = (-1.568, 3.6),
        // v = (-0.8 - 1.568, 3 + 3.6) = (-2.368, 6.6), θ = (-7.6032, 0.24), f = 5.7808646… + 0.1152.
        let run = try MomentumRavine.descend(learningRate: 0.1, momentum: 0.5, parameters: parameters(steps: 2))
        XCTAssertEqual(run.path[2].x, -7.6032, accuracy: 1e-5)
        XCTAssertEqual(run.path[2].y, 0.24, accuracy: 1e-6)
        XCTAssertEqual(run.finalLoss, 0.1 * 7.6032 * 7.6032 + 2 * 0.24 * 0.24, accuracy: 1e-5)
    }

    func testMatchesPyTorchOverAWholeRun() throws {
        // torch.optim.SGD on the same ravine, float32 (PyTorch 2.x CPU):
        //   th = torch.tensor([-8.0, 1.5], requires_grad=True)
        //   opt = torch.optim.SGD([th], lr=0.6, momentum=0.5)
        //   for t in range(20):
        //       opt.zero_grad(); (torch.tensor([0.1, 2.0]) * th * th).sum().backward(); opt.step()
        //   print(th.tolist())
        let run = try MomentumRavine.descend(learningRate: 0.6, momentum: 0.5, parameters: parameters(steps: 20))
        XCTAssertEqual(run.steps, 20)
        XCTAssertEqual(run.path[20].x, 0.011500583961606026, accuracy: 1e-6)
        XCTAssertEqual(run.path[20].y, -0.0019149606814607978, accuracy: 1e-6)
    }

    func testReferencePoints() throws {
        let result = try MomentumRavine.run(MomentumRavine.Parameters(), context: ExperimentContext(seed: 0))
        XCTAssertEqual(result.metric(named: "sgd_lr0.4.converged"), .flag(true))
        XCTAssertEqual(result.metric(named: "sgd_lr0.6.diverged"), .flag(true))
        XCTAssertEqual(result.metric(named: "momentum0.5_lr0.6.converged"), .flag(true))
        XCTAssertEqual(result.metric(named: "momentum0.5_lr0.6.diverged"), .flag(false))
    }

    func testDivergenceIsAResultNotACrash() throws {
        var p = MomentumRavine.Parameters()
        p.learningRates = [10]
        p.momentums = [0]
        p.steps = 100_000
        let result = try MomentumRavine.run(p, context: ExperimentContext(seed: 0))
        XCTAssertEqual(result.metric(named: "sgd_lr10.diverged"), .flag(true))
        guard case .number(let steps) = result.metric(named: "sgd_lr10.steps") else { return XCTFail("no steps metric") }
        XCTAssertLessThan(steps, 20, "a diverging run stops as soon as it is seen to diverge")
    }

    func testCatalogHasTheExperimentAndItsParameters() {
        let entry = experimentCatalog.entries.first { $0.name == "momentum-ravine" }
        XCTAssertEqual(entry?.parameters.map(\.key), ["learning_rates", "momentums", "steps", "start", "tolerance", "surface", "loss_chart", "path_steps"])
        XCTAssertEqual(entry?.parameters.first?.defaultValue, "[0.4, 0.6]")
    }
}
