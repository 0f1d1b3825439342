import Engine
import Lessons
import XCTest

@testable import Experiments

/// Weight decay as an L2 gradient term and as shrink-then-step, against one step worked out by hand.
final class DecayTwoStepTests: XCTestCase {
    private func parameters(_ optimizers: [DecayTwoStep.Method], learningRate: Double = 0.05, weightDecay: Double = 0.5,
                            steps: Int = 20) -> DecayTwoStep.Parameters {
        var p = DecayTwoStep.Parameters()
        p.optimizers = optimizers
        p.learningRate = learningRate
        p.weightDecay = weightDecay
        p.steps = steps
        p.features = 12
        p.examples = 6
        return p
    }

    func testOneStepMatchesTheFormulaByHand() throws {
        // θ₁ = θ₀ − η(g + λθ₀) with g = (2/n)·Xᵀ(Xw + b − y) for the weights and (2/n)·Σ(Xw + b − y) for the bias,
        // the gradient of the mean squared error, computed here in Double from the same data and initial weights.
        let p = parameters([.sgd], steps: 1)
        let seed: UInt64 = 3
        let data = SyntheticData.wideRegression(count: p.examples, features: p.features, informative: 5, noise: 0.5, seed: seed).dataset
        guard case .values(let targets) = data.targets else { return XCTFail("no targets") }
        var generator = SeededGenerator(seed: seed &+ 1)
        let start = Linear(p.features, 1, using: &generator)
        let x = data.inputs.scalars.map(Double.init), y = targets.scalars.map(Double.init)
        let w = start.weight.scalars.map(Double.init), b = Double(start.bias!.scalars[0])
        let (n, d) = (p.examples, p.features)
        let residuals = (0..<n).map { i in (0..<d).reduce(b) { $0 + x[i * d + $1] * w[$1] } - y[i] }
        let (lr, wd) = (p.learningRate, p.weightDecay)
        let expectedWeights = (0..<d).map { j in
            let g = 2 / Double(n) * (0..<n).reduce(0.0) { $0 + x[$1 * d + j] * residuals[$1] }
            return w[j] - lr * (g + wd * w[j])
        }
        let expectedBias = b - lr * (2 / Double(n) * residuals.reduce(0, +) + wd * b)
        for rule in [DecayTwoStep.Rule.l2, .twoStep] {
            let run = try DecayTwoStep.train(.sgd, rule, p, inputs: data.inputs, targets: targets, seed: seed)
            let after = run.trajectory[0].map(Double.init)
            for (actual, expected) in zip(after, expectedWeights + [expectedBias]) {
                XCTAssertEqual(actual, expected, accuracy: 1e-5, "\(rule)")
            }
        }
    }

    func testSGDViewsAgreeAdamsDifferAndAdamWIsTheTwoStepView() throws {
        let result = try DecayTwoStep.run(parameters([.sgd, .adam]), context: ExperimentContext(seed: 1))
        XCTAssertLessThan(metricNumber(result, "sgd.max_difference"), 1e-5)
        XCTAssertGreaterThan(metricNumber(result, "adam.max_difference"), 1e-3)
        XCTAssertLessThan(metricNumber(result, "adam.adamw_difference"), 1e-6)
        XCTAssertGreaterThan(metricNumber(result, "adam.decay_ratio_max"), metricNumber(result, "adam.decay_ratio_min"))
    }

    func testWithoutDecayEveryViewIsTheSame() throws {
        let result = try DecayTwoStep.run(parameters([.sgd, .adam], weightDecay: 0), context: ExperimentContext(seed: 2))
        XCTAssertEqual(metricNumber(result, "sgd.max_difference"), 0)
        XCTAssertEqual(metricNumber(result, "adam.max_difference"), 0)
    }

    func testDivergenceIsAResult() throws {
        // η = 1 is far past 2 / (the largest curvature of the squared error) on this data.
        var p = parameters([.sgd], learningRate: 1, weightDecay: 0.1, steps: 200)
        p.features = 50
        p.examples = 10
        let result = try DecayTwoStep.run(p, context: ExperimentContext(seed: 3))
        XCTAssertEqual(metricNumber(result, "sgd.l2_train_loss"), .infinity)
    }

    /// Sixteen optimizers on the largest problem took a minute: refused before running.
    func testTheLargestProblemsAreOverBudget() throws {
        var p = DecayTwoStep.Parameters()
        let defaults = try XCTUnwrap(p.budget)
        XCTAssertLessThanOrEqual(defaults.work, defaults.limit)
        XCTAssertEqual(defaults.work, 5 * 200 * 20 * 200, "two runs for SGD, three for Adam")
        (p.steps, p.features, p.examples) = (5_000, 1_000, 1_000)
        p.optimizers = Array(repeating: .adam, count: 16)
        let largest = try XCTUnwrap(p.budget)
        XCTAssertGreaterThan(largest.work, largest.limit)
    }

    func testAShrinkFactorOfZeroOrLessIsAnError() {
        XCTAssertThrowsError(try DecayTwoStep.run(parameters([.sgd], learningRate: 0.5, weightDecay: 2),
                                                  context: ExperimentContext(seed: 0))) { error in
            XCTAssertTrue("\(error)".contains("learning_rate × weight_decay below 1"), "\(error)")
        }
    }
}
