import Yams

/// A run of a lesson as CommonMark: the lesson as written, with each experiment's result (as plain
/// text) in a fenced block right after its cell, marked with the info string `learn-result` and the
/// cell's reference. `learn` reads such a file as the same lesson: its result blocks are skipped and
/// drawn anew, so running an export prints what running the lesson prints.
///
/// What a student shares must not give the exercises away: unless asked to keep them, an exercise's
/// answer, hints, solution and reference answer are left out (`withheld: true` stands in for the
/// answer). The front matter names the lesson the export came from and the seed it ran with.
public enum MarkdownExport {
    /// The keys of an exercise cell an export leaves out.
    static let solutionKeys: Set = ["answer", "compute", "tolerance", "relative", "hints", "solution", "reference"]

    /// The executed lesson; each experiment cell's outcome is drawn in `style` (plain text).
    public static func render(_ lesson: Lesson, _ outcome: LessonRunner.Outcome, style: TerminalStyle,
                              withSolutions: Bool = false) -> String {
        var plain = style
        plain.color = false
        var lines = lesson.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var edits: [(line: Int, remove: Int, insert: [String])] = []
        for (cell, result) in zip(lesson.experiments, outcome.cells) {
            let text = LessonRunner.render(result, style: plain).trimmingNewlines()
            let closing = cell.body.firstLine + lineCount(cell.body.text)   // 1-based line of the closing fence
            let fence = String(repeating: "`", count: max(3, longestBacktickRun(text) + 1))
            edits.append((closing, 0, [""] + [fence + LessonParser.resultInfo + " " + cell.reference]
                + text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) + [fence]))
        }
        if !withSolutions {
            for exercise in lesson.exercises {
                guard let body = exercise.body, let stripped = strippedBody(body, exercise: exercise) else { continue }
                edits.append((body.firstLine - 1, lineCount(body.text), stripped))
            }
        }
        // From the bottom up, so that earlier line numbers stay right.
        for edit in edits.sorted(by: { $0.line > $1.line }) where edit.line + edit.remove <= lines.count {
            lines.replaceSubrange(edit.line..<(edit.line + edit.remove), with: edit.insert)
        }
        lines = frontMatter(lines, lesson: lesson, seed: outcome.seed)
        // A control character in the lesson is written as a visible escape: the export is text to share.
        return TerminalSafe.escaped(lines.joined(separator: "\n"))
    }

    /// The exercise's body without its solution keys, with `withheld: true` for an answer it lost;
    /// nil when it has none to remove.
    static func strippedBody(_ body: YAMLSource, exercise: ExerciseCell) -> [String]? {
        guard let node = try? body.compose(), case .mapping(let mapping) = node else { return nil }
        var isAnswer = false
        if case .answer = exercise.kind { isAnswer = true }
        // A withheld answer runs nothing, so the cell its computed value mirrored goes with it.
        let kept = mapping.filter { key, _ in !solutionKeys.contains(key.scalarText ?? "") && !(isAnswer && key.scalarText == "cell") }
        guard kept.count < mapping.count else { return nil }
        var pairs = Array(kept)
        if isAnswer {
            pairs.append((Node("withheld"), Node("true", Tag(.bool))))
        }
        let stripped = Node.mapping(Node.Mapping(pairs))
        guard let yaml = try? Yams.serialize(node: stripped, width: -1, allowUnicode: true) else { return nil }
        var lines = yaml.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        while lines.last == "" { lines.removeLast() }
        // Keep the body's indentation (a cell in a container sits indented).
        let indent = String(repeating: " ", count: max(body.columnOffset, 0))
        return lines.map { indent + $0 }
    }

    /// The front matter with `exported_from` (unless the lesson has it) and the seed of the run.
    static func frontMatter(_ lines: [String], lesson: Lesson, seed: UInt64) -> [String] {
        guard lines.first == "---", let end = lines.dropFirst().firstIndex(of: "---") else { return lines }
        var lines = lines
        var header: [String] = []
        if lesson.metadata.exportedFrom == nil { header.append("exported_from: \(lesson.displayID)") }
        if lesson.metadata.seed != seed {
            if let index = lines[1..<end].firstIndex(where: { $0.hasPrefix("seed:") }) {
                lines.remove(at: index)
                header.append("seed: \(seed)")
                lines.insert(contentsOf: header, at: end - 1)
                return lines
            }
            header.append("seed: \(seed)")
        }
        lines.insert(contentsOf: header, at: end)
        return lines
    }

    private static func lineCount(_ text: String) -> Int {
        text.isEmpty ? 0 : text.split(separator: "\n", omittingEmptySubsequences: false).count
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

extension String {
    /// The text without blank lines at its start and end.
    fileprivate func trimmingNewlines() -> String {
        var text = Substring(self)
        while text.first == "\n" { text = text.dropFirst() }
        while text.last == "\n" { text = text.dropLast() }
        return String(text)
    }
}
