/// A run of a lesson as CommonMark: the lesson exactly as written, with each experiment's result
/// (as plain text) in a fenced `text` block right after its cell. `learn` reads it back as the same
/// lesson, the results shown as code.
public enum MarkdownExport {
    /// The executed lesson; `results` are the rendered results, by experiment cell.
    public static func render(_ lesson: Lesson, results: [String]) -> String {
        var lines = lesson.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Insert from the bottom up so that earlier line numbers stay right.
        for (cell, result) in zip(lesson.experiments, results).reversed() {
            let bodyLines = cell.body.text.isEmpty ? 0 : cell.body.text.split(separator: "\n", omittingEmptySubsequences: false).count
            let closing = cell.body.firstLine + bodyLines   // 1-based line of the closing fence
            guard closing <= lines.count else { continue }
            let fence = String(repeating: "`", count: max(3, longestBacktickRun(result) + 1))
            let block = [""] + [fence + "text"] + result.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + [fence]
            lines.insert(contentsOf: block, at: closing)
        }
        return lines.joined(separator: "\n")
    }

    private static func longestBacktickRun(_ text: String) -> Int {
        var longest = 0, run = 0
        for character in text {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        return longest
    }
}
