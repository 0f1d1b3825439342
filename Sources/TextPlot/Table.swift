/// A table of text and numbers: aligned, formatted without locale, with borders or as GitHub Markdown.
///
/// Number columns line up on the decimal point; each column has its own `NumberFormat`. At a narrow width
/// the text columns wrap, and numbers are never cut. A column can mark its best value with `★` (`*` in
/// ASCII), which reads without color; color only adds emphasis.
///
/// ```swift
/// var table = Table(title: "Momentum on the ravine", columns: [
///     .init("optimizer"),
///     .init("lr", format: .significant(2)),
///     .init("final loss", format: .scientific(2), nonFinite: "diverged", best: .lowest),
/// ])
/// table.append(["SGD", 0.01, 0.0123])
/// table.append(["momentum 0.9", 0.01, 0.00041])
/// table.append(["SGD", 0.5, .number(.infinity)])
/// print(table.render(width: 60, charset: .ascii))
/// print(table.markdown())
/// ```
public struct Table: Renderable, Sendable, Hashable {
    /// How a column places its cells.
    public enum Alignment: String, Sendable, Hashable, Codable {
        /// Flush left.
        case left
        /// Flush right.
        case right
        /// Centred (an odd space goes to the right).
        case center
        /// Numbers lined up on the decimal point (and right-aligned as a block); text cells left-aligned.
        case decimal
    }

    /// A column: its header, alignment, number format and best-value rule.
    public struct Column: Sendable, Hashable {
        /// The header text; it wraps like any text cell.
        public var header: String
        /// The alignment; `nil` means `.decimal` when the column holds numbers, `.left` otherwise.
        public var alignment: Alignment?
        /// How this column writes its numbers.
        public var format: NumberFormat
        /// A word for NaN and ±infinity in this column (say "diverged"); `nil` prints `NaN`, `inf`, `-inf`.
        public var nonFinite: String?
        /// When set, the best finite value of the column (all of them, on a tie) gets a marker.
        public var best: Best?

        /// Creates a column.
        public init(
            _ header: String, alignment: Alignment? = nil, format: NumberFormat = .significant(4),
            nonFinite: String? = nil, best: Best? = nil
        ) {
            self.header = header
            self.alignment = alignment
            self.format = format
            self.nonFinite = nonFinite
            self.best = best
        }
    }

    /// One cell: text, a number (formatted by its column) or nothing.
    public enum Cell: Sendable, Hashable, ExpressibleByStringLiteral, ExpressibleByFloatLiteral,
        ExpressibleByIntegerLiteral
    {
        /// Text, wrapped to the column when the table must fit a width.
        case text(String)
        /// A number, written with its column's format and never cut.
        case number(Double)
        /// Nothing.
        case empty

        /// A text cell from a literal.
        public init(stringLiteral value: String) { self = .text(value) }
        /// A number cell from a literal.
        public init(floatLiteral value: Double) { self = .number(value) }
        /// A number cell from an integer literal.
        public init(integerLiteral value: Int) { self = .number(Double(value)) }
    }

    /// A line above the table, centred.
    public var title: String?
    /// The columns, left to right.
    public var columns: [Column]
    /// The rows; a short row is completed with empty cells and cells past the last column are ignored.
    public var rows: [[Cell]]
    /// A note under the table, wrapped to the render width.
    public var caption: String?

    /// Creates a table.
    public init(title: String? = nil, columns: [Column], rows: [[Cell]] = [], caption: String? = nil) {
        self.title = title
        self.columns = columns
        self.rows = rows
        self.caption = caption
    }

    /// Adds a row at the bottom.
    public mutating func append(_ row: [Cell]) {
        rows.append(row)
    }

    /// The cell at a row and column, `.empty` where the row is short.
    func cell(_ row: Int, _ column: Int) -> Cell {
        column < rows[row].count ? rows[row][column] : .empty
    }

    /// The alignment a column really uses.
    public func alignment(of column: Int) -> Alignment {
        if let alignment = columns[column].alignment { return alignment }
        let hasNumber = rows.indices.contains { if case .number = cell($0, column) { true } else { false } }
        return hasNumber ? .decimal : .left
    }

    /// For each column with a best rule, the rows holding its best finite value.
    public func bestRows(of column: Int) -> Set<Int> {
        guard let rule = columns[column].best else { return [] }
        var best: Double?
        var found: Set<Int> = []
        for row in rows.indices {
            guard case .number(let value) = cell(row, column), value.isFinite else { continue }
            if let current = best, value == current {
                found.insert(row)
            } else if best == nil || (rule == .lowest ? value < best! : value > best!) {
                best = value
                found = [row]
            }
        }
        return found
    }

    /// The lines under the table: the caption, then what the best-value marker means.
    func footnotes(marker: String, words: ChartWords) -> [String] {
        var notes: [String] = []
        if let caption { notes.append(caption) }
        if let note = bestNote(marker: marker, words: words), !rows.isEmpty { notes.append(note) }
        return notes
    }

    /// The note that explains the best-value marker, e.g. `★ best in its column: lowest final loss`
    /// (a row's value against the other rows, unlike a chart's star on the best point of one line).
    private func bestNote(marker: String, words: ChartWords) -> String? {
        let parts = columns.compactMap { column -> String? in
            guard let best = column.best else { return nil }
            return words.text(best == .lowest ? "lowest {0}" : "highest {0}", column.header.split(separator: "\n").joined(separator: " "))
        }
        return parts.isEmpty ? nil : "\(marker) " + words.text("best in its column: {0}", parts.joined(separator: words.text(", ")))
    }
}
