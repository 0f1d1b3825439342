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

    /// Creates histograms of several sets on common bins.
    public init(
        title: String? = nil, groups: [Group], bins: Int = 20, range: ClosedRange<Double>? = nil,
        orientation: Orientation = .vertical, sharedScale: Bool = false, xLabel: String? = nil
    ) {
        self.title = title
        self.groups = groups
        self.bins = max(bins, 1)
        self.range = range
        self.orientation = orientation
        self.sharedScale = sharedScale
        self.xLabel = xLabel
    }

    /// Creates the histogram of one set of values.
    public init(
        title: String? = nil, values: [Double], name: String = "", bins: Int = 20,
        range: ClosedRange<Double>? = nil, orientation: Orientation = .vertical, xLabel: String? = nil
    ) {
        self.init(title: title, groups: [Group(name, values)], bins: bins, range: range, orientation: orientation,
                  xLabel: xLabel)
    }

    /// Renders at exactly `options.width` columns; vertical histograms fill `options.height` lines (8 per set
    /// and 4 more by default), horizontal ones take one line per bin unless a height is given.
    public func render(_ options: RenderOptions) -> String {
        if !options.unicode, let spelled = asciiSpelled() { return spelled.render(options) }
        let binned = Binned(self, unicode: options.unicode)
        switch orientation {
        case .vertical:
            let height = options.height ?? (8 * max(groups.count, 1) + 4 + (title == nil ? 0 : 1))
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
