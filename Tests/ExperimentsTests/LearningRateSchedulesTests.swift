import Lessons
import XCTest

@testable import Experiments

/// The schedules experiment against rates computed by hand from each schedule's formula.
final class LearningRateSchedulesTests: XCTestCase {
    private func number(_ result: ExperimentResult, _ name: String, file: StaticString = #filePath, line: UInt = #line) -> Double {
        guard case .number(let value) = result.metric(named: name) else {
            XCTFail("no metric \(name)", file: file, line: line)
            return .nan
        }
        return value
    }

    func testRatesMatchTheFormulas() throws {
        var p = LearningRateSchedules.Parameters()
        p.schedules = TrainClassifier.Schedule.allCases
        p.reportSteps = [0, 10, 25, 50, 75]
        let result = try LearningRateSchedules.run(p, context: ExperimentContext(seed: 0))
        let accuracy = 1e-6
        // η₀ = 0.1 over T = 100 steps.
        XCTAssertEqual(number(result, "constant.lr_at_75"), 0.1, accuracy: accuracy)
        // Step: ×0.1 at t = 50 and t = 75.
        XCTAssertEqual(number(result, "step.lr_at_25"), 0.1, accuracy: accuracy)
        XCTAssertEqual(number(result, "step.lr_at_50"), 0.01, accuracy: accuracy)
        XCTAssertEqual(number(result, "step.lr_at_75"), 0.001, accuracy: accuracy)
        // Exponential: 0.1·0.01^(t/100); at t = 50, 0.1·0.1.
        XCTAssertEqual(number(result, "exponential.lr_at_10"), 0.1 * 0.630957344, accuracy: accuracy)
        XCTAssertEqual(number(result, "exponential.lr_at_50"), 0.01, accuracy: accuracy)
        // Inverse time: 0.1/(1 + 0.09t).
        XCTAssertEqual(number(result, "inverse_time.lr_at_10"), 0.1 / 1.9, accuracy: accuracy)
        XCTAssertEqual(number(result, "inverse_time.final"), 0.1 / (1 + 0.09 * 99), accuracy: accuracy)
        // Cosine: 0.1·(1 + cos(πt/100))/2; (1 + √2/2)/2 at t = 25.
        XCTAssertEqual(number(result, "cosine.lr_at_25"), 0.1 * 0.853553391, accuracy: accuracy)
        XCTAssertEqual(number(result, "cosine.lr_at_50"), 0.05, accuracy: accuracy)
        // Warmup: from 0.001 to 0.1 over 10 steps (0.001 + 0.099·t/10), then flat.
        XCTAssertEqual(number(result, "warmup.lr_at_0"), 0.001, accuracy: accuracy)
        XCTAssertEqual(number(result, "warmup.lr_at_10"), 0.1, accuracy: accuracy)
        XCTAssertEqual(number(result, "warmup.peak_step"), 10)
        // Warmup then cosine over the remaining 90 steps: at t = 55, cosine's t = 45 of 90.
        XCTAssertEqual(number(result, "warmup_cosine.lr_at_0"), 0.001, accuracy: accuracy)
        XCTAssertEqual(number(result, "warmup_cosine.lr_at_10"), 0.1, accuracy: accuracy)
    }

    func testSumsAreTheAreaUnderTheCurve() throws {
        var p = LearningRateSchedules.Parameters()
        p.schedules = [.constant, .cosine]
        p.steps = 100
        let result = try LearningRateSchedules.run(p, context: ExperimentContext(seed: 0))
        XCTAssertEqual(number(result, "constant.sum"), 10, accuracy: 1e-5)
        // Σ_{t<100} (1 + cos(πt/100))/2 = 50 + (1/2)·Σ cos(πt/100) = 50 + 1/2 (the cosines cancel in pairs but t = 0).
        XCTAssertEqual(number(result, "cosine.sum"), 0.1 * 50.5, accuracy: 1e-5)
    }

    func testAReportStepPastTheEndIsAClearError() {
        var p = LearningRateSchedules.Parameters()
        p.steps = 50
        p.reportSteps = [0, 50]
        XCTAssertThrowsError(try LearningRateSchedules.run(p, context: ExperimentContext(seed: 0))) { error in
            XCTAssertTrue("\(error)".contains("step 50 is not below steps (50)"), "\(error)")
        }
    }

    func testTheShortestRunStillHasAWarmupStep() throws {
        // Two steps and no warmup fraction: the warmup still takes one step, from η₀/100 to η₀.
        var p = LearningRateSchedules.Parameters()
        p.schedules = [.warmup]
        p.steps = 2
        p.warmupFraction = 0
        p.reportSteps = [0, 1]
        let result = try LearningRateSchedules.run(p, context: ExperimentContext(seed: 0))
        XCTAssertEqual(number(result, "warmup.lr_at_0"), 0.001, accuracy: 1e-7)
        XCTAssertEqual(number(result, "warmup.lr_at_1"), 0.1, accuracy: 1e-7)
    }

    func testCatalogHasTheExperimentAndItsParameters() {
        let entry = experimentCatalog.entries.first { $0.name == "schedules" }
        XCTAssertEqual(entry?.parameters.map(\.key), ["schedules", "learning_rate", "steps", "warmup_fraction", "report_steps", "chart"])
    }

    func testTrainReportsItsPeakStepLoss() throws {
        // `peak_loss` is the largest mini-batch loss, so above the loss the trained model ends with.
        var p = TrainClassifier.Parameters()
        p.dataset = .blobs
        p.model = .linear
        p.points = 20
        p.epochs = 2
        p.curves = [.none]
        let result = try TrainClassifier.run(p, context: ExperimentContext(seed: 1))
        let peak = number(result, "sgd_lr0.1.peak_loss")
        // A linear model at PyTorch's default init on three classes starts near ln 3 and then falls.
        XCTAssertGreaterThan(peak, 0.5)
        XCTAssertGreaterThan(peak, number(result, "sgd_lr0.1.train_loss"))
    }
}
