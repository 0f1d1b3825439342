import Engine
import Lessons
import TextPlot
import XCTest

@testable import Experiments

/// The grid trainer: run names, the grid, its metrics, divergence as a result, reproducibility.
final class TrainClassifierTests: XCTestCase {
    private func parameters(_ change: (inout TrainClassifier.Parameters) -> Void) -> TrainClassifier.Parameters {
        var p = TrainClassifier.Parameters()
        p.points = 30
        p.epochs = 3
        p.hidden = [8]
        p.curves = [.none]
        change(&p)
        return p
    }

    func testGridNamesRunsByTheirOwnSettings() {
        let p = parameters {
            $0.optimizers = [.sgd, .adam]
            $0.learningRates = [0.1, 0.01]
            $0.schedules = [.warmupCosine]
        }
        let settings = TrainingRecipe.grid(p)
        XCTAssertEqual(settings.map(\.label), ["sgd_lr0.1_warmup_cosine", "sgd_lr0.01_warmup_cosine", "adam_lr0.1_warmup_cosine",
                                               "adam_lr0.01_warmup_cosine"], "a schedule other than constant is named, one or many")
        XCTAssertEqual(settings.first?.title, "sgd, lr 0.1")
        XCTAssertEqual(TrainingRecipe.grid(parameters { $0.schedules = [.constant, .inverseTime] }).map(\.label),
                       ["sgd_lr0.1", "sgd_lr0.1_inverse_time"], "a hyphen would read as a minus in claims")
        XCTAssertEqual(TrainingRecipe.grid(parameters { _ in }).map(\.label), ["sgd_lr0.1"])
        XCTAssertEqual(TrainingRecipe.grid(parameters { $0.batchSizes = [0, 16, 32] }).map(\.label),
                       ["sgd_lr0.1_full", "sgd_lr0.1_bs16", "sgd_lr0.1"], "the default batch size of 32 is left out")
        XCTAssertEqual(TrainingRecipe.grid(parameters { $0.learningRates = [1e-5] }).map(\.label), ["sgd_lr1e_05"])
    }

    func testARunReportsItsMetricsAndTheTableHasARowPerRun() throws {
        let result = try TrainClassifier.run(parameters { $0.optimizers = [.sgd, .momentum] }, context: ExperimentContext(seed: 1))
        for name in ["sgd_lr0.1", "momentum_lr0.1"] {
            for metric in ["train_loss", "val_loss", "train_accuracy", "val_accuracy", "gap", "weight_norm", "epochs", "step_noise"] {
                guard case .number(let value) = result.metric(named: "\(name).\(metric)") else {
                    return XCTFail("no number \(name).\(metric)")
                }
                XCTAssertTrue(value.isFinite, "\(name).\(metric) = \(value)")
            }
            XCTAssertEqual(result.metric(named: "\(name).diverged"), .flag(false))
            XCTAssertEqual(result.metric(named: "\(name).epochs"), .number(3))
        }
        guard case .figure(.table(let table)) = result.items.first else { return XCTFail("the first item is the table") }
        XCTAssertEqual(table.rows.count, 2)
    }

    func testATooLargeLearningRateDivergesAsAResult() throws {
        let result = try TrainClassifier.run(parameters { $0.learningRates = [1000]; $0.epochs = 5 }, context: ExperimentContext(seed: 2))
        XCTAssertEqual(result.metric(named: "sgd_lr1000.diverged"), .flag(true))
        guard case .number(let step) = result.metric(named: "sgd_lr1000.diverged_step") else { return XCTFail("no diverged_step") }
        XCTAssertGreaterThanOrEqual(step, 0)
    }

    func testSameSeedSameNumbersAndAnotherSeedOthers() throws {
        let p = parameters { $0.optimizers = [.adam]; $0.learningRates = [0.01] }
        let a = try TrainClassifier.run(p, context: ExperimentContext(seed: 5)).metrics
        let b = try TrainClassifier.run(p, context: ExperimentContext(seed: 5)).metrics
        let c = try TrainClassifier.run(p, context: ExperimentContext(seed: 6)).metrics
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
    }

    func testRegressionAndImagesAndTheirErrors() throws {
        let wide = try TrainClassifier.run(parameters {
            $0.dataset = .wideRegression; $0.model = .linear; $0.weightDecays = [0, 1]; $0.epochs = 50; $0.batchSizes = [0]; $0.learningRates = [0.01]
        }, context: ExperimentContext(seed: 3))
        guard case .number(let free) = wide.metric(named: "sgd_lr0.01_full.weight_norm"),
              case .number(let decayed) = wide.metric(named: "sgd_lr0.01_full_wd1.weight_norm") else { return XCTFail("no weight norms") }
        XCTAssertLessThan(decayed, free, "weight decay shrinks the weights")
        XCTAssertNil(wide.metric(named: "wd0.train_accuracy"), "regression has no accuracy")
        XCTAssertThrowsError(try TrainClassifier.run(parameters { $0.model = .cnn }, context: ExperimentContext(seed: 0)))
        XCTAssertThrowsError(try TrainClassifier.run(parameters { $0.augmentations = [.shift] }, context: ExperimentContext(seed: 0)))
        let big = parameters { $0.learningRates = [0.1, 0.2, 0.3, 0.4, 0.5]; $0.batchSizes = [1, 2, 3, 4, 5] }
        XCTAssertThrowsError(try TrainClassifier.run(big, context: ExperimentContext(seed: 0))) { error in
            XCTAssertTrue("\(error)".contains("25 runs"), "\(error)")
        }
    }

    /// Batch norm can't standardize a batch of one example (the engine stops on it): an epoch that
    /// would end on a lone example skips it, and batch size 1 is refused before anything runs.
    func testBatchNormInAnMLPNeverGetsALoneExample() throws {
        let p = parameters { $0.batchNorm = [.on]; $0.trainExamples = 33; $0.batchSizes = [32] }
        let data = try TrainingRecipe.data(p, seed: 0)
        XCTAssertEqual(data.train.count, 33)
        let run = try TrainingRecipe.run(TrainingRecipe.grid(p)[0], p, data: data, seed: 0)
        XCTAssertEqual(run.history.stepLosses.count, 3, "one batch of 32 an epoch; the 33rd example is skipped")
        XCTAssertFalse(run.history.diverged)
        let plain = parameters { $0.trainExamples = 33; $0.batchSizes = [32] }
        XCTAssertEqual(try TrainingRecipe.run(TrainingRecipe.grid(plain)[0], plain, data: data, seed: 0).history.stepLosses.count, 6,
                       "without batch norm the lone example is a step of its own")
        XCTAssertEqual(parameters { $0.batchNorm = [.on]; $0.batchSizes = [32, 1] }.conflict,
                       "batch norm standardizes over a batch, so it needs batches of 2 or more; drop batch size 1 or use batch_norm: [off]")
        XCTAssertNotNil(parameters { $0.batchNorm = [.off, .on]; $0.trainExamples = 1 }.conflict)
        XCTAssertNil(parameters { $0.batchNorm = [.on]; $0.model = .linear; $0.batchSizes = [1] }.conflict, "no hidden layer, no batch norm")
    }

    /// One epoch of one full batch is a single step: the step schedule's milestones were [0, 0],
    /// which the engine refuses ("milestones must be positive"), so the run failed.
    func testEveryScheduleRunsARunOfOneStep() throws {
        let p = parameters { $0.epochs = 1; $0.batchSizes = [0]; $0.schedules = TrainClassifier.Schedule.allCases }
        let result = try TrainClassifier.run(p, context: ExperimentContext(seed: 0))
        for setting in TrainingRecipe.grid(p) {
            XCTAssertEqual(result.metric(named: "\(setting.label).epochs"), .number(1), setting.label)
        }
        var setting = TrainingRecipe.grid(p)[0]
        setting.schedule = .step
        let step = try XCTUnwrap(try TrainingRecipe.schedule(setting, steps: 1, warmupFraction: 0.1))
        XCTAssertEqual(step(0), 0.1, accuracy: 1e-7, "the one step runs at the full rate")
    }

    /// Shift and flip move the pixels of a digit that a linear model or an MLP reads as 64 numbers
    /// (they were refused with "needs images; use it with dataset: digits" on the digits).
    func testPixelAugmentationsMoveTheDigitsOfAnMLP() throws {
        let p = parameters {
            $0.dataset = .digits; $0.trainExamples = 64; $0.epochs = 1; $0.augmentations = [.shift, .flip]
        }
        let result = try TrainClassifier.run(p, context: ExperimentContext(seed: 0))
        XCTAssertEqual(result.metric(named: "sgd_lr0.1_shift.diverged"), .flag(false))
        XCTAssertEqual(result.metric(named: "sgd_lr0.1_flip.diverged"), .flag(false))
        let flat = try TrainingRecipe.data(p, seed: 0), images = try TrainingRecipe.data(parameters { $0.dataset = .digits; $0.model = .cnn }, seed: 0)
        for name in [TrainClassifier.AugmentationKind.shift, .flip] {
            let onFlat = try XCTUnwrap(try TrainingRecipe.augmentation(name, data: flat))
            let onImages = try XCTUnwrap(try TrainingRecipe.augmentation(name, data: images))
            var (g1, g2) = (SeededGenerator(seed: 4), SeededGenerator(seed: 4))
            let batch = images.train.inputs.slice(0..<16, axis: 0)
            XCTAssertEqual(onFlat(batch.reshape([16, 64]), using: &g1).scalars,
                           onImages(batch, using: &g2).scalars, "\(name) moves the same pixels")
        }
    }

    /// Nesterov with momentum 0 failed in the engine ("Nesterov momentum needs a momentum above 0 and zero
    /// dampening"); it is refused when the lesson is read, with what to change.
    func testNesterovWithoutMomentumIsAConflict() {
        XCTAssertEqual(parameters { $0.optimizers = [.sgd, .nesterov]; $0.momentum = 0 }.conflict,
                       "nesterov looks ahead along the momentum, so it needs momentum above 0; raise momentum or compare sgd")
        XCTAssertNil(parameters { $0.optimizers = [.momentum]; $0.momentum = 0 }.conflict, "plain SGD then")
        XCTAssertNil(parameters { $0.optimizers = [.nesterov]; $0.momentum = 0.001 }.conflict)
    }

    func testSchedulesPeakAtTheRunsLearningRate() throws {
        var setting = TrainingRecipe.grid(parameters { $0.learningRates = [0.2] })[0]
        setting.schedule = .warmupCosine
        let schedule = try XCTUnwrap(try TrainingRecipe.schedule(setting, steps: 100, warmupFraction: 0.1))
        XCTAssertEqual(schedule(0), 0.002, accuracy: 1e-6)
        XCTAssertEqual(schedule(10), 0.2, accuracy: 1e-6)
        XCTAssertEqual(schedule(100), 0, accuracy: 1e-6)
        setting.schedule = .inverseTime
        let inverse = try XCTUnwrap(try TrainingRecipe.schedule(setting, steps: 90, warmupFraction: 0))
        XCTAssertEqual(inverse(90), 0.02, accuracy: 1e-6, "inverse time ends at a tenth of the start")
        setting.schedule = .constant
        XCTAssertNil(try TrainingRecipe.schedule(setting, steps: 10, warmupFraction: 0))
    }
}
