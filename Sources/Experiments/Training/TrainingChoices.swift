import Lessons

extension TrainClassifier {
    /// The data to train on.
    public enum Dataset: String, CaseIterable, Sendable {
        case blobs, moons, spirals, xor, digits
        case wideRegression = "wide-regression"
        /// Fashion-MNIST's 28×28 pictures of clothing (the dataset-fashion-mnist package).
        case fashion = "fashion-mnist"

        /// Whether its examples are pictures (convolutions and the pixel-moving augmentations need them).
        public var hasImages: Bool { self == .digits || self == .fashion }
    }

    /// The kind of model.
    public enum Model: String, CaseIterable, Sendable {
        case linear, mlp, cnn
    }

    /// The MLP's nonlinearity.
    public enum Activation: String, CaseIterable, Sendable {
        case relu, tanh, sigmoid
    }

    /// How the weights start (lesson 6).
    public enum Initialization: String, CaseIterable, Sendable {
        /// PyTorch's default: uniform within ±1/√fan-in, biases too.
        case pytorchDefault = "default"
        case normal, small, xavier, kaiming
    }

    /// Batch normalization after each hidden layer, or not.
    public enum BatchNormalization: String, CaseIterable, Sendable {
        case off, on
    }

    /// The optimizer of a run.
    public enum OptimizerKind: String, CaseIterable, Sendable {
        case sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw
    }

    /// A learning-rate schedule over all steps (the `schedules` experiment draws the same curves).
    public enum Schedule: String, CaseIterable, Sendable {
        case constant, step, exponential
        case inverseTime = "inverse-time"
        case cosine, warmup
        case warmupCosine = "warmup-cosine"
    }

    /// A data augmentation (the pixel-moving ones need digits).
    public enum AugmentationKind: String, CaseIterable, Sendable {
        case none, shift, flip, noise
        /// A random 28×28 (or 8×8) window of the picture padded by 2 pixels (4 for 28×28): torchvision's RandomCrop.
        case crop
        /// A random rectangle of the picture erased, half the time (Zhong et al. 2017).
        case erase
        /// A flip, then a crop.
        case flipCrop = "flip-crop"

        /// Whether it moves or hides pixels, so needs pictures.
        var needsImages: Bool { self != .none && self != .noise }
    }

    /// The curves' x axis.
    public enum XAxis: String, CaseIterable, Sendable {
        case epoch, examples
    }

    /// A curve to chart.
    public enum Curve: String, CaseIterable, Sendable {
        case trainLoss = "train_loss", valLoss = "val_loss", trainAccuracy = "train_accuracy"
        case valAccuracy = "val_accuracy", stepLoss = "step_loss", none

        /// Whether the curve is a loss (charted on a log scale when asked).
        var isLoss: Bool { self == .trainLoss || self == .valLoss || self == .stepLoss }
    }
}

extension TrainClassifier {
    /// How `train` names a run: optimizer and learning rate always, then each other compared setting
    /// whose value is not the default: `sgd_lr0.1`, `adam_lr0.01_bs16`, `momentum_lr0.02_kaiming_bn`,
    /// `adam_lr0.003_patience30`.
    static let runNaming = RunNaming([
        .word(OptimizerKind.allCases.map(\.rawValue)),
        .number("lr"),
        .either([.integer("bs"), .word(["full"])], optional: true),
        .number("wd", optional: true),
        .word(Initialization.allCases.filter { $0 != .pytorchDefault }.map(\.rawValue), optional: true),
        .word(["bn"], optional: true),
        .number("drop", optional: true),
        .word(Schedule.allCases.filter { $0 != .constant }.map(\.rawValue), optional: true),
        .word(AugmentationKind.allCases.filter { $0 != .none }.map(\.rawValue), optional: true),
        .integer("patience", optional: true),
    ], summary: "optimizer and learning rate, always; then, each only when not at its default, the batch size "
        + "(`bs16`, `full`; default 32), weight decay (`wd0.1`), initialization, `bn`, dropout (`drop0.5`), schedule, "
        + "augmentation and patience (`patience30`): `sgd_lr0.1`, `adam_lr0.01_bs16`, `momentum_lr0.02_kaiming_bn`")

    public static let metrics: MetricDeclaration? = {
        // Accuracies and the gap need classes, the test accuracy `test_set`: other parameters, not other outcomes.
        let numbers = ["train_loss", "val_loss", "train_accuracy", "val_accuracy", "test_accuracy", "gap", "weight_norm",
                       "epochs", "best_epoch", "lowest_val_loss", "lowest_val_epoch", "diverged_step", "first_loss", "peak_loss",
                       "step_noise"]
        let sometimes: Set = ["best_epoch", "diverged_step", "step_noise"]
        let flags = ["diverged", "stopped_early", "at_chance"]
        var patterns = numbers.map { MetricPattern("{run}.\($0)", sometimes: sometimes.contains($0)) }
            + flags.map { MetricPattern("{run}.\($0)") }
        // With `repeats` above 1: each number's spread over the runs, and in how many runs each yes held.
        patterns += numbers.flatMap { name in
            ["sd", "se"].map { MetricPattern("{run}.\(name)_\($0)", sometimes: sometimes.contains(name)) }
        }
        patterns += flags.map { MetricPattern("{run}.\($0)_count") }
        return MetricDeclaration(runs: runNaming, patterns)
    }()

    public static func runNames(_ p: Parameters) -> [String] { TrainingRecipe.grid(p).map(\.label) }

    /// The run's name by the naming rule: its own settings, never the grid's shape.
    static func runName(_ s: TrainingSetting) -> String {
        RunNaming.name([
            s.optimizer.rawValue,
            RunNaming.number("lr", s.learningRate),
            s.batchSize == 32 ? nil : s.batchSize == 0 ? "full" : "bs\(s.batchSize)",
            s.weightDecay == 0 ? nil : RunNaming.number("wd", s.weightDecay),
            s.initializer == .pytorchDefault ? nil : s.initializer.rawValue,
            s.batchNorm ? "bn" : nil,
            s.dropout == 0 ? nil : RunNaming.number("drop", s.dropout),
            s.schedule == .constant ? nil : s.schedule.rawValue,
            s.augmentation == .none ? nil : s.augmentation.rawValue,
            s.patience == 0 ? nil : "patience\(s.patience)",
        ])
    }
}
