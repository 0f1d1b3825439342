import Engine

/// Batch norm in training mode standardizes each feature over the batch, and a batch of one
/// example has nothing to standardize over: the engine stops the program on it (`batchNorm`'s
/// precondition). An MLP with batch norm must never be handed one, yet a batch size that leaves
/// a remainder of one (4 with the 1,257 digits) makes each epoch end on a single example.
enum LoneBatch {
    /// Whether an epoch of `examples` in batches of `batchSize` drops its last batch: only when
    /// that batch would be a single example and the model has `BatchNorm1d`, so that every run
    /// that worked before gives the same numbers.
    static func dropsLast(examples: Int, batchSize: Int, batchNorm1d: Bool) -> Bool {
        batchNorm1d && batchSize > 1 && examples % batchSize == 1
    }

    /// Optimizer steps in one epoch.
    static func stepsPerEpoch(examples: Int, batchSize: Int, dropLast: Bool) -> Int {
        dropLast ? examples / batchSize : (examples + batchSize - 1) / batchSize
    }
}
