import CCmark
import TextPlot
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Parses Markdown with libcmark and converts the C tree into `Document` values at once.
///
/// This is the only file that sees a cmark pointer: the C tree is freed before `parse` returns.
enum CommonMarkConverter {
    /// Nesting deeper than this (block quotes in lists in block quotes …) is refused rather than
    /// risking the stack on a hostile file.
    static let maximumDepth = 48

    /// Parses `source.body` into a document whose positions are those of the file.
    static func parse(_ source: SourceText) throws -> Document {
        // The body's own UTF-8 bytes, not a copy of them: a lesson may be 2 MB.
        var body = source.body
        let root: OpaquePointer? = body.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { cmark_parse_document($0.baseAddress, $0.count, CMARK_OPT_DEFAULT) }
        }
        guard let root else {
            throw Diagnostic(file: source.file, "libcmark could not parse the lesson",
                hint: "This should not happen; please report it with the lesson file.")
        }
        defer { cmark_node_free(root) }
        var converter = Converter(source: source)
        // Each top-level block's C nodes are freed as soon as it is converted, so the C tree and its
        // Swift copy are not both whole at once (cmark takes about 112 bytes a node, and a lesson of
        // short paragraphs has a node every few bytes).
        var blocks: [Block] = []
        while let node = cmark_node_first_child(root) {
            if let block = try converter.block(node, depth: 0) { blocks.append(block) }
            cmark_node_free(node)
        }
        return Document(blocks: blocks, codeLines: converter.codeLines)
    }

    /// One top-level block of a document as HTML from libcmark's own renderer, in safe mode.
    struct HTMLBlock: Sendable, Equatable {
        /// Where the block starts in the file (the position `parse` gives the same block).
        var position: SourcePosition
        /// The block as HTML (raw HTML left out, dangerous URLs emptied, images as links).
        var html: String
        /// A heading's level and its text without markup; nil for other blocks.
        var heading: (level: Int, text: String)?

        static func == (a: HTMLBlock, b: HTMLBlock) -> Bool {
            a.position == b.position && a.html == b.html && a.heading?.level == b.heading?.level && a.heading?.text == b.heading?.text
        }
    }

    /// Every top-level block of `source.body` as HTML, rendered by `cmark_render_html` with
    /// `CMARK_OPT_SAFE` (the default since cmark 0.29, asked for explicitly): raw HTML, block or
    /// inline, becomes the comment `<!-- raw HTML omitted -->`, and a link or image to a
    /// `javascript:`, `vbscript:`, `file:` or `data:` URL (but images' `data:image/png`, `gif`,
    /// `jpeg`, `webp`) gets an empty one. An image is shown as a link to it, its description as the
    /// link's text, so that a page never loads anything from elsewhere.
    static func htmlBlocks(_ source: SourceText) -> [HTMLBlock] {
        guard let root = parseTree(source.body) else { return [] }
        defer { cmark_node_free(root) }
        linkImages(under: root)
        joinWideLines(under: root)
        let converter = Converter(source: source)
        var result: [HTMLBlock] = []
        var child = cmark_node_first_child(root)
        while let node = child {
            let heading = cmark_node_get_type(node) == CMARK_NODE_HEADING
                ? (level: Int(cmark_node_get_heading_level(node)), text: plainText(node)) : nil
            result.append(HTMLBlock(position: converter.position(of: node), html: renderHTML(node), heading: heading))
            child = cmark_node_next(node)
        }
        return result
    }

    /// A short Markdown text (an exercise's question, a summary) as HTML, in safe mode as above.
    static func html(fragment markdown: String) -> String {
        guard let root = parseTree(markdown) else { return "" }
        defer { cmark_node_free(root) }
        linkImages(under: root)
        joinWideLines(under: root)
        return renderHTML(root)
    }

    private static func parseTree(_ text: String) -> OpaquePointer? {
        let utf8 = Array(text.utf8)
        return utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress.map { base in
                base.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                    cmark_parse_document($0, buffer.count, CMARK_OPT_DEFAULT)
                }
            } ?? cmark_parse_document("", 0, CMARK_OPT_DEFAULT)
        }
    }

    private static func renderHTML(_ node: OpaquePointer) -> String {
        guard let html = cmark_render_html(node, CMARK_OPT_SAFE) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    /// Replaces every image under `root` by a link to its URL holding its description.
    private static func linkImages(under root: OpaquePointer) {
        var images: [OpaquePointer] = []
        var stack = [root]
        while let node = stack.popLast() {
            if cmark_node_get_type(node) == CMARK_NODE_IMAGE { images.append(node) }
            var child = cmark_node_last_child(node)
            while let current = child {
                stack.append(current)
                child = cmark_node_previous(current)
            }
        }
        for image in images {
            guard let link = cmark_node_new(CMARK_NODE_LINK) else { continue }
            cmark_node_set_url(link, cmark_node_get_url(image))
            cmark_node_set_title(link, cmark_node_get_title(image))
            while let child = cmark_node_first_child(image) {
                cmark_node_append_child(link, child)
            }
            cmark_node_replace(image, link)
            cmark_node_free(image)
        }
    }

    /// Removes each soft line break between two wide (CJK) characters: a browser would show it as a
    /// space, and Chinese has none between words (CSS's rule that drops it is not in every browser).
    private static func joinWideLines(under root: OpaquePointer) {
        var breaks: [OpaquePointer] = []
        var stack = [root]
        while let node = stack.popLast() {
            if cmark_node_get_type(node) == CMARK_NODE_SOFTBREAK,
               let before = edgeCharacter(cmark_node_previous(node), last: true),
               let after = edgeCharacter(cmark_node_next(node), last: false),
               TextWidth.of(before) == 2, TextWidth.of(after) == 2 {
                breaks.append(node)
            }
            var child = cmark_node_first_child(node)
            while let current = child {
                stack.append(current)
                child = cmark_node_next(current)
            }
        }
        for node in breaks {
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
    }

    /// The last (or first) character of the text an inline node shows, looking into emphasis and links.
    private static func edgeCharacter(_ node: OpaquePointer?, last: Bool) -> Character? {
        guard let node else { return nil }
        switch cmark_node_get_type(node) {
        case CMARK_NODE_TEXT, CMARK_NODE_CODE:
            let text = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
            return last ? text.last : text.first
        case CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK:
            return edgeCharacter(last ? cmark_node_last_child(node) : cmark_node_first_child(node), last: last)
        default:
            return nil
        }
    }

    /// The text of a node's inlines without markup.
    private static func plainText(_ node: OpaquePointer) -> String {
        var text = ""
        var child = cmark_node_first_child(node)
        while let current = child {
            switch cmark_node_get_type(current) {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                text += cmark_node_get_literal(current).map { String(cString: $0) } ?? ""
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK: text += " "
            default: text += plainText(current)
            }
            child = cmark_node_next(current)
        }
        return text
    }

    private struct Converter {
        let source: SourceText
        /// The lines of each code block met so far.
        var codeLines: [ClosedRange<Int>] = []

        mutating func blocks(under parent: OpaquePointer, depth: Int) throws -> [Block] {
            var result: [Block] = []
            var child = cmark_node_first_child(parent)
            while let node = child {
                if let block = try block(node, depth: depth) { result.append(block) }
                child = cmark_node_next(node)
            }
            return result
        }

        mutating func block(_ node: OpaquePointer, depth: Int) throws -> Block? {
            let position = self.position(of: node)
            guard depth < CommonMarkConverter.maximumDepth else {
                throw Diagnostic(file: source.file, at: position,
                    "Markdown is nested more than \(CommonMarkConverter.maximumDepth) levels deep here",
                    hint: "Flatten the nested lists or block quotes.")
            }
            switch cmark_node_get_type(node) {
            case CMARK_NODE_HEADING:
                return .heading(level: Int(cmark_node_get_heading_level(node)), try inlines(under: node, depth: depth), position)
            case CMARK_NODE_PARAGRAPH:
                return .paragraph(try inlines(under: node, depth: depth), position)
            case CMARK_NODE_LIST:
                let ordered = cmark_node_get_list_type(node) == CMARK_ORDERED_LIST
                var items: [[Block]] = []
                var item = cmark_node_first_child(node)
                while let current = item {
                    items.append(try blocks(under: current, depth: depth + 1))
                    item = cmark_node_next(current)
                }
                return .list(start: ordered ? Int(cmark_node_get_list_start(node)) : nil,
                             tight: cmark_node_get_list_tight(node) != 0, items: items, position)
            case CMARK_NODE_BLOCK_QUOTE:
                return .blockQuote(try blocks(under: node, depth: depth + 1), position)
            case CMARK_NODE_CODE_BLOCK:
                let endLine = Int(cmark_node_get_end_line(node))
                codeLines.append(position.line...max(position.line, endLine))
                return try codeBlock(node, position)
            case CMARK_NODE_THEMATIC_BREAK:
                return .thematicBreak(position)
            case CMARK_NODE_HTML_BLOCK:
                return .html(literal(node).trimmingFinalNewline(), position)
            default:
                return nil
            }
        }

        func codeBlock(_ node: OpaquePointer, _ position: SourcePosition) throws -> Block {
            let info = cmark_node_get_fence_info(node).map { String(cString: $0) } ?? ""
            let text = literal(node)
            // libcmark 0.30 has no cmark_node_get_fenced: read the fence from the opening line,
            // unless the block is indented code that merely starts with backticks (a lesson showing
            // how cells are written). Indented code has no info string and its text starts with
            // its first line, which a fenced block's text never does: that line would close it.
            let startsWithItsFirstLine = text.prefix { $0 != "\n" } == firstLineText(of: node)
            let fence = info.isEmpty && startsWithItsFirstLine ? nil : fenceRun(line: position.line)
            if let fence {
                let endLine = Int(cmark_node_get_end_line(node))
                if endLine == position.line || fenceRun(line: endLine).map({ $0.char != fence.char || $0.length < fence.length || !$0.bare }) ?? true {
                    let marker = String(repeating: Character(Unicode.Scalar(fence.char)), count: fence.length)
                    throw Diagnostic(file: source.file, at: position,
                        "this code fence is never closed, so the rest of the lesson would be read as code",
                        hint: "Close the block with a line '\(marker)'.")
                }
            }
            return .code(info: info.trimmingCharacters(), text: text.trimmingFinalNewline(),
                         fenced: fence != nil, bodyLine: fence != nil ? position.line + 1 : position.line, position)
        }

        /// The text of the node's first line from its start column on (its content, for indented code).
        func firstLineText(of node: OpaquePointer) -> Substring {
            let line = Int(cmark_node_get_start_line(node))
            let byteColumn = Int(cmark_node_get_start_column(node))
            guard line >= 1, line <= source.lines.count, byteColumn >= 1 else { return "" }
            let utf8 = source.lines[line - 1].utf8
            guard let start = utf8.index(utf8.startIndex, offsetBy: byteColumn - 1, limitedBy: utf8.endIndex) else { return "" }
            return Substring(utf8[start...])
        }

        /// The run of backticks or tildes that opens file line `line` (1-based), after container
        /// markers (indentation, '>' and list bullets or numbers); `bare` when nothing but spaces follows it.
        func fenceRun(line: Int) -> (char: UInt8, length: Int, bare: Bool)? {
            guard line >= 1, line <= source.lines.count else { return nil }
            let containerMarkers = Set(" \t>-*+.)0123456789".utf8)
            let bytes = source.lines[line - 1].utf8.drop { containerMarkers.contains($0) }
            guard let first = bytes.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") else { return nil }
            let run = bytes.prefix { $0 == first }
            guard run.count >= 3 else { return nil }
            return (first, run.count, bytes.dropFirst(run.count).allSatisfy { $0 == 0x20 || $0 == 0x09 })
        }

        mutating func inlines(under parent: OpaquePointer, depth: Int) throws -> [Inline] {
            guard depth < CommonMarkConverter.maximumDepth else {
                throw Diagnostic(file: source.file, at: position(of: parent),
                    "emphasis and links are nested more than \(CommonMarkConverter.maximumDepth) levels deep here",
                    hint: "Simplify the nesting.")
            }
            var result: [Inline] = []
            var child = cmark_node_first_child(parent)
            while let node = child {
                switch cmark_node_get_type(node) {
                case CMARK_NODE_TEXT: result.append(.text(literal(node)))
                case CMARK_NODE_SOFTBREAK: result.append(.softBreak)
                case CMARK_NODE_LINEBREAK: result.append(.lineBreak)
                case CMARK_NODE_CODE: result.append(.code(literal(node)))
                case CMARK_NODE_HTML_INLINE: result.append(.html(literal(node)))
                case CMARK_NODE_EMPH: result.append(.emphasis(try inlines(under: node, depth: depth + 1)))
                case CMARK_NODE_STRONG: result.append(.strong(try inlines(under: node, depth: depth + 1)))
                case CMARK_NODE_LINK:
                    result.append(.link(text: try inlines(under: node, depth: depth + 1), url: url(node)))
                case CMARK_NODE_IMAGE:
                    result.append(.image(alt: try inlines(under: node, depth: depth + 1), url: url(node)))
                default: break
                }
                child = cmark_node_next(node)
            }
            return result
        }

        func literal(_ node: OpaquePointer) -> String {
            cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        }

        func url(_ node: OpaquePointer) -> String {
            cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        }

        /// The node's start, with cmark's byte column turned into a column of Unicode scalars.
        func position(of node: OpaquePointer) -> SourcePosition {
            let line = Int(cmark_node_get_start_line(node))
            let byteColumn = Int(cmark_node_get_start_column(node))
            guard line >= 1, line <= source.lines.count, byteColumn > 1 else {
                return SourcePosition(line: max(line, 1), column: max(byteColumn, 1))
            }
            let prefix = source.lines[line - 1].utf8.prefix(byteColumn - 1)
            let column = prefix.reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
            return SourcePosition(line: line, column: column)
        }
    }
}

extension String {
    func trimmingFinalNewline() -> String {
        hasSuffix("\n") ? String(dropLast()) : self
    }

    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
