import TextPlot

/// What an experiment returns: content to show below its cell, and metrics to check.
public struct ExperimentResult: Sendable {
    /// One piece of content.
    public enum Item: Sendable {
        /// A paragraph of prose (wrapped to the width).
        case text(String)
        /// A table or chart, rendered at the lesson's width, character set and color.
        case figure(any Renderable)
    }

    /// The content, in order.
    public var items: [Item]
    /// Named values that claims and exercises can refer to (`sgd_0.6.diverged`), in order.
    public var metrics: [Metric]

    /// Creates a result.
    public init(items: [Item] = [], metrics: [Metric] = []) {
        self.items = items
        self.metrics = metrics
    }

    /// Appends a paragraph.
    public mutating func text(_ text: String) {
        items.append(.text(text))
    }

    /// Appends a table or chart.
    public mutating func figure(_ figure: any Renderable) {
        items.append(.figure(figure))
    }

    /// Records a numeric metric.
    public mutating func metric(_ name: String, _ value: Double) {
        metrics.append(Metric(name: name, value: .number(value)))
    }

    /// Records a yes/no metric.
    public mutating func metric(_ name: String, _ value: Bool) {
        metrics.append(Metric(name: name, value: .flag(value)))
    }

    /// The metric with this name, if any.
    public func metric(named name: String) -> Metric.Value? {
        metrics.first { $0.name == name }?.value
    }
}

/// A named value produced by an experiment.
public struct Metric: Sendable, Equatable {
    /// A number or a yes/no.
    public enum Value: Sendable, Equatable {
        case number(Double)
        case flag(Bool)
    }

    /// The name, e.g. `sgd_0.6.final_loss`.
    public var name: String
    /// The value.
    public var value: Value
}
