import Lessons
import XCTest

@testable import Experiments

/// Lesson 12's three experiments: autograd against finite differences, a model's parameter list, a loader's batches.
final class AutogradTraceTests: XCTestCase {
    func testAutogradAgreesWithCentralDifferencesBetterThanOneSided() throws {
        for seed: UInt64 in [1, 2, 3] {
            let result = try AutogradTrace.run(AutogradTrace.Parameters(), context: ExperimentContext(seed: seed))
            let scale = metricNumber(result, "largest_gradient")
            XCTAssertGreaterThan(scale, 0.01)
            XCTAssertLessThan(metricNumber(result, "central_error"), 1e-3 * scale, "seed \(seed)")
            XCTAssertGreaterThan(metricNumber(result, "one_sided_error"), 10 * metricNumber(result, "central_error"), "seed \(seed)")
            XCTAssertEqual(metricNumber(result, "parameters"), 3 * 3 + 3)
        }
    }

    func testATinyStepDrownsInFloatRounding() throws {
        var p = AutogradTrace.Parameters()
        p.step = 1e-6
        let result = try AutogradTrace.run(p, context: ExperimentContext(seed: 1))
        XCTAssertGreaterThan(metricNumber(result, "central_error"), 1e-3 * metricNumber(result, "largest_gradient"))
    }

    func testGradientsAccumulateUntilZeroGrad() throws {
        let result = try AutogradTrace.run(AutogradTrace.Parameters(), context: ExperimentContext(seed: 4))
        XCTAssertEqual(metricNumber(result, "accumulated_ratio"), 2, accuracy: 1e-6)
        XCTAssertEqual(metricNumber(result, "after_zero_grad_ratio"), 1, accuracy: 1e-6)
        XCTAssertEqual(result.metric(named: "zero_grad_clears"), .flag(true))
    }

    func testTheTableHasARowPerParameterElement() throws {
        var p = AutogradTrace.Parameters()
        (p.features, p.classes) = (2, 4)
        let result = try AutogradTrace.run(p, context: ExperimentContext(seed: 5))
        let tables = result.items.compactMap { item -> Table? in
            if case .figure(.table(let table)) = item { return table }
            return nil
        }
        XCTAssertEqual(tables.count, 3)
        XCTAssertEqual(tables[1].rows.count, 2 * 4 + 4)
        XCTAssertEqual(tables[1].rows.first?.first, .text(Phrase(verbatim: "W[0,0]")))
        XCTAssertEqual(tables[1].rows.last?.first, .text(Phrase(verbatim: "b[3]")))
    }
}

final class ModuleParametersTests: XCTestCase {
    func testLessonTensCNNHasTheCountsWorkedOutByHand() throws {
        let result = try ModuleParameters.run(ModuleParameters.Parameters(), context: ExperimentContext(seed: 1))
        XCTAssertEqual(metricNumber(result, "layer0.parameters"), 16 * (1 * 9 + 1))
        XCTAssertEqual(metricNumber(result, "layer1.parameters"), 0)
        XCTAssertEqual(metricNumber(result, "layer3.parameters"), 32 * (16 * 9 + 1))
        XCTAssertEqual(metricNumber(result, "layer7.parameters"), 10 * (32 * 2 * 2 + 1))
        XCTAssertEqual(metricNumber(result, "parameters"), 160 + 4_640 + 1_290)
        XCTAssertEqual(metricNumber(result, "parameter_tensors"), 6)
        XCTAssertEqual(metricNumber(result, "buffers"), 0)
        XCTAssertEqual(metricNumber(result, "output_width"), 10)
    }

    func testBatchNormAddsParametersAndBuffersAndDropsTheBias() throws {
        var p = ModuleParameters.Parameters()
        (p.model, p.hidden, p.batchNorm) = (.mlp, [32], true)
        let result = try ModuleParameters.run(p, context: ExperimentContext(seed: 2))
        // Flatten, Linear(64, 32, no bias), BatchNorm1d(32), ReLU, Linear(32, 10).
        XCTAssertEqual(metricNumber(result, "layer1.parameters"), 64 * 32)
        XCTAssertEqual(metricNumber(result, "layer2.parameters"), 2 * 32)
        XCTAssertEqual(metricNumber(result, "layer4.parameters"), 33 * 10)
        XCTAssertEqual(metricNumber(result, "parameters"), 2_048 + 64 + 330)
        XCTAssertEqual(metricNumber(result, "buffers"), 2 * 32)
        XCTAssertEqual(metricNumber(result, "layers"), 5)
    }

    func testThreePoolsShrinkTheDigitToOnePixel() throws {
        var p = ModuleParameters.Parameters()
        p.channels = [4, 4, 4]
        let result = try ModuleParameters.run(p, context: ExperimentContext(seed: 3))
        XCTAssertEqual(metricNumber(result, "layer10.parameters"), 10 * (4 * 1 * 1 + 1))
        XCTAssertEqual(metricNumber(result, "layers"), 11)
    }
}

final class LoaderBatchesTests: XCTestCase {
    func testDropLastAndSeededShuffling() throws {
        let result = try LoaderBatches.run(LoaderBatches.Parameters(), context: ExperimentContext(seed: 1))
        XCTAssertEqual(metricNumber(result, "batches"), 3)
        XCTAssertEqual(metricNumber(result, "batches_drop_last"), 2)
        XCTAssertEqual(metricNumber(result, "last_batch_size"), 2)
        XCTAssertEqual(metricNumber(result, "dropped_per_epoch"), 2)
        XCTAssertEqual(result.metric(named: "every_example_once"), .flag(true))
        XCTAssertEqual(result.metric(named: "epochs_differ"), .flag(true))
        XCTAssertEqual(result.metric(named: "same_seed_same_batches"), .flag(true))
        XCTAssertEqual(result.metric(named: "other_seed_differs"), .flag(true))
    }

    func testWithoutShufflingEveryEpochIsTheSame() throws {
        var p = LoaderBatches.Parameters()
        p.shuffle = false
        let result = try LoaderBatches.run(p, context: ExperimentContext(seed: 1))
        XCTAssertEqual(result.metric(named: "epochs_differ"), .flag(false))
        XCTAssertEqual(result.metric(named: "other_seed_differs"), .flag(false))
        XCTAssertEqual(result.metric(named: "every_example_once"), .flag(true))
    }

    func testABatchLargerThanTheDatasetIsOneBatchOrNone() throws {
        var p = LoaderBatches.Parameters()
        (p.examples, p.batchSize) = (3, 5)
        let result = try LoaderBatches.run(p, context: ExperimentContext(seed: 2))
        XCTAssertEqual(metricNumber(result, "batches"), 1)
        XCTAssertEqual(metricNumber(result, "batches_drop_last"), 0)
        XCTAssertEqual(metricNumber(result, "dropped_per_epoch"), 3)
    }

    func testCatalogEntries() {
        let names = experimentCatalog.entries.map(\.name)
        for name in ["autograd-trace", "module-parameters", "data-loader"] { XCTAssertTrue(names.contains(name), name) }
    }
}
