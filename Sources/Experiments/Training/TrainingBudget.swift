import Lessons

extension TrainClassifier.Parameters {
    /// Training multiply-adds: runs × epochs × training examples × the model's multiply-adds per
    /// example × 3 (forward, and a backward pass about twice as costly). The limit keeps a cell to a
    /// few seconds in a release build.
    public var budget: Budget? {
        let runs = Double(optimizers.count * learningRates.count * batchSizes.count * weightDecays.count * inits.count
                          * batchNorm.count * dropouts.count * schedules.count * augmentations.count * patience.count * repeats)
        let examples: Double = switch dataset {
        case .digits: Double(trainExamples > 0 ? min(trainExamples, 1_257) : 1_257)
        case .fashion: Double(trainExamples > 0 ? min(trainExamples, 60_000 - validationExamples) : 60_000 - validationExamples)
        case .wideRegression: Double(trainExamples > 0 ? trainExamples : 20)
        case .xor, .moons: Double(trainExamples > 0 ? min(trainExamples, points * 2) : points * 2)
        case .blobs, .spirals: Double(trainExamples > 0 ? min(trainExamples, points * 3) : points * 3)
        }
        let inputs: Double = switch dataset {
        case .digits: 64
        case .fashion: 784
        case .wideRegression: 200
        case .blobs, .moons, .xor, .spirals: 2
        }
        let outputs: Double = dataset.hasImages ? 10 : dataset == .wideRegression ? 1 : 3
        let perExample: Double
        switch model {
        case .cnn:
            perExample = Self.cnnMultiplyAdds(pixels: inputs, channels: channels, dense: cnnHidden, outputs: outputs)
        case .mlp:
            let widths = [inputs] + hidden.map(Double.init) + [outputs]
            perExample = zip(widths, widths.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
        case .linear:
            perExample = inputs * outputs
        }
        // Fashion-MNIST's lessons train on the full set for minutes (the capstone); the others stay within seconds.
        return Budget(work: runs * Double(epochs) * examples * perExample * 3, limit: dataset == .fashion ? 4e12 : 5e10,
                      unit: "training multiply-adds (runs × epochs × examples × the model's work per example)",
                      advice: "fewer runs (shorter lists), fewer epochs or training examples, or a smaller model",
                      perSecond: Budget.trainingMultiplyAddsPerSecond)
    }

    /// The multiply-adds of one picture's forward pass through conv 3×3 (1 → c₁), pool, conv 3×3 (c₁ → c₂),
    /// pool, then dense layers of `dense` widths and `outputs`: the first convolution works at every pixel,
    /// the second at a quarter of them, the first dense layer reads a sixteenth of them times c₂.
    static func cnnMultiplyAdds(pixels: Double, channels: [Int], dense: [Int], outputs: Double) -> Double {
        let (c1, c2) = (Double(channels[0]), Double(channels[1]))
        let widths = [pixels / 16 * c2] + dense.map(Double.init) + [outputs]
        return pixels * 9 * c1 + pixels / 4 * 9 * c1 * c2 + zip(widths, widths.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// Models and augmentations that need images, regression that has no classes, batch norm
    /// in an MLP without two examples to a batch (`LoneBatch`), Nesterov without momentum, a grid of more
    /// than 24 settings, and more than 48 runs with the repeats.
    public var conflict: String? {
        if model == .mlp && batchNorm.contains(.on) {
            if batchSizes.contains(1) {
                return "batch norm standardizes over a batch, so it needs batches of 2 or more; drop batch size 1 or use batch_norm: [off]"
            }
            if trainExamples == 1 {
                return "batch norm standardizes over a batch, so it needs 2 or more training examples; raise train_examples or use batch_norm: [off]"
            }
        }
        if model == .cnn && !dataset.hasImages { return "model: cnn needs images; use it with dataset: digits or fashion-mnist" }
        if !dataset.hasImages, let image = augmentations.first(where: \.needsImages) {
            return "augmentation '\(image.rawValue)' moves pixels, so it needs images; use it with dataset: digits or fashion-mnist"
        }
        if dataset == .wideRegression && curves.contains(where: { $0 == .trainAccuracy || $0 == .valAccuracy }) {
            return "wide-regression has no classes, so no accuracy curve; chart train_loss or val_loss"
        }
        if momentum == 0 && optimizers.contains(.nesterov) {
            return "nesterov looks ahead along the momentum, so it needs momentum above 0; raise momentum or compare sgd"
        }
        let runs = TrainingRecipe.grid(self).count
        if runs > 24 {
            return "the lists' lengths multiply to \(runs) runs, more than 24; compare fewer values at once"
        }
        if runs * repeats > 48 {
            return "\(runs) settings repeated \(repeats) times make \(runs * repeats) runs, more than 48; compare fewer values or repeat fewer times"
        }
        return nil
    }
}

