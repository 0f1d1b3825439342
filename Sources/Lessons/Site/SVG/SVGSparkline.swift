import Foundation
import TextPlot

/// A `Sparkline` as SVG: one small line per series, its name before it and its range after it, on its own
/// scale or one shared by all; NaN and infinity break the line and are marked with an ×.
struct SVGSparkline {
    let sparkline: Sparkline
    let catalog: MessageCatalog

    static let width = 640.0
    static let lineHeight = 14.0
    static let rowHeight = 24.0

    private var isLog: Bool { sparkline.scale == .log }

    private func range(_ values: [Double]) -> (Double, Double)? {
        let shown = values.filter { $0.isFinite && (!isLog || $0 > 0) }
        guard let low = shown.min(), let high = shown.max() else { return nil }
        return (low, high)
    }

    private func rangeText(_ range: (Double, Double)?) -> String {
        range.map { "\(sparkline.format.format($0.0)) .. \(sparkline.format.format($0.1))" } ?? catalog.text("no finite values")
    }

    func svg(idPrefix: String) -> String {
        var canvas = SVGCanvas(width: Self.width)
        let names = sparkline.lines.map { catalog.text($0.name) }
        let ranges = sparkline.lines.map { range($0.values) }
        let shared = ranges.compactMap { $0 }.reduce(nil as (Double, Double)?) { partial, range in
            partial.map { (min($0.0, range.0), max($0.1, range.1)) } ?? range
        }
        let nameWidth = min(names.map { SVGCanvas.textWidth($0) }.max() ?? 0, Self.width / 3)
        let rangeWidth = ranges.map { SVGCanvas.textWidth(rangeText($0)) }.max() ?? 0
        let left = SVGCanvas.margin + nameWidth + (nameWidth > 0 ? 8 : 0)
        let sparkWidth = max(canvas.width - left - rangeWidth - 8 - SVGCanvas.margin, 40)
        var y = canvas.bottom + 4
        for (index, line) in sparkline.lines.enumerated() {
            let middle = y + Self.rowHeight / 2
            canvas.text(SVGBarChart.shortened(names[index], to: nameWidth), x: SVGCanvas.margin, y: middle + 4)
            let scale = sparkline.sharedScale ? shared : ranges[index]
            func height(_ value: Double) -> Double { isLog ? log10(value) : value }
            func py(_ value: Double) -> Double {
                guard let (low, high) = scale, high > low else { return middle }
                let fraction = (height(value) - height(low)) / (height(high) - height(low))
                return middle + Self.lineHeight / 2 - (fraction.isFinite ? fraction : 0.5) * Self.lineHeight
            }
            let count = line.values.count
            func px(_ index: Int) -> Double { left + (count > 1 ? sparkWidth * Double(index) / Double(count - 1) : sparkWidth / 2) }
            var data = "", pen = false
            var crosses: [String] = []
            var points: [(Double, Double)] = []
            func flush() {
                for (offset, point) in SVGLineChart.thinned(points).enumerated() {
                    data += (offset == 0 ? "M" : "L") + n(point.0) + " " + n(point.1)
                }
                points.removeAll()
            }
            for (point, value) in line.values.enumerated() {
                guard value.isFinite else {
                    if pen { crosses.append(SVGShapes.cross(x: px(point), y: middle, radius: 3)) }
                    pen = false
                    flush()
                    continue
                }
                guard !isLog || value > 0 else { pen = false; flush(); continue }
                points.append((px(point), py(value)))
                pen = true
            }
            flush()
            if line.values.first?.isFinite == false { crosses.insert(SVGShapes.cross(x: px(0), y: middle, radius: 3), at: 0) }
            let group = SVGShapes.seriesGroup(index)
            canvas.open(group.className, group.attributes)
            canvas.path(data, className: "line", "fill=\"none\" stroke-width=\"1.5\" stroke-linejoin=\"round\"")
            canvas.close()
            for cross in crosses { canvas.append(cross) }
            canvas.text(rangeText(ranges[index]), x: left + sparkWidth + 8, y: middle + 4, className: "label range")
            y += Self.rowHeight
        }
        canvas.bottom = y
        if sparkline.sharedScale, sparkline.lines.count > 1, let (low, high) = shared {
            let bounds = "\(sparkline.format.format(low)) .. \(sparkline.format.format(high))"
            canvas.notes([catalog.text(isLog ? "one log scale for all lines: \(bounds)" : "one scale for all lines: \(bounds)")])
        }
        return canvas.document(kind: "sparkline", title: catalog.text(title()), description: description(), idPrefix: idPrefix)
    }

    private func title() -> Phrase {
        let names = sparkline.lines.map(\.name).filter { !catalog.text($0).isEmpty }
        return names.isEmpty ? "Sparkline" : "Sparklines: \(names.joined(separator: ", "))"
    }

    /// The text alternative: each line's first and last values and its range.
    private func description() -> String {
        sparkline.lines.flatMap { line -> [Phrase] in
            let name: Phrase = catalog.text(line.name).isEmpty ? "values" : line.name
            let finite = line.values.filter(\.isFinite)
            guard let first = finite.first, let last = finite.last else { return ["\(name): no finite values."] }
            let format = sparkline.format
            let nonFinite = line.values.count - finite.count
            let sentence: Phrase = "\(name): \(line.values.count) values from \(format.format(first)) to \(format.format(last)), ranging \(rangeText(range(line.values)))."
            return nonFinite > 0 ? [sentence, "\(nonFinite) of them NaN/inf."] : [sentence]
        }.map { catalog.text($0) }.joined(separator: " ")
    }
}
