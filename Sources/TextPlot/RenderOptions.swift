/// The characters a rendering may use.
public enum Charset: Sendable, Hashable {
    /// Box drawing, block elements and geometric shapes: the richest picture.
    case unicode
    /// Printable ASCII only (32...126): for logs, old terminals and printed sheets. Chinese, Japanese and
    /// Korean text in titles, labels and cells is the one exception: it is kept (see `ASCIIText`).
    case ascii
}

/// How to render a chart or table: the size, the character set and whether to add color.
///
/// The same value and the same options always give the same bytes, whatever the machine, locale or terminal.
/// Color never carries information of its own: `ANSI.strip(render(color: true)) == render(color: false)`.
public struct RenderOptions: Sendable, Hashable {
    /// The width in terminal columns. Charts fill it exactly; a table fits within it by wrapping text columns,
    /// and is wider only when its numbers alone cannot fit (numbers are never cut).
    public var width: Int
    /// The height in lines, for the charts that have one; `nil` lets each kind choose its usual height.
    public var height: Int?
    /// The character set.
    public var charset: Charset
    /// Whether to add ANSI color escapes on top of the same characters.
    public var color: Bool
    /// The words charts write themselves (notes, legends, captions): English unless given.
    public var words: ChartWords

    /// Creates options; widths and heights below a small minimum are raised to it.
    public init(width: Int = 80, height: Int? = nil, charset: Charset = .unicode, color: Bool = false, words: ChartWords = ChartWords()) {
        self.width = max(width, 8)
        self.height = height.map { max($0, 3) }
        self.charset = charset
        self.color = color
        self.words = words
    }

    /// Whether the Unicode character set is chosen.
    var unicode: Bool { charset == .unicode }
}

/// A chart or table that renders to text.
public protocol Renderable: Sendable {
    /// Renders to lines joined by `"\n"`, without a trailing newline.
    func render(_ options: RenderOptions) -> String
}

extension Renderable {
    /// Renders with the given settings; a shorthand for `render(RenderOptions(...))`.
    public func render(
        width: Int = 80, height: Int? = nil, charset: Charset = .unicode, color: Bool = false
    ) -> String {
        render(RenderOptions(width: width, height: height, charset: charset, color: color))
    }
}

/// Which value counts as the best: the lowest (a loss) or the highest (an accuracy).
public enum Best: String, Sendable, Hashable, Codable {
    /// The smallest value is best (a loss, an error rate).
    case lowest
    /// The largest value is best (an accuracy).
    case highest

    /// Whether `value` is better than `other` under this rule.
    func prefers(_ value: Double, over other: Double) -> Bool {
        self == .lowest ? value < other : value > other
    }
}
