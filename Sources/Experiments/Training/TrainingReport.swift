import Engine
import Lessons

/// Turns finished runs into a table, curves and metrics: each setting's figures are the means of its
/// repeats (one run each, unless `repeats` asks for more), with their spread.
struct TrainingReport {
    let parameters: TrainClassifier.Parameters
    /// The first repeat's data (every repeat's sets have the same sizes).
    let data: TrainingData
    /// Each setting's runs, one per repeat.
    let runs: [[TrainingRun]]

    private var classification: Bool { data.classes != nil }
    private var repeated: Bool { parameters.repeats > 1 }
    private var showsTest: Bool { parameters.testSet && data.test != nil }

    func result() -> ExperimentResult {
        var result = ExperimentResult()
        result.figure(table())
        for curve in parameters.curves where curve != .none {
            result.figure(chart(curve))
        }
        for repeats in runs { record(repeats, in: &result) }
        return result
    }

    private func table() -> Table {
        var columns: [Table.Column] = [.init("run")]
        columns.append(.init("train loss", format: .significant(3), nonFinite: "diverged", best: .lowest))
        columns.append(.init("val loss", format: .significant(3), nonFinite: "diverged", best: .lowest))
        if classification {
            columns.append(.init("train acc", format: .percent(1), nonFinite: "–"))
            columns.append(.init("val acc", format: .percent(1), nonFinite: "–", best: .highest))
            if repeated { columns.append(.init("± sd", format: .percent(1), nonFinite: "–")) }
            // No star on the test set: settings are chosen on the validation set, never on the test set.
            if showsTest {
                columns.append(.init("test acc", format: .percent(1), nonFinite: "–"))
                if repeated { columns.append(.init("± sd", format: .percent(1), nonFinite: "–")) }
            }
        } else {
            columns.append(.init("‖w‖", format: .significant(3)))
        }
        columns.append(.init("outcome"))
        var table = Table(title: title, columns: columns, caption: caption)
        for repeats in runs {
            let run = repeats[0]
            let trained = repeats.filter { !$0.history.diverged }
            func mean(_ value: (TrainingRun) -> Double?) -> Double {
                let values = trained.compactMap(value)
                return values.isEmpty ? .nan : values.reduce(0, +) / Double(values.count)
            }
            func sd(_ value: (TrainingRun) -> Double?) -> Double { Self.spread(trained.compactMap(value)).sd }
            var row: [Table.Cell] = [.text(Phrase(verbatim: run.setting.title))]
            row.append(.number(mean { Double($0.train.loss) }))
            row.append(.number(mean { Double($0.validation.loss) }))
            if classification {
                row.append(.number(mean { $0.train.accuracy.map(Double.init) }))
                row.append(.number(mean { $0.validation.accuracy.map(Double.init) }))
                if repeated { row.append(.number(sd { $0.validation.accuracy.map(Double.init) })) }
                if showsTest {
                    row.append(.number(mean { $0.test?.accuracy.map(Double.init) }))
                    if repeated { row.append(.number(sd { $0.test?.accuracy.map(Double.init) })) }
                }
            } else {
                row.append(.number(mean { $0.weightNorm }))
            }
            row.append(.text(outcome(repeats)))
            table.append(row)
        }
        return table
    }

    /// The mean and sample standard deviation of `values` (sd 0 for one value, NaN for none).
    static func spread(_ values: [Double]) -> (mean: Double, sd: Double) {
        guard !values.isEmpty else { return (.nan, .nan) }
        let mean = values.reduce(0, +) / Double(values.count)
        guard values.count > 1 else { return (mean, 0) }
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        return (mean, variance.squareRoot())
    }

    private var title: Phrase {
        let model: Phrase = switch parameters.model {
        case .mlp: "MLP \(([data.inputShape.reduce(1, *)] + parameters.hidden + [data.classes ?? 1]).map(String.init).joined(separator: "-"))"
        case .cnn: "CNN"
        case .linear: "linear model"
        }
        return "\(model) on \(parameters.dataset.rawValue), \(Phrase.counted(parameters.epochs, "epoch", "epochs"))"
    }

    private var caption: Phrase {
        var parts: [Phrase] = ["\(data.train.count) training and \(data.validation.count) validation examples"]
        if showsTest, let test = data.test { parts.append("\(test.count) test examples") }
        let first = runs.first?.first?.setting
        if let first {
            var fixed: [Phrase] = []
            if parameters.optimizers.count == 1 { fixed.append(Phrase(verbatim: first.optimizer.rawValue)) }
            if parameters.learningRates.count == 1 { fixed.append("lr \(format(first.learningRate))") }
            if parameters.batchSizes.count == 1 { fixed.append(first.batchSize == 0 ? "full batch" : "batch \(first.batchSize)") }
            if parameters.weightDecays.count == 1, first.weightDecay > 0 { fixed.append("λ \(format(first.weightDecay))") }
            if !fixed.isEmpty { parts.append(fixed.joined(separator: ", ")) }
        }
        var caption = parts.joined(separator: "; ") + ". "
            + "Losses and accuracies: the final weights, evaluated on each whole set in evaluation mode."
        if repeated {
            caption = caption + " " + "Each figure is the mean of \(parameters.repeats) runs, each with its own seed (initial weights, batches, augmentation and, where the examples are drawn, which ones); ± sd is their standard deviation. A diverged run is left out of the means."
        }
        return caption
    }

    /// How a run ended, as the outcome column says it.
    enum State: Equatable {
        case diverged(step: Int)
        /// Validation accuracy within three standard errors of a guess (1/C over the validation set's size).
        case atChance
        case stopped(epochs: Int, best: Int)
        /// The last epoch's validation loss (training loss without validation) still beat every earlier one by 1 %.
        case improving
        case trained
    }

    /// Whether `run`'s validation accuracy is within noise of guessing: three standard errors of the
    /// share of right guesses, 1/C, over as many examples as the validation set has.
    func atChance(_ run: TrainingRun) -> Bool {
        guard let classes = data.classes, classes > 1, let accuracy = run.validation.accuracy, !run.history.diverged else {
            return false
        }
        let chance = 1 / Double(classes)
        let standardError = (chance * (1 - chance) / Double(max(data.validation.count, 1))).squareRoot()
        return abs(Double(accuracy) - chance) <= 3 * standardError
    }

    func state(_ run: TrainingRun) -> State {
        if let divergence = run.history.divergence { return .diverged(step: divergence.step) }
        if atChance(run) { return .atChance }
        if run.history.stoppedEarly, let best = run.history.bestEpoch { return .stopped(epochs: run.history.epochs.count, best: best) }
        let losses = run.history.epochs.map { $0.validationLoss ?? $0.trainLoss }
        if let last = losses.last, let earlier = losses.dropLast().min(), last < 0.99 * earlier { return .improving }
        return .trained
    }

    private func outcome(_ repeats: [TrainingRun]) -> Phrase {
        let states = repeats.map(state)
        func words(_ state: State, counted: Bool) -> Phrase {
            switch state {
            case .diverged(let step): counted ? "diverged" : "diverged at step \(step)"
            case .atChance: "at chance"
            case .stopped(let epochs, let best): counted ? "stopped early" : "stopped at epoch \(epochs), best \(best)"
            case .improving: "improving"
            case .trained: "trained"
            }
        }
        guard repeated else { return words(states[0], counted: false) }
        // Over repeats, what went wrong and in how many runs ("at chance 2/5"); otherwise whether any run was
        // still improving. Short, so that the column fits beside the numbers.
        var parts: [Phrase] = []
        for kind in [State.diverged(step: 0), .atChance, .stopped(epochs: 0, best: 0)] {
            let count = states.filter { Self.sameKind($0, kind) }.count
            if count > 0 { parts.append("\(words(kind, counted: true)) \(count)/\(repeats.count)") }
        }
        if !parts.isEmpty { return parts.joined(separator: ", ") }
        return states.contains(.improving) ? "improving" : "trained"
    }

    private static func sameKind(_ a: State, _ b: State) -> Bool {
        switch (a, b) {
        case (.diverged, .diverged), (.atChance, .atChance), (.stopped, .stopped), (.improving, .improving), (.trained, .trained): true
        default: false
        }
    }

    private func chart(_ curve: TrainClassifier.Curve) -> LineChart {
        // Training curves are measured during each epoch, on its batches as the weights moved, in training
        // mode (dropout on, batch statistics): not the table's train loss, which is the final weights
        // evaluated on the whole training set. Each label says which it is.
        let names: [TrainClassifier.Curve: Phrase] = [
            .trainLoss: "mean loss of the epoch's batches (training mode)", .valLoss: "validation loss",
            .trainAccuracy: "accuracy on the epoch's batches (training mode)", .valAccuracy: "validation accuracy",
            .stepLoss: "loss of the step's batch (training mode)",
        ]
        let titles: [TrainClassifier.Curve: Phrase] = [
            .trainLoss: "Training loss during each epoch", .valLoss: "Validation loss after each epoch",
            .trainAccuracy: "Training accuracy during each epoch", .valAccuracy: "Validation accuracy after each epoch",
            .stepLoss: "Loss per step",
        ]
        let isLoss = curve.isLoss
        let series: [LineChart.Series] = runs.map { repeats in
            let run = Self.meanCurves(repeats)
            var name = Phrase(verbatim: run.setting.title)
            // A diverged run's line just stops at its last whole epoch (or is not there at all): the legend
            // says why, and which repeats the mean leaves out.
            let diverged = repeats.filter(\.history.diverged).count
            if diverged == repeats.count {
                let drawn = curve == .stepLoss ? !run.history.stepLosses.isEmpty : !run.history.epochs.isEmpty
                name = name + " " + (drawn ? "(diverged)" : "(diverged, not drawn)")
            } else if diverged > 0 {
                name = name + " " + "(\(diverged) of \(repeats.count) diverged, left out)"
            } else if !repeated, run.history.stoppedEarly {
                // Until it stops, an early-stopped run draws the same line as one without: under it, unseen.
                name = name + " " + "(stopped at epoch \(run.history.epochs.count))"
            }
            if curve == .stepLoss {
                let losses = run.history.stepLosses.map(Double.init)
                guard parameters.xAxis == .examples else { return .init(name, losses) }
                return .init(name, x: examplesSeen(afterSteps: losses.count, run.setting), y: losses)
            }
            let values: [Double] = run.history.epochs.map { record in
                switch curve {
                case .valLoss: return record.validationLoss.map(Double.init) ?? .nan
                case .trainAccuracy: return record.trainAccuracy.map(Double.init) ?? .nan
                case .valAccuracy: return record.validationAccuracy.map(Double.init) ?? .nan
                case .trainLoss, .stepLoss, .none: return Double(record.trainLoss)
                }
            }
            let x: [Double] = run.history.epochs.map { record in
                parameters.xAxis == .examples ? Double(record.epoch * data.train.count) : Double(record.epoch)
            }
            return .init(name, x: x, y: values, best: isLoss ? .lowest : .highest)
        }
        let xLabel: Phrase = parameters.xAxis == .examples ? "examples seen" : curve == .stepLoss ? "step" : "epoch"
        var title = titles[curve] ?? Phrase(verbatim: curve.rawValue)
        if repeated { title = title + " " + "(mean of \(parameters.repeats) runs)" }
        return LineChart(title: title,
                         xLabel: xLabel, yLabel: names[curve], yScale: isLoss && parameters.logScale ? .log : .linear,
                         series: series)
    }

    /// How many training examples the first 1, 2, … `steps` steps have seen, so that step losses of
    /// different batch sizes share an axis; an epoch's last batch may be short, or dropped (`LoneBatch`).
    private func examplesSeen(afterSteps steps: Int, _ setting: TrainingSetting) -> [Double] {
        let count = data.train.count
        let batch = setting.batchSize == 0 ? count : min(setting.batchSize, count)
        let dropLast = LoneBatch.dropsLast(examples: count, batchSize: batch,
                                           batchNorm1d: setting.batchNorm && parameters.model == .mlp)
        let stepsPerEpoch = LoneBatch.stepsPerEpoch(examples: count, batchSize: batch, dropLast: dropLast)
        let perEpoch = dropLast ? count - 1 : count
        return (0..<steps).map { step in
            let (epoch, index) = step.quotientAndRemainder(dividingBy: stepsPerEpoch)
            return Double(epoch * perEpoch + min((index + 1) * batch, perEpoch))
        }
    }

    /// A run whose history is, epoch by epoch and step by step, the mean of `repeats`' (over those that
    /// reached that epoch or step, and did not diverge); the first run itself when there is one.
    static func meanCurves(_ repeats: [TrainingRun]) -> TrainingRun {
        var run = repeats[0]
        guard repeats.count > 1 else { return run }
        let trained = repeats.filter { !$0.history.diverged }
        guard !trained.isEmpty else { return run }
        func average(_ values: [Float]) -> Float { values.reduce(0, +) / Float(values.count) }
        func average(_ values: [Float?]) -> Float? {
            let present = values.compactMap { $0 }
            return present.isEmpty ? nil : average(present)
        }
        let epochs = trained.map(\.history.epochs.count).max() ?? 0
        run.history.epochs = (0..<epochs).map { index in
            let records = trained.compactMap { index < $0.history.epochs.count ? $0.history.epochs[index] : nil }
            var record = records[0]
            record.trainLoss = average(records.map(\.trainLoss))
            record.trainAccuracy = average(records.map(\.trainAccuracy))
            record.validationLoss = average(records.map(\.validationLoss))
            record.validationAccuracy = average(records.map(\.validationAccuracy))
            return record
        }
        let steps = trained.map(\.history.stepLosses.count).max() ?? 0
        run.history.stepLosses = (0..<steps).map { index in
            average(trained.compactMap { index < $0.history.stepLosses.count ? $0.history.stepLosses[index] : nil })
        }
        return run
    }

    private func record(_ repeats: [TrainingRun], in result: inout ExperimentResult) {
        guard repeated else { return record(repeats[0], in: &result) }
        // Each run's metrics, then per name: numbers as mean, _sd and _se over the runs that report them; a
        // yes-or-no as true only when it held in every run, and how many runs it held in as _count.
        var each = [ExperimentResult]()
        for run in repeats {
            var one = ExperimentResult()
            record(run, in: &one)
            each.append(one)
        }
        for metric in each[0].metrics {
            let values = each.compactMap { one in one.metrics.first { $0.name == metric.name }?.value }
            switch metric.value {
            case .flag:
                let held = values.filter { if case .flag(true) = $0 { true } else { false } }.count
                result.metric(metric.name, held == repeats.count)
                result.metric("\(metric.name)_count", Double(held))
            case .number:
                let numbers = values.compactMap { if case .number(let value) = $0 { value } else { nil } }
                let (mean, sd) = Self.spread(numbers)
                result.metric(metric.name, mean)
                result.metric("\(metric.name)_sd", sd)
                result.metric("\(metric.name)_se", sd / Double(numbers.count).squareRoot())
            }
        }
    }

    private func record(_ run: TrainingRun, in result: inout ExperimentResult) {
        let name = run.setting.label
        let diverged = run.history.diverged
        result.metric("\(name).diverged", diverged)
        result.metric("\(name).train_loss", diverged ? .infinity : Double(run.train.loss))
        result.metric("\(name).val_loss", diverged ? .infinity : Double(run.validation.loss))
        if let accuracy = run.train.accuracy { result.metric("\(name).train_accuracy", Double(accuracy)) }
        if let accuracy = run.validation.accuracy { result.metric("\(name).val_accuracy", Double(accuracy)) }
        if parameters.testSet, let accuracy = run.test?.accuracy { result.metric("\(name).test_accuracy", Double(accuracy)) }
        if let train = run.train.accuracy, let validation = run.validation.accuracy {
            result.metric("\(name).gap", Double(train - validation))
        }
        result.metric("\(name).weight_norm", run.weightNorm)
        result.metric("\(name).epochs", Double(run.history.epochs.count))
        if let best = run.history.bestEpoch { result.metric("\(name).best_epoch", Double(best)) }
        // The lowest validation loss of any epoch, whether or not early stopping kept that epoch's weights.
        let validationLosses = run.history.epochs.compactMap { record in record.validationLoss.map { ($0, record.epoch) } }
        if let lowest = validationLosses.min(by: { $0.0 < $1.0 }) {
            result.metric("\(name).lowest_val_loss", Double(lowest.0))
            result.metric("\(name).lowest_val_epoch", Double(lowest.1))
        }
        result.metric("\(name).stopped_early", run.history.stoppedEarly)
        if classification { result.metric("\(name).at_chance", atChance(run)) }
        if let divergence = run.history.divergence { result.metric("\(name).diverged_step", Double(divergence.step)) }
        let losses = run.history.stepLosses.map(Double.init)
        // The first mini-batch's loss, before any step: the untrained model's.
        if let first = losses.first { result.metric("\(name).first_loss", first) }
        // The worst mini-batch loss of the run: the spike a too-large early rate causes.
        if let peak = losses.max() { result.metric("\(name).peak_loss", peak) }
        if losses.count > 1 {
            // How much the loss jumps from one step to the next: the noise of small batches.
            let tail = losses.suffix(max(losses.count / 2, 2))
            let jumps = zip(tail, tail.dropFirst()).map { abs($1 - $0) }
            result.metric("\(name).step_noise", jumps.reduce(0, +) / Double(max(jumps.count, 1)))
        }
    }
}
