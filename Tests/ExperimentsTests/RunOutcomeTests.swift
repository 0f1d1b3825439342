@testable import Engine
import Lessons
import XCTest

@testable import Experiments

/// The outcome column: diverged, stuck at chance, stopped early, still improving, or trained; never
/// "trained" for a run at chance, and no accuracy for a diverged one.
final class RunOutcomeTests: XCTestCase {
    private func report(validation: Int = 1_000, repeats: Int = 1) -> TrainingReport {
        var p = TrainClassifier.Parameters()
        p.repeats = repeats
        let set = TensorDataset(inputs: Tensor.zeros([validation, 2]), labels: Array(repeating: 0, count: validation), classCount: 10)
        return TrainingReport(parameters: p, data: TrainingData(train: set, validation: set, classes: 10, inputShape: [2]), runs: [])
    }

    private func run(accuracy: Float, validationLosses: [Float], divergedAt step: Int? = nil, stoppedAt best: Int? = nil) -> TrainingRun {
        var history = TrainingHistory()
        history.epochs = validationLosses.enumerated().map { index, loss in
            EpochRecord(epoch: index + 1, trainLoss: loss, trainAccuracy: accuracy, validationLoss: loss,
                        validationAccuracy: accuracy, learningRate: 0.1)
        }
        if let step { history.divergence = Divergence(step: step, epoch: 1, loss: .nan, reason: .nonFinite) }
        if let best { history.bestEpoch = best; history.stoppedEarly = true }
        let setting = TrainingRecipe.grid(TrainClassifier.Parameters())[0]
        return TrainingRun(setting: setting, history: history, train: Evaluation(loss: 1, accuracy: accuracy),
                           validation: Evaluation(loss: validationLosses.last ?? 1, accuracy: accuracy), test: nil, weightNorm: 1)
    }

    func testChanceIsThreeStandardErrorsOfAGuessOverTheValidationSet() {
        // 1,000 validation examples of 10 classes: a guess is right 10 % ± 0.95 %; three standard errors is 2.85 points.
        let report = report()
        XCTAssertEqual(report.state(run(accuracy: 0.1, validationLosses: [2.3, 2.3])), .atChance)
        XCTAssertEqual(report.state(run(accuracy: 0.128, validationLosses: [2.3, 2.3])), .atChance)
        XCTAssertEqual(report.state(run(accuracy: 0.072, validationLosses: [2.3, 2.3])), .atChance)
        XCTAssertNotEqual(report.state(run(accuracy: 0.13, validationLosses: [2.3, 2.3])), .atChance)
        // The same 13 % on 100 examples is within noise of a guess (3 standard errors: 9 points).
        XCTAssertEqual(self.report(validation: 100).state(run(accuracy: 0.13, validationLosses: [2.3, 2.3])), .atChance)
    }

    func testEachEndingHasItsWords() {
        let report = report()
        XCTAssertEqual(report.state(run(accuracy: 0.1, validationLosses: [2.3], divergedAt: 7)), .diverged(step: 7))
        XCTAssertEqual(report.state(run(accuracy: 0.9, validationLosses: [1, 0.5, 0.4, 0.6], stoppedAt: 3)), .stopped(epochs: 4, best: 3))
        XCTAssertEqual(report.state(run(accuracy: 0.9, validationLosses: [1, 0.5, 0.45])), .improving, "10 % better than any earlier epoch")
        XCTAssertEqual(report.state(run(accuracy: 0.9, validationLosses: [1, 0.5, 0.499])), .trained, "less than 1 % better")
        XCTAssertEqual(report.state(run(accuracy: 0.9, validationLosses: [1, 0.4, 0.5])), .trained)
        XCTAssertEqual(report.state(run(accuracy: 0.9, validationLosses: [1])), .trained, "one epoch has nothing to compare with")
    }

    func testAStuckRunIsNeverCalledTrainedAndADivergedOneShowsNoAccuracy() throws {
        var p = TrainClassifier.Parameters()
        p.dataset = .digits
        p.hidden = [16]
        p.epochs = 2
        p.learningRates = [0, 1e6]
        p.curves = [.none]
        let result = try TrainClassifier.run(p, context: ExperimentContext(seed: 1))
        XCTAssertEqual(result.metric(named: "sgd_lr0.at_chance"), .flag(true), "weights that never move predict one class")
        guard case .figure(.table(let table)) = result.items.first else { return XCTFail("no table") }
        let english = MessageCatalog.english
        let outcome = try XCTUnwrap(table.columns.firstIndex { english.text($0.header) == "outcome" })
        let accuracy = try XCTUnwrap(table.columns.firstIndex { english.text($0.header) == "val acc" })
        guard case .text(let still) = table.rows[0][outcome], case .text(let blown) = table.rows[1][outcome] else { return XCTFail() }
        XCTAssertEqual(english.text(still), "at chance")
        XCTAssertTrue(english.text(blown).hasPrefix("diverged at step "), english.text(blown))
        guard case .number(let value) = table.rows[1][accuracy] else { return XCTFail("no number") }
        XCTAssertTrue(value.isNaN, "a diverged run has no accuracy")
        XCTAssertEqual(table.columns[accuracy].nonFinite, "–")
    }

    func testRepeatsCountEachEnding() throws {
        var p = TrainClassifier.Parameters()
        p.dataset = .digits
        p.hidden = [16]
        p.epochs = 2
        p.learningRates = [0]
        p.repeats = 3
        p.curves = [.none]
        let result = try TrainClassifier.run(p, context: ExperimentContext(seed: 1))
        guard case .figure(.table(let table)) = result.items.first, case .text(let outcome)? = table.rows[0].last else { return XCTFail() }
        XCTAssertEqual(MessageCatalog.english.text(outcome), "at chance 3/3")
        XCTAssertEqual(result.metric(named: "sgd_lr0.at_chance_count"), .number(3))
    }
}
