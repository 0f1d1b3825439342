/// What a model should predict for each example of a batch: class labels or real values.
public enum Targets {
    /// One class index per example, in 0..<classes.
    case classes([Int])
    /// A tensor whose first dimension is the example (e.g. [n, 1] for regression).
    case values(Tensor)

    /// The number of examples.
    public var count: Int {
        switch self {
        case .classes(let labels): return labels.count
        case .values(let values): return values.shape.first ?? 0
        }
    }

    /// The targets of the examples at `indices`, in that order.
    public func select(_ indices: [Int]) -> Targets {
        switch self {
        case .classes(let labels): return .classes(indices.map { labels[$0] })
        case .values(let values): return .values(values.indexSelect(indices))
        }
    }
}

/// A batch of examples: inputs stacked along the first dimension, and their targets.
public struct Batch {
    /// The inputs, [n, …].
    public var inputs: Tensor
    /// The targets of the n examples.
    public var targets: Targets

    /// A batch of inputs and targets.
    public init(inputs: Tensor, targets: Targets) {
        self.inputs = inputs
        self.targets = targets
    }

    /// The class labels, or an empty array for real-valued targets.
    public var labels: [Int] {
        if case .classes(let labels) = targets { return labels }
        return []
    }
}

/// A collection of examples that can be read in batches by index (PyTorch's map-style `Dataset`).
public protocol Dataset {
    /// The number of examples.
    var count: Int { get }
    /// The examples at `indices` (each in 0..<count), stacked in that order.
    func batch(_ indices: [Int]) -> Batch
}

/// A dataset held in memory as one input tensor and its targets (PyTorch's `TensorDataset`).
public struct TensorDataset: Dataset {
    /// The inputs, one example per entry along the first dimension.
    public var inputs: Tensor
    /// One target per example.
    public var targets: Targets
    /// The number of classes, for classification (labels lie in 0..<classCount); nil for regression.
    public var classCount: Int?

    /// A classification dataset; the number of classes defaults to the largest label plus one.
    public init(inputs: Tensor, labels: [Int], classCount: Int? = nil) {
        precondition(inputs.rank >= 1 && inputs.shape[0] == labels.count,
                     "TensorDataset: inputs of shape \(inputs.shape) do not match \(labels.count) labels")
        precondition(labels.allSatisfy { $0 >= 0 }, "TensorDataset: labels must be non-negative")
        self.inputs = inputs.detach()
        targets = .classes(labels)
        self.classCount = classCount ?? (labels.max().map { $0 + 1 } ?? 0)
    }

    /// A regression dataset with real-valued targets ([n, …]).
    public init(inputs: Tensor, values: Tensor) {
        precondition(inputs.rank >= 1 && values.rank >= 1 && inputs.shape[0] == values.shape[0],
                     "TensorDataset: inputs of shape \(inputs.shape) do not match targets of shape \(values.shape)")
        self.inputs = inputs.detach()
        targets = .values(values.detach())
        classCount = nil
    }

    /// The number of examples.
    public var count: Int { inputs.shape[0] }

    /// The class labels, or an empty array for regression.
    public var labels: [Int] { Batch(inputs: inputs, targets: targets).labels }

    /// The examples at `indices`, stacked in that order.
    public func batch(_ indices: [Int]) -> Batch {
        Batch(inputs: inputs.indexSelect(indices), targets: targets.select(indices))
    }

    /// A dataset of the examples at `indices` (PyTorch's `Subset`, copied).
    public func subset(_ indices: [Int]) -> TensorDataset {
        var result = self
        (result.inputs, result.targets) = (inputs.indexSelect(indices), targets.select(indices))
        return result
    }

    /// The examples shuffled with `seed` and cut into consecutive parts of the given sizes, which must add up
    /// to `count` (PyTorch's `random_split`).
    public func randomSplit(_ sizes: [Int], seed: UInt64) -> [TensorDataset] {
        precondition(sizes.allSatisfy { $0 >= 0 } && sizes.reduce(0, +) == count,
                     "randomSplit: sizes \(sizes) do not add up to the \(count) examples")
        var generator = SeededGenerator(seed: seed)
        let order = permutation(count, using: &generator)
        var start = 0
        return sizes.map { size in
            defer { start += size }
            return subset(Array(order[start..<(start + size)]))
        }
    }
}

/// A random permutation of 0..<n by the Fisher–Yates shuffle, written out (rather than Swift's `shuffle`,
/// whose algorithm is not specified) so that a seed gives the same order with every Swift version.
public func permutation(_ n: Int, using generator: inout SeededGenerator) -> [Int] {
    var order = Array(0..<n)
    if n < 2 { return order }
    for i in stride(from: n - 1, to: 0, by: -1) {
        order.swapAt(i, randomIndex(below: i + 1, using: &generator))
    }
    return order
}

/// A uniform integer in 0..<bound by Lemire's multiply-shift (bias below 2⁻³² for the sizes used here).
func randomIndex(below bound: Int, using generator: inout SeededGenerator) -> Int {
    Int((UInt64(generator.next() >> 32) &* UInt64(bound)) >> 32)
}
