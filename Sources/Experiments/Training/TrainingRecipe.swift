import Engine
import Foundation
import Lessons

/// The data a training experiment uses.
struct TrainingData {
    var train: TensorDataset
    var validation: TensorDataset
    var test: TensorDataset?
    /// The number of classes, or nil for regression.
    var classes: Int?
    /// The shape of one input: [2], [64] or [1, 8, 8].
    var inputShape: [Int]
    /// The shape of one input as a picture, [1, 8, 8], when the inputs are images (flattened to [64] for a
    /// linear model or an MLP); nil for points and features.
    var imageShape: [Int]? = nil

    var loss: Loss { classes == nil ? .meanSquaredError : .crossEntropy() }
}

/// One point of the grid: the settings that may vary between runs, and the run's name.
struct TrainingSetting {
    var optimizer: TrainClassifier.OptimizerKind
    var learningRate: Double
    var batchSize: Int
    var weightDecay: Double
    var initializer: TrainClassifier.Initialization
    var batchNorm: Bool
    var dropout: Double
    var schedule: TrainClassifier.Schedule
    var augmentation: TrainClassifier.AugmentationKind
    /// Early stopping's patience in epochs, 0 for none.
    var patience = 0
    var label = "run"
    /// "optimizer adam, lr 0.01": the varying settings, for legends.
    var title = "run"
}

/// A finished run.
struct TrainingRun {
    var setting: TrainingSetting
    var history: TrainingHistory
    var train: Evaluation
    var validation: Evaluation
    var test: Evaluation?
    var weightNorm: Double
}

/// How a training experiment turns its parameters into data, models, optimizers and schedules.
enum TrainingRecipe {
    /// The training, validation and (digits) test sets.
    static func data(_ p: TrainClassifier.Parameters, seed: UInt64) throws -> TrainingData {
        var data: TrainingData
        switch p.dataset {
        case .digits:
            let (train, validation, test) = try Digits.splits(seed: 0)
            let flat = p.model != .cnn
            func shaped(_ set: TensorDataset) -> TensorDataset {
                flat ? TensorDataset(inputs: set.inputs.reshape([set.count, 64]), labels: set.labels, classCount: 10) : set
            }
            data = TrainingData(train: shaped(train), validation: shaped(validation), test: shaped(test),
                                classes: 10, inputShape: flat ? [64] : [1, 8, 8], imageShape: [1, 8, 8])
        case .fashion:
            let splits = try FashionData.splits(trainExamples: p.trainExamples > 0 ? p.trainExamples : Int.max,
                                                validationExamples: p.validationExamples, standardize: p.standardize,
                                                test: p.testSet, seed: seed)
            let flat = p.model != .cnn
            func shaped(_ set: TensorDataset) -> TensorDataset {
                flat ? TensorDataset(inputs: set.inputs.reshape([set.count, 784]), labels: set.labels, classCount: 10) : set
            }
            data = TrainingData(train: shaped(splits.train), validation: shaped(splits.validation), test: shaped(splits.test),
                                classes: 10, inputShape: flat ? [784] : [1, 28, 28], imageShape: [1, 28, 28])
        case .wideRegression:
            let count = p.trainExamples > 0 ? p.trainExamples : 20
            let all = SyntheticData.wideRegression(count: count + 200, features: 200, informative: 5, noise: Float(p.noise),
                                                   seed: seed).dataset
            let parts = all.randomSplit([count, 200], seed: seed)
            data = TrainingData(train: parts[0], validation: parts[1], classes: nil, inputShape: [200])
        case .blobs:
            data = planar(p, seed: seed) { points, seed in
                SyntheticData.blobs(centers: [[-2, -1], [2, -1], [0, 2]], pointsPerClass: points,
                                    std: Float(max(p.noise * 5, 0.05)), seed: seed)
            }
        case .moons:
            data = planar(p, seed: seed) { SyntheticData.twoMoons(pointsPerClass: $0, noise: Float(p.noise), seed: $1) }
        case .xor:
            data = planar(p, seed: seed) { SyntheticData.xor(count: $0 * 2, noise: Float(p.noise), seed: $1) }
        case .spirals:
            data = planar(p, seed: seed) { SyntheticData.spirals(classes: 3, pointsPerClass: $0, noise: Float(p.noise), seed: $1) }
        }
        // The test set is measured only when asked (`test_set`): choices are made on the validation set.
        if !p.testSet { data.test = nil }
        if p.trainExamples > 0, p.dataset != .wideRegression, p.dataset != .fashion, p.trainExamples < data.train.count {
            data.train = data.train.subset(Array(0..<p.trainExamples))
        }
        return data
    }

    /// A 2-D dataset: `make(points per class, seed)` for training and (half as many, at least 10) for
    /// validation, each feature multiplied by its `feature_scales`.
    private static func planar(_ p: TrainClassifier.Parameters, seed: UInt64,
                               make: (Int, UInt64) -> TensorDataset) -> TrainingData {
        let scale = Tensor(p.featureScales.map(Float.init), shape: [1, 2])
        func scaled(_ set: TensorDataset) -> TensorDataset {
            TensorDataset(inputs: set.inputs * scale, labels: set.labels, classCount: set.classCount)
        }
        let train = scaled(make(p.points, seed)), validation = scaled(make(max(p.points / 2, 10), seed &+ 1))
        return TrainingData(train: train, validation: validation, classes: train.classCount ?? Set(train.labels).count,
                            inputShape: [2])
    }

    /// Every combination of the list-valued parameters, each named by its own settings
    /// (`TrainClassifier.runName`) and titled, in legends, by the values that vary.
    static func grid(_ p: TrainClassifier.Parameters) -> [TrainingSetting] {
        var settings: [TrainingSetting] = []
        for optimizer in p.optimizers { for learningRate in p.learningRates { for batchSize in p.batchSizes {
            for weightDecay in p.weightDecays { for initializer in p.inits { for batchNorm in p.batchNorm {
                for dropout in p.dropouts { for schedule in p.schedules { for augmentation in p.augmentations {
                  for patience in p.patience {
                    var setting = TrainingSetting(
                        optimizer: optimizer, learningRate: learningRate, batchSize: batchSize, weightDecay: weightDecay,
                        initializer: initializer, batchNorm: batchNorm == .on, dropout: dropout, schedule: schedule,
                        augmentation: augmentation, patience: patience)
                    var names: [String] = [], titles: [String] = []
                    func vary(_ count: Int, _ name: String, _ title: String) {
                        guard count > 1 else { return }
                        names.append(name)
                        titles.append(title)
                    }
                    vary(p.optimizers.count, optimizer.rawValue, optimizer.rawValue)
                    vary(p.learningRates.count, "lr\(format(learningRate))", "lr \(format(learningRate))")
                    vary(p.batchSizes.count, batchSize == 0 ? "full" : "bs\(batchSize)",
                         batchSize == 0 ? "full batch" : "batch \(batchSize)")
                    vary(p.weightDecays.count, "wd\(format(weightDecay))", "λ \(format(weightDecay))")
                    vary(p.inits.count, initializer.rawValue, initializer.rawValue)
                    vary(p.batchNorm.count, batchNorm == .on ? "bn" : "nobn", batchNorm == .on ? "with BN" : "without BN")
                    vary(p.dropouts.count, "drop\(format(dropout))", "dropout \(format(dropout))")
                    vary(p.schedules.count, schedule.rawValue, schedule.rawValue)
                    vary(p.augmentations.count, augmentation.rawValue, augmentation == .none ? "no augmentation" : augmentation.rawValue)
                    vary(p.patience.count, patience == 0 ? "no_stop" : "patience\(patience)",
                         patience == 0 ? "no early stopping" : "patience \(patience)")
                    setting.label = TrainClassifier.runName(setting)
                    if !names.isEmpty { setting.title = titles.joined(separator: ", ") }
                    settings.append(setting)
                  }
                }}}
            }}}
        }}}
        return settings
    }

    /// Builds the model, trains it, and evaluates it on every set.
    static func run(_ setting: TrainingSetting, _ p: TrainClassifier.Parameters, data: TrainingData, seed: UInt64,
                    onEpoch: (@Sendable (EpochRecord) -> Void)? = nil) throws -> TrainingRun {
        var generator = SeededGenerator(seed: seed)
        var model = try self.model(setting, p, data: data, using: &generator)
        let batchSize = setting.batchSize == 0 ? data.train.count : min(setting.batchSize, data.train.count)
        var options = TrainingOptions(epochs: p.epochs, batchSize: batchSize)
        options.dropLast = LoneBatch.dropsLast(examples: data.train.count, batchSize: batchSize,
                                               batchNorm1d: setting.batchNorm && p.model == .mlp)
        options.seed = seed
        options.loss = data.loss
        options.onEpoch = onEpoch
        options.scheduleUnit = .step
        let steps = p.epochs * LoneBatch.stepsPerEpoch(examples: data.train.count, batchSize: batchSize, dropLast: options.dropLast)
        options.schedule = try schedule(setting, steps: steps, warmupFraction: p.warmupFraction)
        options.augmentation = try augmentation(setting.augmentation, data: data)
        if setting.patience > 0 { options.earlyStopping = try EarlyStopping(patience: setting.patience) }
        let history = try fit(setting, momentum: Float(p.momentum), model: &model, data: data, options: options)
        let weightNorm = model.namedParameters.filter { $0.name.hasSuffix("weight") && !$0.name.contains("bn") }
            .reduce(0.0) { $0 + Double(($1.tensor * $1.tensor).sum().item) }.squareRoot()
        return TrainingRun(setting: setting, history: history,
                           train: evaluate(model, on: data.train, loss: data.loss),
                           validation: evaluate(model, on: data.validation, loss: data.loss),
                           test: data.test.map { evaluate(model, on: $0, loss: data.loss) }, weightNorm: weightNorm)
    }

    /// Trains `setting` once per seed, each on its repeat's data, and reports every epoch to the progress
    /// bar as "LABEL: epoch e/E, loss …, val acc …", where this setting's runs are `first` …
    /// `first + seeds.count − 1` of `total` (the bar covers every setting and repeat of the cell).
    static func runRepeats(_ setting: TrainingSetting, _ p: TrainClassifier.Parameters, data: [TrainingData], seeds: [UInt64],
                           first: Int, total: Int, context: ExperimentContext,
                           label: (Int) -> String) throws -> [TrainingRun] {
        var runs: [TrainingRun] = []
        for (r, seed) in seeds.enumerated() {
            let (done, epochs, name) = (Double(first + r), p.epochs, label(r))
            let report: @Sendable (EpochRecord) -> Void = { record in
                var status: Phrase = "epoch \(record.epoch)/\(epochs), loss \(NumberFormat.significant(3).format(Double(record.trainLoss)))"
                if let accuracy = record.validationAccuracy {
                    status = "\(status), val acc \(NumberFormat.percent(1).format(Double(accuracy)))"
                }
                if !name.isEmpty { status = "\(name): \(status)" }
                context.report((done + Double(record.epoch) / Double(epochs)) / Double(total), status)
            }
            runs.append(try run(setting, p, data: data[r], seed: seed, onEpoch: report))
        }
        return runs
    }

    private static func fit(_ setting: TrainingSetting, momentum: Float, model: inout Sequential, data: TrainingData,
                            options: TrainingOptions) throws -> TrainingHistory {
        let (lr, wd) = (Float(setting.learningRate), Float(setting.weightDecay))
        func run<O: Optimizer>(_ optimizer: O) throws -> TrainingHistory {
            var optimizer = optimizer
            return try train(&model, optimizer: &optimizer, data: data.train, validation: data.validation, options: options)
        }
        switch setting.optimizer {
        case .sgd: return try run(SGD(learningRate: lr, weightDecay: wd))
        case .momentum: return try run(SGD(learningRate: lr, momentum: momentum, weightDecay: wd))
        case .nesterov: return try run(SGD(learningRate: lr, momentum: momentum, weightDecay: wd, nesterov: true))
        case .adagrad: return try run(AdaGrad(learningRate: lr, weightDecay: wd))
        case .rmsprop: return try run(RMSProp(learningRate: lr, weightDecay: wd))
        case .adam: return try run(Adam(learningRate: lr, weightDecay: wd))
        case .adamw: return try run(AdamW(learningRate: lr, weightDecay: wd))
        }
    }

    /// Linear, MLP (hidden widths, optional batch norm and dropout) or CNN.
    static func model(_ setting: TrainingSetting, _ p: TrainClassifier.Parameters, data: TrainingData,
                      using generator: inout SeededGenerator) throws -> Sequential {
        let outputs = data.classes ?? 1
        let weights = initializer(setting.initializer, tanh: p.activation == .tanh)
        let biases = biasInitializer(setting.initializer)
        var layers: [any Module] = []
        switch p.model {
        case .cnn:
            guard data.inputShape.count == 3 else {
                throw Diagnostic("model: cnn needs images; use it with dataset: digits or fashion-mnist")
            }
            // Two 2×2 poolings: an 8×8 digit ends 2×2, a 28×28 picture 7×7.
            let side = data.inputShape[1] / 4
            let (c1, c2) = (p.channels[0], p.channels[1])
            // A convolution followed by batch norm needs no bias: BN's β does its job.
            layers.append(Conv2d(1, c1, kernelSize: 3, padding: 1, bias: !setting.batchNorm, weightInitializer: weights,
                                 biasInitializer: biases, using: &generator))
            if setting.batchNorm { layers.append(try BatchNorm2d(c1)) }
            layers += [ReLU(), MaxPool2d(kernelSize: 2)]
            layers.append(Conv2d(c1, c2, kernelSize: 3, padding: 1, bias: !setting.batchNorm, weightInitializer: weights,
                                 biasInitializer: biases, using: &generator))
            if setting.batchNorm { layers.append(try BatchNorm2d(c2)) }
            layers += [ReLU(), MaxPool2d(kernelSize: 2), Flatten()]
            var width = c2 * side * side
            for hidden in p.cnnHidden {
                if setting.dropout > 0 { layers.append(try Dropout(probability: Float(setting.dropout), seed: generator.next())) }
                layers.append(Linear(width, hidden, bias: !setting.batchNorm, weightInitializer: weights, biasInitializer: biases,
                                     using: &generator))
                if setting.batchNorm { layers.append(try BatchNorm1d(hidden)) }
                layers.append(ReLU())
                width = hidden
            }
            if setting.dropout > 0 { layers.append(try Dropout(probability: Float(setting.dropout), seed: generator.next())) }
            layers.append(Linear(width, outputs, weightInitializer: weights, biasInitializer: biases, using: &generator))
        case .mlp:
            var width = data.inputShape.reduce(1, *)
            for hidden in p.hidden {
                layers.append(Linear(width, hidden, weightInitializer: weights, biasInitializer: biases, using: &generator))
                if setting.batchNorm { layers.append(try BatchNorm1d(hidden)) }
                switch p.activation {
                case .relu: layers.append(ReLU())
                case .tanh: layers.append(Tanh())
                case .sigmoid: layers.append(Sigmoid())
                }
                if setting.dropout > 0 { layers.append(try Dropout(probability: Float(setting.dropout), seed: generator.next())) }
                width = hidden
            }
            layers.append(Linear(width, outputs, weightInitializer: weights, biasInitializer: biases, using: &generator))
        case .linear:
            layers.append(Linear(data.inputShape.reduce(1, *), outputs, weightInitializer: weights, biasInitializer: biases,
                                 using: &generator))
        }
        return Sequential(layers)
    }

    /// The weights' initializer; Xavier's gain and Kaiming's nonlinearity follow `tanh` (relu otherwise).
    static func initializer(_ kind: TrainClassifier.Initialization, tanh: Bool) -> Initializer {
        switch kind {
        case .pytorchDefault: return .pytorchDefaultWeight
        case .normal: return .normal(std: 1)
        case .small: return .normal(std: 0.01)
        case .xavier: return .xavierNormal(gain: tanh ? 5.0 / 3 : 1)
        case .kaiming: return .kaimingNormal(nonlinearity: tanh ? .tanh : .relu)
        }
    }

    /// The biases' initializer: PyTorch's default initializes biases too (nil: `Linear`'s and `Conv2d`'s own
    /// default); the others start them at zero (lesson 6 says why).
    static func biasInitializer(_ kind: TrainClassifier.Initialization) -> Initializer? {
        kind == .pytorchDefault ? nil : .zeros
    }

    /// The schedule over `steps` optimizer steps, peaking at the run's learning rate.
    static func schedule(_ setting: TrainingSetting, steps: Int, warmupFraction: Double) throws -> LearningRateSchedule? {
        try schedule(named: setting.schedule, learningRate: setting.learningRate, steps: steps, warmupFraction: warmupFraction)
    }

    /// The schedule over `steps` optimizer steps, peaking at `learningRate`; nil for constant. The
    /// `schedules` experiment draws these same curves.
    static func schedule(named name: TrainClassifier.Schedule, learningRate: Double, steps: Int, warmupFraction: Double) throws -> LearningRateSchedule? {
        let lr = learningRate
        let steps = max(steps, 1)
        let warmup = warmupSteps(steps: steps, warmupFraction: warmupFraction)
        switch name {
        // At least step 1: a run of one step (one epoch of one batch) has no step 0 to decay at.
        case .constant: return nil
        case .step: return try .multiStep(initial: lr, milestones: [max(steps / 2, 1), max(steps * 3 / 4, 1)], gamma: 0.1)
        case .exponential: return try .exponential(initial: lr, gamma: exponentialGamma(steps: steps))
        case .inverseTime: return try .inverseTime(initial: lr, decay: inverseTimeDecay(steps: steps))
        case .cosine: return try .cosineAnnealing(initial: lr, period: steps)
        case .warmup: return try .linearWarmup(peak: lr, steps: warmup, startFactor: 0.01)
        case .warmupCosine:
            return try LearningRateSchedule.linearWarmup(peak: lr, steps: warmup, startFactor: 0.01)
                .then(.cosineAnnealing(initial: lr, period: max(steps - warmup, 1)), at: warmup)
        }
    }

    /// How many steps a warmup ramps over: `warmupFraction` of them, at least one.
    static func warmupSteps(steps: Int, warmupFraction: Double) -> Int {
        max(1, Int((Double(max(steps, 1)) * warmupFraction).rounded()))
    }

    /// γ with γ^steps = 0.01: the exponential schedule ends at 1% of its start.
    static func exponentialGamma(steps: Int) -> Double { pow(0.01, 1 / Double(max(steps, 1))) }

    /// k with 1 + k·steps = 10: the inverse-time schedule ends at a tenth of its start.
    static func inverseTimeDecay(steps: Int) -> Double { 9 / Double(max(steps, 1)) }

    /// The augmentation of `data`'s inputs; nil for none.
    static func augmentation(_ kind: TrainClassifier.AugmentationKind, data: TrainingData) throws -> Augmentation? {
        switch kind {
        case .none: return nil
        case .noise: return try .gaussianNoise(std: 0.1)
        case .shift, .flip, .crop, .erase, .flipCrop:
            guard let image = data.imageShape else {
                throw Diagnostic("augmentation '\(kind.rawValue)' needs images; use it with dataset: digits or fashion-mnist")
            }
            // A crop pads by a seventh of the side, as 4 pixels pad CIFAR's 32: 1 pixel of a digit, 4 of a 28×28 picture.
            let padding = max(1, image[1] / 7)
            let move: Augmentation = switch kind {
            case .flip: try .horizontalFlip()
            case .crop: try .randomCrop(size: image[1], padding: padding)
            case .erase: try .randomErasing(probability: 0.5)
            case .flipCrop: .sequence([try .horizontalFlip(), try .randomCrop(size: image[1], padding: padding)])
            default: try .randomShift(maxShift: 1)
            }
            guard data.inputShape != image else { return move }
            // A linear model or an MLP reads each digit as 64 numbers: move the pixels of its 8×8 picture, then
            // flatten it again.
            return Augmentation(name: move.name) { batch, generator in
                move(batch.reshape([batch.shape[0]] + image), using: &generator).reshape(batch.shape)
            }
        }
    }
}
