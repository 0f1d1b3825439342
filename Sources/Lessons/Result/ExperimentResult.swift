/// What an experiment returns: the content to show below its cell, and metrics to check.
///
/// A result is data: paragraphs as phrases, tables and charts as the numbers and labels they show,
/// metrics by name. It holds no drawn text, so one result is cached once and drawn for the terminal,
/// as plain text, Markdown, JSON or HTML, in any language and at any width.
public struct ExperimentResult: Sendable, Hashable, Codable {
    /// One piece of content.
    public enum Item: Sendable, Hashable {
        /// A paragraph of prose.
        case text(Phrase)
        /// A table or chart.
        case figure(Figure)
    }

    /// The content, in order.
    public var items: [Item]
    /// Named values that claims and exercises can refer to (`sgd_lr0.6.diverged`), in order.
    public var metrics: [Metric]

    /// Creates a result.
    public init(items: [Item] = [], metrics: [Metric] = []) {
        self.items = items
        self.metrics = metrics
    }

    /// Appends a paragraph.
    public mutating func text(_ text: Phrase) {
        items.append(.text(text))
    }

    /// Appends a table or chart.
    public mutating func figure(_ figure: Figure) {
        items.append(.figure(figure))
    }

    /// Appends a table.
    public mutating func figure(_ table: Table) { figure(.table(table)) }
    /// Appends a line chart.
    public mutating func figure(_ chart: LineChart) { figure(.lineChart(chart)) }
    /// Appends a surface.
    public mutating func figure(_ surface: Surface) { figure(.surface(surface)) }
    /// Appends a histogram.
    public mutating func figure(_ histogram: Histogram) { figure(.histogram(histogram)) }
    /// Appends a bar chart.
    public mutating func figure(_ chart: BarChart) { figure(.barChart(chart)) }
    /// Appends sparklines.
    public mutating func figure(_ sparkline: Sparkline) { figure(.sparkline(sparkline)) }
    /// Appends pictures.
    public mutating func figure(_ grid: ImageGrid) { figure(.images(grid)) }

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

    /// The figures, in order.
    public var figures: [Figure] {
        items.compactMap { if case .figure(let figure) = $0 { figure } else { nil } }
    }
}

/// A named value produced by an experiment.
public struct Metric: Sendable, Hashable {
    /// A number or a yes/no.
    public enum Value: Sendable, Hashable {
        case number(Double)
        case flag(Bool)
    }

    /// The name, e.g. `sgd_lr0.6.final_loss`.
    public var name: String
    /// The value.
    public var value: Value

    /// A metric.
    public init(name: String, value: Value) {
        self.name = name
        self.value = value
    }
}

/// `{"name": "sgd_lr0.4.steps", "number": 94}` or `{"name": "sgd_lr0.4.diverged", "flag": false}`.
extension Metric: Codable {
    private enum Keys: String, CodingKey { case name, number, flag }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        name = try container.decode(String.self, forKey: .name)
        if let flag = try container.decodeIfPresent(Bool.self, forKey: .flag) {
            value = .flag(flag)
        } else {
            value = .number(try container.decode(Double.self, forKey: .number))
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        try container.encode(name, forKey: .name)
        switch value {
        case .number(let number): try container.encode(number, forKey: .number)
        case .flag(let flag): try container.encode(flag, forKey: .flag)
        }
    }
}

/// `{"kind": "text", "text": …}`, or a figure (`{"kind": "table", "table": {…}}`).
extension ExperimentResult.Item: Codable {
    private enum Keys: String, CodingKey { case kind, text }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        if try container.decode(String.self, forKey: .kind) == "text" {
            self = .text(try container.decode(Phrase.self, forKey: .text))
        } else {
            self = .figure(try Figure(from: decoder))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .text(let phrase):
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("text", forKey: .kind)
            try container.encode(phrase, forKey: .text)
        case .figure(let figure):
            try figure.encode(to: encoder)
        }
    }
}
