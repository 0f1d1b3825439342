/// A bound on the Markdown elements of a lesson, checked on its text before anything else is built from it.
///
/// Memory follows elements, not bytes: libcmark takes about 112 bytes a node, and its Swift copy as
/// much again, so a lesson of short paragraphs (`a`, blank line, `a` …) or of emphasis everywhere
/// (`*a* *a* …`), an element every 2 to 4 bytes, took 150 to 440 times its size (700 MB for 1.6 MB).
/// Elements can't be counted before parsing, but each starts at a piece of markup or a line end, so
/// those are counted instead: the course's lessons have 3 to 5 for every 100 characters (960 in the
/// densest), and 1.7 MB of their prose repeated has 53,000.
enum MarkupBudget {
    /// The most pieces of markup (line ends included) a lesson may have.
    static let limit = 60_000

    /// Bytes that start an inline element anywhere (emphasis, code, links and images, HTML and
    /// autolinks, entities, escapes), and those that start a block where a line begins (quotes, bullets,
    /// ordered-list markers, headings, rules).
    private static let inline: [Bool] = table("*_`[<&\\"), blockStart: [Bool] = table(">-+*#.)")
    private static let linePrefix: [Bool] = table(" \t0123456789")

    private static func table(_ bytes: String) -> [Bool] {
        (0..<256).map { Array(bytes.utf8).contains(UInt8($0)) }
    }

    /// The error at the first markup character past the limit, or nil when the text is within it.
    static func problem(in text: String, file: String) -> Diagnostic? {
        var count = 0
        var line = 1
        var lineStart = 0
        var atLineStart = true
        for (offset, byte) in text.utf8.enumerated() {
            if byte == 0x0A {
                count += 1
                atLineStart = true
            } else if atLineStart && blockStart[Int(byte)] {
                count += 1
            } else if atLineStart && linePrefix[Int(byte)] {
                continue
            } else {
                atLineStart = false
                guard inline[Int(byte)] else { continue }
                count += 1
            }
            if count > limit {
                let column = text.utf8.dropFirst(lineStart).prefix(offset - lineStart).reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
                return Diagnostic(file: file, at: SourcePosition(line: line, column: column),
                    "the lesson has more than \(limit) pieces of Markdown markup (line ends, * _ ` [ < & \\ anywhere, > - + # at the start of a line); this is one more",
                    hint: "Each may start an element, and elements take memory; split the lesson into several.")
            }
            if byte == 0x0A {
                line += 1
                lineStart = offset + 1
            }
        }
        return nil
    }
}
