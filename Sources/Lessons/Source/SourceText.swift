/// A lesson file's text, checked and normalized before anything parses it.
///
/// Reading happens in one place so that every later position is right: a byte-order mark is
/// dropped, CRLF and lone CR become LF (one line stays one line), and the front matter is split
/// off by blanking its lines rather than removing them, so line numbers in the Markdown body are
/// the file's own.
public struct SourceText: Sendable {
    /// The file name used in messages.
    public let file: String
    /// The whole text, with LF line endings and no byte-order mark.
    public let text: String
    /// The lines of `text`, without their line feeds.
    public let lines: [Substring]
    /// The front matter's YAML (without its `---` fences), if the file has one.
    public let frontMatter: String?
    /// The 1-based line of the first YAML line of the front matter.
    public let frontMatterFirstLine: Int
    /// The Markdown body: `text` with the front matter's lines (fences included) left empty.
    public let body: String
    /// Harmless problems found while reading (CRLF endings, a byte-order mark).
    public let warnings: [Diagnostic]

    /// The last component of `file`: what a lesson's id is read from.
    var fileName: String {
        String(file.split(separator: "/").last ?? "")
    }

    /// Decodes and checks `bytes`, the contents of `file`.
    ///
    /// - Throws: `Diagnostic` for an empty file, UTF-16, NUL bytes, invalid UTF-8 or unclosed front matter.
    public init(bytes: [UInt8], file: String) throws {
        self.file = file
        let (text, warnings) = try Self.decode(bytes, file: file)
        if text.allSatisfy({ $0.isWhitespace }) {
            throw Diagnostic(file: file, at: .start, "the lesson file is empty",
                hint: "Start it with front matter:\n---\ntitle: \"Your title\"\n---")
        }
        // Before the lines are split: a file of 2 million line ends would take 64 MB of them.
        if let problem = MarkupBudget.problem(in: text, file: file) { throw problem }
        self.text = text
        self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        self.warnings = warnings

        let split = try Self.splitFrontMatter(lines, file: file)
        self.frontMatter = split.yaml
        self.frontMatterFirstLine = split.firstLine
        self.body = split.body
    }

    /// Decodes any text file `learn` reads (lessons, answers): drops a byte-order mark, rejects NUL
    /// bytes and invalid UTF-8 at their position, and reads CRLF and lone CR as LF.
    static func decode(_ bytes: [UInt8], file: String) throws -> (text: String, warnings: [Diagnostic]) {
        var warnings: [Diagnostic] = []
        var bytes = bytes[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            bytes = bytes.dropFirst(3)
            warnings.append(Diagnostic(.warning, file: file, at: .start,
                "the file starts with a byte-order mark; it was ignored",
                hint: "Save the file as UTF-8 without a BOM."))
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw Diagnostic(file: file, at: .start, "the file is UTF-16, not UTF-8",
                hint: "Save it as UTF-8 (in most editors: Save As, encoding UTF-8).")
        }
        try checkEncoding(bytes, file: file)
        var text = String(decoding: bytes, as: UTF8.self)
        if bytes.contains(0x0D) {
            let firstCR = position(ofFirst: 0x0D, in: bytes)
            warnings.append(Diagnostic(.warning, file: file, at: firstCR,
                "the file has CR or CRLF line endings; they were read as LF",
                hint: "Save the file with LF (Unix) line endings."))
            text = text.replacingCRLF()
        }
        return (text, warnings)
    }

    /// Rejects NUL bytes and invalid UTF-8, naming the first bad byte's line and column.
    private static func checkEncoding(_ bytes: ArraySlice<UInt8>, file: String) throws {
        if let nul = bytes.firstIndex(of: 0) {
            throw Diagnostic(file: file, at: position(ofByteAt: nul, in: bytes),
                "the file contains a NUL byte", hint: "The file must be UTF-8 text; remove the NUL byte.")
        }
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = bytes.startIndex
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
            case .emptyInput:
                break loop
            case .error:
                throw Diagnostic(file: file, at: position(ofByteAt: offset, in: bytes),
                    "the file is not valid UTF-8",
                    hint: "Save the file as UTF-8; the first bad byte is at this position.")
            }
        }
    }

    /// The line and column of the byte at `index` (columns count the scalars before it, plus one).
    static func position(ofByteAt index: Int, in bytes: ArraySlice<UInt8>) -> SourcePosition {
        var line = 1
        var lineStart = bytes.startIndex
        for i in bytes.startIndex..<index where bytes[i] == 0x0A {
            line += 1
            lineStart = i + 1
        }
        // Continuation bytes (10xxxxxx) don't start a scalar.
        let column = bytes[lineStart..<index].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return SourcePosition(line: line, column: column)
    }

    private static func position(ofFirst byte: UInt8, in bytes: ArraySlice<UInt8>) -> SourcePosition {
        position(ofByteAt: bytes.firstIndex(of: byte) ?? bytes.startIndex, in: bytes)
    }

    /// Splits `---` front matter off the top, leaving its lines empty in the body.
    private static func splitFrontMatter(
        _ lines: [Substring], file: String
    ) throws -> (yaml: String?, firstLine: Int, body: String) {
        guard let first = lines.first, first.trimmingTrailingSpaces() == "---" else {
            return (nil, 1, lines.joined(separator: "\n"))
        }
        guard let close = lines.indices.dropFirst().first(where: {
            let line = lines[$0].trimmingTrailingSpaces()
            return line == "---" || line == "..."
        }) else {
            throw Diagnostic(file: file, at: .start, "the front matter that starts here is never closed",
                hint: "End the front matter with a line containing only '---'.")
        }
        let yaml = lines[1..<close].joined(separator: "\n")
        // The front matter's lines left empty, then the rest of the text as it is (not a String a line).
        guard close + 1 < lines.count else { return (yaml, 2, String(repeating: "\n", count: close)) }
        let rest = lines[close + 1]
        return (yaml, 2, String(repeating: "\n", count: close + 1) + rest.base[rest.startIndex...])
    }
}

extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var s = self
        while let last = s.last, last == " " || last == "\t" { s.removeLast() }
        return s
    }
}

extension String {
    /// The text with CRLF and lone CR turned into LF.
    func replacingCRLF() -> String {
        var out = String()
        out.reserveCapacity(utf8.count)
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                out.unicodeScalars.append("\n")
                previousCR = true
                continue
            }
            if !(scalar == "\n" && previousCR) { out.unicodeScalars.append(scalar) }
            previousCR = false
        }
        return out
    }
}
