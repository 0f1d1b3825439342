/// Word wrapping by display width, shared by tables, titles, captions and legends.
public enum TextWrap {
    /// `text` broken into lines of at most `width` columns: at spaces where possible, inside a word only when
    /// the word alone is wider than `width`. Explicit newlines are kept; an empty text gives one empty line.
    public static func lines(_ text: String, width: Int) -> [String] {
        let width = max(width, 1)
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: true) {
                var word = word
                var wordWidth = TextWidth.of(String(word))
                if lineWidth > 0 && lineWidth + 1 + wordWidth <= width {
                    line += " " + word
                    lineWidth += 1 + wordWidth
                    continue
                }
                if lineWidth > 0 {
                    result.append(line)
                    line = ""
                    lineWidth = 0
                }
                while wordWidth > width {
                    var head = TextWidth.prefix(word, width: width)
                    // A wide character in a one-column space still has to go somewhere.
                    if head.isEmpty, let first = word.first { head = String(first) }
                    result.append(head)
                    // Cut and measure only the piece: redoing the whole word per piece made a
                    // 1 MB title take minutes.
                    word = word.dropFirst(head.count)
                    wordWidth -= TextWidth.of(head)
                }
                line = String(word)
                lineWidth = wordWidth
            }
            result.append(line)
        }
        return result
    }

    /// The width of the longest space-separated word of `text` (the narrowest wrap that splits no word).
    static func longestWord(_ text: String) -> Int {
        text.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { TextWidth.of(String($0)) }.max() ?? 0
    }
}
