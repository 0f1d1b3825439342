import Engine
import Lessons

/// What each ingredient of a training recipe buys: the whole recipe (a CNN with batch norm on
/// Fashion-MNIST, Kaiming's initialization, SGD with Nesterov momentum, warmup then cosine, weight decay,
/// augmentation, dropout, standardized inputs), then the same recipe with one ingredient taken out at a
/// time, each measured on the validation set, never the test set.
///
/// Every variant trains on the same pictures with the same seeds (a paired comparison); `repeats` runs
/// each variant that many times, each repeat with its own seed and its own draw of the pictures.
public struct Ablation: Experiment {
    public static let name = "ablation"
    public static let summary = "A training recipe on Fashion-MNIST, then the same with one ingredient removed at a time: what each buys on the validation set."

    /// One ingredient of the recipe, and what taking it out means.
    public enum Ingredient: String, CaseIterable, Sendable {
        /// Batch norm after every hidden layer → none (the convolutions get their biases back).
        case batchNorm = "batch_norm"
        /// Kaiming's initialization → PyTorch's default.
        case kaiming
        /// SGD with Nesterov momentum → plain SGD at the same learning rate.
        case momentum
        /// Warmup then cosine → a constant learning rate.
        case schedule
        /// Weight decay → none.
        case weightDecay = "weight_decay"
        /// The augmentation → none.
        case augmentation
        /// Dropout → none.
        case dropout
        /// Standardized pixels → pixels in [0, 1].
        case standardize

        /// The run's name: `no_batch_norm`, `no_momentum`, ….
        var runName: String { "no_" + rawValue }

        /// How the table says it.
        var title: Phrase {
            switch self {
            case .batchNorm: "without batch norm"
            case .kaiming: "PyTorch's default init instead of Kaiming's"
            case .momentum: "plain SGD instead of Nesterov momentum"
            case .schedule: "constant learning rate instead of warmup + cosine"
            case .weightDecay: "without weight decay"
            case .augmentation: "without augmentation"
            case .dropout: "without dropout"
            case .standardize: "pixels in [0, 1], not standardized"
            }
        }

        /// `recipe` with this ingredient taken out.
        func removed(from recipe: TrainClassifier.Parameters) -> TrainClassifier.Parameters {
            var p = recipe
            switch self {
            case .batchNorm: p.batchNorm = [.off]
            case .kaiming: p.inits = [.pytorchDefault]
            case .momentum: p.optimizers = [.sgd]
            case .schedule: p.schedules = [.constant]
            case .weightDecay: p.weightDecays = [0]
            case .augmentation: p.augmentations = [.none]
            case .dropout: p.dropouts = [0]
            case .standardize: p.standardize = false
            }
            return p
        }
    }

    /// The recipe, what to take out of it, and how long to train each variant.
    public struct Parameters: ExperimentParameters {
        public var remove = Ingredient.allCases
        public var trainExamples = 10_000
        public var validationExamples = 5_000
        public var channels = [16, 32]
        public var cnnHidden = [128]
        public var learningRate = 0.1
        public var momentum = 0.9
        public var batchSize = 64
        public var weightDecay = 0.0005
        public var dropout = 0.1
        public var augmentation = TrainClassifier.AugmentationKind.flip
        public var warmupFraction = 0.1
        public var epochs = 3
        public var repeats = 2

        public init() {}

        public static var parameters: [Parameter<Self>] {
            [
                .choices("remove", \.remove, count: 1...Ingredient.allCases.count, "The ingredients to take out, one at a time; each is a run beside the whole recipe."),
                .integer("train_examples", \.trainExamples, in: 100...55_000, "Training pictures (drawn from Fashion-MNIST's 60,000 with the seed)."),
                .integer("validation_examples", \.validationExamples, in: 100...20_000, "Validation pictures, apart from the training ones: every variant is measured on them."),
                .integers("channels", \.channels, in: 1...64, count: 2...2, "The CNN's two convolution widths."),
                .integers("cnn_hidden", \.cnnHidden, in: 1...1_024, count: 0...3, "Widths of the dense hidden layers after the convolutions."),
                .number("learning_rate", \.learningRate, in: 0...10, "The peak learning rate of every variant."),
                .number("momentum", \.momentum, in: 0.01...0.999, "β of Nesterov's momentum."),
                .integer("batch_size", \.batchSize, in: 2...4_096, "Pictures per step."),
                .number("weight_decay", \.weightDecay, in: 0...1, "The recipe's weight decay λ."),
                .number("dropout", \.dropout, in: 0...0.9, "The recipe's dropout probability before each dense layer."),
                .choice("augmentation", \.augmentation, "The recipe's augmentation."),
                .number("warmup_fraction", \.warmupFraction, in: 0...1, "The share of steps the warmup ramps up over."),
                .integer("epochs", \.epochs, in: 1...50, "Passes over the training pictures, for every variant."),
                .integer("repeats", \.repeats, in: 1...5, "Runs of every variant, each with its own seed and pictures; the table gives means and spread."),
            ]
        }

        /// Every variant's training multiply-adds (`train`'s measure), summed.
        public var budget: Budget? {
            let work = variants.reduce(0.0) { $0 + ($1.parameters.budget?.work ?? 0) }
            return Budget(work: work, limit: 4e12,
                          unit: "training multiply-adds (variants × repeats × epochs × pictures × the model's work per picture)",
                          advice: "fewer ingredients to remove, fewer epochs, repeats or training pictures, or a smaller model",
                          perSecond: Budget.trainingMultiplyAddsPerSecond)
        }

        /// The whole recipe, as `train`'s parameters.
        var recipe: TrainClassifier.Parameters {
            var p = TrainClassifier.Parameters()
            p.dataset = .fashion
            p.model = .cnn
            p.trainExamples = trainExamples
            p.validationExamples = validationExamples
            p.channels = channels
            p.cnnHidden = cnnHidden
            p.inits = [.kaiming]
            p.batchNorm = [.on]
            p.dropouts = [dropout]
            p.optimizers = [.nesterov]
            p.momentum = momentum
            p.learningRates = [learningRate]
            p.batchSizes = [batchSize]
            p.weightDecays = [weightDecay]
            p.schedules = [.warmupCosine]
            p.warmupFraction = warmupFraction
            p.augmentations = [augmentation]
            p.epochs = epochs
            p.repeats = repeats
            return p
        }

        /// The whole recipe first, then one variant per ingredient removed, with its name and title.
        var variants: [(name: String, title: Phrase, parameters: TrainClassifier.Parameters)] {
            [("full", "the whole recipe", recipe)] + remove.map { ($0.runName, $0.title, $0.removed(from: recipe)) }
        }
    }

    public static func inputIdentities(_ p: Parameters) -> [String] { FashionData.inputIdentities }

    public static let metrics: MetricDeclaration? = MetricDeclaration(
        runs: RunNaming([.word(["full"] + Ingredient.allCases.map(\.runName))],
                        summary: "`full` for the whole recipe, `no_INGREDIENT` without one: `no_batch_norm`, `no_momentum`, …"),
        [.init("{run}.val_accuracy"), .init("{run}.val_accuracy_sd"), .init("{run}.val_accuracy_se"),
         .init("{run}.val_loss"), .init("{run}.train_loss"), .init("{run}.train_accuracy"), .init("{run}.diverged_count"),
         .init("{run}.change")])

    public static func runNames(_ p: Parameters) -> [String] { p.variants.map(\.name) }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        let variants = p.variants
        let seeds = (0..<p.repeats).map { TrainClassifier.repeatSeed(context.seed, $0) }
        // The same pictures for every variant of a repeat; unstandardized ones only for the variant that asks.
        var standardized: [TrainingData] = [], raw: [TrainingData] = []
        for seed in seeds { standardized.append(try TrainingRecipe.data(p.recipe, seed: seed)) }
        if p.remove.contains(.standardize) {
            for seed in seeds { raw.append(try TrainingRecipe.data(Ingredient.standardize.removed(from: p.recipe), seed: seed)) }
        }
        var results: [[TrainingRun]] = []
        for (index, variant) in variants.enumerated() {
            guard let setting = TrainingRecipe.grid(variant.parameters).first else { continue }
            let data = variant.parameters.standardize ? standardized : raw
            results.append(try TrainingRecipe.runRepeats(setting, variant.parameters, data: data, seeds: seeds,
                                                         first: index * seeds.count, total: variants.count * seeds.count,
                                                         context: context) { r in "\(variant.name), run \(r + 1)/\(seeds.count)" })
        }
        return report(variants.map { ($0.name, $0.title) }, results, p)
    }

    /// The table (validation accuracy, its spread, the change from the whole recipe) and the metrics.
    static func report(_ variants: [(name: String, title: Phrase)], _ results: [[TrainingRun]], _ p: Parameters) -> ExperimentResult {
        var result = ExperimentResult()
        var table = Table(
            title: "What each ingredient buys: validation accuracy after \(Phrase.counted(p.epochs, "epoch", "epochs"))",
            columns: [.init("recipe"), .init("val acc", format: .percent(1), best: .highest), .init("± sd", format: .percent(1)),
                      .init("change, points", format: .fixed(1)), .init("train loss", format: .significant(3), nonFinite: "diverged")],
            caption: "A CNN (\(p.channels[0]) and \(p.channels[1]) channels) on \(p.trainExamples) training pictures, measured on \(p.validationExamples) validation pictures, never the test set; the mean of \(Phrase.counted(p.repeats, "run", "runs")) each, with the same pictures and seeds for every row (± sd: their spread). A diverged run is left out of the means; change: percentage points against the whole recipe.")
        var fullAccuracy = Double.nan
        for ((name, title), runs) in zip(variants, results) {
            let trained = runs.filter { !$0.history.diverged }
            let accuracies = trained.map { Double($0.validation.accuracy ?? .nan) }
            let (accuracy, sd) = TrainingReport.spread(accuracies)
            func mean(_ value: (TrainingRun) -> Double) -> Double { TrainingReport.spread(trained.map(value)).mean }
            if name == "full" { fullAccuracy = accuracy }
            let change = name == "full" ? Double.nan : accuracy - fullAccuracy
            table.append([.text(title), .number(accuracy), .number(sd), name == "full" ? .empty : .number(change * 100),
                          .number(mean { Double($0.train.loss) })])
            result.metric("\(name).val_accuracy", accuracy)
            result.metric("\(name).val_accuracy_sd", sd)
            result.metric("\(name).val_accuracy_se", sd / Double(max(accuracies.count, 1)).squareRoot())
            result.metric("\(name).val_loss", mean { Double($0.validation.loss) })
            result.metric("\(name).train_loss", mean { Double($0.train.loss) })
            result.metric("\(name).train_accuracy", mean { Double($0.train.accuracy ?? .nan) })
            result.metric("\(name).diverged_count", Double(runs.count - trained.count))
            if name != "full" { result.metric("\(name).change", change) }
        }
        result.figure(table)
        return result
    }
}
