import TextPlot

// The figures an experiment can return: the data of each table and chart with its labels as phrases,
// never drawn text. Each mirrors the TextPlot chart it is drawn with (same fields, same initializers),
// so that an experiment builds one as it would build the chart; `FigureDrawing` turns the words into a
// language and hands the figure to TextPlot.

/// How a number is written in a table or chart (TextPlot's `NumberFormat`).
public typealias NumberFormat = TextPlot.NumberFormat
/// Which value is best, the lowest or the highest (TextPlot's `Best`).
public typealias Best = TextPlot.Best

/// One table or chart of a result.
public enum Figure: Hashable, Sendable {
    case table(Table)
    case lineChart(LineChart)
    case surface(Surface)
    case histogram(Histogram)
    case barChart(BarChart)
    case sparkline(Sparkline)
    case images(ImageGrid)
}

/// A table of text and numbers (TextPlot's `Table`).
public struct Table: Hashable, Sendable, Codable {
    /// How a column places its cells.
    public typealias Alignment = TextPlot.Table.Alignment

    /// A column: its header, alignment, number format and best-value rule.
    public struct Column: Hashable, Sendable, Codable {
        public var header: Phrase
        public var alignment: Alignment?
        public var format: NumberFormat
        /// A word for NaN and ±infinity in this column ("diverged").
        public var nonFinite: Phrase?
        public var best: Best?

        public init(_ header: Phrase, alignment: Alignment? = nil, format: NumberFormat = .significant(4),
                    nonFinite: Phrase? = nil, best: Best? = nil) {
            self.header = header
            self.alignment = alignment
            self.format = format
            self.nonFinite = nonFinite
            self.best = best
        }
    }

    /// One cell: words, a number (formatted by its column) or nothing.
    public enum Cell: Hashable, Sendable, ExpressibleByStringInterpolation, ExpressibleByFloatLiteral,
        ExpressibleByIntegerLiteral
    {
        case text(Phrase)
        case number(Double)
        case empty

        public init(stringLiteral value: String) { self = .text(Phrase(stringLiteral: value)) }
        public init(stringInterpolation: Phrase.StringInterpolation) { self = .text(Phrase(stringInterpolation: stringInterpolation)) }
        public init(floatLiteral value: Double) { self = .number(value) }
        public init(integerLiteral value: Int) { self = .number(Double(value)) }
    }

    public var title: Phrase?
    public var columns: [Column]
    public var rows: [[Cell]]
    /// A note under the table.
    public var caption: Phrase?

    public init(title: Phrase? = nil, columns: [Column], rows: [[Cell]] = [], caption: Phrase? = nil) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.caption = caption
    }

    /// Adds a row at the bottom.
    public mutating func append(_ row: [Cell]) {
        rows.append(row)
    }
}

/// Lines over a shared x axis (TextPlot's `LineChart`).
public struct LineChart: Hashable, Sendable, Codable {
    /// Linear or log10 y axis.
    public typealias Scale = TextPlot.LineChart.Scale

    /// One line: its name in the legend and its points.
    public struct Series: Hashable, Sendable, Codable {
        public var name: Phrase
        /// The x values; nil means 0, 1, 2 …
        public var x: [Double]?
        public var y: [Double]
        public var best: Best?

        public init(_ name: Phrase, _ y: [Double], best: Best? = nil) {
            self.name = name
            self.x = nil
            self.y = y
            self.best = best
        }

        public init(_ name: Phrase, x: [Double], y: [Double], best: Best? = nil) {
            self.name = name
            self.x = x
            self.y = y
            self.best = best
        }
    }

    public var title: Phrase?
    public var xLabel: Phrase
    public var yLabel: Phrase?
    public var yScale: Scale
    public var series: [Series]

    public init(title: Phrase? = nil, xLabel: Phrase = "step", yLabel: Phrase? = nil, yScale: Scale = .linear,
                series: [Series]) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.yScale = yScale
        self.series = series
    }
}

/// A function of two variables as shaded levels, with paths on top (TextPlot's `Surface`).
public struct Surface: Hashable, Sendable, Codable {
    public typealias Style = TextPlot.Surface.Style
    public typealias Spacing = TextPlot.Surface.Spacing

    /// A trajectory over the surface.
    public struct Path: Hashable, Sendable, Codable {
        public var name: Phrase
        public var x: [Double]
        public var y: [Double]

        public init(_ name: Phrase, x: [Double], y: [Double]) {
            self.name = name
            let count = min(x.count, y.count)
            self.x = Array(x.prefix(count))
            self.y = Array(y.prefix(count))
        }

        public init(_ name: Phrase, points: [(Double, Double)]) {
            self.init(name, x: points.map(\.0), y: points.map(\.1))
        }
    }

    public var title: Phrase?
    public var xLabel: Phrase?
    public var yLabel: Phrase?
    /// The horizontal window, [low, high].
    public var x: ClosedRange<Double>
    /// The vertical window, [low, high].
    public var y: ClosedRange<Double>
    public var levels: Int
    public var spacing: Spacing
    public var style: Style
    public var paths: [Path]
    /// The function drawn, as data.
    public var function: Polynomial

    public init(title: Phrase? = nil, xLabel: Phrase? = "x", yLabel: Phrase? = "y", x: ClosedRange<Double>,
                y: ClosedRange<Double>, levels: Int = 5, spacing: Spacing = .quantile, style: Style = .shades,
                paths: [Path] = [], function: Polynomial) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.x = x
        self.y = y
        self.levels = levels
        self.spacing = spacing
        self.style = style
        self.paths = paths
        self.function = function
    }
}

/// A polynomial in x and y, Σ c·xᵖ·yᵠ: a surface's function kept as data rather than as code, so that a
/// stored result draws the same picture at any width.
public struct Polynomial: Hashable, Sendable, Codable {
    /// One term c·xᵖ·yᵠ.
    public struct Term: Hashable, Sendable, Codable {
        public var coefficient: Double
        public var xPower: Int
        public var yPower: Int

        public init(_ coefficient: Double, x xPower: Int = 0, y yPower: Int = 0) {
            self.coefficient = coefficient
            self.xPower = xPower
            self.yPower = yPower
        }
    }

    public var terms: [Term]

    public init(_ terms: [Term]) {
        self.terms = terms
    }

    /// The value at (x, y); terms are added in order.
    public func callAsFunction(_ x: Double, _ y: Double) -> Double {
        var sum = 0.0
        for term in terms {
            var value = term.coefficient
            // Powers are small whole numbers: repeated products, exact where the arithmetic is.
            for _ in 0..<min(max(term.xPower, 0), 16) { value *= x }
            for _ in 0..<min(max(term.yPower, 0), 16) { value *= y }
            sum += value
        }
        return sum
    }
}

/// Histograms of one or more sets of values on common bins (TextPlot's `Histogram`). The values are
/// counted into their bins when the histogram is made: a result keeps the counts, not every value.
public struct Histogram: Hashable, Sendable, Codable {
    public typealias Orientation = TextPlot.Histogram.Orientation
    /// The bins and each set's counts.
    public typealias Binning = TextPlot.Histogram.Binning
    /// A linear or log x axis.
    public typealias Scale = TextPlot.Histogram.Scale
    /// One x axis for every set, or one each.
    public typealias Axes = TextPlot.Histogram.Axes

    /// One set of values, as given to the histogram.
    public struct Group {
        public var name: Phrase
        public var values: [Double]

        public init(_ name: Phrase, _ values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    public var title: Phrase?
    /// Each set's name, top to bottom.
    public var names: [Phrase]
    /// The bins and each set's counts and statistics.
    public var binning: Binning
    public var orientation: Orientation
    public var sharedScale: Bool
    public var xLabel: Phrase?
    /// The height in lines unless the reader asks for one; nil for the chart's usual height.
    public var height: Int?

    /// Histograms of `groups` on about `bins` bins over `range` (nil: the values' own range), common to
    /// every set or, with `axes` `.perGroup`, each set's own; on a log `scale`, bins of equal ratios.
    public init(title: Phrase? = nil, groups: [Group], bins: Int = 20, range: ClosedRange<Double>? = nil,
                orientation: Orientation = .vertical, sharedScale: Bool = false, xLabel: Phrase? = nil,
                scale: Scale = .linear, axes: Axes = .shared) {
        self.title = title
        self.names = groups.map(\.name)
        self.binning = Binning(groups.map(\.values), bins: bins, range: range, scale: scale, axes: axes)
        self.orientation = orientation
        self.sharedScale = sharedScale
        self.xLabel = xLabel
    }

    /// The histogram of one set of values.
    public init(title: Phrase? = nil, values: [Double], name: Phrase = "", bins: Int = 20,
                range: ClosedRange<Double>? = nil, orientation: Orientation = .vertical, xLabel: Phrase? = nil,
                scale: Scale = .linear) {
        self.init(title: title, groups: [Group(name, values)], bins: bins, range: range, orientation: orientation,
                  xLabel: xLabel, scale: scale)
    }
}

/// Horizontal bars, one per label (TextPlot's `BarChart`).
public struct BarChart: Hashable, Sendable, Codable {
    /// One bar.
    public struct Bar: Hashable, Sendable, Codable {
        public var label: Phrase
        public var value: Double

        public init(_ label: Phrase, _ value: Double) {
            self.label = label
            self.value = value
        }
    }

    public var title: Phrase?
    public var bars: [Bar]
    public var format: NumberFormat
    public var nonFinite: Phrase?
    public var best: Best?

    public init(title: Phrase? = nil, bars: [Bar], format: NumberFormat = .significant(3), nonFinite: Phrase? = nil,
                best: Best? = nil) {
        self.title = title
        self.bars = bars
        self.format = format
        self.nonFinite = nonFinite
        self.best = best
    }
}

/// One-line charts, one per series (TextPlot's `Sparkline`).
public struct Sparkline: Hashable, Sendable, Codable {
    /// One line.
    public struct Line: Hashable, Sendable, Codable {
        public var name: Phrase
        public var values: [Double]

        public init(_ name: Phrase, _ values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    public var lines: [Line]
    public var sharedScale: Bool
    public var scale: LineChart.Scale
    public var format: NumberFormat

    public init(lines: [Line], sharedScale: Bool = false, scale: LineChart.Scale = .linear,
                format: NumberFormat = .significant(3)) {
        self.lines = lines
        self.sharedScale = sharedScale
        self.scale = scale
        self.format = format
    }

    public init(_ values: [Double], scale: LineChart.Scale = .linear, format: NumberFormat = .significant(3)) {
        self.init(lines: [Line("", values)], scale: scale, format: format)
    }
}

/// Small grayscale pictures with captions (TextPlot's `ImageGrid`).
public struct ImageGrid: Hashable, Sendable, Codable {
    public typealias Normalization = TextPlot.ImageGrid.Normalization

    /// One picture: rows of pixel values, and its caption.
    public struct Image: Hashable, Sendable, Codable {
        public var pixels: [[Double]]
        public var caption: Phrase

        public init(pixels: [[Double]], caption: Phrase = "") {
            self.pixels = pixels
            self.caption = caption
        }
    }

    public var title: Phrase?
    public var images: [Image]
    public var normalization: Normalization

    public init(title: Phrase? = nil, images: [Image], normalization: Normalization = .perImage) {
        self.title = title
        self.images = images
        self.normalization = normalization
    }
}

/// `{"kind": "table", "table": {…}}`, `{"kind": "line_chart", "line_chart": {…}}` and so on: the kind names
/// the field that holds the figure (keys are written in snake_case, see `ResultCoding`).
extension Figure: Codable {
    private enum Keys: String, CodingKey { case kind, table, lineChart, surface, histogram, barChart, sparkline, images }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch kind {
        case "table": self = .table(try container.decode(Table.self, forKey: .table))
        case "line_chart": self = .lineChart(try container.decode(LineChart.self, forKey: .lineChart))
        case "surface": self = .surface(try container.decode(Surface.self, forKey: .surface))
        case "histogram": self = .histogram(try container.decode(Histogram.self, forKey: .histogram))
        case "bar_chart": self = .barChart(try container.decode(BarChart.self, forKey: .barChart))
        case "sparkline": self = .sparkline(try container.decode(Sparkline.self, forKey: .sparkline))
        case "images": self = .images(try container.decode(ImageGrid.self, forKey: .images))
        default:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "not a figure kind: \(kind)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: Keys.self)
        switch self {
        case .table(let figure): try container.encode("table", forKey: .kind); try container.encode(figure, forKey: .table)
        case .lineChart(let figure): try container.encode("line_chart", forKey: .kind); try container.encode(figure, forKey: .lineChart)
        case .surface(let figure): try container.encode("surface", forKey: .kind); try container.encode(figure, forKey: .surface)
        case .histogram(let figure): try container.encode("histogram", forKey: .kind); try container.encode(figure, forKey: .histogram)
        case .barChart(let figure): try container.encode("bar_chart", forKey: .kind); try container.encode(figure, forKey: .barChart)
        case .sparkline(let figure): try container.encode("sparkline", forKey: .kind); try container.encode(figure, forKey: .sparkline)
        case .images(let figure): try container.encode("images", forKey: .kind); try container.encode(figure, forKey: .images)
        }
    }
}

private enum PhraseKey: String, CodingKey { case key }

extension Table.Cell: Codable {
    /// A cell is a number, `null` (empty), or words (a phrase: a string or `{"key", "args"}`).
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .empty
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self), ResultCoding.nonFiniteWords.contains(text) {
            self = .number(text == "nan" ? .nan : text == "inf" ? .infinity : -.infinity)
        } else {
            self = .text(try container.decode(Phrase.self))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .text(let phrase) where phrase.arguments.isEmpty && ResultCoding.nonFiniteWords.contains(phrase.key)
            && encoder.userInfo[.messageCatalog] == nil:
            // Written as an object, so that it can't read back as a number.
            var container = encoder.container(keyedBy: PhraseKey.self)
            try container.encode(phrase.key, forKey: .key)
        case .text(let phrase): try phrase.encode(to: encoder)
        case .number(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .empty:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        }
    }
}
