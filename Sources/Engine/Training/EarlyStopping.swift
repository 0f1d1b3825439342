/// Stops training when the validation loss has not improved for `patience` epochs, and puts back the weights
/// of the best epoch (Keras's `EarlyStopping(restore_best_weights=True)`; Prechelt, "Early Stopping – But
/// When?", 1998).
public struct EarlyStopping: Sendable {
    /// How many epochs without improvement end the run.
    public let patience: Int
    /// How much lower than the best so far a loss must be to count as an improvement.
    public let minDelta: Float
    /// Whether the model ends with the best epoch's weights (true) or the last epoch's.
    public let restoreBestWeights: Bool

    /// Checks that patience is positive and the minimum improvement non-negative.
    public init(patience: Int, minDelta: Float = 0, restoreBestWeights: Bool = true) throws {
        try require(patience > 0, "EarlyStopping", "patience \(patience) must be positive")
        try require(minDelta >= 0, "EarlyStopping", "minimum improvement \(minDelta) must be non-negative")
        (self.patience, self.minDelta, self.restoreBestWeights) = (patience, minDelta, restoreBestWeights)
    }
}

/// Early stopping's bookkeeping during one run: the best loss, its epoch and a snapshot of its model.
struct EarlyStoppingTracker<M: Module> {
    let rule: EarlyStopping
    private(set) var bestLoss = Float.infinity
    private(set) var bestEpoch: Int?
    private(set) var bestModel: M?
    private var epochsWithoutImprovement = 0

    init(_ rule: EarlyStopping) { self.rule = rule }

    /// Records an epoch's validation loss; returns true when the run should stop. A model is a value, so the
    /// snapshot is a copy that shares storage until the optimizer next writes.
    mutating func record(loss: Float, epoch: Int, model: M) -> Bool {
        if loss < bestLoss - rule.minDelta {
            (bestLoss, bestEpoch, epochsWithoutImprovement) = (loss, epoch, 0)
            if rule.restoreBestWeights { bestModel = model }
            return false
        }
        epochsWithoutImprovement += 1
        return epochsWithoutImprovement >= rule.patience
    }
}
