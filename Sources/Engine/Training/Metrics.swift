/// The loss a training loop minimizes, as a value.
public enum Loss: Sendable, Equatable {
    /// Cross-entropy of softmax outputs against class labels, with optional label smoothing (classification).
    case crossEntropy(labelSmoothing: Float = 0)
    /// Mean squared error against real-valued targets (regression).
    case meanSquaredError

    /// The mean loss of `output` against `targets`.
    public func callAsFunction(_ output: Tensor, _ targets: Targets) -> Tensor {
        switch (self, targets) {
        case (.crossEntropy(let smoothing), .classes(let labels)):
            return crossEntropyOfLogits(output, labels: labels, labelSmoothing: smoothing)
        case (.meanSquaredError, .values(let values)):
            return mseLoss(output, values.reshape(output.shape))
        case (.crossEntropy, .values):
            preconditionFailure("Loss: cross-entropy needs class labels, but the dataset has real-valued targets")
        case (.meanSquaredError, .classes):
            preconditionFailure("Loss: mean squared error needs real-valued targets, but the dataset has class labels")
        }
    }
}

/// The engine's `crossEntropy`, under a name that the `Loss.crossEntropy` case does not hide.
private func crossEntropyOfLogits(_ logits: Tensor, labels: [Int], labelSmoothing: Float) -> Tensor {
    crossEntropy(logits: logits, labels: labels, labelSmoothing: labelSmoothing)
}

/// The fraction of rows of `logits` ([n, classes]) whose largest entry is at the row's label.
public func accuracy(logits: Tensor, labels: [Int]) -> Float {
    guard !labels.isEmpty else { return 0 }
    return Float(correctCount(logits: logits, labels: labels)) / Float(labels.count)
}

/// How many rows of `logits` have their largest entry at the row's label.
func correctCount(logits: Tensor, labels: [Int]) -> Int {
    precondition(logits.rank == 2 && logits.shape[0] == labels.count,
                 "accuracy: logits of shape \(logits.shape) do not match \(labels.count) labels")
    return zip(predictedClasses(logits), labels).filter { $0 == $1 }.count
}

/// The index of each row's largest entry (the first on ties).
public func predictedClasses(_ logits: Tensor) -> [Int] {
    logits.argmax(axis: 1).scalars.map { Int($0) }
}

/// counts[true class][predicted class] over all examples.
public func confusionMatrix(predictions: [Int], labels: [Int], classes: Int) -> [[Int]] {
    precondition(predictions.count == labels.count, "confusionMatrix: \(predictions.count) predictions for \(labels.count) labels")
    var counts = [[Int]](repeating: [Int](repeating: 0, count: classes), count: classes)
    for (predicted, label) in zip(predictions, labels) {
        precondition((0..<classes).contains(predicted) && (0..<classes).contains(label),
                     "confusionMatrix: class \(max(predicted, label)) is outside 0..<\(classes)")
        counts[label][predicted] += 1
    }
    return counts
}

/// A model's mean loss and accuracy on a dataset.
public struct Evaluation: Equatable, Sendable {
    /// The mean loss per example.
    public var loss: Float
    /// The fraction classified right; nil for regression.
    public var accuracy: Float?
}

/// The mean loss and the accuracy of `model` on `dataset`, in evaluation mode, without recording a graph and
/// without changing the model.
public func evaluate<M: Module, D: Dataset>(_ model: M, on dataset: D, loss: Loss = .crossEntropy(), batchSize: Int = 256) -> Evaluation {
    var copy = model
    copy.setTraining(false)
    var (total, correct, isClassification) = (0.0, 0, true)
    noGrad {
        for start in stride(from: 0, to: dataset.count, by: batchSize) {
            let batch = dataset.batch(Array(start..<Swift.min(start + batchSize, dataset.count)))
            let output = copy(batch.inputs)
            total += Double(loss(output, batch.targets).item) * Double(batch.targets.count)
            if case .classes(let labels) = batch.targets { correct += correctCount(logits: output, labels: labels) } else { isClassification = false }
        }
    }
    let n = Double(Swift.max(dataset.count, 1))
    return Evaluation(loss: Float(total / n), accuracy: isClassification ? Float(Double(correct) / n) : nil)
}

/// The predicted class of every example of `dataset`, in evaluation mode.
public func predictions<M: Module, D: Dataset>(_ model: M, on dataset: D, batchSize: Int = 256) -> [Int] {
    var copy = model
    copy.setTraining(false)
    return noGrad {
        stride(from: 0, to: dataset.count, by: batchSize).flatMap { start in
            predictedClasses(copy(dataset.batch(Array(start..<Swift.min(start + batchSize, dataset.count))).inputs))
        }
    }
}
