/// A surface sampled at every cell of a plot, split into level bands, drawn as shades or contour digits.
struct LevelField {
    let columns: Int
    let rows: Int
    /// Sampled values, row-major, row 0 at the top (the highest y).
    private var values: [Double]
    /// Ascending band boundaries: a value in band k has exactly k boundaries at or below it.
    let thresholds: [Double]

    init(surface: Surface, columns: Int, rows: Int, thresholds: [Double]) {
        self.columns = columns
        self.rows = rows
        values = Self.sample(surface, columns: columns, rows: rows)
        self.thresholds = thresholds
    }

    /// The function at the centre of each cell of a `columns` × `rows` grid over the window, top row first.
    private static func sample(_ surface: Surface, columns: Int, rows: Int) -> [Double] {
        let (x, y) = (surface.x, surface.y)
        var values: [Double] = []
        values.reserveCapacity(columns * rows)
        for row in 0..<rows {
            let py = y.upperBound - (y.upperBound - y.lowerBound) * Double(row) / Double(max(rows - 1, 1))
            for column in 0..<columns {
                let px = x.lowerBound + (x.upperBound - x.lowerBound) * Double(column) / Double(max(columns - 1, 1))
                values.append(surface.function(px, py))
            }
        }
        return values
    }

    /// The level boundaries of a surface, from a fixed 97 × 49 sample so that they (and the key) are the
    /// same at every render size.
    static func thresholds(of surface: Surface) -> [Double] {
        let values = sample(surface, columns: 97, rows: 49).filter(\.isFinite)
        return thresholds(values, bands: surface.levels, spacing: surface.spacing)
    }

    /// Boundaries rounded to two significant digits, so the key reads `0.5 1.2 3.1` rather than noise.
    private static func thresholds(_ finite: [Double], bands: Int, spacing: Surface.Spacing) -> [Double] {
        guard let low = finite.min(), let high = finite.max(), high > low else { return [] }
        var raw: [Double]
        switch spacing {
        case .log where low > 0:
            let (a, b) = (log10d(low), log10d(high))
            raw = (1..<bands).map { exp10(a + (b - a) * Double($0) / Double(bands)) }
        case .linear:
            raw = (1..<bands).map { low + (high - low) * Double($0) / Double(bands) }
        case .quantile, .log:
            let sorted = finite.sorted()
            raw = (1..<bands).map { sorted[$0 * sorted.count / bands] }
        }
        var result: [Double] = []
        for value in raw {
            let rounded = Double(NumberFormat.significant(2).format(value)) ?? value
            if rounded > low, rounded <= high, rounded > (result.last ?? -.infinity) { result.append(rounded) }
        }
        return result
    }

    /// The band of a value; non-finite values (an overflowing function) count as the highest band.
    func band(_ value: Double) -> Int {
        guard value.isFinite else { return thresholds.count }
        var band = 0
        while band < thresholds.count && value >= thresholds[band] { band += 1 }
        return band
    }

    private static func ramp(_ unicode: Bool) -> [Character] {
        unicode ? [" ", "·", "░", "▒", "▓", "█"] : [" ", ".", ":", "-", "=", "#"]
    }

    /// Colors from deep blue (low) to orange (high); only ever on top of the shade characters.
    private static let colors = [25, 31, 37, 107, 179, 208].map(ANSI.Style.palette)

    private func color(_ band: Int) -> ANSI.Style {
        Self.colors[min(band * (Self.colors.count - 1) / max(thresholds.count, 1), Self.colors.count - 1)]
    }

    func draw(on canvas: inout Canvas, style: Surface.Style, unicode: Bool) {
        let ramp = Self.ramp(unicode)
        let bands = values.map(band)
        for row in 0..<rows {
            for column in 0..<columns {
                let band = bands[row * columns + column]
                switch style {
                case .shades:
                    if band > 0 { canvas.set(column, row, ramp[min(band, ramp.count - 1)], color(band)) }
                case .contours:
                    // A cell is on contour k when it is in band k and a neighbour is below it.
                    guard band > 0 else { continue }
                    let neighbours = [(column - 1, row), (column + 1, row), (column, row - 1), (column, row + 1)]
                    let edge = neighbours.contains { c, r in
                        c >= 0 && r >= 0 && c < columns && r < rows && bands[r * columns + c] < band
                    }
                    if edge { canvas.set(column, row, Character(String(band)), color(band)) }
                }
            }
        }
    }

    /// The line that says what each shade or digit means.
    static func key(_ thresholds: [Double], style: Surface.Style, unicode: Bool, words: ChartWords = ChartWords()) -> String {
        guard !thresholds.isEmpty else { return words.text("f is constant over the window") }
        let labels = thresholds.map(NumberText.short)
        switch style {
        case .contours:
            return words.text("contours of f: {0}", labels.enumerated().map { "\($0 + 1) = \($1)" }.joined(separator: ", "))
        case .shades:
            let ramp = Self.ramp(unicode)
            let le = unicode ? "≤" : "<="
            var text = "f: " + words.text("blank")
            for (index, label) in labels.enumerated() {
                text += " < \(label) \(le) \(ramp[min(index + 1, ramp.count - 1)])"
            }
            return text
        }
    }
}

/// Straight segments between fractional cell positions, clipped to the canvas.
enum Segment {
    /// Draws the cells of the segment from `a` to `b` (columns, rows) that lie on the canvas.
    static func draw(_ a: (Double, Double), _ b: (Double, Double), on canvas: inout Canvas,
                     _ glyph: Character, _ style: ANSI.Style?) {
        guard let (p, q) = clip(a, b, width: Double(canvas.width), height: Double(canvas.height)) else { return }
        var (x0, y0) = (cellIndex(p.0), cellIndex(p.1))
        let (x1, y1) = (cellIndex(q.0), cellIndex(q.1))
        let (dx, dy) = (abs(x1 - x0), -abs(y1 - y0))
        let (sx, sy) = (x0 < x1 ? 1 : -1, y0 < y1 ? 1 : -1)
        var error = dx + dy
        while true {
            canvas.set(x0, y0, glyph, style)
            if x0 == x1 && y0 == y1 { break }
            let twice = 2 * error
            if twice >= dy { error += dy; x0 += sx }
            if twice <= dx { error += dx; y0 += sy }
        }
    }

    /// Liang–Barsky clipping to [-0.5, width - 0.5] × [-0.5, height - 0.5]: a far-away point costs nothing.
    private static func clip(_ a: (Double, Double), _ b: (Double, Double), width: Double, height: Double)
        -> ((Double, Double), (Double, Double))?
    {
        let (dx, dy) = (b.0 - a.0, b.1 - a.1)
        var (t0, t1) = (0.0, 1.0)
        for (p, q) in [(-dx, a.0 + 0.5), (dx, width - 0.5 - a.0), (-dy, a.1 + 0.5), (dy, height - 0.5 - a.1)] {
            if p == 0 {
                if q < 0 { return nil }
                continue
            }
            let t = q / p
            if p < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
            if t0 > t1 { return nil }
        }
        return ((a.0 + t0 * dx, a.1 + t0 * dy), (a.0 + t1 * dx, a.1 + t1 * dy))
    }
}
