import Engine
import Lessons

/// One vector through the engine's `Dropout` layer, several times in training mode and once in evaluation
/// mode: what the layer does to its input in each.
///
/// In training, inverted dropout zeroes each element with probability p and multiplies the survivors by
/// 1/(1 − p), so every element keeps its value on average; in evaluation it passes the input through. The
/// averages are measured over many more draws than the table shows.
public struct DropoutModes: Experiment {
    public static let name = "dropout-modes"
    public static let summary = "A vector through Dropout in training mode (several draws) and in evaluation mode."

    /// The drop probability, the vector and how many draws to show and to average.
    public struct Parameters: ExperimentParameters {
        /// The probability p of zeroing an element.
        public var probability = 0.5
        /// The input vector.
        public var input = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0]
        /// Training-mode draws shown in the table.
        public var draws = 4
        /// Training-mode draws averaged for the metrics.
        public var samples = 2_000

        public init() {}

        public static var parameters: [Parameter<Self>] {
            [
                .number("probability", \.probability, in: 0...0.95, "The probability p that dropout zeroes an element."),
                .numbers("input", \.input, in: -1000...1000, count: 1...10, "The vector passed through the layer."),
                .integer("draws", \.draws, in: 1...20, "Training-mode passes shown in the table, each with a new mask."),
                .integer("samples", \.samples, in: 1...100_000, "Training-mode passes averaged for the metrics."),
            ]
        }
    }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        var layer = try Dropout(probability: Float(p.probability), seed: context.seed)
        let x = Tensor(p.input.map(Float.init))
        let n = p.input.count

        layer.train()
        var shown: [[Double]] = []
        var sums = [Double](repeating: 0, count: n)
        var (zeros, values) = (0, 0)
        var scales: [Double] = []
        for draw in 0..<max(p.draws, p.samples) {
            let y = layer(x).scalars.map(Double.init)
            if draw < p.draws { shown.append(y) }
            guard draw < p.samples else { continue }
            for i in 0..<n {
                sums[i] += y[i]
                values += 1
                if y[i] == 0, p.input[i] != 0 { zeros += 1 }
                if y[i] != 0, p.input[i] != 0 { scales.append(y[i] / p.input[i]) }
            }
        }
        layer.eval()
        let evaluated = layer(x).scalars.map(Double.init)

        var columns: [Table.Column] = [.init("pass")]
        columns += (1...n).map { .init("x\($0)", format: .significant(3)) }
        var table = Table(title: "Dropout with p = \(format(p.probability))", columns: columns,
                          caption: "Each training pass draws a new mask: a dropped element is 0, a kept one is "
                              + "multiplied by 1/(1 − p) = \(format(1 / (1 - p.probability))). The mean is over "
                              + "\(p.samples) training passes.")
        table.append([.text("input")] + p.input.map { .number($0) })
        for (index, row) in shown.enumerated() { table.append([.text("train \(index + 1)")] + row.map { .number($0) }) }
        let means = sums.map { $0 / Double(p.samples) }
        table.append([.text("train mean")] + means.map { .number($0) })
        table.append([.text("eval")] + evaluated.map { .number($0) })

        var result = ExperimentResult()
        result.figure(table)
        let inputMean = p.input.reduce(0, +) / Double(n)
        result.metric("probability", p.probability)
        result.metric("train.zero_fraction", Double(zeros) / Double(max(values, 1)))
        // Every kept element is scaled by the same factor; report the largest and smallest seen.
        result.metric("train.kept_scale_min", scales.min() ?? .nan)
        result.metric("train.kept_scale_max", scales.max() ?? .nan)
        result.metric("train.mean", means.reduce(0, +) / Double(n))
        result.metric("input.mean", inputMean)
        result.metric("train.largest_mean_error", zip(means, p.input).map { abs($0 - $1) }.max() ?? 0)
        result.metric("eval.unchanged", evaluated == p.input.map { Double(Float($0)) })
        result.metric("train.passes_differ", Set(shown.map { $0.map { $0 == 0 } }).count > 1)
        return result
    }
}

extension DropoutModes {
    /// Its parts are fixed: `train` and `eval` mode, and the input.
    public static let metrics: MetricDeclaration? = MetricDeclaration([
        .init("probability"), .init("train.zero_fraction"), .init("train.kept_scale_min"), .init("train.kept_scale_max"),
        .init("train.mean"), .init("input.mean"), .init("train.largest_mean_error"), .init("eval.unchanged"),
        .init("train.passes_differ"),
    ])
}
