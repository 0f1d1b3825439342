/// What one epoch of training measured.
public struct EpochRecord: Equatable, Sendable {
    /// The epoch's number, from 1.
    public var epoch: Int
    /// The mean training loss over the epoch's batches (weighted by batch size), measured as it trained.
    public var trainLoss: Float
    /// The fraction of training examples classified right as it trained (in training mode); nil for regression.
    public var trainAccuracy: Float?
    /// The loss on the validation set after the epoch (evaluation mode), if there is one.
    public var validationLoss: Float?
    /// The accuracy on the validation set after the epoch, if there is one and it is classification.
    public var validationAccuracy: Float?
    /// The learning rate of the epoch's last step.
    public var learningRate: Float
}

/// A run that stopped because its loss stopped being a finite number or exploded.
public struct Divergence: Equatable, Sendable {
    /// What counted as divergence.
    public enum Reason: Equatable, Sendable {
        /// The loss was infinite or NaN.
        case nonFinite
        /// The loss passed `TrainingOptions.divergenceFactor` times the first step's loss, this value.
        case exploded(threshold: Float)
        /// The training loss was finite but the validation loss after the epoch was not (the epoch's last
        /// update made the weights overflow); that epoch has no record.
        case nonFiniteValidation
    }

    /// The optimizer step (from 1, counted over the whole run) whose loss diverged.
    public var step: Int
    /// The epoch (from 1) in which that happened.
    public var epoch: Int
    /// The loss value of that step.
    public var loss: Float
    /// Why it counts as divergence.
    public var reason: Reason
}

/// Everything a training run measured, epoch by epoch: the data of a lesson's tables and plots.
public struct TrainingHistory: Equatable, Sendable {
    /// One record per completed epoch (an epoch cut short by divergence has none, so no row shows NaN).
    public var epochs: [EpochRecord] = []
    /// The loss of every optimizer step, in order (finite values only).
    public var stepLosses: [Float] = []
    /// Set when the run diverged.
    public var divergence: Divergence?
    /// The epoch with the lowest validation loss, when early stopping watched it.
    public var bestEpoch: Int?
    /// Whether early stopping ended the run before its last epoch.
    public var stoppedEarly = false

    /// Whether the run diverged.
    public var diverged: Bool { divergence != nil }
}
