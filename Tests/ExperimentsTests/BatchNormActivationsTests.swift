import Engine
import Lessons
import XCTest

@testable import Experiments

/// Activation statistics with and without batch norm, the two modes, and a diverging run.
final class BatchNormActivationsTests: XCTestCase {
    private func parameters(batchNorm: [TrainClassifier.BatchNormalization] = [.off, .on], learningRate: Double = 0.05, epochs: Int = 2) -> BatchNormActivations.Parameters {
        var p = BatchNormActivations.Parameters()
        p.hidden = [16, 16]
        p.batchNorm = batchNorm
        p.learningRate = learningRate
        p.epochs = epochs
        p.showEpochs = [0, epochs]
        p.probe = 32
        return p
    }

    private func number(_ result: ExperimentResult, _ name: String, file: StaticString = #filePath, line: UInt = #line) -> Double {
        guard case .number(let value) = result.metric(named: name) else {
            XCTFail("no number metric \(name)", file: file, line: line)
            return .nan
        }
        return value
    }

    /// Batch size 4 ends each epoch of the 1,257 digits on a lone example, which batch norm can't
    /// standardize: it is skipped (it stopped the program).
    func testABatchSizeThatLeavesOneExampleOverRuns() throws {
        var p = parameters(batchNorm: [.on], epochs: 1)
        p.batchSize = 4
        let result = try BatchNormActivations.run(p, context: ExperimentContext(seed: 0))
        XCTAssertTrue(number(result, "bn.layer1.start_std").isFinite)
    }

    /// With learning_rate 100 the statistics can grow past Int.max × 100 without the loss diverging
    /// (batch-norm-activations with every parameter at its maximum): the table writes them, it doesn't stop.
    func testHugeStatisticsAreWrittenNotFatal() {
        XCTAssertEqual(BatchNormActivations.fixed(1e20), "1.000e20")
        XCTAssertEqual(BatchNormActivations.fixed(-2.5e17, digits: 3), "-2.500e17")
        XCTAssertEqual(BatchNormActivations.fixed(-1.5), "-1.50")
        XCTAssertEqual(BatchNormActivations.fixed(-0.001), "0.00")
        XCTAssertEqual(BatchNormActivations.fixed(0.0123, digits: 3), "0.012")
        XCTAssertEqual(BatchNormActivations.fixed(.nan), "NaN")
    }

    func testBatchNormStartsEveryLayerAtMeanZeroStdOne() throws {
        let result = try BatchNormActivations.run(parameters(), context: ExperimentContext(seed: 0))
        // γ = 1, β = 0 at the start: each feature's std is √(σ²/(σ² + ε)), a hair under 1, so the layer's is too.
        XCTAssertEqual(number(result, "bn.layer1.start_std"), 1, accuracy: 1e-3)
        XCTAssertEqual(number(result, "bn.layer2.start_std"), 1, accuracy: 1e-3)
        XCTAssertLessThan(number(result, "bn.largest_abs_mean"), 0.1)
        // Without BN, PyTorch's default init shrinks the signal: the second layer gets less than the first.
        XCTAssertLessThan(number(result, "nobn.layer2.start_std"), number(result, "nobn.layer1.start_std"))
        // The running variance starts at 1 while the layers receive far less: off by more than 100 %.
        XCTAssertGreaterThan(number(result, "bn.running_error_start"), 1)
        XCTAssertLessThan(number(result, "bn.running_error"), number(result, "bn.running_error_start"))
        XCTAssertGreaterThan(number(result, "bn.train_batch_dependence"), 0)
        XCTAssertEqual(number(result, "bn.eval_batch_dependence"), 0)
    }

    func testStatisticsMatchTheFirstLayerComputedDirectly() throws {
        // The no-BN model's first ReLU input at epoch 0 is Linear(64, 16) applied to the probe: recompute it here.
        let p = parameters(batchNorm: [.off])
        let (_, validation, _) = try Digits.splits(seed: 0)
        let probe = validation.inputs.reshape([validation.count, 64]).slice(0..<p.probe, axis: 0)
        var generator = SeededGenerator(seed: 5)
        var first = Linear(64, 16, using: &generator)
        let output: Tensor = noGrad { first(probe) }
        let values: [Double] = output.scalars.map { Double($0) }
        let count = Double(values.count)
        let mean: Double = values.reduce(0, +) / count
        let squares: Double = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let std = (squares / count).squareRoot()
        let result = try BatchNormActivations.run(p, context: ExperimentContext(seed: 5))
        XCTAssertEqual(number(result, "nobn.layer1.start_std"), std, accuracy: 1e-5)
    }

    func testDivergenceIsAResult() throws {
        let result = try BatchNormActivations.run(parameters(batchNorm: [.off], learningRate: 100, epochs: 3),
                                                  context: ExperimentContext(seed: 0))
        XCTAssertEqual(result.metric(named: "nobn.diverged"), .flag(true))
        XCTAssertEqual(number(result, "nobn.val_loss"), .infinity)
    }

    /// Each initialization runs with every batch-norm setting, named after both; Kaiming's keeps the signal's size
    /// from layer to layer where PyTorch's default shrinks it, and the table's caption and rows say which is which.
    func testEachInitializationRunsWithAndWithoutBatchNorm() throws {
        var p = parameters(epochs: 1)
        (p.inits, p.hidden) = ([.pytorchDefault, .kaiming], [64, 64, 64, 64])
        XCTAssertEqual(BatchNormActivations.runNames(p), ["nobn", "bn", "nobn_kaiming", "bn_kaiming"])
        let result = try BatchNormActivations.run(p, context: ExperimentContext(seed: 3))
        XCTAssertLessThan(number(result, "nobn.layer4.start_std"), 0.5 * number(result, "nobn.layer1.start_std"))
        XCTAssertGreaterThan(number(result, "nobn_kaiming.layer4.start_std"), 0.6 * number(result, "nobn_kaiming.layer1.start_std"))
        XCTAssertEqual(number(result, "bn_kaiming.layer4.start_std"), 1, accuracy: 1e-3)
        guard case .figure(.table(let table)) = result.items.first else { return XCTFail("no table first") }
        let english = MessageCatalog.english
        let caption = english.text(table.caption) ?? ""
        XCTAssertTrue(caption.contains("PyTorch's default and kaiming inits"), caption)
        let titles = table.rows.compactMap { row -> String? in if case .text(let title) = row.first { english.text(title) } else { nil } }
        XCTAssertEqual(titles.filter { !$0.isEmpty }, ["no BN", "BN", "no BN, kaiming", "BN, kaiming"])
    }

    func testCatalogEntry() {
        let entry = experimentCatalog.entries.first { $0.name == "batch-norm-activations" }
        XCTAssertEqual(entry?.parameters.map(\.key), ["hidden", "batch_norm", "inits", "learning_rate", "batch_size", "epochs", "show_epochs", "probe"])
        XCTAssertEqual(entry?.parameters.first { $0.key == "batch_size" }?.constraint.hasPrefix("2"), true)
    }
}
