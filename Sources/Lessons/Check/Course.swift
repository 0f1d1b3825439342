import Foundation
import Yams

/// A course: the lessons of one folder, named by the id in the `course.yaml` beside them.
///
/// A student's answers, progress and cached results belong to a course, not to a lesson id
/// alone, so two lesson folders used from one working folder never see each other's work:
/// `answers/<id>/lesson-03.yaml`, `.learn/courses/<id>/progress.json`, `.learn/courses/<id>/cache/`.
/// The id is written in the file, so moving the folder or editing a lesson changes nothing.
///
/// ```yaml
/// # lessons/course.yaml
/// id: image-classifiers
/// title: How image classifiers are trained
/// ```
///
/// An edition in another language lives in a folder named by its language tag inside the
/// course's folder (`lessons/zh/`) and shares the course's id: either through a `course.yaml` of
/// its own that names the same id, or, without one, by finding its parent's.
public struct Course: Sendable, Equatable {
    /// The id answers and progress are kept under: 1 to 40 lowercase ASCII letters, digits and
    /// hyphens, starting with a letter or digit (it names folders).
    public let id: String
    /// The course's title, if its file gives one.
    public let title: String?
    /// The language of this edition (`zh`), if its file gives one or it was found as an edition.
    public let language: String?
    /// Whether the answers and progress kept before courses existed (`answers/lesson-NN.yaml`,
    /// `.learn/progress.json`) are this course's: only the project's own course says so.
    public let adoptsUnscopedState: Bool
    /// Where the id came from.
    public let origin: Origin

    /// Where a course's id came from.
    public enum Origin: Sendable, Equatable {
        /// The `course.yaml` at this path.
        case file(String)
        /// The folder's name: the folder has no `course.yaml` and none could be written.
        case folderName(String)
    }

    /// The file name.
    public static let fileName = "course.yaml"

    /// The keys a `course.yaml` may have, with what each holds.
    static let keys: [(key: String, type: String)] = [
        ("id", "the course's id, e.g. image-classifiers (lowercase letters, digits, hyphens; at most 40)"),
        ("title", "text: the course's title"),
        ("language", "the edition's language tag, e.g. zh or pt-BR"),
        ("adopt_unscoped_state", "true for the one course that takes over answers/lesson-NN.yaml from before courses"),
    ]

    /// Creates a course.
    public init(id: String, title: String? = nil, language: String? = nil, adoptsUnscopedState: Bool = false, origin: Origin) {
        self.id = id
        self.title = title
        self.language = language
        self.adoptsUnscopedState = adoptsUnscopedState
        self.origin = origin
    }

    /// Whether `id` can name a course.
    public static func isValidID(_ id: String) -> Bool {
        guard (1...40).contains(id.unicodeScalars.count), let first = id.unicodeScalars.first,
              first != "-" else { return false }
        return id.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Whether a folder's name is a language tag (`zh`, `pt-BR`, `zh-Hans`): such a folder inside
    /// a course's folder holds an edition of that course.
    public static func isLanguageTag(_ name: String) -> Bool {
        let parts = name.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, language.count == 2,
              language.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }), parts.count <= 2 else { return false }
        return parts.dropFirst().allSatisfy { part in
            (2...8).contains(part.count) && part.unicodeScalars.allSatisfy { $0.isASCII && $0.properties.isAlphabetic || ("0"..."9").contains($0) }
        }
    }

    // MARK: Reading

    /// Reads and checks the `course.yaml` at `path`. It is input like any other: a problem is
    /// reported with its file:line:column.
    public init(contentsOf path: String) throws {
        guard FileBytes.size(atPath: path, over: FileBytes.courseLimit) == nil,
              let bytes = FileBytes.read(atPath: path, limit: FileBytes.courseLimit) else {
            throw Diagnostic(file: path, "the course file cannot be read, or is larger than a course file can be (\(FileBytes.describe(FileBytes.courseLimit)))",
                             hint: "Check its permissions; a course.yaml holds a few lines: id, title, language.")
        }
        try self.init(bytes: bytes, file: path)
    }

    /// Reads and checks the text of a `course.yaml`; `file` is its path, for messages.
    public init(bytes: [UInt8], file: String) throws {
        let text = try SourceText.decode(bytes, file: file).text
        let yaml = YAMLSource(file: file, text: text, firstLine: 1, what: "the course file")
        let example = "For example:\nid: image-classifiers\ntitle: How image classifiers are trained"
        guard let node = try yaml.compose(), case .mapping(let mapping) = node else {
            throw Diagnostic(file: file, at: .start, "the course file must be a mapping with an 'id'", hint: example)
        }
        var reader = FieldReader(yaml: yaml)
        var id: String?, title: String?, language: String?, adopts = false
        for (keyNode, value) in mapping {
            let key = keyNode.scalarText ?? keyNode.quoted
            switch key {
            case "id":
                guard let text = reader.text(value, key) else { break }
                if Self.isValidID(text) {
                    id = text
                } else {
                    reader.fail(value, "'\(Diagnostic.abbreviated(text, limit: 60))' is not a course id",
                        hint: "An id is 1 to 40 lowercase letters, digits and hyphens, such as image-classifiers. "
                            + "Answers and progress are kept under it, so change it only to start the course afresh.")
                }
            case "title":
                title = reader.text(value, key)
                if let text = title, text.contains(where: \.isNewline) || text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                    reader.fail(value, "'title' must be one line of text", hint: "Write the title on one line.")
                }
            case "language":
                guard let text = reader.text(value, key) else { break }
                if Self.isLanguageTag(text) { language = text } else {
                    reader.fail(value, "'\(Diagnostic.abbreviated(text, limit: 60))' is not a language tag",
                        hint: "Use a two-letter code, optionally with a region or script: zh, pt-BR, zh-Hans.")
                }
            case "adopt_unscoped_state":
                guard case .scalar(let scalar) = value, ["true", "false"].contains(scalar.string) else {
                    reader.fail(value, "'adopt_unscoped_state' must be true or false, not \(value.quoted)")
                    break
                }
                adopts = scalar.string == "true"
            default:
                let suggestion = Suggestions.didYouMean(key, in: Self.keys.map(\.key)).map { "Unknown key: \($0)\n" } ?? ""
                reader.fail(keyNode, "unknown key '\(key)' in the course file", hint: suggestion + FieldReader.keyList("Course keys:", Self.keys))
            }
        }
        if id == nil, reader.problems.isEmpty {
            reader.problems.append(Diagnostic(file: file, at: yaml.position(node.mark), "the course file has no 'id'",
                hint: "Add a line such as: id: my-course\nAnswers and progress are kept under it."))
        }
        if reader.problems.count == 1 { throw reader.problems[0] }
        if !reader.problems.isEmpty { throw DiagnosticList(reader.problems) }
        self.init(id: id!, title: title, language: language, adoptsUnscopedState: adopts, origin: .file(file))
    }

    /// The course of the lessons in `folder`: its `course.yaml`, or for an edition folder
    /// (`lessons/zh`) without one, its parent's. Nil when neither has one.
    public static func find(lessonsFolder folder: String) throws -> Course? {
        let own = (folder as NSString).appendingPathComponent(fileName)
        if FileManager.default.fileExists(atPath: own) { return try Course(contentsOf: own) }
        let name = (standardized(folder) as NSString).lastPathComponent
        guard isLanguageTag(name) else { return nil }
        let parent = (standardized(folder) as NSString).deletingLastPathComponent
        let inherited = (parent as NSString).appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: inherited) else { return nil }
        let course = try Course(contentsOf: inherited)
        return Course(id: course.id, title: course.title, language: name,
                      adoptsUnscopedState: course.adoptsUnscopedState, origin: course.origin)
    }

    /// What `findOrCreate` found or did.
    public struct Found: Sendable {
        /// The course.
        public let course: Course
        /// The `course.yaml` written for it, when there was none.
        public let wrote: String?
        /// Why the id comes from the folder's name, when no file could be written.
        public let warning: Diagnostic?
    }

    /// The course of the lessons in `folder`, for a command that is about to keep state for it.
    /// A folder without a course gets a `course.yaml` with a fresh id; one that can't be written
    /// is named after the folder instead, with a warning saying so.
    public static func findOrCreate(lessonsFolder folder: String) throws -> Found {
        if let course = try find(lessonsFolder: folder) { return Found(course: course, wrote: nil, warning: nil) }
        let path = (folder as NSString).appendingPathComponent(fileName)
        let id = freshID(for: folder)
        let text = """
            # The course these lessons make up. Answers and progress are kept under its id
            # (answers/\(id)/, .learn/courses/\(id)/), so keep the id when you move or edit the lessons.
            id: \(id)

            """
        if writeNew(text, to: path) {
            return Found(course: Course(id: id, origin: .file(path)), wrote: path, warning: nil)
        }
        // Another `learn` may have written it meanwhile.
        if let course = try find(lessonsFolder: folder) { return Found(course: course, wrote: nil, warning: nil) }
        let named = provisional(lessonsFolder: folder)
        return Found(course: named, wrote: nil, warning: Diagnostic(.warning, file: path,
            "there is no course file here and none can be written, so the course id is '\(named.id)', from the folder's name",
            hint: "Answers and progress are kept under it. Renaming the folder starts afresh; "
                + "a course.yaml with 'id: \(named.id)' would keep them."))
    }

    /// The course of a folder without a `course.yaml`, named after the folder (nothing is written).
    public static func provisional(lessonsFolder folder: String) -> Course {
        let name = slug((standardized(folder) as NSString).lastPathComponent, limit: 40)
        return Course(id: isValidID(name) ? name : "lessons", origin: .folderName(folder))
    }

    /// A new id for the course in `folder`: its name, and six random hex digits so that two
    /// folders of one name (`my-lessons` in two places) are two courses.
    public static func freshID(for folder: String) -> String {
        let name = String(slug((standardized(folder) as NSString).lastPathComponent).prefix(30))
        let suffix = String(UInt32.random(in: 0...0xFF_FFFF), radix: 16)
        let padded = String(repeating: "0", count: 6 - suffix.count) + suffix
        return (name.isEmpty ? "course" : name.trimmingTrailingHyphens) + "-" + padded
    }

    /// `Café: ünïcode` → `cafe-unicode`: letters transliterated to ASCII, the rest hyphens.
    public static func slug(_ text: String, limit: Int = 48) -> String {
        let latin = text.applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) ?? text
        var slug = ""
        for scalar in latin.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty, slug.last != "-" {
                slug += "-"
            }
        }
        return String(slug.prefix(limit)).trimmingTrailingHyphens
    }

    /// Creates `path` with `text` unless it exists: written whole beside it, then hard-linked into
    /// place, which fails if another process got there first (so two first uses can't write two
    /// different ids). False when it exists already or can't be written.
    private static func writeNew(_ text: String, to path: String) -> Bool {
        let temporary = path + ".\(getpid()).new"
        guard (try? AtomicFile.write(text, to: temporary)) != nil else { return false }
        defer { unlink(temporary) }
        // link(2) fails if `path` exists: the first writer wins, whole.
        if link(temporary, path) == 0 { return true }
        // A file system without hard links: a rename, checked first (a narrow race, not a lost file).
        guard errno != EEXIST, !FileManager.default.fileExists(atPath: path) else { return false }
        return rename(temporary, path) == 0
    }

    private static func standardized(_ folder: String) -> String {
        let absolute = folder.hasPrefix("/") ? folder
            : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(folder)
        return (absolute as NSString).standardizingPath
    }
}

private extension String {
    var trimmingTrailingHyphens: String {
        var copy = self
        while copy.hasSuffix("-") { copy.removeLast() }
        return copy
    }
}
