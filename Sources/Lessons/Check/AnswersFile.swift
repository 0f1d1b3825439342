import Foundation
import Yams

/// A student's answers to one lesson's exercises: `answers/lesson-03.yaml`, a YAML mapping from
/// exercise id to answer, which students edit by hand or through `learn answer`.
///
/// The file is the student's: it is created with commented blanks, edited line by line (their
/// comments and other answers stay as they wrote them), written atomically, and never rewritten
/// while it doesn't parse.
public struct AnswersFile: Sendable {
    /// The file's path.
    public let path: String
    /// The text as read (empty when the file doesn't exist yet).
    public private(set) var text: String
    /// Whether the file exists on disk.
    public private(set) var exists: Bool

    /// The path of a lesson's answers file inside `folder`.
    public static func path(for lesson: Lesson, in folder: String) -> String {
        (folder as NSString).appendingPathComponent("\(lesson.displayID.replacingOccurrences(of: ".md", with: "")).yaml")
    }

    /// Reads the file at `path`, if there is one.
    public init(path: String) throws {
        self.path = path
        guard FileManager.default.fileExists(atPath: path) else {
            text = ""
            exists = false
            return
        }
        if let size = FileBytes.size(atPath: path, over: FileBytes.answersLimit) {
            throw Diagnostic(file: path, "the answers file is \(FileBytes.describe(size)), more than the \(FileBytes.describe(FileBytes.answersLimit)) an answers file may be",
                             hint: "Move it away; `learn check` writes a new one with a blank for each exercise.")
        }
        guard let bytes = FileBytes.read(atPath: path, limit: FileBytes.answersLimit) else {
            // Name what is there: a folder or a FIFO is not a permissions problem.
            let what = FileBytes.problem(atPath: path) ?? "can't be read"
            throw Diagnostic(file: path, "the answers file \(what)",
                             hint: what.hasPrefix("can't") ? "Check its permissions." : "Move it away; `learn check` writes a new answers file here.")
        }
        text = try SourceText.decode(bytes, file: path).text
        exists = true
    }

    /// The answers, by exercise id: nil for an exercise left blank. Throws when the file doesn't parse.
    public func answers() throws -> [String: AnswerValue] {
        let yaml = YAMLSource(file: path, text: text, firstLine: 1, what: "the answers file")
        guard let node = try yaml.compose() else { return [:] }
        guard case .mapping(let mapping) = node else {
            throw Diagnostic(file: path, at: yaml.position(node.mark),
                "the answers file must map exercise ids to answers, such as 'effective-step: 10'",
                hint: "Fix the file, or delete it and run `learn check` to get a fresh one.")
        }
        var result: [String: AnswerValue] = [:]
        for (key, value) in mapping {
            guard let id = key.scalarText else { continue }
            result[id] = AnswerValue(node: value, position: yaml.position(value.mark))
        }
        return result
    }

    /// Adds a commented blank for every exercise of `lesson` that the file doesn't mention yet.
    /// Returns whether anything was added.
    @discardableResult
    public mutating func addBlanks(for lesson: Lesson, catalog: ExperimentCatalog) throws -> Bool {
        let present = exists ? try answers() : [:]
        let missing = lesson.exercises.filter { $0.needsAnswerEntry && present[$0.id] == nil && !mentions($0.id) }
        guard !missing.isEmpty else { return false }
        var text = self.text
        if !exists {
            text = "# Answers to \(lesson.displayID): \(lesson.metadata.title)\n"
                + "# Write each answer after its colon, save, and run `learn check \(lesson.displayID)`.\n"
                + "# Or let learn write it: learn answer \(lesson.displayID) EXERCISE-ID VALUE\n"
        }
        for exercise in missing {
            if !text.isEmpty && !text.hasSuffix("\n") { text += "\n" }
            text += "\n" + exercise.answerTemplate(catalog: catalog)
        }
        // Blanks are a convenience: a file they would take past the size limit, which the next read
        // would refuse, is left as it is.
        guard text.utf8.count <= FileBytes.answersLimit else { return false }
        try Self.checkParses(text, path: path)
        try AtomicFile.write(text, to: path)
        self.text = text
        exists = true
        return true
    }

    /// Sets exercise `id`'s answer to `value` (YAML as the student typed it, e.g. `10` or
    /// `{learning_rates: [0.7]}`), keeping every other line of the file as it was.
    /// Without `saving`, only the text in memory changes (an answer checked in a read-only copy of a course).
    public mutating func set(_ id: String, to value: String, saving: Bool = true) throws {
        // A file that doesn't parse is the student's work in progress: report it, don't touch it.
        let before = try answers()
        let rendered = try Self.flowValue(value)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The entry's line is where YAML found the key: a line that merely starts with `id:`
        // inside a quoted text of another answer is not it.
        let yaml = YAMLSource(file: path, text: text, firstLine: 1, what: "the answers file")
        let keys = try yaml.compose()?.mapping?.map(\.key) ?? []
        let position = keys.firstIndex { $0.scalarText == id }
        let key = position.map { keys[$0] }
        if let key, key.mark?.column != 1 {
            throw Diagnostic(file: path, at: yaml.position(key.mark),
                "learn answer can only change an answer written on its own line as '\(id): …'",
                hint: "Write your answer here by hand, or put each answer on its own line.")
        }
        if let line = key?.mark?.line, line >= 1, line <= lines.count {
            let index = line - 1
            // The entry runs to the next key, less the blank lines and comments that precede that key.
            let next = position.flatMap { $0 + 1 < keys.count ? keys[$0 + 1].mark?.line : nil }
            var end = min(next.map { $0 - 1 } ?? lines.count, lines.count)
            while end > index + 1, lines[end - 1].trimmingCharacters().isEmpty || lines[end - 1].hasPrefix("#") { end -= 1 }
            lines.replaceSubrange(index..<end, with: ["\(id): \(rendered)"])
        } else {
            if lines.last == "" { lines.removeLast() }
            lines.append("\(id): \(rendered)")
            lines.append("")
        }
        let updated = lines.joined(separator: "\n")
        // The file must stay readable: one past the size limit would be refused by the next read.
        if updated.utf8.count > FileBytes.answersLimit {
            throw Diagnostic(file: path, "this answer would make the answers file larger than the \(FileBytes.describe(FileBytes.answersLimit)) an answers file may be, so it was not saved",
                             hint: "Remove what you no longer need from the file (long comments, old answers), then answer again.")
        }
        try Self.checkEdit(updated, setting: id, keeping: before, path: path)
        if saving { try AtomicFile.write(updated, to: path) }
        text = updated
        exists = true
    }

    private func mentions(_ id: String) -> Bool {
        text.split(separator: "\n").contains { Self.isKeyLine(String($0), id) }
    }

    private static func isKeyLine(_ line: String, _ id: String) -> Bool {
        guard line.hasPrefix(id) else { return false }
        let rest = line.dropFirst(id.count).drop { $0 == " " || $0 == "\t" }
        return rest.first == ":"
    }

    /// Refuses an edit that would not leave the file as the student had it plus the one answer:
    /// what `set` writes must parse, hold `id`, and keep every other answer as it was.
    private static func checkEdit(_ text: String, setting id: String, keeping before: [String: AnswerValue], path: String) throws {
        let after = (try? AnswersFile(path: path, text: text).answers()) ?? [:]
        let kept = before.allSatisfy { $0.key == id || after[$0.key]?.node == $0.value.node }
        // Whatever the value, what is saved must not read back as a blank (a lone byte-order
        // mark did, which no check of the value itself caught).
        if let written = after[id], written.isBlank {
            throw Diagnostic("the answer to '\(id)' would read back as empty",
                hint: "Give a number or a text, or for a challenge its values, e.g. '{learning_rates: [0.7]}'.")
        }
        guard after[id] != nil, kept else {
            throw Diagnostic(file: path, "learn answer can't write the answer to '\(id)' into this file without changing others",
                hint: "Write it by hand after '\(id):', on a line of its own.")
        }
    }

    private init(path: String, text: String) {
        self.path = path
        self.text = text
        exists = true
    }

    private static func checkParses(_ text: String, path: String) throws {
        _ = try YAMLSource(file: path, text: text, firstLine: 1, what: "the answers file").compose()
    }

    /// The value as one line of YAML: as typed when it parses as one value, quoted otherwise.
    static func flowValue(_ value: String) throws -> String {
        let trimmed = value.trimmingCharacters()
        // Any line break counts (a lone CR too: the file is read with CR as a line end, so "\r"
        // would come back as a blank), and so does a value of nothing but white space.
        guard !trimmed.allSatisfy(\.isWhitespace), !trimmed.contains(where: \.isNewline) else {
            throw Diagnostic("an answer is one line of text, a number, or a {key: value} mapping",
                hint: "For example: learn answer lesson-03 effective-step 10")
        }
        if let control = trimmed.unicodeScalars.first(where: { $0.properties.generalCategory == .control && $0 != "\t" }) {
            throw Diagnostic("an answer can't contain control characters, such as U+\(String(control.value, radix: 16, uppercase: true))",
                hint: "Type the answer as plain text.")
        }
        if let node = try? Yams.compose(yaml: trimmed), node.scalarText == nil || node.scalarText == trimmed {
            // Plain, except YAML's words for nothing: `~` or `null` as typed would read back as a blank.
            if case .scalar(let scalar) = node, scalar.style == .plain, trimmed.first != "{", trimmed.first != "[",
               !["~", "null", "Null", "NULL"].contains(trimmed) {
                return trimmed
            }
            if node.scalarText == nil {
                // `[]`, `{}` or `{learning_rates: }` would be written, and then read as a blank.
                guard !AnswerValue(node: node, position: .start).isBlank else {
                    throw Diagnostic("'\(Diagnostic.abbreviated(trimmed, limit: 80))' is an empty answer",
                        hint: "Give a number or a text, or for a challenge its values, e.g. '{learning_rates: [0.7]}'.")
                }
                return trimmed
            }
        }
        let escaped = trimmed.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }
}

/// One answer from an answers file, with where it is.
public struct AnswerValue: @unchecked Sendable {
    /// The YAML value.
    let node: Node
    /// Where it starts in the answers file.
    public let position: SourcePosition

    /// Whether the student left it blank (no value, or an empty one).
    public var isBlank: Bool {
        switch node {
        case .scalar(let scalar): return scalar.string.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty || (scalar.style == .plain && ["~", "null"].contains(scalar.string))
        case .mapping(let mapping): return mapping.allSatisfy { AnswerValue(node: $0.value, position: position).isBlank }
        case .sequence(let sequence): return sequence.isEmpty
        case .alias: return false
        }
    }

    /// The answer as text, when it is a single value, without white space around it.
    /// Line breaks are trimmed too: a block scalar (`answer: |`) ends with one, or not, depending
    /// on whether a line follows it in the file.
    public var text: String? { node.scalarText?.trimmingCharacters(in: .whitespacesAndNewlines) }
}

