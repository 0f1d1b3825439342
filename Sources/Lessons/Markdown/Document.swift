import TextPlot

/// A Markdown document as plain Swift values, converted from libcmark's tree.
///
/// Every block keeps the position where it starts in the lesson file, so that a later stage
/// (validating an experiment cell, say) can point at the right line.
public struct Document: Sendable, Equatable {
    /// The top-level blocks, in order.
    public var blocks: [Block]
    /// The 1-based file lines of every code block, fences included, at any depth, in order: what the
    /// Markdown reads as code, so a scan of the raw text can tell a fence's contents from a fence.
    public var codeLines: [ClosedRange<Int>] = []
}

/// A block-level Markdown element.
public indirect enum Block: Sendable, Equatable {
    /// `#` to `######`: a level from 1 to 6.
    case heading(level: Int, [Inline], SourcePosition)
    /// A paragraph of inline content.
    case paragraph([Inline], SourcePosition)
    /// A bullet or numbered list. `start` is the first number of an ordered list, nil for bullets.
    case list(start: Int?, tight: Bool, items: [[Block]], SourcePosition)
    /// A block quote and its content.
    case blockQuote([Block], SourcePosition)
    /// A fenced or indented code block. `info` is the fence's info string ("" for none).
    /// `fenced` tells fenced blocks apart; `bodyLine` is the 1-based line of the first body line.
    case code(info: String, text: String, fenced: Bool, bodyLine: Int, SourcePosition)
    /// A horizontal rule (`---`, `***`).
    case thematicBreak(SourcePosition)
    /// Raw HTML, shown as written.
    case html(String, SourcePosition)

    /// Where the block starts in the file.
    public var position: SourcePosition {
        switch self {
        case .heading(_, _, let p), .paragraph(_, let p), .list(_, _, _, let p), .blockQuote(_, let p),
             .code(_, _, _, _, let p), .thematicBreak(let p), .html(_, let p):
            return p
        }
    }
}

/// An inline Markdown element.
public indirect enum Inline: Sendable, Equatable {
    /// Plain text.
    case text(String)
    /// `*emphasis*`.
    case emphasis([Inline])
    /// `**strong**`.
    case strong([Inline])
    /// `` `code` ``.
    case code(String)
    /// `[text](url)`.
    case link(text: [Inline], url: String)
    /// `![alt](url)`.
    case image(alt: [Inline], url: String)
    /// A line break inside a paragraph that Markdown reads as a space (as nothing between two Chinese characters).
    case softBreak
    /// A hard line break (two trailing spaces or a backslash).
    case lineBreak
    /// Raw inline HTML, shown as written.
    case html(String)

    /// The inline content as plain text, without any markup.
    public var plainText: String {
        switch self {
        case .text(let s), .code(let s), .html(let s): return s
        case .emphasis(let c), .strong(let c): return c.plainText
        case .link(let c, _), .image(let c, _): return c.plainText
        case .softBreak, .lineBreak: return " "
        }
    }
}

extension Array where Element == Inline {
    /// The inlines as plain text, without any markup. A soft break is a space, except between two Chinese
    /// characters, where it is nothing (`LineBreak.softBreakVanishes`).
    public var plainText: String {
        var text = ""
        var softBreak = false
        for inline in self {
            if case .softBreak = inline {
                softBreak = true
                continue
            }
            let piece = inline.plainText
            if softBreak, !(text.last.flatMap { last in piece.first.map { LineBreak.softBreakVanishes(between: last, and: $0) } } ?? false) {
                text += " "
            }
            softBreak = false
            text += piece
        }
        return softBreak ? text + " " : text
    }
}
