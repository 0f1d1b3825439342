import TextPlot

/// How output is drawn: width, character set, color and language. One value for prose, tables and charts.
public struct TerminalStyle: Sendable, Equatable {
    /// Columns to fill.
    public var width: Int
    /// Unicode, or ASCII for terminals without it.
    public var charset: Charset
    /// Whether to add ANSI escapes.
    public var color: Bool
    /// The language results are written in.
    public var catalog: MessageCatalog

    /// Creates a style; widths below 20 are raised to 20.
    public init(width: Int = 80, charset: Charset = .unicode, color: Bool = false, catalog: MessageCatalog = .english) {
        self.width = max(width, 20)
        self.charset = charset
        self.color = color
        self.catalog = catalog
    }

    /// The same settings as TextPlot's render options, for a figure `indent` columns in.
    public func renderOptions(indent: Int = 0) -> RenderOptions {
        RenderOptions(width: max(width - indent, 20), charset: charset, color: color, words: catalog.chartWords)
    }

    var unicode: Bool { charset == .unicode }

    /// `unicode` or `ascii`, whichever the character set allows.
    public func pick(_ unicode: String, _ ascii: String) -> String {
        self.unicode ? unicode : ascii
    }

    /// `text` as this character set can show it: unchanged in Unicode, spelled in ASCII otherwise.
    func text(_ text: String) -> String {
        let safe = TerminalSafe.escaped(text)
        return unicode ? safe : ASCIIText.transliterate(safe)
    }

    /// `text` in `style`, when color is on.
    func paint(_ text: String, _ style: InlineStyle) -> String {
        guard color, !style.isEmpty else { return text }
        return ANSI.paint(text, ANSI.Style(style.sgr), true)
    }
}

/// The styles inline text can carry, combined as the Markdown nests them.
struct InlineStyle: OptionSet, Hashable {
    let rawValue: Int
    static let bold = InlineStyle(rawValue: 1)
    static let italic = InlineStyle(rawValue: 2)
    static let code = InlineStyle(rawValue: 4)
    static let link = InlineStyle(rawValue: 8)
    static let dim = InlineStyle(rawValue: 16)
    static let heading = InlineStyle(rawValue: 32)
    static let ok = InlineStyle(rawValue: 64)
    static let bad = InlineStyle(rawValue: 128)

    /// The SGR parameters for this combination.
    var sgr: String {
        var codes: [String] = []
        if contains(.bold) || contains(.heading) { codes.append("1") }
        if contains(.dim) { codes.append("2") }
        if contains(.italic) { codes.append("3") }
        if contains(.link) { codes.append("4") }
        if contains(.code) { codes.append("36") }
        if contains(.heading) { codes.append("34") }
        if contains(.ok) { codes.append("32") }
        if contains(.bad) { codes.append("31") }
        return codes.joined(separator: ";")
    }
}
