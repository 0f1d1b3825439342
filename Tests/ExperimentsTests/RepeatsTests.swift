import Engine
import Lessons
import XCTest

@testable import Experiments

/// `train`'s repeats: each repeat its own seed, the first the cell's own; metrics are means with their
/// spread, yes-or-no metrics hold only when every run held them, and the table says how many runs.
final class RepeatsTests: XCTestCase {
    private func parameters(_ change: (inout TrainClassifier.Parameters) -> Void = { _ in }) -> TrainClassifier.Parameters {
        var p = TrainClassifier.Parameters()
        p.dataset = .moons
        p.points = 30
        p.epochs = 4
        p.hidden = [8]
        p.curves = [.valLoss]
        change(&p)
        return p
    }

    private func number(_ result: ExperimentResult, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> Double {
        guard case .number(let value) = result.metric(named: name) else {
            XCTFail("no number \(name)", file: file, line: line)
            return .nan
        }
        return value
    }

    func testRepeatSeedsAreDistinctAndTheFirstIsTheCellsOwn() {
        XCTAssertEqual(TrainClassifier.repeatSeed(7, 0), 7)
        let seeds = (0..<10).map { TrainClassifier.repeatSeed(7, $0) }
        XCTAssertEqual(Set(seeds).count, 10)
        XCTAssertNotEqual(TrainClassifier.repeatSeed(8, 1), TrainClassifier.repeatSeed(7, 1))
    }

    func testTheMeansAreTheMeansOfSingleRunsWithTheirSeeds() throws {
        let repeated = try TrainClassifier.run(parameters { $0.repeats = 3 }, context: ExperimentContext(seed: 5))
        var singles: [Double] = []
        for index in 0..<3 {
            let one = try TrainClassifier.run(parameters(), context: ExperimentContext(seed: TrainClassifier.repeatSeed(5, index)))
            singles.append(try number(one, "sgd_lr0.1.val_loss"))
        }
        XCTAssertGreaterThan(Set(singles).count, 1, "the repeats differ: each has its own seed and points")
        let mean = singles.reduce(0, +) / 3
        let sd = (singles.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 2).squareRoot()
        XCTAssertEqual(try number(repeated, "sgd_lr0.1.val_loss"), mean, accuracy: 1e-9)
        XCTAssertEqual(try number(repeated, "sgd_lr0.1.val_loss_sd"), sd, accuracy: 1e-9)
        XCTAssertEqual(try number(repeated, "sgd_lr0.1.val_loss_se"), sd / 3.0.squareRoot(), accuracy: 1e-9)
        // One repeat is the run the cell always made.
        let once = try TrainClassifier.run(parameters(), context: ExperimentContext(seed: 5))
        XCTAssertEqual(try number(once, "sgd_lr0.1.val_loss"), singles[0])
        XCTAssertNil(once.metric(named: "sgd_lr0.1.val_loss_sd"), "a single run has no spread to report")
    }

    func testAYesHoldsOnlyWhenEveryRunHeldItAndTheCountSaysHowMany() throws {
        let result = try TrainClassifier.run(parameters { $0.repeats = 2; $0.learningRates = [1e6] }, context: ExperimentContext(seed: 1))
        let name = TrainingRecipe.grid(parameters { $0.learningRates = [1e6] })[0].label
        XCTAssertEqual(result.metric(named: "\(name).diverged"), .flag(true))
        XCTAssertEqual(try number(result, "\(name).diverged_count"), 2)
        let calm = try TrainClassifier.run(parameters { $0.repeats = 2 }, context: ExperimentContext(seed: 1))
        XCTAssertEqual(calm.metric(named: "sgd_lr0.1.diverged"), .flag(false))
        XCTAssertEqual(try number(calm, "sgd_lr0.1.diverged_count"), 0)
        XCTAssertEqual(try number(calm, "sgd_lr0.1.stopped_early_count"), 0)
    }

    func testTheTableShowsTheSpreadAndTheCaptionTheNumberOfRuns() throws {
        let result = try TrainClassifier.run(parameters { $0.repeats = 3 }, context: ExperimentContext(seed: 2))
        guard case .figure(.table(let table)) = result.items.first else { return XCTFail("no table first") }
        let english = MessageCatalog.english
        XCTAssertTrue(table.columns.map { english.text($0.header) }.contains("± sd"))
        let caption = english.text(table.caption) ?? ""
        XCTAssertTrue(caption.contains("the mean of 3 runs, each with its own seed"), caption)
        let single = try TrainClassifier.run(parameters(), context: ExperimentContext(seed: 2))
        guard case .figure(.table(let plain)) = single.items.first else { return XCTFail("no table first") }
        XCTAssertFalse(plain.columns.map { english.text($0.header) }.contains("± sd"))
    }

    func testRepeatsCountInTheBudgetAndTheRunLimit() {
        let once = parameters { $0.learningRates = [0.1, 0.2] }
        let five = parameters { $0.learningRates = [0.1, 0.2]; $0.repeats = 5 }
        XCTAssertEqual((five.budget?.work ?? 0) / (once.budget?.work ?? 1), 5, accuracy: 1e-9)
        XCTAssertNil(five.conflict)
        let tooMany = parameters { $0.learningRates = [0.1, 0.2, 0.3, 0.4, 0.5]; $0.repeats = 10 }
        XCTAssertTrue(tooMany.conflict?.contains("more than 48") ?? false, tooMany.conflict ?? "no conflict")
    }

    func testTheTestSetIsMeasuredOnlyWhenAsked() throws {
        var p = parameters()
        p.dataset = .digits
        p.epochs = 1
        let without = try TrainClassifier.run(p, context: ExperimentContext(seed: 1))
        XCTAssertNil(without.metric(named: "sgd_lr0.1.test_accuracy"), "settings are chosen on validation, not on test")
        p.testSet = true
        let with = try TrainClassifier.run(p, context: ExperimentContext(seed: 1))
        XCTAssertNotNil(with.metric(named: "sgd_lr0.1.test_accuracy"))
    }

    /// What `train` tells the progress bar: the run, the epoch, the loss and the validation accuracy, with the
    /// fraction done across every run and repeat (the bar adds the time left).
    func testEveryEpochReportsItsLossAndValidationAccuracyAndTheFractionGrows() throws {
        let p = parameters { $0.epochs = 2; $0.learningRates = [0.1, 0.2]; $0.repeats = 2; $0.curves = [.none] }
        final class Reports: @unchecked Sendable { var list: [(Double, String)] = [] }
        let reports = Reports()
        _ = try TrainClassifier.run(p, context: ExperimentContext(seed: 1) { reports.list.append(($0, MessageCatalog.english.text($1))) })
        XCTAssertEqual(reports.list.count, 2 * 2 * 2, "one report per epoch of every run")
        XCTAssertEqual(reports.list.map(\.0), reports.list.map(\.0).sorted(), "the fraction never goes back")
        XCTAssertEqual(reports.list.last?.0 ?? 0, 1, accuracy: 1e-12)
        let first = reports.list[0].1
        XCTAssertTrue(first.hasPrefix("lr 0.1, run 1/2: epoch 1/2, loss "), first)
        XCTAssertTrue(first.contains(", val acc "), first)
        XCTAssertTrue(reports.list[3].1.hasPrefix("lr 0.1, run 2/2: epoch 2/2"), reports.list[3].1)
    }
}
