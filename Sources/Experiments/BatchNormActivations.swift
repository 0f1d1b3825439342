import Engine
import Foundation
import Lessons

/// An MLP on the digits trained with and without batch normalization, watching what each hidden layer
/// feeds its ReLU: the mean and standard deviation over a fixed probe batch, epoch by epoch.
///
/// Without BN these statistics depend on the initialization and drift as the weights change; with BN each
/// layer's input to the ReLU is standardized over the batch and then scaled by γ and shifted by β, so it starts
/// at mean 0 and std 1 and moves only as fast as γ and β learn. The BN model is also run on the probe in both
/// modes: in training mode a layer uses the batch's own statistics (so an example's output depends on the other
/// examples in its batch), in evaluation mode its running averages (so it does not).
public struct BatchNormActivations: Experiment {
    public static let name = "batch-norm-activations"
    public static let summary = "Each hidden layer's activation mean and std during training, with and without batch norm."

    /// The network, its training and when to look.
    public struct Parameters: ExperimentParameters {
        /// The hidden layer widths.
        public var hidden = [64, 64, 64, 64]
        /// Whether to train without BN, with it, or both.
        public var batchNorm: [TrainClassifier.BatchNormalization] = [.off, .on]
        /// How the linear layers start: each initialization is trained without and with BN, as `batch_norm` says.
        public var inits: [TrainClassifier.Initialization] = [.pytorchDefault]
        /// The learning rate of plain SGD.
        public var learningRate = 0.05
        /// Examples per step.
        public var batchSize = 32
        /// Passes over the training set.
        public var epochs = 15
        /// The epochs shown in the table (0: before training).
        public var showEpochs = [0, 1, 5, 15]
        /// How many validation images the statistics are measured on.
        public var probe = 128

        public init() {}

        public static var parameters: [Parameter<Self>] {
            [
                .integers("hidden", \.hidden, in: 1...256, count: 1...12, "The MLP's hidden layer widths."),
                .choices("batch_norm", \.batchNorm, count: 1...2, "Batch norm after each hidden linear layer: off, on, or both."),
                .choices("inits", \.inits, count: 1...2,
                         "The linear layers' initializations, as `train`'s, each run with every batch_norm setting: PyTorch's default shrinks the signal layer by layer, kaiming keeps its size."),
                .number("learning_rate", \.learningRate, in: 0...100, "The learning rate of plain SGD."),
                .integer("batch_size", \.batchSize, in: 2...1_257, "Examples per step (at least 2: BN needs a batch; an epoch's lone last example is skipped)."),
                .integer("epochs", \.epochs, in: 1...200, "Passes over the 1,257 training digits."),
                .integers("show_epochs", \.showEpochs, in: 0...200, count: 1...5, "The epochs shown in the table; 0 is before training."),
                .integer("probe", \.probe, in: 2...180, "The validation images the statistics are measured on."),
            ]
        }
    }

    /// One run: the statistics of every layer at every epoch, and how training ended.
    struct Run {
        var batchNorm: Bool
        var initialization: TrainClassifier.Initialization
        /// `[epoch][layer]`: (mean, std) of each layer's input to its ReLU, epoch 0 first.
        var statistics: [[(mean: Double, std: Double)]] = []
        /// `[epoch]`: mean |training-mode logits − evaluation-mode logits| on the probe (BN only).
        var modeGaps: [Double] = []
        /// `[epoch]`: how far the running standard deviations are from the probe's (BN only), see `runningError`.
        var runningErrors: [Double] = []
        var divergence: Divergence?
        var validation: Evaluation?
        var model: Sequential

        var label: String { BatchNormActivations.runName(batchNorm: batchNorm, initialization) }
        var title: Phrase {
            let title: Phrase = batchNorm ? "BN" : "no BN"
            return initialization == .pytorchDefault ? title : "\(title), \(initialization.rawValue)"
        }
    }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        let (trainSet, validation, _) = try Digits.splits(seed: 0)
        let flat = { (set: TensorDataset) in TensorDataset(inputs: set.inputs.reshape([set.count, 64]), labels: set.labels, classCount: 10) }
        let (data, checkSet) = (flat(trainSet), flat(validation))
        let probe = checkSet.batch(Array(0..<p.probe)).inputs
        var runs: [Run] = []
        for initialization in p.inits {
            for setting in p.batchNorm {
                runs.append(try trainRun(batchNorm: setting == .on, initialization: initialization, p, data: data, validation: checkSet,
                                         probe: probe, seed: context.seed))
            }
        }
        var result = ExperimentResult()
        result.figure(table(runs, p))
        // One scale for every network: on a scale of its own, BN's drift from 1.0 to 1.1 would fill the same
        // height as the no-BN layers' fourfold changes.
        let lines = runs.flatMap { run in
            (0..<p.hidden.count).map { layer in
                Sparkline.Line("\(run.title) layer \(layer + 1)", run.statistics.map { $0[layer].std })
            }
        }
        if !lines.isEmpty { result.figure(Sparkline(lines: lines, sharedScale: true, scale: .log, format: .significant(2))) }
        for run in runs { record(run, p, in: &result) }
        if let bn = runs.first(where: \.batchNorm) { modes(bn, probe: probe, p, into: &result) }
        return result
    }

    static func trainRun(batchNorm: Bool, initialization: TrainClassifier.Initialization, _ p: Parameters, data: TensorDataset,
                         validation: TensorDataset, probe: Tensor, seed: UInt64) throws -> Run {
        var generator = SeededGenerator(seed: seed)
        var layers: [any Module] = []
        var width = 64
        let (weights, biases) = (TrainingRecipe.initializer(initialization, tanh: false), TrainingRecipe.biasInitializer(initialization))
        func linear(_ inputs: Int, _ outputs: Int) -> Linear {
            Linear(inputs, outputs, weightInitializer: weights, biasInitializer: biases, using: &generator)
        }
        for hidden in p.hidden {
            layers.append(linear(width, hidden))
            if batchNorm { layers.append(try BatchNorm1d(hidden)) }
            layers.append(ReLU())
            width = hidden
        }
        layers.append(linear(width, 10))
        var run = Run(batchNorm: batchNorm, initialization: initialization, model: Sequential(layers))
        var optimizer = try SGD(learningRate: Float(p.learningRate))
        func look() {
            run.statistics.append(reluInputs(run.model, probe).map { layer in
                let values = layer.scalars.map(Double.init)
                let mean = values.reduce(0, +) / Double(values.count)
                let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count)
                return (mean, variance.squareRoot())
            })
            if batchNorm {
                run.modeGaps.append(modeGap(run.model, probe))
                run.runningErrors.append(runningError(run.model, probe))
            }
        }
        look()
        for epoch in 1...p.epochs {
            // One epoch at a time, so the statistics can be read between epochs; the seed gives each a new order.
            var options = TrainingOptions(epochs: 1, batchSize: p.batchSize)
            options.dropLast = LoneBatch.dropsLast(examples: data.count, batchSize: p.batchSize, batchNorm1d: batchNorm)
            options.seed = seed &+ UInt64(epoch)
            let history = try train(&run.model, optimizer: &optimizer, data: data, options: options)
            if let divergence = history.divergence {
                run.divergence = divergence
                break
            }
            look()
        }
        run.validation = evaluate(run.model, on: validation)
        return run
    }

    /// What each ReLU receives on `probe`, in training mode (the statistics the network trains with), on a copy
    /// so that the model's running averages are not moved.
    static func reluInputs(_ model: Sequential, _ probe: Tensor) -> [Tensor] {
        activations(model, probe).relu
    }

    /// What each ReLU and each batch-norm layer receives on `probe`, in training mode, on a copy.
    static func activations(_ model: Sequential, _ probe: Tensor) -> (relu: [Tensor], batchNorm: [Tensor]) {
        var layers = model.layers
        var (relu, batchNorm): ([Tensor], [Tensor]) = ([], [])
        noGrad {
            var h = probe
            for index in layers.indices {
                layers[index].setTraining(true)
                if layers[index] is ReLU { relu.append(h) }
                if layers[index] is BatchNorm1d { batchNorm.append(h) }
                h = layers[index](h)
            }
        }
        return (relu, batchNorm)
    }

    /// How far the running estimates are from the probe batch's own statistics: the mean over every batch-norm
    /// layer and feature of |√running variance − batch std| / batch std.
    static func runningError(_ model: Sequential, _ probe: Tensor) -> Double {
        let inputs = activations(model, probe).batchNorm
        let layers = model.layers.compactMap { $0 as? BatchNorm1d }
        var errors: [Double] = []
        for (layer, input) in zip(layers, inputs) {
            let batchStd = input.variance(axis: 0, unbiased: false).sqrt().scalars
            let runningStd = layer.state.runningVariance.sqrt().scalars
            for (b, r) in zip(batchStd, runningStd) where b > 0 { errors.append(Double(abs(r - b) / b)) }
        }
        return errors.isEmpty ? .nan : errors.reduce(0, +) / Double(errors.count)
    }

    /// The mean absolute difference between the logits in training mode (batch statistics) and in evaluation
    /// mode (running averages).
    static func modeGap(_ model: Sequential, _ probe: Tensor) -> Double {
        var copy = model
        copy.train()
        let trained = noGrad { copy(probe) }
        let evaluated = model.evaluated(probe)
        return Double((trained - evaluated).abs().mean().item)
    }

    static func table(_ runs: [Run], _ p: Parameters) -> Table {
        let shown = p.showEpochs.filter { $0 <= p.epochs }
        var columns: [Table.Column] = [.init("run"), .init("layer")]
        columns += shown.map { .init("epoch \($0)", alignment: .right) }
        var table = Table(title: "What each ReLU receives: mean ± std over \(p.probe) validation digits", columns: columns,
                          caption: "MLP 64-\(p.hidden.map(String.init).joined(separator: "-"))-10, \(initializations(p.inits)), SGD lr \(format(p.learningRate)), "
                              + "batch \(p.batchSize); measured in training mode.")
        for run in runs {
            for layer in 0..<p.hidden.count {
                var row: [Table.Cell] = [.text(layer == 0 ? run.title : ""), .text("\(layer + 1)")]
                for epoch in shown {
                    guard epoch < run.statistics.count else { row.append(.text("diverged")); continue }
                    let s = run.statistics[epoch][layer]
                    row.append(.text("\(fixed(s.mean)) ± \(fixed(s.std))"))
                }
                table.append(row)
            }
        }
        return table
    }

    static func record(_ run: Run, _ p: Parameters, in result: inout ExperimentResult) {
        let name = run.label
        result.metric("\(name).diverged", run.divergence != nil)
        result.metric("\(name).val_accuracy", Double(run.validation?.accuracy ?? .nan))
        result.metric("\(name).val_loss", run.divergence == nil ? Double(run.validation?.loss ?? .nan) : .infinity)
        guard let first = run.statistics.first, let last = run.statistics.last else { return }
        for layer in 0..<p.hidden.count {
            result.metric("\(name).layer\(layer + 1).start_std", first[layer].std)
            result.metric("\(name).layer\(layer + 1).std", last[layer].std)
            result.metric("\(name).layer\(layer + 1).mean", last[layer].mean)
        }
        let all = run.statistics.flatMap { $0 }
        result.metric("\(name).std_min", all.map(\.std).min() ?? .nan)
        result.metric("\(name).std_max", all.map(\.std).max() ?? .nan)
        result.metric("\(name).largest_abs_mean", all.map { abs($0.mean) }.max() ?? .nan)
    }

    /// The BN model in its two modes: the gap between them over training, and an example in two batches.
    static func modes(_ run: Run, probe: Tensor, _ p: Parameters, into result: inout ExperimentResult) {
        // The same first example, once among the probe batch and once among a batch of copies of the next example
        // with itself: training mode normalizes with each batch's statistics, evaluation mode with fixed ones.
        let n = probe.shape[0]
        let first = probe.slice(0..<1, axis: 0)
        let other = Tensor.concatenate([first, probe.slice(1..<min(n, 8), axis: 0)], axis: 0)
        var copy = run.model
        copy.train()
        let (inProbe, inOther) = noGrad { (copy(probe).slice(0..<1, axis: 0), copy(other).slice(0..<1, axis: 0)) }
        let (evalProbe, evalOther) = (run.model.evaluated(probe).slice(0..<1, axis: 0),
                                      run.model.evaluated(other).slice(0..<1, axis: 0))
        let trainDependence = Double((inProbe - inOther).abs().max().item)
        let evalDependence = Double((evalProbe - evalOther).abs().max().item)

        // With two initializations, say which BN model this is: the first one trained.
        let which: Phrase = p.inits.count < 2 ? "" : " (\(initializations([run.initialization])))"
        var table = Table(title: "The BN model\(which) in training and evaluation mode",
                          columns: [.init("after epoch", format: .integer), .init("running std off by", format: .percent(0)),
                                    .init("mean |train − eval| logits", format: .significant(3))],
                          caption: "Training mode normalizes with the probe batch's own mean and variance, evaluation mode with "
                              + "the running averages, which start at mean 0 and variance 1 and follow the training batches "
                              + "at momentum 0.1. \"Running std off by\": |√running variance − batch std| / batch std, "
                              + "averaged over every BN feature.")
        for epoch in p.showEpochs where epoch < run.modeGaps.count {
            table.append([.number(Double(epoch)), .number(run.runningErrors[epoch]), .number(run.modeGaps[epoch])])
        }
        result.figure(table)
        result.text("The first validation digit's logits change by up to \(fixed(trainDependence, digits: 3)) in training mode "
                    + "when its batch changes (\(n) images versus \(other.shape[0])), and by \(fixed(evalDependence, digits: 3)) "
                    + "in evaluation mode.")
        result.metric("bn.mode_gap_start", run.modeGaps.first ?? .nan)
        result.metric("bn.mode_gap", run.modeGaps.last ?? .nan)
        result.metric("bn.running_error_start", run.runningErrors.first ?? .nan)
        result.metric("bn.running_error", run.runningErrors.last ?? .nan)
        result.metric("bn.train_batch_dependence", trainDependence)
        result.metric("bn.eval_batch_dependence", evalDependence)
    }

    /// `0.12`, `-1.50`: a number with a fixed count of decimals and no locale; `1.000e20` past what
    /// fixed decimals can say (a statistic that grew without diverging: writing it through `Int` stopped learn).
    static func fixed(_ value: Double, digits: Int = 2) -> String {
        NumberFormat.fixed(digits).format(value)
    }
}

extension BatchNormActivations.Parameters {
    /// Training multiply-adds: runs × epochs × 1,257 digits × the MLP's work per digit × 3.
    public var budget: Budget? {
        let widths = [64.0] + hidden.map(Double.init) + [10]
        let perDigit = zip(widths, widths.dropFirst()).reduce(0) { $0 + $1.0 * $1.1 }
        return Budget(work: Double(batchNorm.count * inits.count * epochs) * 1_257 * perDigit * 3, limit: 5e10,
                      unit: "training multiply-adds (runs × epochs × digits × the MLP's work per digit)",
                      advice: "fewer epochs or a smaller MLP")
    }
}

extension BatchNormActivations {
    /// A run is named by its batch-norm setting, then its initialization unless PyTorch's default: `nobn`, `bn`,
    /// `nobn_kaiming`; the modes' metrics are the first batch-norm run's.
    public static let metrics: MetricDeclaration? = MetricDeclaration(
        runs: RunNaming([.word(["nobn", "bn"]),
                         .word(TrainClassifier.Initialization.allCases.filter { $0 != .pytorchDefault }.map(\.rawValue), optional: true)],
                        summary: "its batch-norm setting, then its initialization unless PyTorch's default: `nobn`, `bn`, `nobn_kaiming`"),
        [.init("{run}.diverged"), .init("{run}.val_accuracy"), .init("{run}.val_loss"),
         .init("{run}.layer{n}.start_std"), .init("{run}.layer{n}.std"), .init("{run}.layer{n}.mean"),
         .init("{run}.std_min"), .init("{run}.std_max"), .init("{run}.largest_abs_mean"),
         .init("bn.mode_gap_start"), .init("bn.mode_gap"), .init("bn.running_error_start"), .init("bn.running_error"),
         .init("bn.train_batch_dependence"), .init("bn.eval_batch_dependence")])

    public static func runNames(_ p: Parameters) -> [String] {
        p.inits.flatMap { initialization in p.batchNorm.map { runName(batchNorm: $0 == .on, initialization) } }
    }

    /// `bn`, `nobn`, `nobn_kaiming`: the batch-norm setting, then the initialization unless PyTorch's default.
    static func runName(batchNorm: Bool, _ initialization: TrainClassifier.Initialization) -> String {
        RunNaming.name([batchNorm ? "bn" : "nobn", initialization == .pytorchDefault ? nil : initialization.rawValue])
    }

    /// "PyTorch's default init", "PyTorch's default and kaiming inits": the table's caption.
    static func initializations(_ inits: [TrainClassifier.Initialization]) -> String {
        let names = inits.map { $0 == .pytorchDefault ? "PyTorch's default" : $0.rawValue }
        return names.joined(separator: " and ") + (names.count > 1 ? " inits" : " init")
    }
}
