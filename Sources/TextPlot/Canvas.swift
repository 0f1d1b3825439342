/// A grid of character cells, each with an optional color, that charts draw into; row 0 is the top.
///
/// Characters are stored as `Character`s so wide glyphs are never split, and colors as small indices
/// into a style table, so drawing is cheap and rendering merges runs of one color into one escape.
struct Canvas {
    let width: Int
    let height: Int
    private(set) var cells: [Character]
    private var styleIndices: [UInt8]
    private var styles: [ANSI.Style?] = [nil]

    init(width: Int, height: Int) {
        self.width = max(width, 0)
        self.height = max(height, 0)
        cells = Array(repeating: " ", count: self.width * self.height)
        styleIndices = Array(repeating: 0, count: self.width * self.height)
    }

    subscript(x: Int, y: Int) -> Character {
        cells[y * width + x]
    }

    func contains(_ x: Int, _ y: Int) -> Bool {
        x >= 0 && y >= 0 && x < width && y < height
    }

    /// Puts `character` at column `x`, row `y`; positions outside the grid are ignored.
    mutating func set(_ x: Int, _ y: Int, _ character: Character, _ style: ANSI.Style? = nil) {
        guard contains(x, y) else { return }
        cells[y * width + x] = character
        styleIndices[y * width + x] = index(of: style)
    }

    /// Writes `text` from column `x` on row `y`, one character per cell, clipped to the grid.
    mutating func write(_ x: Int, _ y: Int, _ text: String, _ style: ANSI.Style? = nil) {
        var column = x
        for character in text {
            set(column, y, character, style)
            column += 1
        }
    }

    private mutating func index(of style: ANSI.Style?) -> UInt8 {
        if let found = styles.firstIndex(of: style) { return UInt8(found) }
        styles.append(style)
        return UInt8(styles.count - 1)
    }

    /// One row as a styled line: consecutive cells of one style share one escape, spaces between two cells
    /// of the same style stay inside their run, and other spaces carry no color.
    func line(_ y: Int) -> StyledLine {
        var line = StyledLine()
        var run = ""
        var runStyle: UInt8 = 0
        var spaces = 0
        for x in 0..<width {
            let character = cells[y * width + x]
            if character == " " {
                spaces += 1
                continue
            }
            let style = styleIndices[y * width + x]
            if style == runStyle {
                run += String(repeating: " ", count: spaces)
            } else {
                line.append(run, styles[Int(runStyle)])
                run = String(repeating: " ", count: spaces)
                if style != 0 {
                    line.append(run)
                    run = ""
                }
                runStyle = style
            }
            spaces = 0
            run.append(character)
        }
        line.append(run, styles[Int(runStyle)])
        line.appendSpaces(spaces)
        return line
    }

    /// Every row, top to bottom.
    var lines: [StyledLine] { (0..<height).map(line) }
}
