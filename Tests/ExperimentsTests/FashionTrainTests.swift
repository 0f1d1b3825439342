import Engine
import FileFormats
import Lessons
import XCTest

@testable import Experiments

/// `train` on Fashion-MNIST: the splits, a CNN of 28×28 pictures, the augmentations for clothes, and the
/// files' identity in the cache key. Under CI the dataset is installed, and its absence is a failure.
final class FashionTrainTests: XCTestCase {
    override func setUpWithError() throws {
        try requireFashionMNIST()
    }

    func testTheSplitsAreDisjointSeededAndStandardized() throws {
        let a = try FashionData.splits(trainExamples: 300, validationExamples: 200, seed: 4)
        XCTAssertEqual(a.train.inputs.shape, [300, 1, 28, 28])
        XCTAssertEqual(a.validation.count, 200)
        XCTAssertEqual(a.test.count, 10_000)
        let b = try FashionData.splits(trainExamples: 300, validationExamples: 200, seed: 4)
        XCTAssertEqual(a.train.inputs, b.train.inputs, "the same seed draws the same pictures")
        let c = try FashionData.splits(trainExamples: 300, validationExamples: 200, seed: 5)
        XCTAssertNotEqual(a.train.inputs, c.train.inputs)
        // Standardized with the training set's own statistics (0.2860 and 0.3530 for the published files).
        let (mean, std) = FashionData.statistics(try FashionMNIST.load())
        XCTAssertEqual(mean, 0.2860, accuracy: 0.0005)
        XCTAssertEqual(std, 0.3530, accuracy: 0.0005)
        XCTAssertEqual(a.test.inputs.mean().item, 0, accuracy: 0.05, "the test pictures are close to mean 0 too")
        // Training and validation pictures are apart: no picture is in both.
        let rows = { (set: TensorDataset) in Set((0..<set.count).map { set.inputs.slice($0..<($0 + 1)).scalars }) }
        XCTAssertTrue(rows(a.train).isDisjoint(with: rows(a.validation)))
    }

    func testAFewPerClassAndAClassSubsetAreRelabelled() throws {
        let splits = try FashionData.splits(trainExamples: 0, validationExamples: 100, classes: [5, 7, 9], perClass: 4, seed: 1)
        XCTAssertEqual(splits.train.count, 12)
        XCTAssertEqual(Set(splits.train.labels), [0, 1, 2])
        XCTAssertEqual(splits.test.count, 3_000)
        XCTAssertEqual(FashionData.names([5, 7, 9]), ["Sandal", "Sneaker", "Ankle boot"])
    }

    func testACNNLearnsClothesAndTheFilesAreInTheCacheKey() throws {
        var p = TrainClassifier.Parameters()
        p.dataset = .fashion
        p.model = .cnn
        p.channels = [4, 8]
        p.cnnHidden = [16]
        p.trainExamples = 2_000
        p.validationExamples = 500
        p.epochs = 3
        p.inits = [.kaiming]
        p.optimizers = [.momentum]
        p.learningRates = [0.05]
        p.augmentations = [.flip]
        p.curves = [.none]
        p.testSet = true
        XCTAssertNil(p.conflict)
        let result = try TrainClassifier.run(p, context: ExperimentContext(seed: 2))
        let name = "momentum_lr0.05_kaiming_flip"
        guard case .number(let accuracy)? = result.metric(named: "\(name).test_accuracy") else {
            return XCTFail("no test accuracy among \(result.metrics.map(\.name))")
        }
        // Ten classes: a guess is right 10 % of the time; three epochs on two thousand pictures reach far above.
        XCTAssertGreaterThan(accuracy, 0.6)
        let identities = TrainClassifier.inputIdentities(p)
        XCTAssertEqual(identities.count, 4)
        XCTAssertTrue(identities.allSatisfy { $0.contains("bytes, modified") }, "\(identities)")
        var digits = p
        digits.dataset = .digits
        XCTAssertEqual(TrainClassifier.inputIdentities(digits), [], "the digits ship with the program")
    }

    func testTheCNNShowsClothesWithTheirClassNames() throws {
        var p = CNNDigits.Parameters()
        p.dataset = .fashion
        p.channels = [4, 8]
        p.trainExamples = 1_000
        p.epochs = 1
        p.misclassified = 3
        let result = try CNNDigits.run(p, context: ExperimentContext(seed: 1))
        guard case .number(let accuracy)? = result.metric(named: "test_accuracy") else { return XCTFail("no test accuracy") }
        XCTAssertGreaterThan(accuracy, 0.3)
        XCTAssertEqual(result.metric(named: "parameters"), .number(Double(40 + 296 + 8 * 49 * 10 + 10)))
        let drawn = result.figures.map { $0.render(width: 120) }.joined(separator: "\n")
        XCTAssertTrue(drawn.contains("9 Ankle boot"), "the confusion matrix names the classes")
        XCTAssertTrue(drawn.contains("Misclassified test pictures"))
        XCTAssertTrue(drawn.contains("1×28×28"), "the layer table starts from a 28×28 picture")
        XCTAssertEqual(CNNDigits.inputIdentities(p).count, 4)
    }

    func testPixelAugmentationsNeedPictures() {
        var p = TrainClassifier.Parameters()
        p.dataset = .spirals
        p.augmentations = [.erase]
        XCTAssertTrue(p.conflict?.contains("needs images") ?? false, p.conflict ?? "no conflict")
    }
}
