/// The marks that tell series apart without color, and the legend that names them.
///
/// Series `i` has the marker of the terminal's glyph `i` (`● ○ ◆ ◇ ■ □ ▲ △`), so a chart reads the
/// same on paper in gray, in the terminal and in the browser; color only adds to it.
enum SVGShapes {
    /// The fallback colors of `.series-0` … `.series-7` (Okabe and Ito's palette, distinct for the
    /// common kinds of color blindness); the site's stylesheet may set others per theme.
    static let seriesColors = ["#0072b2", "#e69f00", "#009e73", "#cc79a7", "#d55e00", "#56b4e9", "#8c7a00", "#555555"]

    /// `series series-N` with the color as fallback attributes, for the group that holds one series.
    static func seriesGroup(_ index: Int) -> (className: String, attributes: String) {
        let color = seriesColors[index % seriesColors.count]
        return ("series series-\(index % seriesColors.count)", "stroke=\"\(color)\" fill=\"\(color)\"")
    }

    /// The marker of series `index` centred at (x, y), in the group's color.
    static func marker(_ index: Int, x: Double, y: Double, size: Double = 3.5) -> String {
        let open = index % 2 == 1
        let fill = open ? " fill=\"none\"" : ""
        let r = size
        switch (index % 8) / 2 {
        case 0:
            return "<circle class=\"marker\" cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\"\(fill)/>"
        case 1:
            let d = r * 1.3
            return "<path class=\"marker\" d=\"M\(n(x)) \(n(y - d))L\(n(x + d)) \(n(y))L\(n(x)) \(n(y + d))L\(n(x - d)) \(n(y))Z\"\(fill)/>"
        case 2:
            return "<rect class=\"marker\" x=\"\(n(x - r))\" y=\"\(n(y - r))\" width=\"\(n(2 * r))\" height=\"\(n(2 * r))\"\(fill)/>"
        default:
            let d = r * 1.25
            return "<path class=\"marker\" d=\"M\(n(x)) \(n(y - d))L\(n(x + d)) \(n(y + d * 0.8))L\(n(x - d)) \(n(y + d * 0.8))Z\"\(fill)/>"
        }
    }

    /// A five-pointed star centred at (x, y): the best point of a line, the best bar.
    static func star(x: Double, y: Double, radius: Double = 6) -> String {
        // The unit star's ten corners, outer radius 1 and inner 0.4, first point up (precomputed, so no
        // trigonometry can differ between machines).
        let corners: [(Double, Double)] = [
            (0, -1), (0.235, -0.324), (0.951, -0.309), (0.380, 0.124), (0.588, 0.809),
            (0, 0.4), (-0.588, 0.809), (-0.380, 0.124), (-0.951, -0.309), (-0.235, -0.324),
        ]
        let points = corners.map { "\(n(x + $0.0 * radius)),\(n(y + $0.1 * radius))" }.joined(separator: " ")
        return "<polygon class=\"best\" points=\"\(points)\" fill=\"#d4a000\" stroke=\"#6b5000\" stroke-width=\"1\"/>"
    }

    /// An × centred at (x, y): where a line diverged (its last finite point).
    static func cross(x: Double, y: Double, radius: Double = 5) -> String {
        "<path class=\"diverged\" d=\"M\(n(x - radius)) \(n(y - radius))L\(n(x + radius)) \(n(y + radius))M\(n(x - radius)) \(n(y + radius))L\(n(x + radius)) \(n(y - radius))\" stroke=\"#c00000\" stroke-width=\"2\" fill=\"none\"/>"
    }

    /// A letter in a ring at (x, y): S where a path starts, E where it ends.
    static func endMark(_ letter: String, x: Double, y: Double, className: String) -> String {
        "<g class=\"\(className)\"><circle class=\"halo\" cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"7\" fill=\"#ffffff\" stroke=\"currentColor\" stroke-width=\"1.5\"/>"
            + "<text x=\"\(n(x))\" y=\"\(n(y + 4))\" text-anchor=\"middle\" font-size=\"10\" font-weight=\"bold\">\(letter)</text></g>"
    }

    /// What a legend entry shows before its words.
    enum Symbol {
        /// A short line with the series' marker.
        case series(Int)
        /// A filled square in the series' color (bars, histogram sets).
        case swatch(Int)
        /// A square of surface level `band` of `bands`.
        case level(Int, of: Int)
        /// A line in the color of the contour between bands `band - 1` and `band` of `bands`.
        case contour(Int, of: Int)
        case best
        case diverged
        case start
        case end
    }

    /// Legend entries flowed left to right from `canvas.bottom`, onto as many rows as needed.
    static func legend(_ entries: [(Symbol, String)], on canvas: inout SVGCanvas) {
        guard !entries.isEmpty else { return }
        let left = SVGCanvas.margin, right = canvas.width - SVGCanvas.margin
        var x = left, y = canvas.bottom + 14
        canvas.open("legend")
        for (symbol, words) in entries {
            let room = right - left - 26
            let lines = SVGCanvas.wrap(words, maxWidth: room)
            let entryWidth = 26 + (lines.map { SVGCanvas.textWidth($0) }.max() ?? 0)
            if x > left && x + entryWidth > right {
                x = left
                y += SVGCanvas.lineHeight + 4
            }
            draw(symbol, x: x, y: y - 4, on: &canvas)
            for (index, line) in lines.enumerated() {
                canvas.text(line, x: x + 24, y: y + Double(index) * SVGCanvas.lineHeight)
            }
            y += Double(lines.count - 1) * SVGCanvas.lineHeight
            x += entryWidth + 16
        }
        canvas.close()
        canvas.bottom = y + 6
    }

    /// A legend symbol in the 20 pixels from `x`, centred on `y`.
    private static func draw(_ symbol: Symbol, x: Double, y: Double, on canvas: inout SVGCanvas) {
        switch symbol {
        case .series(let index):
            let group = seriesGroup(index)
            canvas.open(group.className, group.attributes)
            canvas.line(x, y, x + 20, y, className: "line")
            canvas.append(marker(index, x: x + 10, y: y))
            canvas.close()
        case .swatch(let index):
            let group = seriesGroup(index)
            canvas.open(group.className, group.attributes)
            canvas.rect(x: x + 4, y: y - 6, width: 12, height: 12, className: "swatch")
            canvas.close()
        case .level(let band, let bands):
            // In a `.levels` group, as the surface's bands are, so that one style rule colors both.
            canvas.open("levels")
            canvas.rect(x: x + 4, y: y - 6, width: 12, height: 12, className: "level level-\(levelIndex(band, of: bands))",
                        "fill=\"\(levelColor(band, of: bands))\" stroke=\"currentColor\" stroke-width=\"0.5\"")
            canvas.close()
        case .contour(let band, let bands):
            let level = levelIndex(band, of: bands)
            canvas.path("M\(n(x)) \(n(y))H\(n(x + 20))", className: "contour level-\(level)", contourStroke(level) + " stroke-width=\"1.5\"")
        case .best: canvas.append(star(x: x + 10, y: y))
        case .diverged: canvas.append(cross(x: x + 10, y: y, radius: 4))
        case .start: canvas.append(endMark("S", x: x + 10, y: y, className: "start"))
        case .end: canvas.append(endMark("E", x: x + 10, y: y, className: "end"))
        }
    }

    /// The fallback fills of `.level-0` … `.level-5`, light (low values) to dark (high values), so the
    /// levels read in gray too (ColorBrewer's Blues).
    static let levelColors = ["#eff3ff", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c"]

    /// The class number of band `band` of `bands`: bands are spread over the six levels.
    static func levelIndex(_ band: Int, of bands: Int) -> Int {
        bands <= 1 ? 0 : min(band * (levelColors.count - 1) / (bands - 1), levelColors.count - 1)
    }

    /// The stroke of a contour line at level `level`: the level's color, but never the palest two, which
    /// would not show on a light page.
    static func contourStroke(_ level: Int) -> String {
        "stroke=\"\(levelColors[max(level, 2)])\""
    }

    static func levelColor(_ band: Int, of bands: Int) -> String {
        levelColors[levelIndex(band, of: bands)]
    }
}
