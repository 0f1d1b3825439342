import XCTest
@testable import Engine

/// End-to-end runs of the training loop, asserting what they reach: spirals and digits accuracy, early
/// stopping, divergence as a result, and bit-for-bit reproducibility.
final class TrainingTests: XCTestCase {
    func spiralMLP(seed: UInt64) -> Sequential {
        var rng = SeededGenerator(seed: seed)
        return Sequential(Linear(2, 64, using: &rng), ReLU(), Linear(64, 64, using: &rng), ReLU(), Linear(64, 3, using: &rng))
    }

    /// The digits CNN of `EngineBench digits`.
    func digitsCNN(seed: UInt64) -> Sequential {
        var rng = SeededGenerator(seed: seed)
        return Sequential(Conv2d(1, 16, kernelSize: 3, padding: 1, using: &rng), ReLU(), MaxPool2d(kernelSize: 2),
                          Conv2d(16, 32, kernelSize: 3, padding: 1, using: &rng), ReLU(), MaxPool2d(kernelSize: 2),
                          Flatten(), Linear(128, 10, using: &rng))
    }

    func testMLPLearnsThreeSpirals() throws {
        let data = SyntheticData.spirals(classes: 3, pointsPerClass: 100, noise: 0.2, seed: 0)
        var model = spiralMLP(seed: 1)
        var adam = try Adam(learningRate: 0.01)
        let history = try train(&model, optimizer: &adam, data: data, options: TrainingOptions(epochs: 60, batchSize: 32))
        let accuracy = evaluate(model, on: data).accuracy!
        XCTAssertGreaterThanOrEqual(accuracy, 0.97, "train accuracy by epoch: \(history.epochs.map(\.trainAccuracy!))")
        XCTAssertLessThan(history.epochs.last!.trainLoss, history.epochs.first!.trainLoss / 5)
    }

    func testSmallCNNClassifiesDigits() throws {
        let (trainSet, validation, test) = try Digits.splits(seed: 0)
        var model = digitsCNN(seed: 1)
        var adam = try Adam(learningRate: 0.01)
        let history = try train(&model, optimizer: &adam, data: trainSet, validation: validation,
                                options: TrainingOptions(epochs: 10, batchSize: 32))
        let accuracy = evaluate(model, on: test).accuracy!
        XCTAssertGreaterThanOrEqual(accuracy, 0.95, "validation accuracy by epoch: \(history.epochs.map(\.validationAccuracy!))")
        let matrix = confusionMatrix(predictions: predictions(model, on: test), labels: test.labels, classes: 10)
        XCTAssertEqual(matrix.joined().reduce(0, +), test.count)
        XCTAssertEqual(Float((0..<10).map { matrix[$0][$0] }.reduce(0, +)) / Float(test.count), accuracy)
    }

    func testSameSeedSameHistoryToTheLastBit() throws {
        func run(seed: UInt64 = 11) throws -> (TrainingHistory, [Float]) {
            var rng = SeededGenerator(seed: 4)
            var model = try Sequential(Linear(2, 16, using: &rng), BatchNorm1d(16), ReLU(), Dropout(probability: 0.2, seed: 9), Linear(16, 2, using: &rng))
            var sgd = try SGD(learningRate: 0.1, momentum: 0.9, nesterov: true)
            var options = TrainingOptions(epochs: 4, batchSize: 16)
            options.schedule = try LearningRateSchedule.linearWarmup(peak: 0.1, steps: 2).then(try .cosineAnnealing(initial: 0.1, period: 2), at: 2)
            options.seed = seed
            let data = SyntheticData.twoMoons(pointsPerClass: 40, noise: 0.1, seed: 2)
            let history = try train(&model, optimizer: &sgd, data: data, validation: data, options: options)
            return (history, model.parameters.flatMap(\.scalars))
        }
        let (first, firstWeights) = try run(), (second, secondWeights) = try run()
        XCTAssertEqual(first, second)
        XCTAssertEqual(firstWeights.map(\.bitPattern), secondWeights.map(\.bitPattern))
        XCTAssertEqual(first.epochs.count, 4)
        XCTAssertNotEqual(try run(seed: 12).0, first, "another seed shuffles differently")
    }

    func testLearningRateOf100IsReportedAsDiverged() throws {
        let data = SyntheticData.spirals(classes: 3, pointsPerClass: 30, seed: 0)
        var model = spiralMLP(seed: 1)
        var sgd = try SGD(learningRate: 100)
        let history = try train(&model, optimizer: &sgd, data: data, validation: data, options: TrainingOptions(epochs: 20, batchSize: 30))
        let divergence = try XCTUnwrap(history.divergence)
        XCTAssertTrue(history.diverged)
        XCTAssertGreaterThan(divergence.step, 1)
        XCTAssertEqual(divergence.reason, .exploded(threshold: 10_000 * history.stepLosses[0]))
        XCTAssertLessThan(history.epochs.count, 20)
        XCTAssertEqual(history.stepLosses.count, divergence.step - 1)
        for record in history.epochs {
            XCTAssertTrue(record.trainLoss.isFinite && record.validationLoss!.isFinite, "no NaN rows: \(record)")
        }
        // The thread's tape was left clean: a fresh model still trains afterwards.
        var fresh = spiralMLP(seed: 2)
        var adam = try Adam(learningRate: 0.01)
        XCTAssertNil(try train(&fresh, optimizer: &adam, data: data, options: TrainingOptions(epochs: 1, batchSize: 30)).divergence)
    }

    func testNonFiniteLossEndsTheRun() throws {
        // Linear regression with a learning rate far above 2/λmax grows ×100 per step until it overflows.
        let data = SyntheticData.linearRegression(count: 32, features: 4, seed: 1).dataset
        var model = Sequential(Linear(weight: Tensor.zeros([1, 4]), bias: Tensor([0])))
        var sgd = try SGD(learningRate: 100)
        var options = TrainingOptions(epochs: 50, batchSize: 32)
        (options.loss, options.divergenceFactor) = (.meanSquaredError, nil)
        let history = try train(&model, optimizer: &sgd, data: data, options: options)
        let divergence = try XCTUnwrap(history.divergence)
        XCTAssertEqual(divergence.reason, .nonFinite)
        XCTAssertFalse(divergence.loss.isFinite)
        XCTAssertEqual(history.epochs.count, divergence.epoch - 1)
        XCTAssertTrue(history.stepLosses.allSatisfy(\.isFinite))
    }

    func testNonFiniteValidationLossEndsTheRunWithoutANaNRow() throws {
        let data = SyntheticData.linearRegression(count: 8, features: 2, seed: 1).dataset
        // Inputs of 10²⁰ square to 10⁴⁰, past Float's range, while training stays finite.
        let overflow = TensorDataset(inputs: Tensor.full([4, 2], 1e20), values: Tensor.zeros([4, 1]))
        var model = Sequential(Linear(weight: Tensor([[1, 1]]), bias: Tensor([0])))
        var sgd = try SGD(learningRate: 0.01)
        var options = TrainingOptions(epochs: 3, batchSize: 8)
        options.loss = .meanSquaredError
        let history = try train(&model, optimizer: &sgd, data: data, validation: overflow, options: options)
        XCTAssertEqual(history.divergence?.reason, .nonFiniteValidation)
        XCTAssertEqual(history.divergence?.step, 1)
        XCTAssertEqual(history.epochs.count, 0)
        XCTAssertEqual(history.stepLosses.count, 1)
    }

    func testEarlyStoppingRestoresTheBestEpochsWeights() throws {
        // Few examples, many features, no regularization: the validation loss bottoms out and rises again.
        let data = SyntheticData.wideRegression(count: 40, features: 100, informative: 3, noise: 0.5, seed: 3).dataset
        let parts = data.randomSplit([20, 20], seed: 1)
        var rng = SeededGenerator(seed: 2)
        var model = Sequential(Linear(100, 1, using: &rng))
        var sgd = try SGD(learningRate: 0.05)
        var options = TrainingOptions(epochs: 200, batchSize: 20)
        options.loss = .meanSquaredError
        options.earlyStopping = try EarlyStopping(patience: 5)
        let history = try train(&model, optimizer: &sgd, data: parts[0], validation: parts[1], options: options)
        let best = try XCTUnwrap(history.bestEpoch)
        XCTAssertTrue(history.stoppedEarly)
        XCTAssertEqual(history.epochs.count, best + 5)
        let losses = history.epochs.map { $0.validationLoss! }
        XCTAssertEqual(losses.min(), losses[best - 1])
        XCTAssertEqual(evaluate(model, on: parts[1], loss: .meanSquaredError).loss, losses[best - 1],
                       "the model ends with the best epoch's weights, not the last epoch's")
        XCTAssertNil(history.epochs[0].trainAccuracy, "regression has no accuracy")
    }

    func testBadOptionsAreErrors() throws {
        var model = spiralMLP(seed: 0)
        var sgd = try SGD(learningRate: 0.1)
        let data = SyntheticData.xor(count: 8, seed: 0)
        XCTAssertThrowsError(try train(&model, optimizer: &sgd, data: data, options: TrainingOptions(epochs: 0, batchSize: 4)))
        XCTAssertThrowsError(try train(&model, optimizer: &sgd, data: data, options: TrainingOptions(epochs: 1, batchSize: 0))) {
            XCTAssertEqual("\($0)", "DataLoader: batch size 0 must be positive")
        }
        var options = TrainingOptions(epochs: 1, batchSize: 4)
        options.earlyStopping = try EarlyStopping(patience: 2)
        XCTAssertThrowsError(try train(&model, optimizer: &sgd, data: data, options: options))
        XCTAssertThrowsError(try EarlyStopping(patience: 0))
    }

    func testAccuracyAndConfusionMatrix() {
        let logits = Tensor([[2, 1, 0], [0, 3, 1], [1, 0, 0.5], [0, 0, 1]])
        XCTAssertEqual(predictedClasses(logits), [0, 1, 0, 2])
        XCTAssertEqual(accuracy(logits: logits, labels: [0, 1, 2, 2]), 0.75)
        XCTAssertEqual(confusionMatrix(predictions: [0, 1, 0, 2], labels: [0, 1, 2, 2], classes: 3), [[1, 0, 0], [0, 1, 0], [1, 0, 1]])
    }
}
