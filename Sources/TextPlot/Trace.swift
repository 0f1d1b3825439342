/// The cells a polyline covers at one cell per column, built in one pass over the points.
///
/// Each column keeps the lowest and highest row the line reaches in it, so a 100,000-point series costs
/// 100,000 updates plus one fill per column: time grows with the points, not with points × area.
struct Trace {
    private var low: [Int]
    private var high: [Int]
    private let height: Int
    private var previous: (column: Double, row: Double)?

    init(width: Int, height: Int) {
        low = Array(repeating: Int.max, count: width)
        high = Array(repeating: Int.min, count: width)
        self.height = height
    }

    /// Ends the current stroke: the next point starts a new one (a gap for a non-finite value).
    mutating func lift() {
        previous = nil
    }

    /// Adds a point at fractional (column, row) and joins it to the previous one.
    mutating func move(to column: Double, _ row: Double) {
        defer { previous = (column, row) }
        guard let from = previous else {
            mark(cellIndex(column), row)
            return
        }
        let (c0, c1) = (cellIndex(from.column), cellIndex(column))
        if c0 == c1 {
            mark(c0, from.row)
            mark(c0, row)
            return
        }
        // Across several columns, each column gets the rows the segment passes through inside it.
        let slope = (row - from.row) / (column - from.column)
        for c in max(min(c0, c1), 0)...max(min(max(c0, c1), low.count - 1), 0) {
            let left = max(Double(c) - 0.5, min(from.column, column))
            let right = min(Double(c) + 0.5, max(from.column, column))
            mark(c, from.row + (left - from.column) * slope)
            mark(c, from.row + (right - from.column) * slope)
        }
    }

    private mutating func mark(_ column: Int, _ row: Double) {
        guard column >= 0, column < low.count else { return }
        let r = min(max(cellIndex(row), 0), height - 1)
        if r < low[column] { low[column] = r }
        if r > high[column] { high[column] = r }
    }

    /// Puts `glyph` on every covered cell.
    func draw(on canvas: inout Canvas, _ glyph: Character, _ style: ANSI.Style?) {
        for column in low.indices where low[column] <= high[column] {
            for row in low[column]...high[column] {
                canvas.set(column, row, glyph, style)
            }
        }
    }
}
