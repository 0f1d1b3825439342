import Engine
import Lessons

/// Turns finished runs into a table, curves and metrics.
struct TrainingReport {
    let parameters: TrainClassifier.Parameters
    let data: TrainingData
    let runs: [TrainingRun]

    private var classification: Bool { data.classes != nil }

    func result() -> ExperimentResult {
        var result = ExperimentResult()
        result.figure(table())
        for curve in parameters.curves where curve != .none {
            result.figure(chart(curve))
        }
        for run in runs { record(run, in: &result) }
        return result
    }

    private func table() -> Table {
        var columns: [Table.Column] = [.init("run")]
        columns.append(.init("train loss", format: .significant(3), nonFinite: "diverged", best: .lowest))
        columns.append(.init("val loss", format: .significant(3), nonFinite: "diverged", best: .lowest))
        if classification {
            columns.append(.init("train acc", format: .percent(1)))
            columns.append(.init("val acc", format: .percent(1), best: .highest))
            if data.test != nil { columns.append(.init("test acc", format: .percent(1), best: .highest)) }
        } else {
            columns.append(.init("‖w‖", format: .significant(3)))
        }
        columns.append(.init("outcome"))
        var table = Table(title: title, columns: columns, caption: caption)
        for run in runs {
            var row: [Table.Cell] = [.text(Phrase(verbatim: run.setting.title))]
            let diverged = run.history.diverged
            row.append(.number(diverged ? .nan : Double(run.train.loss)))
            row.append(.number(diverged ? .nan : Double(run.validation.loss)))
            if classification {
                row.append(.number(Double(run.train.accuracy ?? .nan)))
                row.append(.number(Double(run.validation.accuracy ?? .nan)))
                if let test = run.test { row.append(.number(Double(test.accuracy ?? .nan))) }
            } else {
                row.append(.number(run.weightNorm))
            }
            row.append(.text(outcome(run)))
            table.append(row)
        }
        return table
    }

    private var title: Phrase {
        let model: Phrase = switch parameters.model {
        case .mlp: "MLP \(([data.inputShape.reduce(1, *)] + parameters.hidden + [data.classes ?? 1]).map(String.init).joined(separator: "-"))"
        case .cnn: "CNN"
        case .linear: "linear model"
        }
        return "\(model) on \(parameters.dataset.rawValue), \(parameters.epochs) epoch\(parameters.epochs == 1 ? "" : "s")"
    }

    private var caption: Phrase {
        var parts: [Phrase] = ["\(data.train.count) training and \(data.validation.count) validation examples"]
        if let test = data.test { parts.append("\(test.count) test examples") }
        let first = runs.first?.setting
        if let first {
            var fixed: [Phrase] = []
            if parameters.optimizers.count == 1 { fixed.append(Phrase(verbatim: first.optimizer.rawValue)) }
            if parameters.learningRates.count == 1 { fixed.append("lr \(format(first.learningRate))") }
            if parameters.batchSizes.count == 1 { fixed.append(first.batchSize == 0 ? "full batch" : "batch \(first.batchSize)") }
            if parameters.weightDecays.count == 1, first.weightDecay > 0 { fixed.append("λ \(format(first.weightDecay))") }
            if !fixed.isEmpty { parts.append(fixed.joined(separator: ", ")) }
        }
        return parts.joined(separator: "; ") + "."
    }

    private func outcome(_ run: TrainingRun) -> Phrase {
        if let divergence = run.history.divergence { return "diverged at step \(divergence.step)" }
        if run.history.stoppedEarly, let best = run.history.bestEpoch {
            return "stopped at epoch \(run.history.epochs.count), best \(best)"
        }
        return "trained"
    }

    private func chart(_ curve: TrainClassifier.Curve) -> LineChart {
        let names: [TrainClassifier.Curve: Phrase] = [.trainLoss: "training loss", .valLoss: "validation loss",
                     .trainAccuracy: "training accuracy", .valAccuracy: "validation accuracy", .stepLoss: "loss per step"]
        let titles: [TrainClassifier.Curve: Phrase] = [.trainLoss: "Training loss", .valLoss: "Validation loss",
                                        .trainAccuracy: "Training accuracy", .valAccuracy: "Validation accuracy",
                                        .stepLoss: "Loss per step"]
        let isLoss = curve.isLoss
        let series: [LineChart.Series] = runs.map { run in
            let name = Phrase(verbatim: run.setting.title)
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
        return LineChart(title: titles[curve] ?? Phrase(verbatim: curve.rawValue),
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

    private func record(_ run: TrainingRun, in result: inout ExperimentResult) {
        let name = run.setting.label
        let diverged = run.history.diverged
        result.metric("\(name).diverged", diverged)
        result.metric("\(name).train_loss", diverged ? .infinity : Double(run.train.loss))
        result.metric("\(name).val_loss", diverged ? .infinity : Double(run.validation.loss))
        if let accuracy = run.train.accuracy { result.metric("\(name).train_accuracy", Double(accuracy)) }
        if let accuracy = run.validation.accuracy { result.metric("\(name).val_accuracy", Double(accuracy)) }
        if let accuracy = run.test?.accuracy { result.metric("\(name).test_accuracy", Double(accuracy)) }
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
        if let divergence = run.history.divergence { result.metric("\(name).diverged_step", Double(divergence.step)) }
        let losses = run.history.stepLosses.map(Double.init)
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
