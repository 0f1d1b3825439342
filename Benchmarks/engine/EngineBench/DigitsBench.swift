import Engine
import Foundation

/// The digits CNN of the engine's end-to-end test: conv(1→16)-ReLU-pool → conv(16→32)-ReLU-pool → linear(128→10).
func digitsCNN(seed: UInt64) -> Sequential {
    var rng = SeededGenerator(seed: seed)
    return Sequential(Conv2d(1, 16, kernelSize: 3, padding: 1, using: &rng), ReLU(), MaxPool2d(kernelSize: 2),
                      Conv2d(16, 32, kernelSize: 3, padding: 1, using: &rng), ReLU(), MaxPool2d(kernelSize: 2),
                      Flatten(), Linear(128, 10, using: &rng))
}

/// Trains the digits CNN from scratch (Adam, 10 epochs of batches of 32 on the 1,257 training images) and
/// reports its test accuracy and the median wall time of the whole training run.
func benchmarkDigits(repeats: Int = 5) {
    let data: (train: TensorDataset, validation: TensorDataset, test: TensorDataset)
    do { data = try Digits.splits(seed: 0) } catch {
        FileHandle.standardError.write(Data("EngineBench: \(error)\n".utf8))
        exit(1)
    }
    var accuracies: [Float] = []
    let seconds = medianSeconds(repeats: repeats) {
        var model = digitsCNN(seed: 1)
        var optimizer = try! Adam(learningRate: 0.01)
        _ = try! train(&model, optimizer: &optimizer, data: data.train, options: TrainingOptions(epochs: 10, batchSize: 32))
        accuracies.append(evaluate(model, on: data.test).accuracy!)
    }
    report(["workload": "digits-cnn", "epochs": 10, "train_images": data.train.count, "test_images": data.test.count,
            "test_accuracy": Double(accuracies.last!), "seconds": seconds, "repeats": repeats])
}

/// Trains the digits CNN once and saves it, with the test images and labels, as safetensors files in
/// `folder`, for Benchmarks/engine/reference/check_safetensors.py to load in PyTorch; prints the test accuracy
/// and the logits of the first three test images for it to compare.
func writeDigitsCheckpoint(to folder: URL) {
    do {
        let data = try Digits.splits(seed: 0)
        var model = digitsCNN(seed: 1)
        var optimizer = try Adam(learningRate: 0.01)
        _ = try train(&model, optimizer: &optimizer, data: data.train, options: TrainingOptions(epochs: 10, batchSize: 32))
        try model.save(to: folder.appendingPathComponent("digits-cnn.safetensors"), metadata: ["model": "digits-cnn"])
        try SafeTensors.save(["images": data.test.inputs, "labels": Tensor(data.test.labels.map(Float.init))],
                             to: folder.appendingPathComponent("digits-test.safetensors"))
        let logits = model.evaluated(data.test.inputs.slice(0..<3))
        report(["workload": "digits-checkpoint", "test_accuracy": Double(evaluate(model, on: data.test).accuracy!),
                "first_logits": logits.scalars.map(Double.init)])
    } catch {
        FileHandle.standardError.write(Data("EngineBench: \(error)\n".utf8))
        exit(1)
    }
}
