import Lessons
import XCTest

@testable import Experiments

/// The adaptive-methods experiment against hand-computed first steps and PyTorch's optimizers.
final class AdaptiveRavineTests: XCTestCase {
    private func parameters(steps: Int = 500, rotation: Double = 0) -> AdaptiveRavine.Parameters {
        var p = AdaptiveRavine.Parameters()
        p.steps = steps
        p.rotation = rotation
        return p
    }

    private func descend(_ optimizer: AdaptiveRavine.Method, _ learningRate: Double, steps: Int, rotation: Double = 0) throws -> AdaptiveRavine.Run {
        try AdaptiveRavine.descend(optimizer, learningRate: learningRate, label: optimizer.rawValue,
                                   parameters: parameters(steps: steps, rotation: rotation))
    }

    private func number(_ result: ExperimentResult, _ name: String, file: StaticString = #filePath, line: UInt = #line) -> Double {
        guard case .number(let value) = result.metric(named: name) else {
            XCTFail("no number metric \(name)", file: file, line: line)
            return .nan
        }
        return value
    }

    // Runs are Float32, so hand-computed values hold to about 1e-6 relative.

    func testFirstStepsByHand() throws {
        // At (-8, 1.5) the gradient of ½(0.02x² + 20y²) is g = (-0.16, 30).
        // AdaGrad: G = g², step η·g/|g| = η per coordinate: (-7.9, 1.4), rates η/|g| = (0.625, 0.00333…).
        let adagrad = try descend(.adagrad, 0.1, steps: 1)
        XCTAssertEqual(adagrad.path[1].x, -7.9, accuracy: 1e-5)
        XCTAssertEqual(adagrad.path[1].y, 1.4, accuracy: 1e-5)
        XCTAssertEqual(adagrad.rates[0].x, 0.625, accuracy: 1e-5)
        XCTAssertEqual(adagrad.rates[0].y, 0.1 / 30, accuracy: 1e-7)
        // RMSProp (α = 0.99): s = 0.01·g², step η·g/(0.1·|g|) = 10η: (-7, 0.5).
        let rmsprop = try descend(.rmsprop, 0.1, steps: 1)
        XCTAssertEqual(rmsprop.path[1].x, -7, accuracy: 1e-5)
        XCTAssertEqual(rmsprop.path[1].y, 0.5, accuracy: 1e-5)
        // Adam: m̂ = g and v̂ = g² after bias correction, so the step is η per coordinate; the rate on m̂ is η/|g|.
        let adam = try descend(.adam, 0.1, steps: 1)
        XCTAssertEqual(adam.path[1].x, -7.9, accuracy: 1e-5)
        XCTAssertEqual(adam.path[1].y, 1.4, accuracy: 1e-5)
        XCTAssertEqual(adam.rates[0].x, 0.625, accuracy: 1e-4)
        // SGD: θ − η·g = (-8 + 0.016, 1.5 − 3).
        let sgd = try descend(.sgd, 0.1, steps: 1)
        XCTAssertEqual(sgd.path[1].x, -7.984, accuracy: 1e-5)
        XCTAssertEqual(sgd.path[1].y, -1.5, accuracy: 1e-5)
        XCTAssertEqual(sgd.rates[0].x, 0.1, accuracy: 1e-7)
    }

    func testMatchesPyTorchOverTwentySteps() throws {
        // torch.optim on the same function, float32 (PyTorch 2.15 CPU), default hyperparameters:
        //   def run(name, lr, steps, a=0.02, b=20.0, rot=0.0):
        //       th = torch.tensor([-8.0, 1.5], requires_grad=True)
        //       c = torch.tensor([0.5*a, 0.5*b]); r = math.radians(rot)
        //       Rt = torch.tensor([[math.cos(r), -math.sin(r)], [math.sin(r), math.cos(r)]])
        //       opt = {'momentum': lambda: torch.optim.SGD([th], lr=lr, momentum=0.9),
        //              'adagrad': lambda: torch.optim.Adagrad([th], lr=lr),
        //              'rmsprop': lambda: torch.optim.RMSprop([th], lr=lr),
        //              'adam': lambda: torch.optim.Adam([th], lr=lr)}[name]()
        //       for t in range(steps):
        //           opt.zero_grad(); u = (th.reshape(1, 2) @ Rt).reshape(2); (c*u*u).sum().backward(); opt.step()
        //       return th.tolist()
        let cases: [(AdaptiveRavine.Method, Double, Double, (Double, Double))] = [
            (.adagrad, 0.1, 0, (-7.254796981811523, 0.8259389400482178)),
            (.rmsprop, 0.1, 0, (-2.0859413146972656, 6.067200075676737e-10)),
            (.adam, 0.1, 0, (-6.034359455108643, -0.13650289177894592)),
            (.momentum, 0.15, 45, (-4.4106221199035645, 0.05890663340687752)),
            (.adam, 0.1, 45, (-6.064307689666748, -0.43557900190353394)),
        ]
        for (name, rate, rotation, expected) in cases {
            let run = try descend(name, rate, steps: 20, rotation: rotation)
            XCTAssertEqual(run.steps, 20)
            XCTAssertEqual(run.path[20].x, expected.0, accuracy: 2e-5, "\(name) at \(rotation)°")
            XCTAssertEqual(run.path[20].y, expected.1, accuracy: 2e-5, "\(name) at \(rotation)°")
        }
    }

    func testTurnedLossByHand() throws {
        // Turned 45°: u = (x + y)/√2 = -4.596…, v = (-x + y)/√2 = 6.717…; f = ½(0.02u² + 20v²) = 451.46125.
        let run = try descend(.sgd, 0.01, steps: 1, rotation: 45)
        XCTAssertEqual(run.losses[0], 451.46125, accuracy: 1e-3)
    }

    func testLessonReferencePoints() throws {
        // PyTorch (the script above, counting steps until f < 1e-6, at most 500) needs 103 steps for
        // RMSProp, 193 for Adam and 265 for momentum at η = 0.1, and leaves AdaGrad at x = -4.1593.
        let result = try AdaptiveRavine.run(AdaptiveRavine.Parameters(), context: ExperimentContext(seed: 0))
        XCTAssertEqual(number(result, "rmsprop_lr0.1.steps"), 103, accuracy: 2)
        XCTAssertEqual(number(result, "adam_lr0.1.steps"), 193, accuracy: 2)
        XCTAssertEqual(number(result, "momentum_lr0.1.steps"), 265, accuracy: 2)
        XCTAssertEqual(result.metric(named: "adagrad_lr0.1.converged"), .flag(false))
        XCTAssertEqual(number(result, "adagrad_lr0.1.final_x"), -4.1593, accuracy: 1e-3)
        XCTAssertEqual(result.metric(named: "sgd_lr0.09.converged"), .flag(false))
        XCTAssertEqual(result.metric(named: "sgd_lr0.09.diverged"), .flag(false))
    }

    func testAdaGradRateIsItsStepOverItsGradient() throws {
        // |Δx| at step t is the rate times |g_x| = 0.02·|x| at the previous point; the rate shrinks like 1/√t.
        let run = try descend(.adagrad, 0.1, steps: 100)
        for t in [1, 10, 100] {
            let gradient = 0.02 * abs(run.path[t - 1].x)
            XCTAssertEqual(run.step(t).x, run.rates[t - 1].x * gradient, accuracy: 1e-6)
        }
        XCTAssertLessThan(run.rates[99].x, run.rates[0].x / 5)
    }

    func testDivergenceIsAResult() throws {
        var p = AdaptiveRavine.Parameters()
        p.optimizers = [.sgd, .adagrad]
        p.learningRates = [1]
        let result = try AdaptiveRavine.run(p, context: ExperimentContext(seed: 0))
        XCTAssertEqual(result.metric(named: "sgd_lr1.diverged"), .flag(true))
        XCTAssertLessThan(number(result, "sgd_lr1.steps"), 10, "a diverging run stops as soon as it is seen to diverge")
        XCTAssertEqual(result.metric(named: "adagrad_lr1.converged"), .flag(true))
    }

    func testAnOptimizerTwiceIsNamedByRate() throws {
        var p = AdaptiveRavine.Parameters()
        p.optimizers = [.momentum, .momentum, .adam]
        p.learningRates = [0.1, 0.15, 0.1]
        p.surface = false
        p.lossChart = false
        let result = try AdaptiveRavine.run(p, context: ExperimentContext(seed: 0))
        XCTAssertLessThan(number(result, "momentum_lr0.15.steps"), number(result, "momentum_lr0.1.steps"))
        XCTAssertNotNil(result.metric(named: "adam_lr0.1.steps"))
        XCTAssertNil(result.metric(named: "momentum.steps"))
    }

    func testStepMetricsOnlyForStepsReached() throws {
        var p = AdaptiveRavine.Parameters()
        p.optimizers = [.rmsprop]
        p.learningRates = [0.1]
        p.reportSteps = [1, 500]
        let result = try AdaptiveRavine.run(p, context: ExperimentContext(seed: 0))
        XCTAssertEqual(number(result, "rmsprop_lr0.1.step_x_1"), 1, accuracy: 1e-5)
        XCTAssertNil(result.metric(named: "rmsprop_lr0.1.step_x_500"), "RMSProp converges long before step 500")
    }

    func testMismatchedLearningRatesAreAnError() {
        var p = AdaptiveRavine.Parameters()
        p.optimizers = [.sgd, .adam, .rmsprop]
        p.learningRates = [0.1, 0.2]
        XCTAssertThrowsError(try AdaptiveRavine.run(p, context: ExperimentContext(seed: 0))) { error in
            XCTAssertTrue("\(error)".contains("learning_rates has 2 values for 3 optimizers"), "\(error)")
        }
    }

    func testCatalogHasTheExperimentAndItsParameters() {
        let entry = experimentCatalog.entries.first { $0.name == "adaptive-ravine" }
        XCTAssertEqual(entry?.parameters.map(\.key), [
            "optimizers", "learning_rates", "momentum", "curvatures", "rotation", "start", "steps", "tolerance",
            "report_steps", "surface", "loss_chart", "step_table", "path_steps",
        ])
        XCTAssertEqual(entry?.parameters.first?.defaultValue, "[sgd, momentum, adagrad, rmsprop, adam]")
    }
}
