import Engine
import FileFormats
import Lessons

/// Trains a small convolutional network on the 8×8 digits (or Fashion-MNIST's 28×28 clothes) and looks
/// inside it: the layers and their sizes, test accuracy, the learned 3×3 filters, the test images it gets
/// wrong, and a confusion matrix.
///
/// The network is conv 3×3 → ReLU → max-pool 2 → conv 3×3 → ReLU → max-pool 2 → linear, trained
/// with Adam on the 1,257 training digits; the test set (360 digits) is only used to measure.
public struct CNNDigits: Experiment {
    public static let name = "cnn-digits"
    public static let summary = "A small CNN on the 8×8 digits: layers, test accuracy, learned filters, mistakes, confusion matrix."

    /// The network's widths and how it is trained.
    public struct Parameters: ExperimentParameters {
        /// The pictures: the shipped 8×8 digits, or Fashion-MNIST.
        public var dataset = PictureSet.digits
        /// The two convolutions' channel counts.
        public var channels = [16, 32]
        /// Passes over the training digits.
        public var epochs = 10
        /// Adam's learning rate.
        public var learningRate = 0.01
        /// Examples per step.
        public var batchSize = 32
        /// Train on only this many digits (0: all 1,257).
        public var trainExamples = 0
        /// How many misclassified test digits to draw.
        public var misclassified = 8
        /// Whether to draw the first convolution's filters.
        public var filters = true
        /// Whether to show the confusion matrix.
        public var confusion = true

        public init() {}

        public static var parameters: [Parameter<Self>] {
            [
                .choice("dataset", \.dataset, "The pictures: the 8×8 digits, or Fashion-MNIST's 28×28 clothes (dataset-fashion-mnist)."),
                .integers("channels", \.channels, in: 1...32, count: 2...2, "The two convolutions' channel counts."),
                .integer("epochs", \.epochs, in: 1...100, "Passes over the training digits."),
                .number("learning_rate", \.learningRate, in: 0...100, "Adam's learning rate."),
                .integer("batch_size", \.batchSize, in: 1...2_000, "Examples per optimizer step."),
                .integer("train_examples", \.trainExamples, in: 0...55_000, "Train on only this many pictures (0: all: 1,257 digits, 55,000 clothes)."),
                .integer("misclassified", \.misclassified, in: 0...40, "How many misclassified test digits to draw."),
                .flag("filters", \.filters, "Draw the first convolution's learned 3×3 filters."),
                .flag("confusion", \.confusion, "Show the confusion matrix of the test set."),
            ]
        }
    }

    /// The pictures a CNN can be trained on here.
    public enum PictureSet: String, CaseIterable, Sendable {
        case digits
        case fashion = "fashion-mnist"

        /// A picture's side in pixels.
        var side: Int { self == .digits ? 8 : 28 }
        /// What one picture is called in titles.
        var noun: Phrase { self == .digits ? "digit" : "picture" }
        /// More than one of them.
        var nouns: Phrase { self == .digits ? "digits" : "pictures" }
        /// The name of class `label`: the digit itself, or the piece of clothing.
        func className(_ label: Int) -> String { self == .digits ? "\(label)" : FashionMNIST.classNames[label] }
    }

    /// conv(1→c₁) ReLU pool conv(c₁→c₂) ReLU pool flatten linear(c₂·(side/4)² → classes), PyTorch's default init.
    static func model(channels: [Int], classes: Int, side: Int = 8, using generator: inout SeededGenerator) -> Sequential {
        Sequential(Conv2d(1, channels[0], kernelSize: 3, padding: 1, using: &generator), ReLU(), MaxPool2d(kernelSize: 2),
                   Conv2d(channels[0], channels[1], kernelSize: 3, padding: 1, using: &generator), ReLU(),
                   MaxPool2d(kernelSize: 2), Flatten(), Linear(channels[1] * (side / 4) * (side / 4), classes, using: &generator))
    }

    /// Each layer's name, output shape (one example) and parameter count.
    static func layerTable(_ model: Sequential, set: PictureSet = .digits) -> Table {
        var table = Table(title: "The network, layer by layer", columns: [
            .init("layer"), .init("output (one \(set.noun))"), .init("parameters", format: .integer),
        ], caption: "\(model.parameterCount) parameters in all.")
        var x = Tensor(shape: [1, 1, set.side, set.side], repeating: 0)
        table.append(["input", .text("1×\(set.side)×\(set.side)"), 0])
        for layer in model.layers {
            x = layer.evaluated(x)
            let shape = x.shape.dropFirst().map(String.init).joined(separator: "×")
            let name: Phrase
            switch layer {
            case let conv as Conv2d: name = "conv 3×3, \(conv.weight.shape[1]) to \(conv.weight.shape[0]) channels"
            case is ReLU: name = "ReLU"
            case is MaxPool2d: name = "max-pool 2×2"
            case is Flatten: name = "flatten"
            case let linear as Linear: name = "linear \(linear.weight.shape[1]) to \(linear.weight.shape[0])"
            default: name = Phrase(verbatim: "\(type(of: layer))")
            }
            table.append([.text(name), .text(Phrase(verbatim: shape)), .number(Double(layer.parameterCount))])
        }
        return table
    }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        var (trainSet, validation, test): (TensorDataset, TensorDataset, TensorDataset)
        switch p.dataset {
        case .digits:
            (trainSet, validation, test) = try Digits.splits(seed: 0)
            if p.trainExamples > 0 { trainSet = trainSet.subset(Array(0..<min(p.trainExamples, trainSet.count))) }
        case .fashion:
            let splits = try FashionData.splits(trainExamples: p.trainExamples > 0 ? p.trainExamples : Int.max,
                                                validationExamples: 5_000, seed: context.seed)
            (trainSet, validation, test) = (splits.train, splits.validation, splits.test)
        }
        var generator = SeededGenerator(seed: context.seed)
        var model = model(channels: p.channels, classes: 10, side: p.dataset.side, using: &generator)
        var optimizer = try Adam(learningRate: Float(p.learningRate))
        var options = TrainingOptions(epochs: p.epochs, batchSize: min(p.batchSize, trainSet.count))
        options.seed = context.seed
        let history = try train(&model, optimizer: &optimizer, data: trainSet, validation: validation, options: options)

        let testAccuracy = Double(evaluate(model, on: test).accuracy ?? 0)
        let trainAccuracy = Double(evaluate(model, on: trainSet).accuracy ?? 0)
        let validationAccuracy = Double(evaluate(model, on: validation).accuracy ?? 0)
        let predicted = predictions(model, on: test)
        let labels = test.labels
        let wrong = labels.indices.filter { predicted[$0] != labels[$0] }

        var result = ExperimentResult()
        result.figure(layerTable(model, set: p.dataset))
        let on: Phrase = p.dataset == .digits ? "the digits" : "Fashion-MNIST"
        var summary = Table(title: "CNN on \(on), \(Phrase.counted(p.epochs, "epoch", "epochs")) of Adam, lr \(format(p.learningRate))",
                            columns: [.init("set"), .init("examples", format: .integer), .init("accuracy", format: .percent(1))])
        summary.append(["training", .number(Double(trainSet.count)), .number(trainAccuracy)])
        summary.append(["validation", .number(Double(validation.count)), .number(validationAccuracy)])
        summary.append(["test", .number(Double(test.count)), .number(testAccuracy)])
        result.figure(summary)
        if let divergence = history.divergence {
            result.text("Training diverged at step \(divergence.step): the loss reached \(divergence.loss). Try a smaller learning rate.")
        }
        if p.filters, let conv = model.layers.first as? Conv2d {
            result.figure(ImageGrid(
                title: "The first convolution's learned 3×3 filters (blank: lowest, full: highest)",
                images: (0..<conv.weight.shape[0]).map {
                    .init(pixels: FeatureMaps.picture(conv.weight.detach(), channel: 0, filter: $0), caption: "filter \($0 + 1)")
                }))
        }
        if p.misclassified > 0, !wrong.isEmpty {
            let shown = Array(wrong.prefix(p.misclassified))
            result.figure(ImageGrid(
                title: p.dataset == .digits ? "Misclassified test digits (\(shown.count) of \(wrong.count))"
                    : "Misclassified test pictures (\(shown.count) of \(wrong.count))",
                images: shown.map {
                    .init(pixels: FeatureMaps.picture(test.inputs.indexSelect([$0]), channel: 0),
                          caption: "pred \(p.dataset.className(predicted[$0])) / true \(p.dataset.className(labels[$0]))")
                },
                // The digits are stored in [0, 1]; standardized clothes are drawn on their own scale.
                normalization: p.dataset == .digits ? .fixed(0...1) : .shared))
        }
        let matrix = confusionMatrix(predictions: predicted, labels: labels, classes: 10)
        if p.confusion { result.figure(confusionTable(matrix, set: p.dataset)) }

        var offDiagonal = 0
        for (row, counts) in matrix.enumerated() {
            for (column, count) in counts.enumerated() where column != row { offDiagonal = max(offDiagonal, count) }
        }
        result.metric("test_accuracy", testAccuracy)
        result.metric("train_accuracy", trainAccuracy)
        result.metric("val_accuracy", validationAccuracy)
        result.metric("errors", Double(wrong.count))
        result.metric("parameters", Double(model.parameterCount))
        result.metric("conv1.parameters", Double(model.layers[0].parameterCount))
        result.metric("conv2.parameters", Double(model.layers[3].parameterCount))
        result.metric("confusion.max_off_diagonal", Double(offDiagonal))
        let recalls = matrix.enumerated().map { Double($0.element[$0.offset]) / Double(max($0.element.reduce(0, +), 1)) }
        if let worst = recalls.indices.min(by: { recalls[$0] < recalls[$1] }) {
            result.metric("worst_class", Double(worst))
            result.metric("worst_class.accuracy", recalls[worst])
        }
        if p.dataset == .fashion, !wrong.isEmpty {
            // T-shirt/top, Pullover, Coat and Shirt: four upper-body garments of much the same outline.
            let tops: Set = [0, 2, 4, 6]
            let among = wrong.filter { tops.contains(labels[$0]) && tops.contains(predicted[$0]) }.count
            result.metric("tops.mistake_share", Double(among) / Double(wrong.count))
        }
        result.metric("diverged", history.diverged)
        return result
    }

    /// Rows: the true class; columns: the predicted class; the diagonal holds the right answers.
    static func confusionTable(_ matrix: [[Int]], set: PictureSet = .digits) -> Table {
        var table = Table(
            title: set == .digits ? "Confusion matrix of the test digits" : "Confusion matrix of the test pictures",
            columns: [.init("true")] + matrix.indices.map { .init("\($0)", alignment: .right, format: .integer) },
            caption: set == .digits ? "Row: the true digit; column: the network's answer. Off the diagonal are the mistakes."
                : "Row: the true class; column: the network's answer, by number. Off the diagonal are the mistakes.")
        for (label, counts) in matrix.enumerated() {
            let name: Phrase = set == .digits ? "\(label)" : "\(label) \(set.className(label))"
            table.append([.text(name)] + counts.map { $0 == 0 ? .text(".") : .number(Double($0)) })
        }
        return table
    }

    public static func inputIdentities(_ p: Parameters) -> [String] {
        p.dataset == .fashion ? FashionData.inputIdentities : []
    }
}

extension CNNDigits.Parameters {
    /// Training multiply-adds: epochs × training digits × the network's work per digit × 3.
    public var budget: Budget? {
        let perDigit = TrainClassifier.Parameters.cnnMultiplyAdds(pixels: Double(dataset.side * dataset.side), channels: channels,
                                                                  dense: [], outputs: 10)
        let total = dataset == .digits ? 1_257 : 55_000
        let digits = Double(trainExamples > 0 ? min(trainExamples, total) : total)
        return Budget(work: Double(epochs) * digits * perDigit * 3, limit: dataset == .digits ? 5e10 : 4e12,
                      unit: "training multiply-adds (epochs × digits × the network's work per digit)",
                      advice: "fewer epochs or training digits, or fewer channels",
                      perSecond: Budget.trainingMultiplyAddsPerSecond)
    }
}

extension CNNDigits {
    /// One run, so no run names.
    public static let metrics: MetricDeclaration? = MetricDeclaration([
        .init("test_accuracy"), .init("train_accuracy"), .init("val_accuracy"), .init("errors"), .init("parameters"),
        .init("conv1.parameters"), .init("conv2.parameters"), .init("confusion.max_off_diagonal"), .init("worst_class"),
        .init("worst_class.accuracy"), .init("tops.mistake_share"), .init("diverged"),
    ])
}
