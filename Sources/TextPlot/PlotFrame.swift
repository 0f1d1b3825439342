/// The frame around a plot area: y tick labels and axis on the left, x axis and its labels below.
///
/// Charts ask the frame how wide the plot area is, draw into a `Canvas` of that size, and hand it back.
struct PlotFrame {
    let y: Axis
    let x: Axis?
    let unicode: Bool
    /// Width of the y tick labels column.
    let labelWidth: Int

    init(y: Axis, x: Axis?, unicode: Bool) {
        self.y = y
        self.x = x
        self.unicode = unicode
        labelWidth = y.labels.map { TextWidth.of($0) }.max() ?? 0
    }

    /// A frame whose left column is `labelWidth` wide and whose y ticks the caller draws itself.
    init(labelWidth: Int, x: Axis?, unicode: Bool) {
        y = Axis(lower: 0, upper: 1, isLog: false, ticks: [], labels: [])
        self.x = x
        self.unicode = unicode
        self.labelWidth = labelWidth
    }

    /// Width of the plot area when the whole chart is `width` columns wide.
    func plotWidth(total width: Int) -> Int { max(width - labelWidth - 2, 1) }

    /// Rows of a plot `height` rows high that carry a y tick, with their labels (top row is 0).
    func yTickRows(height: Int) -> [Int: String] {
        var rows: [Int: String] = [:]
        for (value, label) in zip(y.ticks, y.labels) {
            guard let position = y.position(value, cells: height) else { continue }
            let row = height - 1 - cellIndex(position)
            if rows[row] == nil, row >= 0, row < height { rows[row] = label }
        }
        return rows
    }

    /// Columns of a plot `width` columns wide that carry an x tick, with their labels.
    func xTickColumns(width: Int) -> [(column: Int, label: String)] {
        guard let x else { return [] }
        return zip(x.ticks, x.labels).compactMap { value, label in
            x.position(value, cells: width).map { (cellIndex($0), label) }
        }
    }

    /// The framed plot: one line per canvas row, then the x axis rule and the x tick labels.
    func lines(_ canvas: Canvas) -> [StyledLine] {
        let ticks = yTickRows(height: canvas.height)
        var out: [StyledLine] = []
        for row in 0..<canvas.height {
            var line = StyledLine()
            let label = ticks[row] ?? ""
            line.appendSpaces(labelWidth - TextWidth.of(label))
            line.append(label)
            line.append(" ")
            line.append(ticks[row] == nil ? (unicode ? "│" : "|") : (unicode ? "┤" : "+"), .dim)
            line.append(canvas.line(row))
            out.append(line)
        }
        return out + xAxisLines(plotWidth: canvas.width)
    }

    /// The x axis rule with its ticks, then the tick labels.
    func xAxisLines(plotWidth: Int) -> [StyledLine] {
        var out: [StyledLine] = []
        let xTicks = xTickColumns(width: plotWidth)
        var rule = String(repeating: unicode ? "─" : "-", count: plotWidth)
        var ruleCharacters = Array(rule)
        for tick in xTicks where tick.column >= 0 && tick.column < plotWidth {
            ruleCharacters[tick.column] = unicode ? "┬" : "+"
        }
        rule = String(ruleCharacters)
        var axis = StyledLine()
        axis.appendSpaces(labelWidth + 1)
        axis.append((unicode ? "└" : "+") + rule, .dim)
        out.append(axis)
        if x != nil { out.append(xLabelLine(xTicks, plotWidth: plotWidth)) }
        return out
    }

    /// Tick labels centred under their ticks; a label that would touch the previous one is left out.
    private func xLabelLine(_ ticks: [(column: Int, label: String)], plotWidth: Int) -> StyledLine {
        let offset = labelWidth + 2
        let total = offset + plotWidth
        var text = ""
        var used = 0
        for tick in ticks {
            let width = TextWidth.of(tick.label)
            var start = offset + tick.column - width / 2
            start = min(start, total - width)
            guard start >= used + (used == 0 ? 0 : 1) else { continue }
            text += String(repeating: " ", count: start - used) + tick.label
            used = start + width
        }
        var line = StyledLine(text)
        line.appendSpaces(total - used)
        return line
    }
}
