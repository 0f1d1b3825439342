/// Sparklines: one line of small bars per series (`▁▂▃▅▇`, or `_.-~^` in ASCII), with the range at the end;
/// several can share one scale so their heights compare.
///
/// ```swift
/// let sparks = Sparkline(lines: [.init("train", trainLoss), .init("val", valLoss)], sharedScale: true)
/// print(sparks.render(width: 60))
/// ```
public struct Sparkline: Renderable, Sendable, Hashable {
    /// One named series.
    public struct Line: Sendable, Hashable {
        /// The name at the start of the line.
        public var name: String
        /// The values; more values than columns are averaged in equal buckets.
        public var values: [Double]

        /// Creates a named series.
        public init(_ name: String, _ values: [Double]) {
            self.name = name
            self.values = values
        }
    }

    /// The series, one per line.
    public var lines: [Line]
    /// Whether all lines use one scale (heights compare across lines) or each its own (shapes compare).
    public var sharedScale: Bool
    /// How the range at the end of each line is written.
    public var format: NumberFormat
    /// Linear heights, or log10 heights for values spanning decades (a loss); values ≤ 0 then show as gaps.
    public var scale: LineChart.Scale

    /// Creates sparklines.
    public init(lines: [Line], sharedScale: Bool = false, scale: LineChart.Scale = .linear,
                format: NumberFormat = .significant(3)) {
        self.lines = lines
        self.sharedScale = sharedScale
        self.scale = scale
        self.format = format
    }

    /// Creates one unnamed sparkline.
    public init(_ values: [Double], scale: LineChart.Scale = .linear, format: NumberFormat = .significant(3)) {
        self.init(lines: [Line("", values)], scale: scale, format: format)
    }

    /// Renders one line per series at exactly `options.width` columns; a bucket holding NaN or infinity
    /// shows `×` (`x` in ASCII) and the line ends with a note. A shared scale is stated on a last line.
    public func render(_ options: RenderOptions) -> String {
        if !options.unicode, let spelled = asciiSpelled() { return spelled.render(options) }
        let (width, unicode) = (options.width, options.unicode)
        let ramp: [Character] = unicode ? ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"] : ["_", ".", "-", "~", "^"]
        let nameWidth = lines.map { TextWidth.of($0.name) }.max() ?? 0
        let ranges = lines.map { line -> (Double, Double)? in
            let finite = line.values.filter { $0.isFinite && (scale == .linear || $0 > 0) }
            guard let low = finite.min(), let high = finite.max() else { return nil }
            return (low, high)
        }
        let shared = ranges.compactMap { $0 }.reduce(nil as (Double, Double)?) { partial, range in
            partial.map { (min($0.0, range.0), max($0.1, range.1)) } ?? range
        }
        let rangeTexts = ranges.map { range in
            range.map { "\(format.format($0.0)) .. \(format.format($0.1))" } ?? options.words.text("no finite values")
        }
        let rangeWidth = rangeTexts.map { TextWidth.of($0) }.max() ?? 0
        let sparkWidth = max(width - nameWidth - (nameWidth > 0 ? 1 : 0) - rangeWidth - 1, 1)
        var out: [StyledLine] = []
        for (index, line) in lines.enumerated() {
            var text = StyledLine(nameWidth > 0 ? TextWidth.pad(line.name, to: nameWidth) + " " : "")
            let range = sharedScale ? shared : ranges[index]
            var spark = ""
            let height = scale == .log ? { log10d($0) } : { (value: Double) in value }
            for bucket in Self.buckets(line.values, count: sparkWidth) {
                guard bucket.isFinite else { spark.append(unicode ? "×" : "x"); continue }
                guard scale == .linear || bucket > 0 else { spark.append(" "); continue }
                guard let (low, high) = range, high > low else { spark.append(ramp[ramp.count / 2]); continue }
                let fraction = (height(bucket) - height(low)) / (height(high) - height(low))
                let level = fraction.isFinite ? cellIndex(fraction * Double(ramp.count - 1)) : ramp.count / 2
                spark.append(ramp[min(max(level, 0), ramp.count - 1)])
            }
            text.append(spark, Glyphs.style(index))
            text.appendSpaces(sparkWidth - spark.count)
            text.append(" " + rangeTexts[index])
            out.append(text)
        }
        if sharedScale, lines.count > 1, let (low, high) = shared {
            let key = scale == .log ? "one log scale for all lines: {0}" : "one scale for all lines: {0}"
            out.append(StyledLine(options.words.text(key, "\(format.format(low)) .. \(format.format(high))")))
        }
        return ChartText.finish(out, width: width, height: options.height, color: options.color)
    }

    /// The values averaged in `count` equal buckets (or the values themselves when there are fewer);
    /// a bucket with a non-finite value is non-finite, so a divergence is never averaged away.
    static func buckets(_ values: [Double], count: Int) -> [Double] {
        guard values.count > count else { return values }
        return (0..<count).map { bucket in
            let (start, end) = (bucket * values.count / count, (bucket + 1) * values.count / count)
            var sum = 0.0
            for value in values[start..<end] { sum += value }
            return sum / Double(end - start)
        }
    }
}

extension Sparkline: ASCIISpellable {
    func asciiSpelled() -> Sparkline? {
        var changed = false, copy = self
        for index in copy.lines.indices { copy.lines[index].name = ASCIIText.spell(lines[index].name, &changed) }
        return changed ? copy : nil
    }
}
