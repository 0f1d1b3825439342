/// Histograms of one or more sets of values on common bins: vertical bars with eighth-block tops, or
/// horizontal bars with their counts; each set captioned with its mean ± standard deviation.
///
/// Several sets stack vertically on one shared x axis: the activations of each layer of a network, where
/// the eye sees at once how the spread shrinks or explodes with depth.
///
/// ```swift
/// let layers = Histogram(title: "Activations by layer", groups: [
///     .init("layer 1", layer1), .init("layer 2", layer2), .init("layer 3", layer3),
/// ], bins: 30)
/// print(layers.render(width: 72, height: 24))
/// ```
public struct Histogram: Renderable, Sendable, Hashable {
    /// Which way the bars grow.
    public enum Orientation: String, Sendable, Hashable, Codable {
        /// Bars grow upward from a shared x axis; several sets stack as panels.
        case vertical
        /// One line per bin, bars growing to the right, counts at their ends.
        case horizontal
    }

    /// One set of values with its name.
    public struct Group: Sendable, Hashable {
        /// The name in the caption.
        public var name: String
        /// The values; NaN and infinities are counted in the caption but not binned.
        public var values: [Double]

        /// Creates a named set of values.
        public init(_ name: String, _ values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// A line above the chart, centred.
    public var title: String?
    /// The sets of values, top to bottom.
    public var groups: [Group]
    /// The number of bins (1 or more).
    public var bins: Int
    /// The binned range, split into exactly `bins` bins; `nil` takes the range of all finite values, widened
    /// to round bin edges (so the number of bins is close to `bins`). Values outside are counted in the caption.
    public var range: ClosedRange<Double>?
    /// Which way the bars grow.
    public var orientation: Orientation
    /// Whether every set uses the same count scale (compare sizes) or its own (compare shapes).
    public var sharedScale: Bool
    /// What the values are, written under the x axis.
    public var xLabel: String?
    /// Linear or log x axis.
    public var scale: Scale
    /// One x axis for all sets, or one each.
    public var axes: Axes
    /// The values already counted into bins, in place of the groups' values (which may then be empty):
    /// a histogram kept as its counts draws the same as one of its values.
    public var binning: Binning?

    /// How values map to positions along the x axis (LineChart's scale: linear, or log10 for values that
    /// span many powers of ten; a log axis shows only values above zero).
    public typealias Scale = LineChart.Scale

    /// Whether the stacked sets share one x axis or each has its own.
    public enum Axes: String, Sendable, Hashable, Codable {
        /// One x axis for every set: positions compare across sets.
        case shared
        /// Each set binned over its own range under its own x axis: every shape is visible, whatever the
        /// scale of the others, and the tick labels say the scale.
        case perGroup = "per_group"
    }

    /// Values counted into bins: all a histogram needs to be drawn, whatever the number of values.
    public struct Binning: Sendable, Hashable, Codable {
        /// The binned range (of every set, when each set has its own).
        public var low: Double
        public var high: Double
        /// The number of bins.
        public var bins: Int
        /// Equal widths (linear, also when absent) or equal ratios (log) between bin edges.
        public var scale: Scale?
        /// Each set's counts and statistics, top to bottom.
        public var groups: [Counts]

        /// One set's counts.
        public struct Counts: Sendable, Hashable, Codable {
            /// Values per bin.
            public var counts: [Int]
            /// The number of finite values, their sum and the sum of their squares (for mean ± std).
            public var count: Int
            public var sum: Double
            public var sumSquares: Double
            /// NaN and infinities, not binned.
            public var nonFinite: Int
            /// Finite values outside the binned range (on a log axis, also those at or below zero).
            public var outside: Int
            /// This set's own binned range, when each set has its own axis; absent: the binning's.
            public var low: Double?
            public var high: Double?

            public init(counts: [Int], count: Int, sum: Double, sumSquares: Double, nonFinite: Int, outside: Int,
                        low: Double? = nil, high: Double? = nil) {
                self.counts = counts
                self.count = count
                self.sum = sum
                self.sumSquares = sumSquares
                self.nonFinite = nonFinite
                self.outside = outside
                self.low = low
                self.high = high
            }
        }

        /// Counts already made.
        public init(low: Double, high: Double, bins: Int, scale: Scale? = nil, groups: [Counts]) {
            self.low = low
            self.high = high
            self.bins = bins
            self.scale = scale
            self.groups = groups
        }

        /// Counts `groups` into about `bins` bins over `range` (without one, the values' range widened to
        /// round bin edges, so that the number of bins is close to `bins`): common bins, or with `axes`
        /// `.perGroup` each set's own over its own values. On a log `scale` the edges are equal ratios apart.
        public init(_ groups: [[Double]], bins: Int, range: ClosedRange<Double>?, scale: Scale = .linear,
                    axes: Axes = .shared) {
            let isLog = scale == .log
            func shown(_ values: [Double]) -> [Double] { values.filter { $0.isFinite && (!isLog || $0 > 0) } }
            let common = Self.edges(shown(groups.flatMap { $0 }), bins: bins, range: range, log: isLog)
            let perGroup = axes == .perGroup
            self.groups = groups.map { values in
                let edges = perGroup ? Self.edges(shown(values), bins: bins, range: range, log: isLog) : common
                var counts = Self.count(values, low: edges.low, high: edges.high, bins: edges.bins, log: isLog)
                if perGroup { (counts.low, counts.high) = (edges.low, edges.high) }
                return counts
            }
            low = perGroup ? self.groups.compactMap(\.low).min() ?? common.low : common.low
            high = perGroup ? self.groups.compactMap(\.high).max() ?? common.high : common.high
            self.bins = perGroup ? self.groups.map(\.counts.count).max() ?? common.bins : common.bins
            self.scale = isLog ? .log : nil
        }

        /// The range of `values` (or `range`) on round edges: bin widths of 1, 2 or 5 times a power of
        /// ten, in decades on a log scale.
        private static func edges(_ values: [Double], bins: Int, range: ClosedRange<Double>?, log: Bool)
            -> (low: Double, high: Double, bins: Int)
        {
            let toAxis: (Double) -> Double = log ? { log10d(max($0, .leastNormalMagnitude)) } : { $0 }
            var (low, high) = range.map { (toAxis($0.lowerBound), toAxis($0.upperBound)) }
                ?? (values.map(toAxis).min() ?? 0, values.map(toAxis).max() ?? 1)
            if !(high > low) { (low, high) = (low - 0.5, high + 0.5) }
            var bins = max(bins, 1)
            if range == nil, (high - low).isFinite {
                // Round edges (bin widths of 1, 2 or 5 times a power of ten) make the labels readable.
                let raw = (high - low) / Double(bins)
                let step = [1.0, 2, 5, 10].map { $0 * pow10(decimalExponent(raw)) }.first { $0 >= raw * 0.999_999 } ?? raw
                (low, high) = ((low / step).rounded(.down) * step, (high / step).rounded(.up) * step)
                if !(high > low) { high = low + step }
                bins = max(Int(((high - low) / step).rounded()), 1)
            }
            return log ? (exp10(low), exp10(high), bins) : (low, high, bins)
        }

        /// One set's values counted into `bins` bins from `low` to `high`, with its statistics.
        private static func count(_ values: [Double], low: Double, high: Double, bins: Int, log: Bool) -> Counts {
            var binCounts = Array(repeating: 0, count: bins)
            var (sum, sumSquares, n, nonFinite, outside) = (0.0, 0.0, 0, 0, 0)
            let (start, end) = log ? (log10d(low), log10d(high)) : (low, high)
            for value in values {
                guard value.isFinite else { nonFinite += 1; continue }
                (sum, sumSquares, n) = (sum + value, sumSquares + value * value, n + 1)
                guard value >= low && value <= high, !log || value > 0 else { outside += 1; continue }
                // The top edge belongs to the last bin, so the maximum is counted.
                let position = ((log ? log10d(value) : value) - start) / (end - start) * Double(bins)
                binCounts[position.isFinite ? min(max(Int(position), 0), bins - 1) : bins - 1] += 1
            }
            return Counts(counts: binCounts, count: n, sum: sum, sumSquares: sumSquares, nonFinite: nonFinite, outside: outside)
        }
    }

    /// Creates histograms of several sets on common bins.
    public init(
        title: String? = nil, groups: [Group], bins: Int = 20, range: ClosedRange<Double>? = nil,
        orientation: Orientation = .vertical, sharedScale: Bool = false, xLabel: String? = nil,
        scale: Scale = .linear, axes: Axes = .shared
    ) {
        self.title = title
        self.groups = groups
        self.bins = max(bins, 1)
        self.range = range
        self.orientation = orientation
        self.sharedScale = sharedScale
        self.xLabel = xLabel
        self.scale = scale
        self.axes = axes
    }

    /// Creates the histogram of one set of values.
    public init(
        title: String? = nil, values: [Double], name: String = "", bins: Int = 20,
        range: ClosedRange<Double>? = nil, orientation: Orientation = .vertical, xLabel: String? = nil,
        scale: Scale = .linear
    ) {
        self.init(title: title, groups: [Group(name, values)], bins: bins, range: range, orientation: orientation,
                  xLabel: xLabel, scale: scale)
    }

    /// Renders at exactly `options.width` columns; vertical histograms fill `options.height` lines (8 per set
    /// and 4 more by default), horizontal ones take one line per bin unless a height is given.
    public func render(_ options: RenderOptions) -> String {
        if !options.unicode, let spelled = asciiSpelled() { return spelled.render(options) }
        let binned = Binned(self, unicode: options.unicode, words: options.words)
        switch orientation {
        case .vertical:
            let axisLines = binned.separateAxes ? 2 * max(groups.count - 1, 0) : 0
            let height = options.height ?? (8 * max(groups.count, 1) + 4 + axisLines + (title == nil ? 0 : 1))
            return ChartText.finish(vertical(binned, options, height: height), width: options.width, height: height,
                                    color: options.color)
        case .horizontal:
            return ChartText.finish(horizontal(binned, options), width: options.width, height: options.height,
                                    color: options.color)
        }
    }
}

extension Histogram: ASCIISpellable {
    func asciiSpelled() -> Histogram? {
        var changed = false, copy = self
        copy.title = ASCIIText.spell(title, &changed)
        copy.xLabel = ASCIIText.spell(xLabel, &changed)
        for index in copy.groups.indices { copy.groups[index].name = ASCIIText.spell(groups[index].name, &changed) }
        return changed ? copy : nil
    }
}
