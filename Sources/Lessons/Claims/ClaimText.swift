import TextPlot

/// How claims' values are written in messages and under cells.
enum ClaimText {
    /// `a = 2.01e-7, b = 9.96e-7`, or an empty phrase when the claim read only yes/no metrics (their values
    /// are the verdict itself).
    static func values(_ metrics: [Metric]) -> Phrase {
        guard metrics.contains(where: { if case .number = $0.value { true } else { false } }) else { return Phrase(key: "") }
        return metrics.map { metric -> Phrase in
            switch metric.value {
            case .flag(let flag): return "\(metric.name) = \((flag ? "yes" : "no") as Phrase)"
            case .number(let number):
                let text = number == number.rounded() && abs(number) < 1e15
                    ? NumberFormat.integer.format(number) : NumberFormat.significant(3).format(number)
                return "\(metric.name) = \(text)"
            }
        }.joined(separator: ", ")
    }
}
