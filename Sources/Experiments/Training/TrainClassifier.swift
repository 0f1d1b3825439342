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
            ]
        }
    }

    public static func inputIdentities(_ p: Parameters) -> [String] {
        p.dataset == .fashion ? FashionData.inputIdentities : []
    }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        let data = try TrainingRecipe.data(p, seed: context.seed)
        let settings = TrainingRecipe.grid(p)
        guard settings.count <= 24 else {
            throw Diagnostic("the grid has \(settings.count) runs, more than 24",
                hint: "Compare fewer values at once: the lists' lengths multiply.")
        }
        var runs: [TrainingRun] = []
        for (index, setting) in settings.enumerated() {
            let (count, epochs) = (Double(settings.count), p.epochs)
            let name = setting.title
            let report: @Sendable (EpochRecord) -> Void = { record in
                let status = "\(name == "run" ? "" : name + ": ")epoch \(record.epoch)/\(epochs), loss \(NumberFormat.significant(3).format(Double(record.trainLoss)))"
                context.report((Double(index) + Double(record.epoch) / Double(epochs)) / count, status)
            }
            runs.append(try TrainingRecipe.run(setting, p, data: data, seed: context.seed, onEpoch: report))
        }
        return TrainingReport(parameters: p, data: data, runs: runs).result()
    }
}
