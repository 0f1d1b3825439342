import Engine
import Lessons

/// A `DataLoader` over a `TensorDataset` whose example i holds the number i, so each batch shows which
/// examples it read: how many batches an epoch makes with and without `dropLast`, and that shuffling gives
/// every epoch a new order that the seed fixes (PyTorch's `DataLoader(…, shuffle=True, drop_last=…)` with a
/// seeded generator).
public struct LoaderBatches: Experiment {
    public static let name = "data-loader"
    public static let summary = "A DataLoader's batches over a few epochs, with and without drop_last; seeded shuffling per epoch."

    /// The dataset's size, the batch size and the epochs shown.
    public struct Parameters: ExperimentParameters {
        /// Examples in the dataset.
        public var examples = 10
        /// Examples per batch.
        public var batchSize = 4
        /// Epochs shown.
        public var epochs = 2
        /// Whether each epoch visits the examples in a new order.
        public var shuffle = true

        public init() {}

        public static var parameters: [Parameter<Self>] {
            [
                .integer("examples", \.examples, in: 1...40, "Examples in the dataset; example i holds the number i."),
                .integer("batch_size", \.batchSize, in: 1...40, "Examples per batch."),
                .integer("epochs", \.epochs, in: 1...4, "Epochs shown, each from both loaders."),
                .flag("shuffle", \.shuffle, "Whether each epoch visits the examples in a new random order (seeded by the cell's seed)."),
            ]
        }
    }

    /// The examples each batch of `epoch` read, from the batches' own inputs.
    static func examples<D: Dataset>(_ loader: DataLoader<D>, epoch: Int) -> [[Int]] {
        loader.batches(epoch: epoch).map { batch in batch.inputs.scalars.map { Int($0) } }
    }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        let dataset = TensorDataset(inputs: Tensor((0..<p.examples).map(Float.init), shape: [p.examples, 1]),
                                    labels: (0..<p.examples).map { $0 % 2 })
        let keep = try DataLoader(dataset, batchSize: p.batchSize, shuffle: p.shuffle, dropLast: false, seed: context.seed)
        let drop = try DataLoader(dataset, batchSize: p.batchSize, shuffle: p.shuffle, dropLast: true, seed: context.seed)

        var result = ExperimentResult()
        var table = Table(title: "DataLoader(batchSize: \(p.batchSize), shuffle: \(p.shuffle ? "true" : "false"))",
                          columns: [.init("epoch", format: .integer), .init("dropLast"), .init("batch", format: .integer),
                                    .init("examples"), .init("size", format: .integer)],
                          caption: "\(p.examples) examples; example i holds the number i. Both loaders have the same seed.")
        var epochs: [[[Int]]] = []
        for epoch in 0..<p.epochs {
            for (loader, name) in [(keep, "false"), (drop, "true")] {
                let batches = examples(loader, epoch: epoch)
                if loader.dropLast == false { epochs.append(batches) }
                for (index, batch) in batches.enumerated() {
                    table.append([.number(Double(epoch + 1)), .text(Phrase(verbatim: name)), .number(Double(index + 1)),
                                  .text(Phrase(verbatim: batch.map(String.init).joined(separator: " "))), .number(Double(batch.count))])
                }
                if batches.isEmpty {
                    table.append([.number(Double(epoch + 1)), .text(Phrase(verbatim: name)), .empty, "no batch", 0])
                }
            }
        }
        result.figure(table)

        let first = epochs[0]
        let sorted = first.flatMap { $0 }.sorted()
        let replay = try DataLoader(dataset, batchSize: p.batchSize, shuffle: p.shuffle, seed: context.seed)
        let other = try DataLoader(dataset, batchSize: p.batchSize, shuffle: p.shuffle, seed: context.seed &+ 1)
        result.metric("batches", Double(keep.batchCount))
        result.metric("batches_drop_last", Double(drop.batchCount))
        result.metric("last_batch_size", Double(first.last?.count ?? 0))
        result.metric("dropped_per_epoch", Double(p.examples - drop.batchCount * p.batchSize))
        result.metric("every_example_once", epochs.allSatisfy { $0.flatMap { $0 }.sorted() == Array(0..<p.examples) } && sorted.count == p.examples)
        result.metric("epochs_differ", p.epochs > 1 && epochs[1] != first)
        result.metric("same_seed_same_batches", examples(replay, epoch: 0) == first)
        result.metric("other_seed_differs", examples(other, epoch: 0) != first)
        return result
    }
}

extension LoaderBatches {
    /// One dataset, two loaders, no runs.
    public static let metrics: MetricDeclaration? = MetricDeclaration([
        .init("batches"), .init("batches_drop_last"), .init("last_batch_size"), .init("dropped_per_epoch"),
        .init("every_example_once"), .init("epochs_differ"), .init("same_seed_same_batches"), .init("other_seed_differs"),
    ])
}
