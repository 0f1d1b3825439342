import TextPlot

/// A plot area with its two axes: where values go, and the grid, axis lines, ticks and labels around it.
/// The axes are TextPlot's `Axis`, so the web chart has the ticks the terminal chart has.
struct SVGPlotFrame {
    let left: Double
    let top: Double
    let width: Double
    let height: Double
    let x: Axis
    let y: Axis

    /// A frame for `y` whose plot starts at `top` and fills the canvas's width, leaving room at the left
    /// for the y axis's labels.
    init(canvas: SVGCanvas, top: Double, height: Double, x: Axis, y: Axis) {
        let labelWidth = y.labels.map { SVGCanvas.textWidth($0) }.max() ?? 0
        left = SVGCanvas.margin + max(labelWidth + 8, 28)
        self.top = top
        // Tick labels are short (Axis writes big and tiny numbers as `2e6`), but never let them take the plot.
        width = max(canvas.width - left - 2 * SVGCanvas.margin, canvas.width / 2)
        self.height = height
        self.x = x
        self.y = y
    }

    init(left: Double, top: Double, width: Double, height: Double, x: Axis, y: Axis) {
        self.left = left
        self.top = top
        self.width = width
        self.height = height
        self.x = x
        self.y = y
    }

    /// The x axis ticks a plot `width` pixels wide has room for (a label every 70 pixels or so).
    static func maxTicks(width: Double) -> Int {
        max(2, Int(width / 70))
    }

    /// The horizontal pixel of `value`, or nil when it can't be placed (non-finite, ≤ 0 on a log axis).
    func px(_ value: Double) -> Double? {
        x.position(value, cells: 2).map { left + $0 * width }
    }

    /// The vertical pixel of `value`, or nil when it can't be placed.
    func py(_ value: Double) -> Double? {
        y.position(value, cells: 2).map { top + height - $0 * height }
    }

    /// The grid at the ticks, the axis lines, the tick labels and the x axis's name under them; moves
    /// the canvas's bottom below it all.
    /// Without `xTickLabels` (a panel above others that share its x axis), only the lines are drawn.
    func draw(on canvas: inout SVGCanvas, xLabel: String?, xTickLabels: Bool = true) {
        canvas.open("grid", "stroke=\"currentColor\" stroke-opacity=\"0.15\"")
        for tick in y.ticks { if let p = py(tick) { canvas.line(left, p, left + width, p, className: "grid-line") } }
        for tick in x.ticks { if let p = px(tick) { canvas.line(p, top, p, top + height, className: "grid-line") } }
        canvas.close()
        canvas.open("axis", "stroke=\"currentColor\"")
        canvas.line(left, top + height, left + width, top + height, className: "axis-line")
        canvas.line(left, top, left, top + height, className: "axis-line")
        for tick in y.ticks { if let p = py(tick) { canvas.line(left - 4, p, left, p, className: "tick") } }
        for tick in x.ticks { if let p = px(tick) { canvas.line(p, top + height, p, top + height + 4, className: "tick") } }
        canvas.close()
        canvas.open("tick-labels")
        for (tick, label) in zip(y.ticks, y.labels) {
            if let p = py(tick) { canvas.text(label, x: left - 6, y: p + 4, anchor: .end) }
        }
        for (tick, label) in zip(x.ticks, x.labels) where xTickLabels {
            guard let p = px(tick) else { continue }
            // A label that would run past the drawing's edge is aligned to its tick's side instead.
            let half = SVGCanvas.textWidth(label) / 2
            let anchor: SVGCanvas.Anchor = p + half > canvas.width - 2 ? .end : p - half < 2 ? .start : .middle
            canvas.text(label, x: p, y: top + height + 16, anchor: anchor)
        }
        canvas.close()
        canvas.bottom = top + height + (xTickLabels ? 20 : 4)
        if let xLabel, !xLabel.isEmpty, xTickLabels {
            canvas.bottom = canvas.paragraph(xLabel, x: left + width / 2, y: top + height + 34, maxWidth: width,
                                             anchor: .middle, className: "axis-label") - 12
        }
    }
}

/// Numbers in words a figure's description and legend give: three significant digits, trailing zeros
/// dropped (`0.5`, `12`, `3.1e-5`), `NaN` and `inf` for the others.
enum FigureNumber {
    static func text(_ value: Double, digits: Int = 3) -> String {
        guard value.isFinite else { return NumberFormat.significant(digits).format(value) }
        var text = NumberFormat.significant(digits).format(value)
        if text.contains("."), !text.contains("e") {
            while text.last == "0" { text.removeLast() }
            if text.last == "." { text.removeLast() }
        }
        return text
    }

    /// An x value (a step, an epoch): whole numbers without decimals.
    static func x(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? NumberFormat.integer.format(value) : text(value, digits: 4)
    }
}
