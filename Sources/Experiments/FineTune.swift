import Engine
import Lessons

/// Transfer learning: pretrain the CNN on five classes (digits 0–4, or Fashion-MNIST's T-shirt/top,
/// Trouser, Pullover, Dress and Coat), save it as a safetensors checkpoint, load it into a freshly built
/// network, put a new 5-way head on it and fine-tune on a few examples of the other five classes, with
/// the backbone frozen or not, against the same network trained from scratch on the same few examples.
///
/// The checkpoint is encoded to bytes and decoded back (the same bytes `save(to:)` writes), so the
/// fine-tuned network starts from what was saved, not from the model still in memory. Each repeat
/// draws its own few examples, head and scratch network from its own seed; the table shows the mean
/// and the spread over the repeats.
public struct FineTune: Experiment {
    public static let name = "fine-tune"
    public static let summary = "Pretrain a CNN on five classes, save, new head, fine-tune on a few examples of the other five vs. training from scratch."

    /// What to pretrain on, how few examples to fine-tune on, which backbones, and how often.
    public struct Parameters: ExperimentParameters {
        /// The pictures: the shipped 8×8 digits, or Fashion-MNIST.
        public var dataset = CNNDigits.PictureSet.digits
        /// The classes to pretrain on; the network is then fine-tuned on the others.
        public var pretrainClasses = [0, 1, 2, 3, 4]
        /// Training examples per new class to compare; one run per value and way of starting.
        public var examplesPerClass = [5]
        /// How the pretrained network is fine-tuned: only its new head, or every layer.
        public var backbones = [Backbone.frozen]
        /// Runs per setting, each with its own few examples and initializations.
        public var repeats = 1
        /// Passes over the few examples, for the fine-tuned and the scratch networks alike.
        public var epochs = 40
        /// Passes over the five pretraining classes.
        public var pretrainEpochs = 10
        /// Adam's learning rate, for every run.
        public var learningRate = 0.01
        /// The two convolutions' channel counts.
        public var channels = [16, 32]
        /// The pretrained layers' learning rate when unfrozen, as a fraction of the new head's.
        public var backboneRate = 1.0
        /// Whether pretraining sees randomly shifted (and, for clothes, mirrored) pictures.
        public var pretrainAugmentation = false

        public init() {}

        public static var parameters: [Parameter<Self>] {
            [
                .choice("dataset", \.dataset, "The pictures: the 8×8 digits, or Fashion-MNIST's 28×28 clothes (dataset-fashion-mnist)."),
                .integers("pretrain_classes", \.pretrainClasses, in: 0...9, count: 2...8,
                          "The classes to pretrain on (different ones); the new head is fine-tuned on the other classes."),
                .integers("examples_per_class", \.examplesPerClass, in: 1...100, count: 1...8,
                          "Training examples per new class (classes 5–9); each value is a fine-tuned run per backbone and a scratch run."),
                .choices("backbones", \.backbones, count: 1...2,
                         "How the pretrained layers are fine-tuned: frozen (only the new head learns), unfrozen (every layer learns), or both."),
                .integer("repeats", \.repeats, in: 1...10,
                         "Runs per setting, each drawing its own few examples, head and scratch network; the table shows mean ± spread."),
                .integer("epochs", \.epochs, in: 1...500, "Passes over the few examples (fine-tuned and scratch alike)."),
                .integer("pretrain_epochs", \.pretrainEpochs, in: 1...100, "Passes over the five pretraining classes (0–4)."),
                .number("learning_rate", \.learningRate, in: 0...100, "Adam's learning rate, for every run."),
                .integers("channels", \.channels, in: 1...32, count: 2...2, "The two convolutions' channel counts."),
                .number("backbone_rate", \.backboneRate, in: 0...1,
                        "The unfrozen backbone's learning rate as a fraction of the new head's (discriminative rates); 1 for one rate."),
                .flag("pretrain_augmentation", \.pretrainAugmentation,
                      "Pretrain on pictures shifted by up to 1/8 of their side and, for clothes, mirrored half of the time."),
            ]
        }
    }

    /// Whether the pretrained layers learn during fine-tuning.
    public enum Backbone: String, CaseIterable, Sendable {
        /// Only the new head learns.
        case frozen
        /// Every layer learns, starting from the pretrained weights.
        case unfrozen
    }

    /// Shifts by up to an eighth of the side, and for clothes mirroring (a mirrored coat is a coat; a
    /// mirrored 3 is not a 3): pretrained filters that don't depend on where or which way round a thing is.
    static func pretrainAugmentation(_ set: CNNDigits.PictureSet) throws -> Augmentation {
        let shift = try Augmentation.randomShift(maxShift: set.side / 8)
        return set == .fashion ? .sequence([try .horizontalFlip(), shift]) : shift
    }

    /// Adam with a smaller learning rate for every parameter but the last layer's ("discriminative
    /// fine-tuning", Howard and Ruder 2018, ULMFiT): the pretrained layers move slowly while the new head learns.
    struct TwoRateAdam: Optimizer {
        /// The new head's optimizer, and the backbone's (its own rate, its own moment estimates).
        var head: Adam, backbone: Adam
        /// The head's parameters' names start with this, "7." for the last of 8 layers.
        let headPrefix: String
        var learningRate: Float {
            get { head.learningRate }
            set { head.learningRate = newValue }
        }
        mutating func update(_ parameter: inout Tensor, gradient: Tensor, name: String) {
            if name.hasPrefix(headPrefix) { head.update(&parameter, gradient: gradient, name: name) }
            else { backbone.update(&parameter, gradient: gradient, name: name) }
        }
    }

    /// The examples whose label is in `classes`, relabelled 0, 1, … in the order of `classes`.
    static func only(_ classes: [Int], of set: TensorDataset) -> TensorDataset {
        let indices = set.labels.indices.filter { classes.contains(set.labels[$0]) }
        return TensorDataset(inputs: set.inputs.indexSelect(indices), labels: indices.map { classes.firstIndex(of: set.labels[$0])! },
                             classCount: classes.count)
    }

    /// `perClass` examples of every class of `set`, picked at random with `seed`, classes interleaved.
    static func few(_ perClass: Int, of set: TensorDataset, seed: UInt64) -> TensorDataset {
        var generator = SeededGenerator(seed: seed)
        let order = permutation(set.count, using: &generator)
        let classes = set.classCount ?? 0
        let picks = (0..<classes).map { label in order.filter { set.labels[$0] == label }.prefix(perClass) }
        let indices = (0..<perClass).flatMap { rank in picks.compactMap { rank < $0.count ? $0[$0.startIndex + rank] : nil } }
        return set.subset(indices)
    }

    /// The pretraining classes' training and test sets, and the new classes', each relabelled from 0.
    static func data(_ set: CNNDigits.PictureSet, source sourceClasses: [Int], target targetClasses: [Int]) throws -> (source: TensorDataset, sourceTest: TensorDataset,
                                                              target: TensorDataset, targetTest: TensorDataset) {
        let train: TensorDataset, test: TensorDataset
        switch set {
        case .digits: (train, _, test) = try Digits.splits(seed: 0)
        case .fashion:
            // Every training picture: the pretraining classes' whole training set, the pool the few are drawn from.
            let splits = try FashionData.splits(trainExamples: Int.max, validationExamples: 0, seed: 0)
            (train, test) = (splits.train, splits.test)
        }
        return (only(sourceClasses, of: train), only(sourceClasses, of: test), only(targetClasses, of: train), only(targetClasses, of: test))
    }

    /// Trains with Adam and returns the test accuracy, or NaN when training diverged.
    static func fit(_ model: inout Sequential, on data: TensorDataset, epochs: Int, learningRate: Double, seed: UInt64,
                    test: TensorDataset, backboneRate: Double = 1, augmentation: Augmentation? = nil) throws -> Double {
        var optimizer = TwoRateAdam(head: try Adam(learningRate: Float(learningRate)),
                                    backbone: try Adam(learningRate: Float(learningRate * backboneRate)),
                                    headPrefix: "\(model.layers.count - 1).")
        var options = TrainingOptions(epochs: epochs, batchSize: min(32, data.count))
        options.seed = seed
        options.augmentation = augmentation
        let history = try train(&model, optimizer: &optimizer, data: data, options: options)
        return history.diverged ? .nan : Double(evaluate(model, on: test).accuracy ?? 0)
    }

    /// The seed of each repeat, drawn from the context's seed: repeat r's seed doesn't depend on how many there are.
    static func repeatSeeds(_ count: Int, seed: UInt64) -> [UInt64] {
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in generator.next() }
    }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        let (sourceClasses, targetClasses) = (p.pretrainClasses, p.targetClasses)
        let (pretrainSet, pretrainTest, targetSet, targetTest) = try data(p.dataset, source: sourceClasses, target: targetClasses)
        let side = p.dataset.side
        var generator = SeededGenerator(seed: context.seed)
        var pretrained = CNNDigits.model(channels: p.channels, classes: sourceClasses.count, side: side, using: &generator)
        let augmentation = p.pretrainAugmentation ? try pretrainAugmentation(p.dataset) : nil
        let pretrainAccuracy = try fit(&pretrained, on: pretrainSet, epochs: p.pretrainEpochs, learningRate: p.learningRate,
                                       seed: context.seed, test: pretrainTest, augmentation: augmentation)

        // Save and load for real: encode the state dict to safetensors bytes, decode them, and load them
        // into a network built from other random numbers.
        let sourceNames = sourceClasses.map(p.dataset.className).joined(separator: ", ")
        let bytes = try SafeTensors.encode(pretrained.stateDict, metadata: ["pretrained_on": "\(p.dataset.rawValue) classes \(sourceNames)"])
        let checkpoint = try SafeTensors.decode(bytes).tensors
        var other = SeededGenerator(seed: context.seed &+ 1)
        var loaded = CNNDigits.model(channels: p.channels, classes: sourceClasses.count, side: side, using: &other)
        try loaded.loadStateDict(checkpoint)
        let saved = pretrained.stateDict, restored = loaded.stateDict
        let roundTripDifference = saved.keys.map { Double((saved[$0]! - restored[$0]!).abs().max().item) }.max() ?? 0
        let loadedAccuracy = Double(evaluate(loaded, on: pretrainTest).accuracy ?? 0)
        let head = loaded.layers.count - 1
        let features = p.channels[1] * (side / 4) * (side / 4)

        // accuracies[run name] holds one test accuracy per repeat.
        var accuracies: [String: [Double]] = [:]
        var trainable: [Backbone: Int] = [:]
        for seed in repeatSeeds(p.repeats, seed: context.seed) {
            for perClass in p.examplesPerClass {
                let examples = few(perClass, of: targetSet, seed: seed &+ UInt64(perClass))
                for backbone in p.backbones {
                    var headGenerator = SeededGenerator(seed: seed &+ 2)
                    var finetuned = loaded
                    if backbone == .frozen { finetuned.setRequiresGrad(false) }
                    finetuned.replaceLayer(at: head, with: Linear(features, targetClasses.count, using: &headGenerator))
                    trainable[backbone] = finetuned.namedParameters.filter { $0.tensor.requiresGrad }.reduce(0) { $0 + $1.tensor.count }
                    let accuracy = try fit(&finetuned, on: examples, epochs: p.epochs, learningRate: p.learningRate, seed: seed,
                                           test: targetTest, backboneRate: p.backboneRate)
                    accuracies["\(backbone.rawValue)_\(perClass)", default: []].append(accuracy)
                }
                var scratchGenerator = SeededGenerator(seed: seed &+ 3)
                var scratch = CNNDigits.model(channels: p.channels, classes: targetClasses.count, side: side, using: &scratchGenerator)
                let accuracy = try fit(&scratch, on: examples, epochs: p.epochs, learningRate: p.learningRate, seed: seed, test: targetTest)
                accuracies["scratch_\(perClass)", default: []].append(accuracy)
            }
        }

        var result = ExperimentResult()
        let targetNames = targetClasses.map(p.dataset.className).joined(separator: ", ")
        var pretraining = Table(title: "Pretraining on \(sourceNames), and the checkpoint", columns: [.init("step"), .init("result")])
        let augmented: Phrase = p.pretrainAugmentation ? (p.dataset == .fashion ? " (shifted and mirrored)" : " (shifted)") : ""
        pretraining.append(["pretrain", .text("\(pretrainSet.count) \(p.dataset.nouns)\(augmented), \(Phrase.counted(p.pretrainEpochs, "epoch", "epochs")): "
            + "\(NumberFormat.percent(1).format(pretrainAccuracy)) of \(pretrainTest.count) test \(p.dataset.nouns) right")])
        pretraining.append(["save", .text("\(checkpoint.count) tensors, \(bytes.count) bytes of safetensors")])
        pretraining.append(["load", .text("into a new network: largest difference \(roundTripDifference.formatted(significant: 2)), "
            + "\(NumberFormat.percent(1).format(loadedAccuracy)) right")])
        for backbone in p.backbones {
            pretraining.append([.text("new head, \(backbone.rawValue)"), .text(
                "layer \(head) replaced by a linear head \(features) to \(targetClasses.count) for \(targetNames): "
                    + "\(trainable[backbone] ?? 0) of \(loaded.parameterCount) parameters learn")])
        }
        result.figure(pretraining)
        result.figure(comparison(p, accuracies: accuracies, testCount: targetTest.count, targetNames: targetNames))
        if p.examplesPerClass.count > 1 {
            let x = p.examplesPerClass.map(Double.init)
            let series = (p.backbones.map(\.rawValue) + ["scratch"]).map { start -> LineChart.Series in
                let name: Phrase = start == "scratch" ? "from scratch" : "fine-tuned, \(start)"
                return .init(name, x: x, y: p.examplesPerClass.map { mean(accuracies["\(start)_\($0)"] ?? []) }, best: .highest)
            }
            result.figure(LineChart(title: "Test accuracy on \(targetNames)", xLabel: "examples per class",
                                    yLabel: p.repeats > 1 ? "mean accuracy" : "accuracy", series: series))
        }
        for (name, values) in accuracies.sorted(by: { $0.key < $1.key }) {
            result.metric("\(name).accuracy", mean(values))
            result.metric("\(name).accuracy_std", standardDeviation(values))
            result.metric("\(name).accuracy_min", values.min() ?? .nan)
        }
        result.metric("pretrain.accuracy", pretrainAccuracy)
        result.metric("loaded.accuracy", loadedAccuracy)
        result.metric("checkpoint.bytes", Double(bytes.count))
        result.metric("checkpoint.tensors", Double(checkpoint.count))
        result.metric("checkpoint.max_difference", roundTripDifference)
        for (backbone, count) in trainable.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            result.metric("\(backbone.rawValue).trainable", Double(count))
        }
        result.metric("scratch.trainable", Double(loaded.parameterCount))
        return result
    }

    /// One row per examples-per-class value: each way of starting's accuracy (mean ± standard deviation
    /// over the repeats), and each fine-tuned backbone's lead over training from scratch.
    static func comparison(_ p: Parameters, accuracies: [String: [Double]], testCount: Int, targetNames: String) -> Table {
        let starts = p.backbones.map(\.rawValue) + ["scratch"]
        var columns: [Table.Column] = [.init("examples per class", format: .integer)]
        columns += p.backbones.map { .init("fine-tuned, \($0.rawValue)", alignment: .right) }
        columns.append(.init("from scratch", alignment: .right))
        columns += p.backbones.map { .init("\($0.rawValue) − scratch", alignment: .right) }
        let rates: Phrase = p.backboneRate != 1 && p.backbones.contains(.unfrozen)
            ? " The unfrozen backbone learns at \(format(p.backboneRate)) × that rate." : ""
        let over: Phrase = p.repeats > 1
            ? " Mean ± standard deviation over \(p.repeats) runs, each with its own few examples, new head and scratch network." : ""
        var table = Table(
            title: "\(targetNames) from a few examples: fine-tuned versus from scratch",
            columns: columns,
            caption: "Test accuracy on the \(testCount) test \(p.dataset.nouns) of these classes (a guess gets \(NumberFormat.percent(0).format(1 / Double(p.targetClasses.count)))) after "
                + "\(p.epochs) epochs of Adam, lr \(format(p.learningRate)), on the same few examples.\(rates)\(over)")
        // Percentages and percentage points, with one decimal: "71.3 ± 2.1%", "+8.3 ± 1.9 points".
        func spread(_ values: [Double], points: Bool) -> Table.Cell {
            let m = mean(values)
            guard m.isFinite else { return "diverged" }
            let value = (points && m > 0 ? "+" : "") + NumberFormat.fixed(1).format(100 * m)
            let deviation = NumberFormat.fixed(1).format(100 * standardDeviation(values))
            switch (points, p.repeats > 1) {
            case (false, false): return .text("\(value)%")
            case (false, true): return .text("\(value) ± \(deviation)%")
            case (true, false): return .text("\(value) points")
            case (true, true): return .text("\(value) ± \(deviation) points")
            }
        }
        for perClass in p.examplesPerClass {
            let scratch = accuracies["scratch_\(perClass)"] ?? []
            var row: [Table.Cell] = [.number(Double(perClass))]
            row += starts.map { spread(accuracies["\($0)_\(perClass)"] ?? [], points: false) }
            row += p.backbones.map { backbone in
                spread(zip(accuracies["\(backbone.rawValue)_\(perClass)"] ?? [], scratch).map { $0 - $1 }, points: true)
            }
            table.append(row)
        }
        return table
    }

    /// The mean of `values` (NaN when empty or when one is NaN: a diverged run).
    static func mean(_ values: [Double]) -> Double {
        values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
    }

    /// The sample standard deviation of `values` (0 for a single value).
    static func standardDeviation(_ values: [Double]) -> Double {
        guard values.count > 1 else { return values.count == 1 && values[0].isFinite ? 0 : .nan }
        let m = mean(values)
        return (values.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(values.count - 1)).squareRoot()
    }

    public static func inputIdentities(_ p: Parameters) -> [String] {
        p.dataset == .fashion ? FashionData.inputIdentities : []
    }
}

extension FineTune.Parameters {
    /// The classes fine-tuned on: those not pretrained on, in order.
    var targetClasses: [Int] { (0...9).filter { !pretrainClasses.contains($0) } }

    /// A class named twice among the pretraining classes.
    public var conflict: String? {
        Set(pretrainClasses).count == pretrainClasses.count ? nil
            : "pretrain_classes names a class twice: give different classes (the others are fine-tuned on)"
    }

    /// Multiply-adds: pretraining on the five classes' training set (× 3 for the backward pass), each
    /// repeat's fine-tuned and scratch runs on their few examples, and each run's evaluation on the test set.
    public var budget: Budget? {
        let perPicture = TrainClassifier.Parameters.cnnMultiplyAdds(pixels: Double(dataset.side * dataset.side), channels: channels,
                                                                    dense: [], outputs: 5)
        let (perClassTrain, perClassTest) = dataset == .digits ? (126.0, 36.0) : (6_000, 1_000)
        let (pretrainCount, testCount) = (perClassTrain * Double(pretrainClasses.count), perClassTest * Double(targetClasses.count))
        let runs = Double(repeats * (backbones.count + 1))
        let training = Double(pretrainEpochs) * pretrainCount + runs * Double(epochs * examplesPerClass.reduce(0, +) * targetClasses.count)
        let evaluations = runs * Double(examplesPerClass.count) * testCount + 2 * perClassTest * Double(pretrainClasses.count)
        return Budget(work: (3 * training + evaluations) * perPicture, limit: dataset == .digits ? 5e10 : 4e12,
                      unit: "multiply-adds (epochs × pictures × the network's work per picture, training and testing)",
                      advice: "fewer epochs, repeats or example counts, or fewer channels",
                      perSecond: Budget.trainingMultiplyAddsPerSecond)
    }
}

extension FineTune {
    /// A run is named by how it starts and its examples per class, always: `frozen_5`, `unfrozen_1`, `scratch_10`.
    public static let metrics: MetricDeclaration? = MetricDeclaration(
        runs: RunNaming([.word(["frozen", "unfrozen", "scratch"]), .integer("")],
                         summary: "how the network starts and its examples per class, always: `frozen_5`, `unfrozen_1`, `scratch_10`"),
        [.init("{run}.accuracy"), .init("{run}.accuracy_std"), .init("{run}.accuracy_min"), .init("pretrain.accuracy"),
         .init("loaded.accuracy"), .init("checkpoint.bytes"), .init("checkpoint.tensors"), .init("checkpoint.max_difference"),
         .init("frozen.trainable"), .init("unfrozen.trainable"), .init("scratch.trainable")])

    public static func runNames(_ p: Parameters) -> [String] {
        p.examplesPerClass.flatMap { n in (p.backbones.map(\.rawValue) + ["scratch"]).map { "\($0)_\(n)" } }
    }
}
