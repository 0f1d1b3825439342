import Yams

/// A lesson's front matter: the YAML between the `---` lines at the top of the file.
public struct LessonMetadata: Sendable, Equatable {
    /// The lesson format version this build reads. Files may omit `format`; they then mean this one.
    public static let formatVersion = 1

    /// The title (required).
    public var title: String
    /// One or two sentences saying what the lesson teaches.
    public var summary: String?
    /// About how long the lesson takes, in minutes.
    public var minutes: Int?
    /// Ids of lessons to take first (`lesson-02`).
    public var requires: [String]
    /// Where each entry of `requires` is written, in the same order.
    public var requiresPositions: [SourcePosition] = []
    /// The seed every experiment's randomness derives from, unless `--seed` overrides it.
    public var seed: UInt64?
    /// The format version the lesson was written for.
    public var format: Int
    /// For a lesson exported with its results (`learn run --format markdown`): the id of the lesson it
    /// came from, shown in place of the export's file name.
    public var exportedFrom: String?
    /// For a translation (`lessons/zh/…`): the SHA-256 of the English lesson it was translated from, as
    /// 64 lowercase hex digits, so that `lint` can say when the English has changed since.
    public var translatedFrom: String?
    /// Where `translated_from` is written.
    public var translatedFromPosition: SourcePosition?

    /// The keys front matter may have, with their types, for messages.
    static let keys: [(key: String, type: String)] = [
        ("title", "text, required"), ("summary", "text"), ("minutes", "whole number from 1 to 600"),
        ("requires", "list of lesson ids such as [lesson-02]"), ("seed", "whole number from 0"),
        ("format", "lesson format version, \(formatVersion)"),
        ("exported_from", "the id of the lesson an export was made from (written by learn run --format markdown)"),
        ("translated_from", "a translation's record of the English lesson it was made from: its SHA-256, 64 hex digits (sha256sum prints it)"),
    ]

    static var keysHint: String { FieldReader.keyList("Front matter keys:", keys) }

    /// Reads and checks front matter, collecting every problem.
    static func decode(_ source: SourceText) throws -> LessonMetadata {
        guard let text = source.frontMatter else {
            throw Diagnostic(file: source.file, at: .start, "the lesson has no front matter, so it has no title",
                hint: "Start the file with:\n---\ntitle: \"Your title\"\n---")
        }
        let yaml = YAMLSource(file: source.file, text: text, firstLine: source.frontMatterFirstLine, what: "the front matter")
        let node = try yaml.compose()
        guard let node, case .mapping(let mapping) = node else {
            throw Diagnostic(file: source.file, at: yaml.position(node?.mark),
                "the front matter must be a mapping of keys such as 'title: …'",
                hint: keysHint)
        }
        var reader = FieldReader(yaml: yaml)
        var metadata = LessonMetadata(title: "", requires: [], format: formatVersion)
        var sawTitle = false
        for (keyNode, value) in mapping {
            let key = keyNode.scalarText ?? keyNode.quoted
            switch key {
            case "title":
                if let title = reader.text(value, key) {
                    sawTitle = true
                    metadata.title = title
                    if title.trimmingCharacters().isEmpty {
                        reader.fail(value, "'title' is empty", hint: "Give the lesson a title.")
                    }
                }
            case "summary": metadata.summary = reader.text(value, key)
            case "minutes": metadata.minutes = reader.integer(value, key, in: 1...600)
            case "seed": metadata.seed = reader.integer(value, key, in: 0...Int.max).map(UInt64.init)
            case "requires":
                metadata.requires = reader.lessonIDs(value, key, own: LessonID(source.fileName))
                if case .sequence(let sequence) = value, sequence.count == metadata.requires.count {
                    metadata.requiresPositions = sequence.map { yaml.position($0.mark) }
                }
            case "exported_from":
                if let from = reader.text(value, key) {
                    if (1...100).contains(from.count), from.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic && $0.isASCII || ("0"..."9").contains($0) || "-._".unicodeScalars.contains($0) }) {
                        metadata.exportedFrom = from
                    } else {
                        reader.fail(value, "'exported_from' is not a lesson id or file name", hint: "Write the id of a lesson, such as lesson-03 (ASCII letters, digits, '-', '.', '_').")
                    }
                }
            case "translated_from":
                if let hash = reader.text(value, key) {
                    if hash.count == 64, hash.unicodeScalars.allSatisfy({ ("0"..."9").contains($0) || ("a"..."f").contains($0) }) {
                        metadata.translatedFrom = hash
                        metadata.translatedFromPosition = yaml.position(value.mark)
                    } else {
                        reader.fail(value, "'translated_from' is not a SHA-256 (64 lowercase hex digits)",
                                    hint: "Write the hash of the English lesson the translation was made from: sha256sum lessons/FILE.md")
                    }
                }
            case "format":
                if let format = reader.integer(value, key, in: 1...Int.max) {
                    metadata.format = format
                    if format > formatVersion {
                        reader.fail(value, "the lesson is written for format \(format), newer than this learn reads (\(formatVersion))",
                            hint: "Update learn, or write the lesson for format \(formatVersion).")
                    }
                }
            default:
                let suggestion = Suggestions.didYouMean(key, in: keys.map(\.key)).map { "Unknown key: \($0)\n" } ?? ""
                reader.fail(keyNode, "unknown front matter key '\(key)'", hint: suggestion + keysHint)
            }
        }
        if !sawTitle, reader.problems.isEmpty {
            reader.problems.append(Diagnostic(file: source.file, at: .start, "the front matter has no 'title'",
                hint: "Add a line such as: title: \"SGD versus momentum\""))
        }
        if !reader.problems.isEmpty { throw DiagnosticList(reader.problems) }
        return metadata
    }
}

/// Reads typed scalar fields out of YAML nodes, collecting a diagnostic for each bad one.
struct FieldReader {
    /// "TITLE" and one aligned line per key with its type: the hint under an unknown-key error.
    static func keyList(_ title: String, _ keys: [(key: String, type: String)]) -> String {
        let width = keys.map(\.key.count).max() ?? 0
        return title + "\n" + keys.map {
            "  " + $0.key.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + $0.type
        }.joined(separator: "\n")
    }

    let yaml: YAMLSource
    var problems: [Diagnostic] = []

    mutating func fail(_ node: Node, _ message: String, hint: String? = nil) {
        problems.append(Diagnostic(file: yaml.file, at: yaml.position(node.mark), message, hint: hint))
    }

    mutating func text(_ node: Node, _ key: String) -> String? {
        guard case .scalar(let scalar) = node else {
            fail(node, "'\(key)' must be text, not \(node.quoted)", hint: "Write it on one line, in quotes if it contains ':'.")
            return nil
        }
        // A control character in a text field would reach the terminal (or hide in it): refused at its column.
        if let index = Array(scalar.string.unicodeScalars).firstIndex(where: TerminalSafe.isUnsafe) {
            let unsafe = Array(scalar.string.unicodeScalars)[index]
            var position = yaml.position(node.mark)
            if !scalar.string.contains("\n") { position.column += index + (scalar.style == .plain ? 0 : 1) }
            problems.append(Diagnostic(file: yaml.file, at: position,
                "'\(key)' holds the control character \(TerminalSafe.visible(unsafe)), which text may not hold",
                hint: "Remove it; write the text as plain characters."))
            return nil
        }
        return scalar.string
    }

    mutating func integer(_ node: Node, _ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let text = node.scalarText, let value = Int(text) else {
            fail(node, "'\(key)' must be a whole number, not \(node.quoted)")
            return nil
        }
        guard range.contains(value) else {
            let upper = range.upperBound == Int.max ? "" : " to \(range.upperBound)"
            fail(node, "'\(key)' must be from \(range.lowerBound)\(upper), not \(value)")
            return nil
        }
        return value
    }

    /// The most entries a list of texts may have, by key: choices are lettered a to z; 100 otherwise.
    static let listLimits = ["choices": 26, "hints": 20, "requires": 100]
    static let defaultListLimit = 100

    mutating func texts(_ node: Node, _ key: String) -> [String]? {
        guard case .sequence(let sequence) = node else {
            fail(node, "'\(key)' must be a list such as [a, b], not \(node.quoted)")
            return nil
        }
        // The length is checked on the YAML node before any entry is read, so a list of a million
        // entries costs one message, not a million.
        let limit = Self.listLimits[key] ?? Self.defaultListLimit
        guard sequence.count <= limit else {
            fail(sequence[sequence.index(sequence.startIndex, offsetBy: limit)],
                 "'\(key)' may list \(limit) entries at most; this one lists \(sequence.count)",
                 hint: "Keep the \(limit) that matter.")
            return nil
        }
        var result: [String] = []
        for item in sequence {
            guard item.scalarText != nil else {
                fail(item, "each entry of '\(key)' must be text, not \(item.quoted)")
                return nil
            }
            guard let text = text(item, key) else { return nil }
            result.append(text)
        }
        return result
    }

    /// The lesson ids of a `requires` list; `own` is the id of the lesson being read, which may
    /// not require itself.
    mutating func lessonIDs(_ node: Node, _ key: String, own: LessonID?) -> [String] {
        guard let ids = texts(node, key) else { return [] }
        if case .sequence(let sequence) = node {
            for (id, item) in zip(ids, sequence) {
                guard let required = LessonID(id) else {
                    fail(item, "'\(id)' is not a lesson id", hint: "Lesson ids look like lesson-02.")
                    continue
                }
                if let own, required.description == own.description {
                    fail(item, "the lesson requires itself", hint: "Remove \(id) from '\(key)'.")
                }
            }
        }
        return ids
    }
}
