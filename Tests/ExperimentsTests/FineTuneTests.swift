import Engine
import Lessons
import XCTest

@testable import Experiments

/// Fine-tuning: the data it picks, the checkpoint round trip, freezing, and the metrics' names.
final class FineTuneTests: XCTestCase {
    private let set = TensorDataset(inputs: Tensor((0..<12).map(Float.init), shape: [12, 1]),
                                    labels: [5, 6, 5, 7, 6, 5, 0, 6, 7, 5, 1, 7], classCount: 10)

    func testOnlyKeepsTheClassesAndRelabels() {
        let kept = FineTune.only(5...7, of: set)
        XCTAssertEqual(kept.labels, [0, 1, 0, 2, 1, 0, 1, 2, 0, 2])
        XCTAssertEqual(kept.inputs.scalars, [0, 1, 2, 3, 4, 5, 7, 8, 9, 11])
        XCTAssertEqual(kept.classCount, 3)
    }

    func testFewTakesThatManyOfEachClassInterleaved() {
        let kept = FineTune.only(5...7, of: set)
        let few = FineTune.few(2, of: kept, seed: 3)
        XCTAssertEqual(few.labels, [0, 1, 2, 0, 1, 2])
        XCTAssertEqual(Set(few.inputs.scalars).count, 6)
        XCTAssertEqual(FineTune.few(2, of: kept, seed: 3).inputs.scalars, few.inputs.scalars)
        XCTAssertEqual(FineTune.few(10, of: kept, seed: 3).count, kept.count, "a class with fewer examples gives all it has")
    }

    private func run(freeze: Bool, examples: [Int]) throws -> ExperimentResult {
        var p = FineTune.Parameters()
        (p.examplesPerClass, p.epochs, p.pretrainEpochs, p.freeze, p.channels) = (examples, 5, 2, freeze, [4, 8])
        return try FineTune.run(p, context: ExperimentContext(seed: 0))
    }

    func testCheckpointRoundTripIsExactAndFreezingLeavesOnlyTheHead() throws {
        let result = try run(freeze: true, examples: [3])
        XCTAssertEqual(number(result, "checkpoint.max_difference"), 0)
        XCTAssertEqual(number(result, "loaded.accuracy"), number(result, "pretrain.accuracy"))
        XCTAssertEqual(number(result, "checkpoint.tensors"), 6)
        // conv 1→4: 40, conv 4→8: 296, head 32→5: 165.
        XCTAssertEqual(number(result, "finetuned.trainable"), 165)
        XCTAssertEqual(number(result, "scratch.trainable"), 40 + 296 + 165)
        XCTAssertGreaterThan(number(result, "pretrain.accuracy"), 0.8)
        XCTAssertNotNil(result.metric(named: "finetuned_3.accuracy"))
        XCTAssertNil(result.metric(named: "finetuned.accuracy"), "a run is named by its examples per class, with one value too")
    }

    func testUnfrozenTrainsEverythingAndRunsDoNotLeakIntoEachOther() throws {
        let result = try run(freeze: false, examples: [3, 3])
        XCTAssertEqual(number(result, "finetuned.trainable"), 501)
        XCTAssertNil(result.metric(named: "finetuned.accuracy"))
        let alone = try run(freeze: false, examples: [3])
        XCTAssertEqual(number(result, "finetuned_3.accuracy"), number(alone, "finetuned_3.accuracy"),
                       "fine-tuning one copy must not change the loaded backbone")
    }

    func testAHugeLearningRateIsAResultNotACrash() throws {
        var p = FineTune.Parameters()
        (p.examplesPerClass, p.epochs, p.pretrainEpochs, p.learningRate, p.channels) = ([2], 3, 1, 100, [4, 4])
        XCTAssertNoThrow(try FineTune.run(p, context: ExperimentContext(seed: 0)))
    }

    func testOutOfRangeParametersAreRefused() {
        XCTAssertThrowsError(try parseCell("fine-tune", "examples_per_class: [0]"))
        XCTAssertThrowsError(try parseCell("fine-tune", "freeze: maybe"))
        XCTAssertNoThrow(try parseCell("fine-tune", "examples_per_class: [1, 5]\nfreeze: false"))
    }
}
