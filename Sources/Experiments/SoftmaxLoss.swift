import Engine
import Foundation
import Lessons

/// Softmax and cross-entropy of one logit vector, class by class: the probabilities, the loss
/// −log p_y, and the same loss computed naively (exp, sum, divide, log), which breaks down once a
/// logit is large enough for exp to overflow a Float.
///
/// The probabilities and the loss go through the engine (`softmax`, `logSoftmax`, `logSumExp`,
/// `crossEntropy`), which subtracts the largest logit first. The naive path is written out here on
/// purpose, in Float as the engine computes, because its failure is the lesson.
public struct SoftmaxLoss: Experiment {
    public static let name = "softmax"
    public static let summary = "Softmax probabilities and the cross-entropy −log p_y of one logit vector, naive and with log-sum-exp."

    /// The logits, the true class, and what to show.
    public struct Parameters: ExperimentParameters {
        /// One score per class.
        public var logits = [2.0, 1.0, 0.1, -1.0]
        /// The index of the true class.
        public var label = 0
        /// Whether to show exp(z) and the naive loss beside the stable one.
        public var naive = true
        /// Whether to show the class-by-class table.
        public var table = true
        /// Whether to draw −log p against p.
        public var curve = false

        public init() {}

        public static var parameters: [Parameter<Self>] {
            [
                .numbers("logits", \.logits, in: -10_000...10_000, count: 2...16, "The logits z, one per class."),
                .integer("label", \.label, in: 0...15, "The true class y (counted from 0); it must be below the number of logits."),
                .flag("naive", \.naive, "Also compute exp(z) and the loss naively, −log(e^z_y / Σ e^z_j), in Float."),
                .flag("table", \.table, "Show the table of logits, probabilities and −log p per class."),
                .flag("curve", \.curve, "Draw the loss −log p against the true class's probability p."),
            ]
        }
    }

    /// The naive computation: exponentiate, sum, divide, take the log. Float, like the engine.
    struct Naive {
        var exps: [Float]
        var loss: Float

        init(logits: [Float], label: Int) {
            exps = logits.map { Foundation.exp($0) }
            let total = exps.reduce(0, +)
            loss = -Foundation.log(exps[label] / total)
        }
    }

    /// The engine's computation: probabilities, log-probabilities, log-sum-exp and the loss.
    struct Stable {
        var probabilities: [Float]
        var logProbabilities: [Float]
        var logSumExp: Float
        /// log Σ e^(z_j − m), the log-sum-exp of the logits less their largest, m.
        var shiftedLogSumExp: Float
        var loss: Float

        init(logits: [Float], label: Int) {
            let z = Tensor(logits, shape: [1, logits.count])
            probabilities = z.softmax(axis: 1).scalars
            logProbabilities = z.logSoftmax(axis: 1).scalars
            logSumExp = z.logSumExp(axis: 1).item
            let m = logits.max() ?? 0
            shiftedLogSumExp = Tensor(logits.map { $0 - m }, shape: [1, logits.count]).logSumExp(axis: 1).item
            loss = crossEntropy(logits: z, labels: [label]).item
        }
    }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        let classes = p.logits.count
        guard p.label < classes else {
            throw Diagnostic("label \(p.label) is not a class: with \(classes) logits the classes are 0 to \(classes - 1)",
                             hint: "Give a label below \(classes), or more logits.")
        }
        let logits = p.logits.map(Float.init)
        let stable = Stable(logits: logits, label: p.label)
        let naive = Naive(logits: logits, label: p.label)
        let pTrue = Double(stable.probabilities[p.label])

        var result = ExperimentResult()
        if p.table { result.figure(table(p, stable: stable, naive: naive)) }
        result.text(lossLines(p, stable: stable, naive: naive).joined(separator: "\n"))
        if p.curve { result.figure(curve(pTrue: pTrue, loss: Double(stable.loss))) }

        result.metric("loss", Double(stable.loss))
        result.metric("naive_loss", Double(naive.loss))
        result.metric("naive_finite", naive.loss.isFinite)
        result.metric("stable_finite", stable.loss.isFinite)
        result.metric("p_true", pTrue)
        result.metric("sum_p", stable.probabilities.reduce(0.0) { $0 + Double($1) })
        result.metric("log_sum_exp", Double(stable.logSumExp))
        result.metric("max_logit", p.logits.max() ?? 0)
        result.metric("uniform_loss", Foundation.log(Double(classes)))
        result.metric("classes", Double(classes))
        return result
    }

    private static func table(_ p: Parameters, stable: Stable, naive: Naive) -> Table {
        var columns: [Table.Column] = [.init("class"), .init("logit z", format: .significant(4))]
        if p.naive { columns.append(.init("exp(z)", format: .significant(4), nonFinite: "overflow")) }
        columns += [.init("p = softmax", format: .significant(3)), .init("−log p", format: .significant(4))]
        var table = Table(title: "Softmax of \(p.logits.count) logits", columns: columns,
                          caption: "p = softmax(z), computed with the largest logit m = \(format(p.logits.max() ?? 0)) "
                              + "subtracted first; −log p of the true class is the loss.")
        for j in p.logits.indices {
            var row: [Table.Cell] = [.text(j == p.label ? "\(j) (true)" : "\(j)"), .number(p.logits[j])]
            if p.naive {
                // exp of a very negative logit is 0 in Float: a value too small to store, not a true zero.
                let e = naive.exps[j]
                row.append(e == 0 ? .text("underflow") : .number(Double(e)))
            }
            row += [.number(Double(stable.probabilities[j])), .number(-Double(stable.logProbabilities[j]))]
            table.append(row)
        }
        return table
    }

    private static func lossLines(_ p: Parameters, stable: Stable, naive: Naive) -> [Phrase] {
        let y = p.label
        let m = p.logits.max() ?? 0
        var lines: [Phrase] = []
        if p.naive {
            var why: Phrase = ""
            if !naive.loss.isFinite {
                let overflow = naive.exps.contains { $0.isInfinite }
                why = overflow ? " (exp overflowed to ∞: a Float holds at most about 3.4 × 10^38)"
                    : " (every exp underflowed to 0)"
            }
            lines.append("Naive:         L = −log(e^z_\(y) / Σ e^z_j) = \(loss(naive.loss))\(why)")
        }
        // z_y − m is exact in Float for the logits a lesson shows; subtracted before the log-sum-exp is added, no
        // digit of the small result is lost to a large m (m + log Σ … − z_y would round m + log Σ … first).
        lines.append("Log-sum-exp:   L = log Σ e^(z_j − m) − (z_\(y) − m) = \(loss(stable.shiftedLogSumExp)) − "
                     + "(\(format(p.logits[y] - m))) = \(loss(stable.loss))")
        return lines
    }

    /// A loss as the text shows it: four significant digits, or NaN and ∞ by name.
    private static func loss(_ value: Float) -> String {
        NumberFormat.significant(4).format(Double(value))
    }

    /// −log p for p from 0.01 to 1, with the true class's point marked.
    private static func curve(pTrue: Double, loss: Double) -> LineChart {
        let ps = (1...100).map { Double($0) / 100 }
        var series: [LineChart.Series] = []
        // First, so that the point is drawn over the curve it lies on.
        if pTrue >= 0.01 {
            series.append(.init("the true class: p = \(NumberFormat.significant(3).format(pTrue)), "
                                + "L = \(NumberFormat.significant(3).format(loss))", x: [pTrue], y: [loss]))
        }
        series.append(.init("L = −log p", x: ps, y: ps.map { -Foundation.log($0) }))
        return LineChart(title: "The loss against the probability of the true class", xLabel: "p of the true class",
                         yLabel: "L = −log p", series: series)
    }
}

extension SoftmaxLoss.Parameters {
    /// The label must name one of the logits.
    public var conflict: String? {
        label < logits.count ? nil
            : "label \(label) is not a class: with \(logits.count) logits the classes are 0 to \(logits.count - 1); give a smaller label or more logits"
    }
}

extension SoftmaxLoss {
    /// One set of logits, so no run names.
    public static let metrics: MetricDeclaration? = MetricDeclaration([
        .init("loss"), .init("naive_loss"), .init("naive_finite"), .init("stable_finite"), .init("p_true"), .init("sum_p"),
        .init("log_sum_exp"), .init("max_logit"), .init("uniform_loss"), .init("classes"),
    ])
}
