import Engine
import Lessons
import XCTest

@testable import Experiments

/// The digits CNN: its layer sizes by hand, an end-to-end accuracy, and a diverging run.
final class CNNDigitsTests: XCTestCase {
    func testParameterCountsByHand() {
        var generator = SeededGenerator(seed: 0)
        let model = CNNDigits.model(channels: [8, 16], classes: 10, using: &generator)
        // conv 1→8: 8·(1·9 + 1) = 80; conv 8→16: 16·(8·9 + 1) = 1168; linear 16·2·2 → 10: 64·10 + 10 = 650.
        XCTAssertEqual(model.layers[0].parameterCount, 80)
        XCTAssertEqual(model.layers[3].parameterCount, 1168)
        XCTAssertEqual(model.layers[7].parameterCount, 650)
        XCTAssertEqual(model.parameterCount, 1898)
        XCTAssertEqual(model.evaluated(Tensor(shape: [2, 1, 8, 8], repeating: 0)).shape, [2, 10])
    }

    func testTrainsToHighTestAccuracy() throws {
        var p = CNNDigits.Parameters()
        p.epochs = 5
        let result = try CNNDigits.run(p, context: ExperimentContext(seed: 1))
        XCTAssertGreaterThan(number(result, "test_accuracy"), 0.9)
        XCTAssertEqual(number(result, "parameters"), 160 + 4640 + 1290)
        XCTAssertEqual(number(result, "errors"), (1 - number(result, "test_accuracy")) * 360, accuracy: 0.01)
        XCTAssertEqual(result.metric(named: "diverged"), .flag(false))
        // The class least often right is right no more often than the average test digit.
        XCTAssertLessThanOrEqual(number(result, "worst_class.accuracy"), number(result, "test_accuracy"))
        XCTAssertTrue((0...9).contains(number(result, "worst_class")))
        XCTAssertNil(result.metric(named: "tops.mistake_share"), "only the clothes have tops to confuse")
    }

    func testConfusionTableHasOneRowPerClass() {
        let table = CNNDigits.confusionTable([[2, 1], [0, 3]])
        XCTAssertEqual(table.columns.map { MessageCatalog.english.text($0.header) }, ["true", "0", "1"])
        XCTAssertEqual(table.rows.count, 2)
        let row = table.rows[1].map { cell -> String in
            switch cell {
            case .text(let phrase): MessageCatalog.english.text(phrase)
            case .number(let value): "\(value)"
            case .empty: ""
            }
        }
        XCTAssertEqual(row, ["1", ".", "3.0"])
    }

    func testAHugeLearningRateIsAResultNotACrash() throws {
        var p = CNNDigits.Parameters()
        (p.epochs, p.learningRate, p.trainExamples, p.channels) = (2, 100, 200, [4, 4])
        let result = try CNNDigits.run(p, context: ExperimentContext(seed: 0))
        XCTAssertEqual(result.metric(named: "diverged"), .flag(true))
        XCTAssertLessThan(number(result, "test_accuracy"), 0.5)
    }

    func testOutOfRangeParametersAreRefused() {
        XCTAssertThrowsError(try parseCell("cnn-digits", "channels: [8, 16, 32]"))
        XCTAssertThrowsError(try parseCell("cnn-digits", "epochs: 0"))
        XCTAssertThrowsError(try parseCell("cnn-digits", "train_examples: 60000"), "more than the 55,000 training pictures")
        XCTAssertThrowsError(try parseCell("cnn-digits", "dataset: cifar"))
    }
}
