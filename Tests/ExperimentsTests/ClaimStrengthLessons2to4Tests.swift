import Foundation
import Lessons
import XCTest

@testable import Experiments

/// Every claim of lessons 2 to 4 about an effect holds on the lesson's own cell and fails when the cell
/// runs with that effect switched off: momentum 0, a learning rate or batch size that does not change,
/// whole-batch gradients, no annealing, (almost) no warmup. Where the effect is a difference between
/// two settings, switching it off means training the same setting twice, on another seed, under both
/// names. The cells are read from the lessons themselves, so a claim edited there is tested as it stands.
final class ClaimStrengthLessons2to4Tests: XCTestCase {
    private static let lessons = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("lessons")

    /// The `index`th experiment cell of `file` and the seed `learn run` gives it at the lesson's seed.
    private func cell(_ file: String, _ index: Int) throws -> (cell: ExperimentCell, seed: UInt64) {
        let path = Self.lessons.appendingPathComponent(file).path
        let lesson = try LessonParser(catalog: experimentCatalog).parse(contentsOf: path)
        let cell = lesson.experiments[index]
        return (cell, LessonRunner.cellSeed(lesson.metadata.seed ?? LessonRunner.defaultSeed, index: cell.index))
    }

    /// The cell's metrics with `change` applied to its parameters; `rename` rewrites run names, so that a
    /// run with the effect switched off is read under the name the claim gives the run with it.
    private func metrics<E: Experiment>(
        _ experiment: E.Type, _ cell: ExperimentCell, seed: UInt64, rename: [(String, String)] = [],
        _ change: (inout E.Parameters) -> Void = { _ in }
    ) throws -> [Metric] {
        var parameters = try XCTUnwrap(cell.parameters as? E.Parameters)
        change(&parameters)
        let result = try E.run(parameters, context: ExperimentContext(seed: seed))
        return result.metrics.map { metric in
            Metric(name: rename.reduce(metric.name) { $0.replacingOccurrences(of: $1.0, with: $1.1) }, value: metric.value)
        }
    }

    /// Whether the cell's claim `text` holds on `metrics` (the first metric of a name counts).
    private func holds(_ cell: ExperimentCell, _ text: String, on metrics: [Metric],
                       file: StaticString = #filePath, line: UInt = #line) throws -> Bool {
        let claim = try XCTUnwrap(cell.claims.first { $0.text == text }, "the cell no longer claims \(text)", file: file, line: line)
        let outcome = claim.evaluate(metrics)
        XCTAssertNil(outcome.problem, "\(text): \(outcome.problem ?? "")", file: file, line: line)
        return outcome.held
    }

    // MARK: Lesson 2

    private let two = "lesson-02-gradient-descent.md"

    /// Small batches end lower per example seen only because they take more steps: with η = 0 no run
    /// moves, and none ends lower than the full batch.
    func testSmallBatchesWinOnlyWhenTheStepsMove() throws {
        let (cell, seed) = try cell(two, 0)
        let claims = ["sgd_lr0.1_bs16.train_loss < 0.7 * sgd_lr0.1_full.train_loss",
                      "sgd_lr0.1_bs1.train_loss < 0.7 * sgd_lr0.1_full.train_loss",
                      "sgd_lr0.1_bs128.train_loss < 0.85 * sgd_lr0.1_full.train_loss"]
        let lesson = try metrics(TrainClassifier.self, cell, seed: seed)
        let frozen = try metrics(TrainClassifier.self, cell, seed: seed, rename: [("_lr0_", "_lr0.1_")]) { $0.learningRates = [0] }
        for claim in claims {
            XCTAssertTrue(try holds(cell, claim, on: lesson), claim)
            XCTAssertFalse(try holds(cell, claim, on: frozen), "\(claim) holds with η = 0")
        }
    }

    /// The batch loss scatters less for larger batches: the same batch size under both names does not
    /// show it, whether the weights train or stay frozen. (Another seed would change the data and the
    /// frozen weights, and with them the scale of the noise, so the runs compared share the seed.)
    func testTheNoiseClaimsNeedDifferentBatchSizes() throws {
        for (index, rate, claims) in [
            (1, "0.1", [("bs16", "bs1", "sgd_lr0.1_bs1.step_noise > 1.5 * sgd_lr0.1_bs16.step_noise"),
                        ("bs128", "bs16", "sgd_lr0.1_bs16.step_noise > 1.3 * sgd_lr0.1_bs128.step_noise")]),
            (2, "0", [("bs16", "bs1", "sgd_lr0_bs1.step_noise > 3 * sgd_lr0_bs16.step_noise")]),
        ] {
            let (cell, seed) = try cell(two, index)
            let lesson = try metrics(TrainClassifier.self, cell, seed: seed)
            for (larger, smaller, claim) in claims {
                XCTAssertTrue(try holds(cell, claim, on: lesson), claim)
                let size = Int(larger.dropFirst(2))!
                let same = try metrics(TrainClassifier.self, cell, seed: seed,
                                       rename: [("sgd_lr\(rate)_\(larger).", "sgd_lr\(rate)_\(smaller).")]) { $0.batchSizes = [size] }
                XCTAssertFalse(try holds(cell, claim, on: same + lesson), "\(claim) holds for two runs of batches of \(size)")
            }
        }
    }

    /// The frozen cell's upper bound: the batch-1 noise is about 4 (√16) times the batch-16 noise, so a
    /// claim of 1/B (16 times) fails where the lesson's band holds.
    func testTheNoiseFallsLikeOneOverTheRootOfTheBatch() throws {
        let (cell, seed) = try cell(two, 2)
        let lesson = try metrics(TrainClassifier.self, cell, seed: seed)
        XCTAssertTrue(try holds(cell, "sgd_lr0_bs1.step_noise < 5.5 * sgd_lr0_bs16.step_noise", on: lesson))
        let ratio = metricNumber(ExperimentResult(metrics: lesson), "sgd_lr0_bs1.step_noise")
            / metricNumber(ExperimentResult(metrics: lesson), "sgd_lr0_bs16.step_noise")
        XCTAssertEqual(ratio, 4, accuracy: 1, "√16 = 4, not 16 (1/B) or 1 (no averaging)")
    }

    /// η = 3 beats η = 0.1 with exact gradients and loses with batches of one: the first claim fails when
    /// both rates are 0.1; the second when the batch-1 runs get exact gradients instead.
    func testALargeRateHelpsExactStepsAndHurtsNoisyOnes() throws {
        let (cell, seed) = try cell(two, 3)
        let lesson = try metrics(TrainClassifier.self, cell, seed: seed)
        let exact = "sgd_lr3_full.train_loss < 0.7 * sgd_lr0.1_full.train_loss"
        let noisy = "sgd_lr3_bs1.train_loss > 2 * sgd_lr0.1_bs1.train_loss"
        XCTAssertTrue(try holds(cell, exact, on: lesson))
        XCTAssertTrue(try holds(cell, noisy, on: lesson))
        let sameRate = try metrics(TrainClassifier.self, cell, seed: seed &+ 1, rename: [("sgd_lr0.1_full.", "sgd_lr3_full.")]) {
            $0.learningRates = [0.1]
            $0.batchSizes = [0]
        }
        XCTAssertFalse(try holds(cell, exact, on: sameRate + lesson), "\(exact) holds with η = 0.1 twice")
        let noNoise = try metrics(TrainClassifier.self, cell, seed: seed, rename: [("_full.", "_bs1.")]) { $0.batchSizes = [0] }
        XCTAssertFalse(try holds(cell, noisy, on: noNoise), "\(noisy) holds with exact gradients")
    }

    // MARK: Lesson 3

    private let three = "lesson-03-sgd-vs-momentum.md"

    /// On the ravine, η = 0.6 converges only with momentum; a small η reaches the minimum in 500 steps
    /// only with it; and β = 0.9 against β = 0.5 needs two different β.
    func testTheRavineClaimsNeedMomentum() throws {
        let (first, seed) = try cell(three, 0)
        let rescue = "momentum0.5_lr0.6.converged"
        XCTAssertTrue(try holds(first, rescue, on: try metrics(MomentumRavine.self, first, seed: seed)))
        let plain = try metrics(MomentumRavine.self, first, seed: seed, rename: [("sgd_", "momentum0.5_")]) { $0.momentums = [0] }
        XCTAssertFalse(try holds(first, rescue, on: plain), "\(rescue) holds without momentum")

        let (second, seed2) = try cell(three, 1)
        let lesson = try metrics(MomentumRavine.self, second, seed: seed2)
        let arrives = "momentum0.5_lr0.05.converged and momentum0.9_lr0.2.converged"
        XCTAssertTrue(try holds(second, arrives, on: lesson))
        let none = try metrics(MomentumRavine.self, second, seed: seed2, rename: [("sgd_", "momentum0.5_")]) { $0.momentums = [0] }
        let noneNine = none.map { Metric(name: $0.name.replacingOccurrences(of: "momentum0.5_", with: "momentum0.9_"), value: $0.value) }
        XCTAssertFalse(try holds(second, arrives, on: none + noneNine), "\(arrives) holds without momentum")
        let halfAsNine = try metrics(MomentumRavine.self, second, seed: seed2, rename: [("momentum0.5_", "momentum0.9_")]) { $0.momentums = [0.5] }
        for claim in ["momentum0.9_lr0.05.steps < momentum0.5_lr0.05.steps", "momentum0.9_lr0.2.steps > momentum0.5_lr0.2.steps"] {
            XCTAssertTrue(try holds(second, claim, on: lesson), claim)
            XCTAssertFalse(try holds(second, claim, on: halfAsNine + lesson), "\(claim) holds with β = 0.5 twice")
        }
    }

    /// The spirals: momentum's lead and its too-large effective step vanish with β = 0; SGD's gain from a
    /// ten times larger rate vanishes when the rate stays 0.05.
    func testTheNetworkClaimsNeedMomentumAndTheLargerRate() throws {
        let (cell, seed) = try cell(three, 2)
        let lesson = try metrics(TrainClassifier.self, cell, seed: seed)
        let lead = "momentum_lr0.05.train_loss < 0.5 * sgd_lr0.05.train_loss"
        let tooLarge = "momentum_lr0.05.val_accuracy > momentum_lr0.5.val_accuracy + 0.1"
        let gap = "sgd_lr0.5.val_accuracy - sgd_lr0.05.val_accuracy > 0.5 * (momentum_lr0.05.val_accuracy - sgd_lr0.05.val_accuracy)"
        for claim in [lead, tooLarge, gap] { XCTAssertTrue(try holds(cell, claim, on: lesson), claim) }
        let noMomentum = try metrics(TrainClassifier.self, cell, seed: seed) { $0.momentum = 0 }
        XCTAssertFalse(try holds(cell, lead, on: noMomentum), "\(lead) holds with β = 0")
        XCTAssertFalse(try holds(cell, tooLarge, on: noMomentum), "\(tooLarge) holds with β = 0")
        let sameRate = try metrics(TrainClassifier.self, cell, seed: seed &+ 1, rename: [("sgd_lr0.05.", "sgd_lr0.5.")]) {
            $0.optimizers = [.sgd]
            $0.learningRates = [0.05]
        }
        XCTAssertFalse(try holds(cell, gap, on: sameRate + lesson), "\(gap) holds with η = 0.05 twice")
    }

    // MARK: Lesson 4

    private let four = "lesson-04-learning-rate-schedules.md"

    /// Annealing's lead over a constant rate: the cell's constant-rate run, read as step and as cosine,
    /// shows none of it. (A constant run on another seed did until the engine's last bits changed: at
    /// η = 0.3 a constant run sometimes stalls near loss 1, so two seeds' means of 10 can differ twofold;
    /// the annealed runs' lead, 0.04 and 0.10 against 0.3 to 0.8, is what the claims rest on.)
    func testAnnealingClaimsNeedAnAnnealedRate() throws {
        let (cell, seed) = try cell(four, 1)
        let lesson = try metrics(TrainClassifier.self, cell, seed: seed)
        let constant = lesson.filter { $0.name.hasPrefix("momentum_lr0.3.") }
        let asAnnealed = ["_cosine", "_step"].flatMap { suffix in
            constant.map { Metric(name: $0.name.replacingOccurrences(of: "momentum_lr0.3.", with: "momentum_lr0.3\(suffix)."), value: $0.value) }
        }
        for claim in ["momentum_lr0.3_cosine.train_loss < 0.5 * momentum_lr0.3.train_loss",
                      "momentum_lr0.3_step.train_loss < 0.5 * momentum_lr0.3.train_loss",
                      "momentum_lr0.3_cosine.val_accuracy > momentum_lr0.3.val_accuracy + 0.05"] {
            XCTAssertTrue(try holds(cell, claim, on: lesson), claim)
            XCTAssertFalse(try holds(cell, claim, on: asAnnealed + lesson), "\(claim) holds with a constant rate twice")
        }
    }

    /// Warmup's smaller jump, lower and steadier loss and smaller spread: with a warmup of one step (the
    /// least `warmup_fraction: 0` gives) none of them holds.
    func testWarmupClaimsNeedAWarmup() throws {
        let (cell, seed) = try cell(four, 2)
        let lesson = try metrics(TrainClassifier.self, cell, seed: seed)
        let noWarmup = try metrics(TrainClassifier.self, cell, seed: seed) { $0.warmupFraction = 0 }
        for claim in ["adam_lr0.3_full_warmup_cosine.peak_loss < 0.5 * adam_lr0.3_full_cosine.peak_loss",
                      "adam_lr0.3_full_warmup_cosine.train_loss + 2 * adam_lr0.3_full_warmup_cosine.train_loss_sd < adam_lr0.3_full_cosine.train_loss",
                      "adam_lr0.3_full_warmup_cosine.train_loss_sd < 0.25 * adam_lr0.3_full_cosine.train_loss_sd"] {
            XCTAssertTrue(try holds(cell, claim, on: lesson), claim)
            XCTAssertFalse(try holds(cell, claim, on: noWarmup), "\(claim) holds without a warmup")
        }
    }
}
