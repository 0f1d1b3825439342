import Lessons
import XCTest

@testable import Experiments

/// Settings are types, runs have one name whatever the grid's shape, and every experiment's declared
/// metrics are the ones it reports.
final class RunNamingTests: XCTestCase {
    private func parse(_ cell: String) throws -> Lesson {
        let text = "---\ntitle: Settings\n---\n\n" + cell + "\n"
        return try LessonParser(catalog: experimentCatalog).parse(bytes: Array(text.utf8), file: "lesson-01-settings.md")
    }

    /// An unknown optimizer was trained as SGD (`default:`); now it is refused with the valid ones.
    func testAnUnknownOptimizerIsRefusedWithTheValidOnes() {
        XCTAssertThrowsError(try parse("```experiment train\noptimizers: [sgd, adamx]\n```")) { error in
            let message = (error as? DiagnosticList)?.diagnostics.map(\.message).joined(separator: "\n") ?? "\(error)"
            XCTAssertTrue(message.contains(
                "element 2 of 'optimizers' must be one of sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw, not 'adamx'"), message)
        }
        XCTAssertThrowsError(try parse("```experiment train\ndataset: spiral\n```")) { error in
            let message = (error as? DiagnosticList)?.diagnostics.map(\.message).joined(separator: "\n") ?? "\(error)"
            XCTAssertTrue(message.contains("'dataset' must be one of blobs, moons, spirals, xor, digits, wide-regression, fashion-mnist, not 'spiral'"), message)
        }
        XCTAssertThrowsError(try parse("```experiment adaptive-ravine\noptimizers: [adamw]\n```"), "adaptive-ravine has no AdamW")
    }

    func testKnownWordsDecodeToTheirCases() throws {
        let lesson = try parse("```experiment train\noptimizers: [adamw, nesterov]\nschedules: [warmup-cosine]\ndataset: wide-regression\nmodel: linear\ncurves: [val_loss]\n```")
        let p = try XCTUnwrap(lesson.experiments.first?.parameters as? TrainClassifier.Parameters)
        XCTAssertEqual(p.optimizers, [.adamw, .nesterov])
        XCTAssertEqual(p.schedules, [.warmupCosine])
        XCTAssertEqual(p.dataset, .wideRegression)
    }

    /// `sgd_lr0.4` whether one rate or two are listed: `--set` and an edit add runs, never rename them.
    func testASecondLearningRateRenamesNoRun() {
        var train = TrainClassifier.Parameters()
        train.learningRates = [0.4]
        let one = TrainClassifier.runNames(train)
        train.learningRates = [0.4, 0.6]
        XCTAssertEqual(one, ["sgd_lr0.4"])
        XCTAssertEqual(TrainClassifier.runNames(train), ["sgd_lr0.4", "sgd_lr0.6"])
        train.batchSizes = [32, 0]
        XCTAssertEqual(TrainClassifier.runNames(train), ["sgd_lr0.4", "sgd_lr0.4_full", "sgd_lr0.6", "sgd_lr0.6_full"])

        var ravine = MomentumRavine.Parameters()
        ravine.learningRates = [0.6]
        ravine.momentums = [0]
        XCTAssertEqual(MomentumRavine.runNames(ravine), ["sgd_lr0.6"])
        ravine.learningRates = [0.4, 0.6]
        ravine.momentums = [0, 0.5]
        XCTAssertEqual(MomentumRavine.runNames(ravine), ["sgd_lr0.4", "sgd_lr0.6", "momentum0.5_lr0.4", "momentum0.5_lr0.6"])

        var adaptive = AdaptiveRavine.Parameters()
        adaptive.optimizers = [.adam]
        adaptive.learningRates = [0.1]
        XCTAssertEqual(AdaptiveRavine.runNames(adaptive), ["adam_lr0.1"])
        adaptive.optimizers = [.adam, .adam]
        adaptive.learningRates = [0.1, 0.2]
        XCTAssertEqual(AdaptiveRavine.runNames(adaptive), ["adam_lr0.1", "adam_lr0.2"])
        adaptive.learningRates = [0.1]
        XCTAssertNotNil(adaptive.conflict, "two runs named adam_lr0.1")
    }

    /// Every run name the experiments give matches their declared naming, and lint's patterns tell a
    /// misspelt metric from one of another run.
    func testDeclarationsMatchNamesAndTellTyposFromOtherRuns() throws {
        var train = TrainClassifier.Parameters()
        train.optimizers = [.sgd, .adam]
        train.learningRates = [0.1, 1e-5]
        train.batchSizes = [0, 16]
        train.inits = [.kaiming]
        train.batchNorm = [.off, .on]
        train.dropouts = [0.5]
        train.schedules = [.warmupCosine]
        train.augmentations = [.noise]
        train.patience = [30]
        let declaration = try XCTUnwrap(TrainClassifier.metrics)
        for name in TrainClassifier.runNames(train) {
            XCTAssertEqual(declaration.match(name + ".train_loss")?.run, name)
        }
        XCTAssertTrue(TrainClassifier.runNames(train).contains("adam_lr1e_05_bs16_kaiming_bn_drop0.5_warmup_cosine_noise_patience30"))
        XCTAssertNil(declaration.match("sgd_lr0.4.final_los"), "a typo")
        XCTAssertNil(declaration.match("lr0.4_sgd.train_loss"), "parts in the wrong order")
        XCTAssertNotNil(declaration.match("sgd_lr0.45.train_loss"), "another rate: other parameters make it")
        let ravine = MomentumRavine.Parameters()
        XCTAssertEqual(MomentumRavine.absence(of: "sgd_lr0.45.steps", ravine), .notWithTheseParameters("no run sgd_lr0.45"))
        XCTAssertEqual(MomentumRavine.absence(of: "sgd_lr0.4.final_los", ravine), .unknown)
        var decay = DecayTwoStep.Parameters()
        decay.optimizers = [.sgd]
        XCTAssertEqual(DecayTwoStep.absence(of: "adam.adamw_difference", decay), .notWithTheseParameters("no run adam"),
                       "a metric of one named run only")
        var batchNorm = BatchNormActivations.Parameters()
        batchNorm.batchNorm = [.off]
        XCTAssertEqual(BatchNormActivations.absence(of: "bn.mode_gap", batchNorm), .notWithTheseParameters("no run bn"))
    }

    /// What each (quick) experiment reports is what it declares, and its runs are the ones `runNames` lists.
    func testEachExperimentReportsOnlyDeclaredMetrics() throws {
        var train = TrainClassifier.Parameters()
        (train.points, train.epochs, train.hidden, train.curves) = (20, 2, [4], [.none])
        train.learningRates = [0.1, 0.2]
        train.patience = [0, 1]
        var adaptive = AdaptiveRavine.Parameters()
        (adaptive.surface, adaptive.lossChart) = (false, false)
        var activations = InitActivations.Parameters()
        (activations.depth, activations.width, activations.batch, activations.activation) = (4, 16, 8, .tanh)
        (activations.depths, activations.histograms) = ([1, 4], [])
        var decay = DecayTwoStep.Parameters()
        (decay.steps, decay.features, decay.examples) = (5, 10, 5)
        var schedules = LearningRateSchedules.Parameters()
        schedules.schedules = TrainClassifier.Schedule.allCases
        func check<E: Experiment>(_: E.Type, _ p: E.Parameters, file: StaticString = #filePath, line: UInt = #line) throws {
            let declaration = try XCTUnwrap(E.metrics, file: file, line: line)
            let result = try E.run(p, context: ExperimentContext(seed: 0))
            let runs = Set(E.runNames(p))
            for metric in result.metrics {
                guard let (_, run) = declaration.match(metric.name) else {
                    XCTFail("\(E.name) reports '\(metric.name)', which it does not declare", file: file, line: line)
                    continue
                }
                XCTAssertTrue(run.isEmpty || runs.contains(run), "\(E.name): run '\(run)' is not in runNames", file: file, line: line)
            }
        }
        try check(TrainClassifier.self, train)
        try check(MomentumRavine.self, MomentumRavine.Parameters())
        try check(AdaptiveRavine.self, adaptive)
        try check(InitActivations.self, activations)
        try check(DecayTwoStep.self, decay)
        try check(LearningRateSchedules.self, schedules)
        try check(SoftmaxLoss.self, SoftmaxLoss.Parameters())
        try check(DropoutModes.self, DropoutModes.Parameters())
        try check(BatchNormAlgebra.self, BatchNormAlgebra.Parameters())
        try check(FeatureMaps.self, FeatureMaps.Parameters())
    }
}
