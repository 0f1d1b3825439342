import Foundation
import TextPlot

/// A `Histogram` as SVG, from its stored `Binning`: one panel per set with its caption (mean ± std,
/// what was not counted), bars over linear or log bins, one x axis for all sets or one each; or, in the
/// horizontal orientation, one row per bin with its interval and count.
struct SVGHistogram {
    let histogram: Histogram
    let catalog: MessageCatalog

    static let width = 640.0
    static let panelHeight = 80.0

    private var binning: Histogram.Binning { histogram.binning }
    private var isLog: Bool { binning.scale == .log }
    /// Whether each set has its own range and x axis.
    private var separateAxes: Bool { binning.groups.contains { $0.low != nil || $0.high != nil } }

    private func range(_ group: Histogram.Binning.Counts) -> (low: Double, high: Double) {
        (group.low ?? binning.low, group.high ?? binning.high)
    }

    /// The largest count each panel's bars are scaled to: its own, or every panel's.
    private func scales() -> [Int] {
        let global = binning.groups.flatMap(\.counts).max() ?? 0
        return binning.groups.map { histogram.sharedScale ? global : ($0.counts.max() ?? 0) }
    }

    func svg(idPrefix: String) -> String {
        var canvas = SVGCanvas(width: Self.width)
        canvas.title(catalog.text(histogram.title))
        switch histogram.orientation {
        case .vertical: drawVertical(on: &canvas)
        case .horizontal: drawHorizontal(on: &canvas)
        }
        return canvas.document(kind: "histogram", title: catalog.text(histogram.title ?? "Histogram"),
                               description: description(), idPrefix: idPrefix)
    }

    private func drawVertical(on canvas: inout SVGCanvas) {
        let scales = scales()
        let countAxes = scales.map { Axis.linear(0, Double(max($0, 1)), maxTicks: 3, integerSteps: true, extend: false) }
        // One label column for every panel, so that their plots line up.
        let widest = countAxes.max { ($0.labels.map(\.count).max() ?? 0) < ($1.labels.map(\.count).max() ?? 0) }
        for (index, group) in binning.groups.enumerated() {
            canvas.notes([caption(index)], className: "caption")
            let (low, high) = range(group)
            let probe = SVGPlotFrame(canvas: canvas, top: 0, height: 0, x: widest ?? countAxes[index], y: widest ?? countAxes[index])
            let xAxis = isLog ? Axis.log(low, high, maxTicks: SVGPlotFrame.maxTicks(width: probe.width), extend: false)
                : Axis.linear(low, high, maxTicks: SVGPlotFrame.maxTicks(width: probe.width), extend: false)
            let frame = SVGPlotFrame(left: probe.left, top: canvas.bottom + 6, width: probe.width, height: Self.panelHeight,
                                     x: xAxis, y: countAxes[index])
            let last = index == binning.groups.count - 1
            frame.draw(on: &canvas, xLabel: catalog.text(histogram.xLabel), xTickLabels: separateAxes || last)
            // Bins are equal steps along the axis, linear or log alike, so a bin's edges are equal divisions
            // of the plot's width.
            let bins = group.counts.count
            let binWidth = frame.width / Double(max(bins, 1))
            let gap = binWidth >= 4 ? 1.0 : 0
            var data = ""
            for (bin, count) in group.counts.enumerated() where count > 0 && scales[index] > 0 {
                let top = frame.py(Double(count)) ?? frame.top
                let left = frame.left + binWidth * Double(bin), right = frame.left + binWidth * Double(bin + 1) - gap
                data += "M\(n(left)) \(n(top))H\(n(right))V\(n(frame.top + frame.height))H\(n(left))Z"
            }
            let style = SVGShapes.seriesGroup(index)
            canvas.open(style.className, style.attributes + " stroke-width=\"0\"")
            canvas.path(data, className: "bars")
            canvas.close()
            if !last { canvas.bottom += 6 }
        }
    }

    private func drawHorizontal(on canvas: inout SVGCanvas) {
        let intervals = binning.groups.map { group -> [String] in
            let bins = group.counts.count
            let edges = (0...bins).map { edge(group, $0) }
            return (0..<bins).map { "[\(edges[$0]), \(edges[$0 + 1])\($0 == bins - 1 ? "]" : ")")" }
        }
        let labelWidth = intervals.joined().map { SVGCanvas.textWidth($0) }.max() ?? 0
        let scales = scales()
        let countWidth = SVGCanvas.textWidth(String(scales.max() ?? 0))
        let barLeft = SVGCanvas.margin + labelWidth + 8
        let barRoom = max(canvas.width - barLeft - countWidth - 6 - SVGCanvas.margin, 20)
        for (index, group) in binning.groups.enumerated() {
            canvas.notes([caption(index)], className: "caption")
            let style = SVGShapes.seriesGroup(index)
            var y = canvas.bottom + 4
            var data = ""
            canvas.open("bins")
            for (bin, count) in group.counts.enumerated() {
                canvas.text(intervals[index][bin], x: barLeft - 8, y: y + 12, anchor: .end)
                let length = scales[index] == 0 ? 0 : Double(count) / Double(scales[index]) * barRoom
                if count > 0 { data += "M\(n(barLeft)) \(n(y + 3))H\(n(barLeft + max(length, 1)))V\(n(y + 13))H\(n(barLeft))Z" }
                canvas.text(String(count), x: barLeft + length + 6, y: y + 12)
                y += SVGCanvas.lineHeight
            }
            canvas.close()
            canvas.open(style.className, style.attributes + " stroke-width=\"0\"")
            canvas.path(data, className: "bars")
            canvas.close()
            canvas.open("axis", "stroke=\"currentColor\"")
            canvas.line(barLeft, canvas.bottom + 4, barLeft, y, className: "axis-line")
            canvas.close()
            canvas.bottom = y + 4
        }
        if let xLabel = catalog.text(histogram.xLabel) { canvas.notes([xLabel], className: "axis-label") }
    }

    /// The edge `index` of a set's bins with as few digits as keep it exact enough, as the terminal writes it.
    private func edge(_ group: Histogram.Binning.Counts, _ index: Int) -> String {
        let (low, high) = range(group)
        let bins = Double(max(group.counts.count, 1))
        if isLog {
            return FigureNumber.text(pow(10, log10(low) + (log10(high) - log10(low)) * Double(index) / bins), digits: 2)
        }
        let value = low + (high - low) * Double(index) / bins
        let tolerance = (high - low) / bins * 1e-6
        for decimals in 0...6 {
            let text = NumberFormat.fixed(decimals).format(value)
            if abs((Double(text) ?? value) - value) <= tolerance { return text }
        }
        return NumberFormat.significant(4).format(value)
    }

    /// `layer 1: mean 0.0123 ± 0.871, n = 1000`, and what was not counted.
    private func caption(_ index: Int) -> String {
        let group = binning.groups[index]
        let name = index < histogram.names.count ? histogram.names[index] : Phrase(verbatim: "")
        // Each part is a phrase of its own, so that a catalog translates four phrases, not their combinations.
        var parts: [Phrase] = []
        if group.count > 0 {
            let mean = group.sum / Double(group.count)
            let std = max(group.sumSquares / Double(group.count) - mean * mean, 0).squareRoot()
            parts.append("mean \(Self.statistic(mean)) ± \(Self.statistic(std)), n = \(group.count)")
        } else {
            parts.append("no finite values")
        }
        if group.nonFinite > 0 { parts.append("\(group.nonFinite) NaN/inf not counted") }
        if group.outside > 0 { parts.append(isLog ? "\(group.outside) outside the range or ≤ 0" : "\(group.outside) outside the range") }
        let phrase = parts.joined(separator: ", ")
        return catalog.text(catalog.text(name).isEmpty ? phrase : "\(name): \(phrase)")
    }

    /// Three significant digits; scientific from 1e5 up and below 1e-3, as the terminal's captions.
    static func statistic(_ value: Double) -> String {
        let magnitude = abs(value)
        guard value != 0, value.isFinite, magnitude < 1e-3 || magnitude >= 1e5 else { return NumberFormat.significant(3).format(value) }
        return NumberFormat.scientific(2).format(value)
    }

    /// The text alternative: the bins, each set's caption and its fullest bin.
    private func description() -> String {
        let what = histogram.xLabel ?? "values"
        let bins = binning.groups.map(\.counts.count).max() ?? binning.bins
        var sentences: [Phrase] = [isLog
            ? "Histogram of \(what) in \(bins) bins on a log scale."
            : "Histogram of \(what) in \(bins) bins."]
        for (index, group) in binning.groups.enumerated() {
            let (low, high) = range(group)
            sentences.append("\(caption(index)); bins from \(FigureNumber.text(low)) to \(FigureNumber.text(high)).")
            if let fullest = group.counts.indices.max(by: { group.counts[$0] < group.counts[$1] || (group.counts[$0] == group.counts[$1] && $0 > $1) }),
               group.counts[fullest] > 0 {
                sentences.append("The fullest bin, from \(edge(group, fullest)) to \(edge(group, fullest + 1)), holds \(group.counts[fullest]).")
            }
        }
        return sentences.map { catalog.text($0) }.joined(separator: " ")
    }
}
