/// Line wrapping by display width, shared by tables, titles, captions and legends.
///
/// Lines break at spaces, and also without a space next to Chinese, Japanese or Korean characters, following
/// `LineBreak`'s rules: no line starts with closing punctuation (，。」) or ends with opening punctuation (「（).
public enum TextWrap {
    /// `text` broken into lines of at most `width` columns: at spaces and CJK break opportunities where
    /// possible, inside a word only when the word alone is wider than `width`. Explicit newlines are kept;
    /// an empty text gives one empty line.
    public static func lines(_ text: String, width: Int) -> [String] {
        let width = max(width, 1)
        var result: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var lineWidth = 0
            forEachPiece(of: paragraph) { piece, spaced in
                var word = piece
                var wordWidth = TextWidth.of(String(word))
                let gap = spaced ? 1 : 0
                if lineWidth > 0 && lineWidth + gap + wordWidth <= width {
                    line += (spaced ? " " : "") + word
                    lineWidth += gap + wordWidth
                    return
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

    /// Calls `body` with each piece of one line of text that a wrap never breaks inside, in order: words
    /// between spaces, cut further at the break opportunities of CJK text; `spaced` when a space came before
    /// the piece. (A callback rather than an array: a long Chinese text is many small pieces.)
    static func forEachPiece(of text: Substring, _ body: (_ piece: Substring, _ spaced: Bool) -> Void) {
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var start = word.startIndex
            var previous: Character?
            var index = word.startIndex
            while index < word.endIndex {
                let character = word[index]
                if let previous, LineBreak.allowed(between: previous, and: character) {
                    body(word[start..<index], start == word.startIndex)
                    start = index
                }
                previous = character
                word.formIndex(after: &index)
            }
            body(word[start...], start == word.startIndex)
        }
    }

    /// The width of the widest piece of `text` that a wrap never breaks (the narrowest wrap that splits no
    /// word): a space-separated word, or a run of CJK text between two break opportunities.
    static func longestWord(_ text: String) -> Int {
        var widest = 0
        for line in text.split(separator: "\n") {
            forEachPiece(of: line) { piece, _ in widest = max(widest, TextWidth.of(String(piece))) }
        }
        return widest
    }
}
