import Engine
import FileFormats
import Foundation
import Lessons
import XCTest

@testable import Experiments

/// Fine-tuning: the data it picks, the checkpoint round trip, freezing, repeats, and the metrics' names.
final class FineTuneTests: XCTestCase {
    private let set = TensorDataset(inputs: Tensor((0..<12).map(Float.init), shape: [12, 1]),
                                    labels: [5, 6, 5, 7, 6, 5, 0, 6, 7, 5, 1, 7], classCount: 10)

    func testOnlyKeepsTheClassesAndRelabels() {
        let kept = FineTune.only([5, 6, 7], of: set)
        XCTAssertEqual(kept.labels, [0, 1, 0, 2, 1, 0, 1, 2, 0, 2])
        XCTAssertEqual(kept.inputs.scalars, [0, 1, 2, 3, 4, 5, 7, 8, 9, 11])
        XCTAssertEqual(kept.classCount, 3)
    }

    func testFewTakesThatManyOfEachClassInterleaved() {
        let kept = FineTune.only([5, 6, 7], of: set)
        let few = FineTune.few(2, of: kept, seed: 3)
        XCTAssertEqual(few.labels, [0, 1, 2, 0, 1, 2])
        XCTAssertEqual(Set(few.inputs.scalars).count, 6)
        XCTAssertEqual(FineTune.few(2, of: kept, seed: 3).inputs.scalars, few.inputs.scalars)
        XCTAssertEqual(FineTune.few(10, of: kept, seed: 3).count, kept.count, "a class with fewer examples gives all it has")
    }

    private func run(_ backbones: [FineTune.Backbone], examples: [Int], repeats: Int = 1) throws -> ExperimentResult {
        var p = FineTune.Parameters()
        (p.examplesPerClass, p.epochs, p.pretrainEpochs, p.backbones, p.channels, p.repeats) = (examples, 5, 2, backbones, [4, 8], repeats)
        return try FineTune.run(p, context: ExperimentContext(seed: 0))
    }

    func testCheckpointRoundTripIsExactAndFreezingLeavesOnlyTheHead() throws {
        let result = try run([.frozen], examples: [3])
        XCTAssertEqual(number(result, "checkpoint.max_difference"), 0)
        XCTAssertEqual(number(result, "loaded.accuracy"), number(result, "pretrain.accuracy"))
        XCTAssertEqual(number(result, "checkpoint.tensors"), 6)
        // conv 1→4: 40, conv 4→8: 296, head 32→5: 165.
        XCTAssertEqual(number(result, "frozen.trainable"), 165)
        XCTAssertEqual(number(result, "scratch.trainable"), 40 + 296 + 165)
        XCTAssertGreaterThan(number(result, "pretrain.accuracy"), 0.8)
        XCTAssertNotNil(result.metric(named: "frozen_3.accuracy"))
        XCTAssertNotNil(result.metric(named: "scratch_3.accuracy"))
        XCTAssertNil(result.metric(named: "frozen.accuracy"), "a run is named by its examples per class, with one value too")
        XCTAssertNil(result.metric(named: "unfrozen_3.accuracy"), "only the backbones asked for run")
        XCTAssertEqual(number(result, "frozen_3.accuracy_std"), 0, "one repeat has no spread")
    }

    func testUnfrozenTrainsEverythingAndRunsDoNotLeakIntoEachOther() throws {
        let result = try run([.unfrozen, .frozen], examples: [3, 2])
        XCTAssertEqual(number(result, "unfrozen.trainable"), 501)
        XCTAssertEqual(number(result, "frozen.trainable"), 165)
        let alone = try run([.frozen], examples: [2])
        XCTAssertEqual(number(result, "frozen_2.accuracy"), number(alone, "frozen_2.accuracy"),
                       "fine-tuning one copy must not change the loaded backbone")
        XCTAssertEqual(number(result, "scratch_2.accuracy"), number(alone, "scratch_2.accuracy"))
    }

    func testRepeatsAreSummarizedByMeanSpreadAndMinimum() throws {
        let result = try run([.frozen], examples: [2], repeats: 3)
        let one = try run([.frozen], examples: [2], repeats: 1)
        // Repeat r's seed doesn't depend on how many repeats there are: the first of three is the one alone.
        XCTAssertEqual(FineTune.repeatSeeds(3, seed: 0).first, FineTune.repeatSeeds(1, seed: 0).first)
        XCTAssertEqual(number(result, "frozen_2.accuracy_min"), min(number(result, "frozen_2.accuracy_min"), number(one, "frozen_2.accuracy")))
        XCTAssertLessThanOrEqual(number(result, "frozen_2.accuracy_min"), number(result, "frozen_2.accuracy"))
        XCTAssertGreaterThan(number(result, "scratch_2.accuracy_std"), 0, "each repeat draws its own examples and scratch network")
        let table = result.figures.map { $0.render(width: 120) }.joined(separator: "\n")
        XCTAssertTrue(table.contains("over 3 runs"), table)
        XCTAssertTrue(table.contains(" ± "), table)
    }

    func testABackboneRateOfZeroLeavesTheUnfrozenBackboneAsSaved() throws {
        var p = FineTune.Parameters()
        (p.examplesPerClass, p.epochs, p.pretrainEpochs, p.backbones, p.channels) = ([2], 5, 2, [.frozen, .unfrozen], [4, 8])
        p.backboneRate = 0
        let still = try FineTune.run(p, context: ExperimentContext(seed: 0))
        // Its layers get gradients but take steps of size 0: the same head learns on the same features as when frozen.
        XCTAssertEqual(number(still, "unfrozen_2.accuracy"), number(still, "frozen_2.accuracy"))
        XCTAssertEqual(number(still, "unfrozen.trainable"), 501)
        p.backboneRate = 1
        let moving = try FineTune.run(p, context: ExperimentContext(seed: 0))
        XCTAssertNotEqual(number(moving, "unfrozen_2.accuracy"), number(moving, "frozen_2.accuracy"))
        XCTAssertEqual(number(moving, "scratch_2.accuracy"), number(still, "scratch_2.accuracy"), "the rate is the backbone's alone")
        let drawn = still.figures.map { $0.render(width: 400) }.joined(separator: "\n")
        XCTAssertTrue(drawn.contains("The unfrozen backbone learns at 0 × that rate."), drawn)
    }

    func testPretrainingAugmentationShiftsDigitsAndAlsoMirrorsClothes() throws {
        XCTAssertEqual(try FineTune.pretrainAugmentation(.digits).name, "randomShift(1)", "a mirrored 3 is not a 3")
        XCTAssertTrue(try FineTune.pretrainAugmentation(.fashion).name.contains("horizontalFlip"))
        XCTAssertTrue(try FineTune.pretrainAugmentation(.fashion).name.contains("randomShift(3)"))
        var p = FineTune.Parameters()
        (p.examplesPerClass, p.epochs, p.pretrainEpochs, p.channels) = ([2], 3, 2, [4, 8])
        let plain = try FineTune.run(p, context: ExperimentContext(seed: 0))
        p.pretrainAugmentation = true
        let shifted = try FineTune.run(p, context: ExperimentContext(seed: 0))
        XCTAssertNotEqual(number(shifted, "pretrain.accuracy"), number(plain, "pretrain.accuracy"))
        XCTAssertEqual(number(try FineTune.run(p, context: ExperimentContext(seed: 0)), "frozen_2.accuracy"),
                       number(shifted, "frozen_2.accuracy"), "the shifts come from the seed")
        let drawn = shifted.figures.map { $0.render(width: 140) }.joined(separator: "\n")
        XCTAssertTrue(drawn.contains("digits (shifted)"), drawn)
    }

    func testMeanAndStandardDeviation() {
        XCTAssertEqual(FineTune.mean([0.5, 0.7, 0.9]), 0.7, accuracy: 1e-12)
        XCTAssertEqual(FineTune.standardDeviation([0.5, 0.7, 0.9]), 0.2, accuracy: 1e-12, "the sample deviation, n − 1")
        XCTAssertTrue(FineTune.mean([0.5, .nan]).isNaN, "a diverged repeat makes the mean diverged")
        XCTAssertEqual(FineTune.standardDeviation([0.4]), 0)
    }

    func testOtherPretrainingClassesAreRelabelledAndTheRestFineTuned() throws {
        var p = FineTune.Parameters()
        (p.pretrainClasses, p.examplesPerClass, p.epochs, p.pretrainEpochs, p.channels) = ([0, 1, 2, 5, 7, 8], [2], 3, 2, [4, 8])
        XCTAssertEqual(p.targetClasses, [3, 4, 6, 9])
        let result = try FineTune.run(p, context: ExperimentContext(seed: 1))
        // A head of 32 features to the 4 new classes; the pretrained head had 6 outputs.
        XCTAssertEqual(number(result, "frozen.trainable"), 32 * 4 + 4)
        XCTAssertEqual(number(result, "scratch.trainable"), 40 + 296 + 32 * 6 + 6)
        let drawn = result.figures.map { $0.render(width: 140) }.joined(separator: "\n")
        XCTAssertTrue(drawn.contains("a guess gets 25%"), drawn)
        p.pretrainClasses = [0, 1, 1]
        XCTAssertNotNil(p.conflict, "a class named twice")
    }

    func testAHugeLearningRateIsAResultNotACrash() throws {
        var p = FineTune.Parameters()
        (p.examplesPerClass, p.epochs, p.pretrainEpochs, p.learningRate, p.channels) = ([2], 3, 1, 100, [4, 4])
        XCTAssertNoThrow(try FineTune.run(p, context: ExperimentContext(seed: 0)))
    }

    func testOutOfRangeParametersAreRefused() {
        XCTAssertThrowsError(try parseCell("fine-tune", "examples_per_class: [0]"))
        XCTAssertThrowsError(try parseCell("fine-tune", "backbones: [thawed]"))
        XCTAssertThrowsError(try parseCell("fine-tune", "repeats: 0"))
        XCTAssertThrowsError(try parseCell("fine-tune", "pretrain_classes: [0, 10]"))
        XCTAssertNoThrow(try parseCell("fine-tune", "examples_per_class: [1, 5]\nbackbones: [frozen, unfrozen]\nrepeats: 3"))
    }
}

/// Fine-tuning on Fashion-MNIST: the pretraining classes' whole training set, the new classes' test
/// set, class names, and the files in the cache key. Under CI the dataset is installed, and its absence
/// is a failure.
final class FashionFineTuneTests: XCTestCase {
    override func setUpWithError() throws {
        try requireFashionMNIST()
    }

    func testPretrainsOnFiveClassesAndFineTunesOnTheOthersFromAFewPictures() throws {
        let (source, sourceTest, target, targetTest) = try FineTune.data(.fashion, source: [0, 1, 2, 5, 7], target: [3, 4, 6, 8, 9])
        XCTAssertEqual(source.count, 30_000, "the five classes' whole training set")
        XCTAssertEqual(target.count, 30_000)
        XCTAssertEqual(sourceTest.count, 5_000)
        XCTAssertEqual(targetTest.count, 5_000, "the new classes' whole test set")
        XCTAssertEqual(Set(target.labels), [0, 1, 2, 3, 4])
        XCTAssertEqual(target.inputs.shape, [30_000, 1, 28, 28])

        var p = FineTune.Parameters()
        p.dataset = .fashion
        (p.pretrainClasses, p.examplesPerClass, p.epochs, p.pretrainEpochs, p.channels, p.repeats) = ([0, 1, 2, 5, 7], [2], 5, 1, [2, 2], 2)
        XCTAssertNil(p.conflict)
        let result = try FineTune.run(p, context: ExperimentContext(seed: 3))
        // Five classes after one epoch over 30,000 pictures: far above the 20% of a guess.
        XCTAssertGreaterThan(number(result, "pretrain.accuracy"), 0.5)
        XCTAssertEqual(number(result, "loaded.accuracy"), number(result, "pretrain.accuracy"))
        XCTAssertEqual(number(result, "frozen.trainable"), 2 * 49 * 5 + 5)
        let drawn = result.figures.map { $0.render(width: 140) }.joined(separator: "\n")
        XCTAssertTrue(drawn.contains("Dress, Coat, Shirt, Bag, Ankle boot"), drawn)
        XCTAssertTrue(drawn.contains("5000 test pictures"), drawn)
        XCTAssertEqual(FineTune.inputIdentities(p).count, 4)
        p.dataset = .digits
        XCTAssertEqual(FineTune.inputIdentities(p), [], "the digits ship with the program")
    }
}
