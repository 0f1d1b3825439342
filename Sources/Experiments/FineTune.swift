import Engine
import Foundation
import Lessons

/// Transfer learning on the digits: pretrain the CNN on digits 0–4, save it as a safetensors
/// checkpoint, load it into a freshly built network, put a new 5-way head on it and fine-tune on a
/// few examples of digits 5–9, against the same network trained from scratch on the same few examples.
///
/// The checkpoint is encoded to bytes and decoded back (the same bytes `save(to:)` writes), so the
/// fine-tuned network starts from what was saved, not from the model still in memory.
public struct FineTune: Experiment {
    public static let name = "fine-tune"
    public static let summary = "Pretrain a CNN on digits 0–4, save, new head, fine-tune on a few 5–9 examples vs. training from scratch."

    /// How much to pretrain, how few examples to fine-tune on, and whether the backbone is frozen.
    public struct Parameters: ExperimentParameters {
        /// Training examples per class of 5–9 to compare; one run pair per value.
        public var examplesPerClass = [5]
        /// Passes over the few examples, for both the fine-tuned and the scratch network.
        public var epochs = 40
        /// Passes over digits 0–4 when pretraining.
        public var pretrainEpochs = 10
        /// Whether only the new head learns (the pretrained layers frozen).
        public var freeze = true
        /// Adam's learning rate, for every run.
        public var learningRate = 0.01
        /// The two convolutions' channel counts.
        public var channels = [16, 32]

        public init() {}

        public static var parameters: [Parameter<Self>] {
            [
                .integers("examples_per_class", \.examplesPerClass, in: 1...100, count: 1...8,
                          "Training examples per class of digits 5–9; each value is a fine-tuned and a scratch run."),
                .integer("epochs", \.epochs, in: 1...500, "Passes over the few examples (fine-tuned and scratch alike)."),
                .integer("pretrain_epochs", \.pretrainEpochs, in: 1...100, "Passes over digits 0–4 when pretraining."),
                .flag("freeze", \.freeze, "Freeze the pretrained layers, so only the new head learns."),
                .number("learning_rate", \.learningRate, in: 0...100, "Adam's learning rate, for every run."),
                .integers("channels", \.channels, in: 1...32, count: 2...2, "The two convolutions' channel counts."),
            ]
        }
    }

    /// The examples whose label is in `classes`, relabelled 0, 1, … in that order.
    static func only(_ classes: ClosedRange<Int>, of set: TensorDataset) -> TensorDataset {
        let indices = set.labels.indices.filter { classes.contains(set.labels[$0]) }
        return TensorDataset(inputs: set.inputs.indexSelect(indices), labels: indices.map { set.labels[$0] - classes.lowerBound },
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

    /// Trains with Adam and returns the test accuracy, or NaN when training diverged.
    static func fit(_ model: inout Sequential, on data: TensorDataset, epochs: Int, learningRate: Double, seed: UInt64,
                    test: TensorDataset) throws -> Double {
        var optimizer = try Adam(learningRate: Float(learningRate))
        var options = TrainingOptions(epochs: epochs, batchSize: min(32, data.count))
        options.seed = seed
        let history = try train(&model, optimizer: &optimizer, data: data, options: options)
        return history.diverged ? .nan : Double(evaluate(model, on: test).accuracy ?? 0)
    }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        let (trainSet, _, testSet) = try Digits.splits(seed: 0)
        let (pretrainSet, pretrainTest) = (only(0...4, of: trainSet), only(0...4, of: testSet))
        let (targetSet, targetTest) = (only(5...9, of: trainSet), only(5...9, of: testSet))

        var generator = SeededGenerator(seed: context.seed)
        var pretrained = CNNDigits.model(channels: p.channels, classes: 5, using: &generator)
        let pretrainAccuracy = try fit(&pretrained, on: pretrainSet, epochs: p.pretrainEpochs, learningRate: p.learningRate,
                                       seed: context.seed, test: pretrainTest)

        // Save and load for real: encode the state dict to safetensors bytes, decode them, and load them
        // into a network built from other random numbers.
        let bytes = try SafeTensors.encode(pretrained.stateDict, metadata: ["pretrained_on": "digits 0-4"])
        let checkpoint = try SafeTensors.decode(bytes).tensors
        var other = SeededGenerator(seed: context.seed &+ 1)
        var loaded = CNNDigits.model(channels: p.channels, classes: 5, using: &other)
        try loaded.loadStateDict(checkpoint)
        let saved = pretrained.stateDict, restored = loaded.stateDict
        let roundTripDifference = saved.keys.map { Double((saved[$0]! - restored[$0]!).abs().max().item) }.max() ?? 0
        let loadedAccuracy = Double(evaluate(loaded, on: pretrainTest).accuracy ?? 0)
        let head = loaded.layers.count - 1

        var result = ExperimentResult()
        var table = Table(
            title: "Digits 5–9 from a few examples: fine-tuned versus from scratch",
            columns: [.init("examples per class", format: .integer), .init("fine-tuned", format: .percent(1), nonFinite: "diverged"),
                      .init("from scratch", format: .percent(1), nonFinite: "diverged"), .init("difference", format: .percent(1))],
            caption: "Test accuracy on the \(targetTest.count) test digits 5–9 after \(p.epochs) epochs of Adam, lr "
                + "\(format(p.learningRate)). Fine-tuned: the pretrained network with a new head"
                + (p.freeze ? ", its other layers frozen." : ", every layer trained."))
        var finetunedCurve: [Double] = [], scratchCurve: [Double] = []
        var trainable = 0
        for perClass in p.examplesPerClass {
            let examples = few(perClass, of: targetSet, seed: context.seed &+ UInt64(perClass))
            var headGenerator = SeededGenerator(seed: context.seed &+ 2)
            var finetuned = loaded
            if p.freeze { finetuned.setRequiresGrad(false) }
            finetuned.replaceLayer(at: head, with: Linear(p.channels[1] * 4, 5, using: &headGenerator))
            trainable = finetuned.namedParameters.filter { $0.tensor.requiresGrad }.reduce(0) { $0 + $1.tensor.count }
            let finetunedAccuracy = try fit(&finetuned, on: examples, epochs: p.epochs, learningRate: p.learningRate,
                                            seed: context.seed, test: targetTest)
            var scratchGenerator = SeededGenerator(seed: context.seed &+ 3)
            var scratch = CNNDigits.model(channels: p.channels, classes: 5, using: &scratchGenerator)
            let scratchAccuracy = try fit(&scratch, on: examples, epochs: p.epochs, learningRate: p.learningRate,
                                          seed: context.seed, test: targetTest)
            table.append([.number(Double(perClass)), .number(finetunedAccuracy), .number(scratchAccuracy),
                          .number(finetunedAccuracy - scratchAccuracy)])
            finetunedCurve.append(finetunedAccuracy)
            scratchCurve.append(scratchAccuracy)
            for label in ["finetuned_\(perClass)", "scratch_\(perClass)"] {
                result.metric("\(label).accuracy", label.hasPrefix("finetuned") ? finetunedAccuracy : scratchAccuracy)
            }
        }

        var pretraining = Table(title: "Pretraining on digits 0–4 and the checkpoint", columns: [.init("step"), .init("result")])
        pretraining.append(["pretrain", .text("\(pretrainSet.count) digits 0–4, \(p.pretrainEpochs) epochs: "
            + "\(NumberFormat.percent(1).format(pretrainAccuracy)) test accuracy on 0–4")])
        pretraining.append(["save", .text("\(checkpoint.count) tensors, \(bytes.count) bytes of safetensors")])
        pretraining.append(["load", .text("into a new network: largest difference \(roundTripDifference.formatted(significant: 2)), "
            + "\(NumberFormat.percent(1).format(loadedAccuracy)) on 0–4")])
        pretraining.append(["new head", .text("layer \(head) replaced by a linear head \(p.channels[1] * 4) to 5 for digits 5–9: "
            + "\(trainable) of \(loaded.parameterCount) parameters learn")])
        result.figure(pretraining)
        result.figure(table)
        if p.examplesPerClass.count > 1 {
            let x = p.examplesPerClass.map(Double.init)
            result.figure(LineChart(title: "Test accuracy on digits 5–9", xLabel: "examples per class", yLabel: "accuracy",
                                    series: [.init("fine-tuned", x: x, y: finetunedCurve, best: .highest),
                                             .init("from scratch", x: x, y: scratchCurve, best: .highest)]))
        }
        result.metric("pretrain.accuracy", pretrainAccuracy)
        result.metric("loaded.accuracy", loadedAccuracy)
        result.metric("checkpoint.bytes", Double(bytes.count))
        result.metric("checkpoint.tensors", Double(checkpoint.count))
        result.metric("checkpoint.max_difference", roundTripDifference)
        result.metric("finetuned.trainable", Double(trainable))
        result.metric("scratch.trainable", Double(loaded.parameterCount))
        return result
    }
}

extension FineTune.Parameters {
    /// Training multiply-adds: pretraining on the 637 digits 0–4, then fine-tuning and training from
    /// scratch on each few-example set of 5–9, × the network's work per digit × 3.
    public var budget: Budget? {
        let (c1, c2) = (Double(channels[0]), Double(channels[1]))
        let perDigit = 64 * 9 * c1 + 16 * 9 * c1 * c2 + 4 * c2 * 10
        let digits = Double(pretrainEpochs) * 637 + 2 * Double(epochs) * Double(examplesPerClass.reduce(0, +) * 5)
        return Budget(work: digits * perDigit * 3, limit: 5e10,
                      unit: "training multiply-adds (epochs × digits × the network's work per digit)",
                      advice: "fewer epochs, fewer example counts, or fewer channels")
    }
}

extension FineTune {
    /// A run is named by how it starts and its examples per class, always: `finetuned_5`, `scratch_20`.
    public static let metrics: MetricDeclaration? = MetricDeclaration(
        runs: RunNaming([.word(["finetuned", "scratch"]), .integer("")],
                         summary: "how the network starts and its examples per class, always: `finetuned_5`, `scratch_20`"),
        [.init("{run}.accuracy"), .init("pretrain.accuracy"), .init("loaded.accuracy"), .init("checkpoint.bytes"),
         .init("checkpoint.tensors"), .init("checkpoint.max_difference"), .init("finetuned.trainable"),
         .init("scratch.trainable")])

    public static func runNames(_ p: Parameters) -> [String] {
        p.examplesPerClass.flatMap { ["finetuned_\($0)", "scratch_\($0)"] }
    }
}
