/// Reads a dataset in batches, optionally shuffled and augmented (PyTorch's `DataLoader`).
///
/// The order of each epoch is a function of the seed and the epoch number only, so an epoch can be
/// replayed, and the same seed gives the same batches on every run.
///
/// ```swift
/// let loader = try DataLoader(train, batchSize: 32, shuffle: true, seed: 7)
/// for batch in loader.batches(epoch: 0) { … }
/// ```
public struct DataLoader<Data: Dataset> {
    /// The examples.
    public let dataset: Data
    /// Examples per batch (the last batch may be smaller unless `dropLast`).
    public let batchSize: Int
    /// Whether each epoch visits the examples in a new random order.
    public let shuffle: Bool
    /// Whether to skip a last batch smaller than `batchSize`.
    public let dropLast: Bool
    /// Fixes the order and the augmentation of every epoch.
    public let seed: UInt64
    /// Applied to each batch's inputs (training data only), or nil.
    public let augmentation: Augmentation?

    /// A loader; the batch size must be positive.
    public init(_ dataset: Data, batchSize: Int, shuffle: Bool = false, dropLast: Bool = false, seed: UInt64 = 0,
                augmentation: Augmentation? = nil) throws {
        try require(batchSize > 0, "DataLoader", "batch size \(batchSize) must be positive")
        (self.dataset, self.batchSize, self.shuffle, self.dropLast) = (dataset, batchSize, shuffle, dropLast)
        (self.seed, self.augmentation) = (seed, augmentation)
    }

    /// The number of batches per epoch.
    public var batchCount: Int {
        dropLast ? dataset.count / batchSize : (dataset.count + batchSize - 1) / batchSize
    }

    /// The indices of each batch of epoch `epoch`.
    public func indexBatches(epoch: Int) -> [[Int]] {
        var generator = SeededGenerator(seed: streamSeed(epoch: epoch, stream: 0))
        let order = shuffle ? permutation(dataset.count, using: &generator) : Array(0..<dataset.count)
        return (0..<batchCount).map { b in Array(order[(b * batchSize)..<Swift.min((b + 1) * batchSize, order.count)]) }
    }

    /// The batches of epoch `epoch`, augmented if the loader has an augmentation.
    public func batches(epoch: Int) -> [Batch] {
        var generator = SeededGenerator(seed: streamSeed(epoch: epoch, stream: 1))
        return indexBatches(epoch: epoch).map { indices in
            var batch = dataset.batch(indices)
            if let augmentation { batch.inputs = augmentation(batch.inputs, using: &generator) }
            return batch
        }
    }

    /// Independent seeds per epoch and purpose, so that turning augmentation on does not change the order.
    private func streamSeed(epoch: Int, stream: UInt64) -> UInt64 {
        var mixer = SeededGenerator(seed: seed ^ (UInt64(truncatingIfNeeded: epoch) &* 0x9E37_79B9_7F4A_7C15) ^ (stream << 62))
        return mixer.next()
    }
}
