/// Horizontal bars with their values printed at the bar ends, e.g. accuracy per learning rate.
///
/// ```swift
/// let chart = BarChart(title: "Final loss", bars: [("SGD", 0.012), ("momentum", 0.00041)],
///                      format: .scientific(1), best: .lowest)
/// print(chart.render(width: 60))
/// ```
public struct BarChart: Renderable, Sendable, Hashable {
    /// One bar: its label and value.
    public struct Bar: Sendable, Hashable {
        /// The label left of the bar.
        public var label: String
        /// The value; NaN and infinities get no bar, only their word.
        public var value: Double

        /// Creates a bar.
        public init(_ label: String, _ value: Double) {
            self.label = label
            self.value = value
        }
    }

    /// A line above the chart, centred.
    public var title: String?
    /// The bars, top to bottom.
    public var bars: [Bar]
    /// How the values are written.
    public var format: NumberFormat
    /// A word for NaN and infinities (say "diverged"); `nil` prints `NaN`, `inf`, `-inf`.
    public var nonFinite: String?
    /// When set, the best value gets `★` (`*` in ASCII).
    public var best: Best?

    /// Creates a bar chart from bars.
    public init(title: String? = nil, bars: [Bar], format: NumberFormat = .significant(3), nonFinite: String? = nil,
                best: Best? = nil) {
        self.title = title
        self.bars = bars
        self.format = format
        self.nonFinite = nonFinite
        self.best = best
    }

    /// Creates a bar chart from (label, value) pairs.
    public init(title: String? = nil, bars: [(String, Double)], format: NumberFormat = .significant(3),
                nonFinite: String? = nil, best: Best? = nil) {
        self.init(title: title, bars: bars.map { Bar($0.0, $0.1) }, format: format, nonFinite: nonFinite, best: best)
    }

    /// Renders one line per bar at exactly `options.width` columns (and `options.height` lines, when given).
    /// Labels longer than a third of the width are shortened; negative values grow left from a zero line.
    public func render(_ options: RenderOptions) -> String {
        if !options.unicode, let spelled = asciiSpelled() { return spelled.render(options) }
        let (width, unicode) = (options.width, options.unicode)
        let marker = unicode ? " ★" : " *"
        let finite = bars.map(\.value).filter(\.isFinite)
        let bestValue = best.flatMap { rule in finite.min { rule.prefers($0, over: $1) } }
        let labelWidth = min(bars.map { TextWidth.of($0.label) }.max() ?? 0, max(width / 3, 4))
        let texts = bars.map { format.format($0.value, nonFinite: nonFinite) + ($0.value == bestValue ? marker : "") }
        let textWidth = texts.map { TextWidth.of($0) }.max() ?? 0
        let low = min(finite.min() ?? 0, 0)
        let high = max(finite.max() ?? 0, 0)
        // Negative bars grow left from a zero line and carry their value on their left, so space is kept for it.
        let reserve = low < 0 ? textWidth + 1 : 0
        let area = max(width - labelWidth - 2 - textWidth - 1 - reserve, 2)
        let scale = high > low ? Double(area) / (high - low) : 0
        let zero = reserve + max(cellIndex(-low * scale), 0)
        var lines = ChartText.title(title, width: width)
        if bars.isEmpty { lines.append(StyledLine(options.words.text("no data"))) }
        for (bar, text) in zip(bars, texts) {
            var line = StyledLine(TextWidth.pad(shortened(bar.label, to: labelWidth, unicode: unicode), to: labelWidth) + " ")
            line.append(unicode ? "│" : "|", .dim)
            let style: ANSI.Style? = bar.value == bestValue ? .best : .blue
            let textStyle: ANSI.Style? = bar.value == bestValue ? .best : (bar.value.isFinite ? nil : .red)
            if bar.value.isFinite && bar.value < 0 {
                // Eighth blocks only fill from the left, so a negative bar is drawn in whole cells.
                let length = cellIndex(-bar.value * scale)
                line.appendSpaces(zero - length - TextWidth.of(text) - 1)
                line.append(text, textStyle)
                line.append(" ")
                line.append(String(repeating: unicode ? "█" : "#", count: length), style)
            } else {
                line.appendSpaces(zero)
                let length = bar.value.isFinite ? bar.value * scale : 0
                line.append(Blocks.horizontal(length, unicode: unicode, visible: bar.value.isFinite && bar.value > 0), style)
                line.append(" ")
                line.append(text, textStyle)
            }
            lines.append(line)
        }
        return ChartText.finish(lines, width: width, height: options.height, color: options.color)
    }

    private func shortened(_ label: String, to width: Int, unicode: Bool) -> String {
        guard TextWidth.of(label) > width else { return label }
        return TextWidth.prefix(label, width: width - 1) + (unicode ? "…" : "~")
    }
}

extension BarChart: ASCIISpellable {
    func asciiSpelled() -> BarChart? {
        var changed = false, copy = self
        copy.title = ASCIIText.spell(title, &changed)
        copy.nonFinite = ASCIIText.spell(nonFinite, &changed)
        for index in copy.bars.indices { copy.bars[index].label = ASCIIText.spell(bars[index].label, &changed) }
        return changed ? copy : nil
    }
}
