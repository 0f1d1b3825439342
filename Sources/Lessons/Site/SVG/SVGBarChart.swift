import TextPlot

/// A `BarChart` as SVG: one bar per label from a zero line, its value at its end, the best value
/// starred; a NaN or infinite value gets no bar, only its word.
struct SVGBarChart {
    let chart: BarChart
    let catalog: MessageCatalog

    static let width = 640.0
    static let rowHeight = 22.0

    private var bestValue: Double? {
        chart.best.flatMap { rule in chart.bars.map(\.value).filter(\.isFinite).min { rule == .lowest ? $0 < $1 : $0 > $1 } }
    }

    private func valueText(_ bar: BarChart.Bar) -> String {
        chart.format.format(bar.value, nonFinite: catalog.text(chart.nonFinite))
    }

    func svg(idPrefix: String) -> String {
        var canvas = SVGCanvas(width: Self.width)
        canvas.title(catalog.text(chart.title))
        let labels = chart.bars.map { catalog.text($0.label) }
        let labelWidth = min(labels.map { SVGCanvas.textWidth($0) }.max() ?? 0, Self.width / 3)
        let texts = chart.bars.map(valueText)
        let textWidth = (texts.map { SVGCanvas.textWidth($0) }.max() ?? 0) + 18
        let finite = chart.bars.map(\.value).filter(\.isFinite)
        let low = min(finite.min() ?? 0, 0), high = max(finite.max() ?? 0, 0)
        // Negative bars grow left from the zero line and carry their value on their left.
        let reserve = low < 0 ? textWidth : 0
        let left = SVGCanvas.margin + labelWidth + 8 + reserve
        let area = max(canvas.width - left - textWidth - SVGCanvas.margin, 40)
        let scale = high > low ? area / (high - low) : 0
        let zero = left - low * scale
        if chart.bars.isEmpty { canvas.notes([catalog.text("no data")]) }
        let best = bestValue
        var y = canvas.bottom + 4
        for (index, bar) in chart.bars.enumerated() {
            let isBest = bar.value == best
            let middle = y + Self.rowHeight / 2
            canvas.text(Self.shortened(labels[index], to: labelWidth), x: SVGCanvas.margin + labelWidth, y: middle + 4, anchor: .end)
            let textClass = isBest ? "label value best" : bar.value.isFinite ? "label value" : "label value nonfinite"
            let color = isBest ? "fill=\"#8a6d00\"" : bar.value.isFinite ? "" : "fill=\"#c00000\""
            if bar.value.isFinite {
                let length = abs(bar.value) * scale
                let start = bar.value < 0 ? zero - length : zero
                canvas.rect(x: start, y: y + 3, width: max(length, bar.value == 0 ? 0 : 1), height: Self.rowHeight - 6,
                            className: isBest ? "bar best" : "bar", isBest ? "fill=\"#d4a000\"" : "fill=\"\(SVGShapes.seriesColors[0])\"")
                let textX = bar.value < 0 ? start - 6 : start + length + 6
                canvas.text(texts[index], x: textX, y: middle + 4, anchor: bar.value < 0 ? .end : .start, className: textClass, color)
                if isBest { canvas.append(SVGShapes.star(x: textX + (bar.value < 0 ? -SVGCanvas.textWidth(texts[index]) - 10 : SVGCanvas.textWidth(texts[index]) + 10), y: middle)) }
            } else {
                canvas.text(texts[index], x: zero + 6, y: middle + 4, className: textClass, color)
            }
            y += Self.rowHeight
        }
        canvas.open("axis", "stroke=\"currentColor\"")
        if !chart.bars.isEmpty { canvas.line(zero, canvas.bottom + 4, zero, y, className: "axis-line") }
        canvas.close()
        canvas.bottom = y
        if best != nil, let rule = chart.best {
            SVGShapes.legend([(.best, catalog.text(rule == .lowest ? "lowest value" : "highest value"))], on: &canvas)
        }
        return canvas.document(kind: "bar-chart", title: catalog.text(chart.title ?? "Bar chart"),
                               description: description(), idPrefix: idPrefix)
    }

    /// `label` cut to `width` with an ellipsis (the description keeps it whole).
    static func shortened(_ label: String, to width: Double) -> String {
        guard SVGCanvas.textWidth(label) > width else { return label }
        return TextWidth.prefix(label, width: max(Int(width / (SVGCanvas.fontSize * 0.55)) - 1, 1)) + "…"
    }

    /// The text alternative: every bar's label and value, and which is best.
    private func description() -> String {
        let values = chart.bars.map { bar -> Phrase in "\(bar.label): \(valueText(bar))" }.joined(separator: "; ")
        var sentences: [Phrase] = ["Bar chart. \(values)."]
        if let best = bestValue, let bar = chart.bars.first(where: { $0.value == best }), let rule = chart.best {
            sentences.append(rule == .lowest ? "Lowest: \(bar.label)." : "Highest: \(bar.label).")
        }
        return sentences.map { catalog.text($0) }.joined(separator: " ")
    }
}
