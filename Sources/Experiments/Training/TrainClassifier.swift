import Engine
import Lessons

/// Trains small models on a dataset under a grid of settings and compares the runs: the one
/// experiment behind most lessons' training curves.
///
/// Every list-valued parameter is a dimension of the grid (optimizers × learning rates × batch
/// sizes × …); a run is named by its own settings (`sgd_lr0.1`, `adam_lr0.01_bs16`: optimizer and
/// learning rate always, the others when not at their default; see `runName`), and its metrics are
/// `NAME.train_loss`, `NAME.val_accuracy`, `NAME.diverged`, ….
public struct TrainClassifier: Experiment {
    public static let name = "train"
    public static let summary = "Train models on a dataset under a grid of settings; compare their curves and final figures."

    /// What to train, on what, how, and which settings to compare.
    public struct Parameters: ExperimentParameters {
        public var dataset = Dataset.spirals
        public var points = 100
        public var noise = 0.2
        public var featureScales = [1.0, 1.0]
        public var trainExamples = 0
        public var model = Model.mlp
        public var hidden = [32, 32]
        public var activation = Activation.relu
        public var channels = [8, 16]
        public var cnnHidden: [Int] = []
        public var validationExamples = 5_000
        public var standardize = true
        public var inits: [Initialization] = [.pytorchDefault]
        public var batchNorm: [BatchNormalization] = [.off]
        public var dropouts = [0.0]
        public var optimizers: [OptimizerKind] = [.sgd]
        public var momentum = 0.9
        public var learningRates = [0.1]
        public var batchSizes = [32]
        public var weightDecays = [0.0]
        public var schedules: [Schedule] = [.constant]
        public var warmupFraction = 0.1
        public var augmentations: [AugmentationKind] = [.none]
        public var epochs = 30
        public var patience = [0]
        public var xAxis = XAxis.epoch
        public var curves: [Curve] = [.trainLoss]
        public var logScale = true
        public var repeats = 1
        public var testSet = false

        public init() {}

        public static var parameters: [Parameter<Self>] {
            [
                .choice("dataset", \.dataset, "The data: 2-D toy classes, the 8×8 digits, Fashion-MNIST's 28×28 clothes, or wide regression (200 features, 20 examples)."),
                .integer("points", \.points, in: 10...2_000, "Points per class of a 2-D dataset."),
                .number("noise", \.noise, in: 0...2, "The noise of a 2-D dataset."),
                .numbers("feature_scales", \.featureScales, in: 0.001...1000, count: 2...2, "Multipliers of the two input features of a 2-D dataset (badly scaled features)."),
                .integer("train_examples", \.trainExamples, in: 0...100_000, "Use only this many training examples (0: all)."),
                .choice("model", \.model, "A linear (softmax) classifier, a multilayer perceptron, or a small CNN (pictures)."),
                .integers("hidden", \.hidden, in: 1...512, count: 1...60, "The MLP's hidden layer widths."),
                .choice("activation", \.activation, "The MLP's nonlinearity."),
                .integers("channels", \.channels, in: 1...64, count: 2...2, "The CNN's two convolution widths."),
                .integers("cnn_hidden", \.cnnHidden, in: 1...1_024, count: 0...3, "Widths of dense hidden layers between the CNN's convolutions and its output (none by default)."),
                .integer("validation_examples", \.validationExamples, in: 100...20_000, "Fashion-MNIST: pictures set aside from the 60,000 training ones for validation."),
                .flag("standardize", \.standardize, "Fashion-MNIST: standardize the pixels with the training pictures' mean and standard deviation (else they stay in [0, 1])."),
                .choices("inits", \.inits, "Weight initializations to compare."),
                .choices("batch_norm", \.batchNorm, count: 1...2, "Batch normalization after each hidden layer: off, on, or both to compare."),
                .numbers("dropouts", \.dropouts, in: 0...0.9, "Dropout probabilities after each hidden layer."),
                .choices("optimizers", \.optimizers, "Optimizers to compare."),
                .number("momentum", \.momentum, in: 0...0.999, "β of the momentum and nesterov optimizers."),
                .numbers("learning_rates", \.learningRates, in: 0...1000, "Learning rates to compare."),
                .integers("batch_sizes", \.batchSizes, in: 0...100_000, "Batch sizes to compare (0: the whole training set)."),
                .numbers("weight_decays", \.weightDecays, in: 0...100, "Weight decays λ to compare."),
                .choices("schedules", \.schedules, "Learning-rate schedules to compare (over all steps)."),
                .number("warmup_fraction", \.warmupFraction, in: 0...1, "The share of steps a warmup schedule ramps up over."),
                .choices("augmentations", \.augmentations, "Data augmentations to compare (all but noise need pictures)."),
                .integer("epochs", \.epochs, in: 1...2_000, "Passes over the training data."),
                .integers("patience", \.patience, in: 0...1_000, count: 1...4, "Early stopping: epochs without a better validation loss before stopping (0: off); several to compare."),
                .choice("x_axis", \.xAxis, "The curves' x axis: epochs, or training examples seen (step losses too, so batch sizes share an axis)."),
                .choices("curves", \.curves, count: 1...5, "Which curves to chart."),
                .flag("log_scale", \.logScale, "Chart losses on a log scale."),
                .integer("repeats", \.repeats, in: 1...10, "Train every setting this many times, each with its own seed (initial weights, batches, augmentation and, for fashion-mnist and the 2-D sets, which examples); the table, curves and metrics give means, and NAME.METRIC_sd and NAME.METRIC_se their spread."),
                .flag("test_set", \.testSet, "Also measure the test set's accuracy (fashion-mnist and digits): once, at the end, never to choose settings by."),
            ]
        }
    }

    public static func inputIdentities(_ p: Parameters) -> [String] {
        p.dataset == .fashion ? FashionData.inputIdentities : []
    }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        let settings = TrainingRecipe.grid(p)
        if let conflict = p.conflict { throw Diagnostic(conflict) }
        // Each repeat draws its own data (where the dataset is drawn) once, shared by every setting.
        let seeds = (0..<p.repeats).map { repeatSeed(context.seed, $0) }
        var data: [TrainingData] = []
        for seed in seeds { data.append(try TrainingRecipe.data(p, seed: seed)) }
        var runs: [[TrainingRun]] = []
        for (index, setting) in settings.enumerated() {
            let name = setting.title == "run" ? "" : setting.title
            runs.append(try TrainingRecipe.runRepeats(setting, p, data: data, seeds: seeds, first: index * p.repeats,
                                                      total: settings.count * p.repeats, context: context) { r in
                let run = p.repeats > 1 ? "run \(r + 1)/\(p.repeats)" : ""
                return [name, run].filter { !$0.isEmpty }.joined(separator: ", ")
            })
        }
        return TrainingReport(parameters: p, data: data[0], runs: runs).result()
    }

    /// The seed of repeat `index`: the cell's own seed for the first, so that one repeat is the run it
    /// always was; a well-mixed one (SplitMix64's finalizer) for each other.
    static func repeatSeed(_ seed: UInt64, _ index: Int) -> UInt64 {
        guard index > 0 else { return seed }
        var z = seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
