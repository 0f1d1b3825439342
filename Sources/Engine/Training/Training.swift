/// How a training run goes: epochs, batches, the learning-rate schedule and early stopping.
public struct TrainingOptions: Sendable {
    /// The number of passes over the training data (fewer if early stopping or divergence ends the run).
    public var epochs: Int
    /// Examples per optimizer step.
    public var batchSize: Int
    /// Whether each epoch visits the training examples in a new (seeded) order.
    public var shuffle = true
    /// Whether to skip a last batch smaller than `batchSize`.
    public var dropLast = false
    /// Fixes the order of the batches and their augmentation.
    public var seed: UInt64 = 0
    /// The learning rate over the run; nil keeps the optimizer's own.
    public var schedule: LearningRateSchedule?
    /// Whether the schedule's t counts steps or epochs.
    public var scheduleUnit: ScheduleUnit = .epoch
    /// The loss to minimize.
    public var loss: Loss = .crossEntropy()
    /// Applied to each training batch's inputs, or nil.
    public var augmentation: Augmentation?
    /// Stops when the validation loss stops improving (needs a validation set), or nil.
    public var earlyStopping: EarlyStopping?
    /// A step loss above this multiple of the first step's loss counts as divergence, as a non-finite loss
    /// always does; nil for non-finite losses only. Cross-entropy is computed stably, so a classifier whose
    /// learning rate is far too large shows losses of 10⁷ that stay finite: without this, such a run would be
    /// called converging. A healthy run's loss never comes near 10,000 times its start.
    public var divergenceFactor: Float? = 10_000
    /// Called after each epoch with its record (progress bars); nil for none.
    public var onEpoch: (@Sendable (EpochRecord) -> Void)?

    /// Options with the two that every run must choose.
    public init(epochs: Int, batchSize: Int) {
        (self.epochs, self.batchSize) = (epochs, batchSize)
    }
}

/// Trains `model` with `optimizer` on `data` and returns what each epoch measured.
///
/// Each step zeroes the gradients, runs the model in training mode, computes the loss, runs backward and lets
/// the optimizer update the model (PyTorch's canonical loop). After each epoch the model is evaluated on
/// `validation`, if given. A loss that is not a finite number, or above `divergenceFactor` times the first
/// step's, ends the run: the history says at which step it diverged, and the model keeps that step's weights.
/// So does a validation loss that is not finite. The model is left in evaluation mode.
///
/// - Throws: `HyperparameterError` for options that cannot run (no epochs, a batch size below 1, early
///   stopping without a validation set). Divergence is not an error: it is in the history.
public func train<M: Module, O: Optimizer, D: Dataset>(_ model: inout M, optimizer: inout O, data: D, validation: D? = nil,
                                                       options: TrainingOptions) throws -> TrainingHistory {
    try require(options.epochs > 0, "train", "epochs \(options.epochs) must be positive")
    try require(options.earlyStopping == nil || validation != nil, "train", "early stopping watches the validation loss, so it needs a validation set")
    let loader = try DataLoader(data, batchSize: options.batchSize, shuffle: options.shuffle, dropLast: options.dropLast,
                                seed: options.seed, augmentation: options.augmentation)
    var history = TrainingHistory()
    var tracker = options.earlyStopping.map { EarlyStoppingTracker<M>($0) }
    var (step, firstLoss) = (0, Float.nan)
    training: for epoch in 1...options.epochs {
        model.train()
        var (lossSum, correct, seen, learningRate, isClassification) = (0.0, 0, 0, optimizer.learningRate, false)
        for batch in loader.batches(epoch: epoch - 1) {
            if let schedule = options.schedule { optimizer.learningRate = schedule(options.scheduleUnit == .step ? step : epoch - 1) }
            learningRate = optimizer.learningRate
            step += 1
            model.zeroGrad()
            let output = model(batch.inputs)
            let loss = options.loss(output, batch.targets)
            if step == 1 { firstLoss = loss.item }
            if let reason = divergence(of: loss.item, firstLoss: firstLoss, factor: options.divergenceFactor) {
                discardGraph()
                history.divergence = Divergence(step: step, epoch: epoch, loss: loss.item, reason: reason)
                break training
            }
            loss.backward()
            optimizer.step(&model)
            history.stepLosses.append(loss.item)
            lossSum += Double(loss.item) * Double(batch.targets.count)
            seen += batch.targets.count
            if case .classes(let labels) = batch.targets {
                isClassification = true
                correct += correctCount(logits: output.detach(), labels: labels)
            }
        }
        model.zeroGrad()
        var record = EpochRecord(epoch: epoch, trainLoss: Float(lossSum / Double(Swift.max(seen, 1))),
                                 trainAccuracy: isClassification ? Float(correct) / Float(Swift.max(seen, 1)) : nil,
                                 learningRate: learningRate)
        if let validation {
            let result = evaluate(model, on: validation, loss: options.loss)
            guard result.loss.isFinite else {
                history.divergence = Divergence(step: step, epoch: epoch, loss: result.loss, reason: .nonFiniteValidation)
                break training
            }
            (record.validationLoss, record.validationAccuracy) = (result.loss, result.accuracy)
        }
        history.epochs.append(record)
        options.onEpoch?(record)
        if tracker != nil, let validationLoss = record.validationLoss,
           tracker!.record(loss: validationLoss, epoch: epoch, model: model) {
            history.stoppedEarly = epoch < options.epochs
            break training
        }
    }
    if let tracker {
        history.bestEpoch = tracker.bestEpoch
        if let best = tracker.bestModel, history.divergence == nil { model = best }
    }
    model.eval()
    return history
}

/// Why `loss` ends the run, or nil if it does not.
private func divergence(of loss: Float, firstLoss: Float, factor: Float?) -> Divergence.Reason? {
    if !loss.isFinite { return .nonFinite }
    if let factor, firstLoss.isFinite, loss > factor * Swift.max(firstLoss, .leastNormalMagnitude) {
        return .exploded(threshold: factor * firstLoss)
    }
    return nil
}

/// Drops the graph recorded since the last backward pass (after a non-finite loss, no backward runs).
func discardGraph() { ThreadContext.current.tape.reset() }
