import Foundation

/// The lessons in a folder, and how a name the user typed finds one of them.
public struct LessonLibrary: Sendable {
    /// A lesson file in the folder.
    public struct Entry: Sendable {
        /// The id and slug from the file name.
        public let id: LessonID
        /// The path to the file (folder joined with the file name).
        public let path: String
    }

    /// The folder.
    public let folder: String
    /// The lesson files, in lesson order.
    public let entries: [Entry]
    /// Files named like lessons (`lesson-` and a digit, `.md`) whose names are not lesson ids
    /// (`lesson-123456-x.md`: ids have 2 to 5 digits), so that learn skips them: `lint` and `test` say so.
    public let misnamed: [String]

    /// Lists the `lesson-NN-….md` files in `folder`.
    public init(folder: String) throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            let what = FileBytes.problem(atPath: folder).map { $0 == "does not exist" ? $0 : $0 + ", not a folder" } ?? "is a file, not a folder"
            throw Diagnostic("the lessons folder '\(folder)' \(what)",
                hint: "Run learn from the repository's top folder, or name the folder with --lessons DIR or LEARN_LESSONS.")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        self.folder = folder
        self.entries = names.compactMap { name in
            guard name.hasSuffix(".md"), let id = LessonID(name) else { return nil }
            return Entry(id: id, path: (folder as NSString).appendingPathComponent(name))
        }.sorted { ($0.id, $0.path) < ($1.id, $1.path) }
        self.misnamed = names.filter { name in
            name.hasSuffix(".md") && LessonID(name) == nil && name.hasPrefix("lesson-")
                && name.dropFirst("lesson-".count).first.map { $0.isASCII && $0.isNumber } == true
        }.sorted().map { (folder as NSString).appendingPathComponent($0) }
    }

    /// The error for each file named like a lesson that learn skips.
    public var misnamedProblems: [Diagnostic] {
        misnamed.map { path in
            Diagnostic(file: path, "this file is named like a lesson but its name is not a lesson id, so learn skips it",
                hint: "Name it lesson-NN-slug.md, with 2 to 5 digits (lesson-07-dropout.md).")
        }
    }

    /// Whether the user named a file (`…/x.md`, `x.md`) rather than a lesson id, number or slug.
    public static func isPath(_ query: String) -> Bool {
        query.hasSuffix(".md") || query.contains("/")
    }

    /// Finds the lesson the user named: `lesson-03`, `03`, `3`, its slug, or a path to a `.md` file.
    /// Returns the path to read.
    public func resolve(_ query: String) throws -> String {
        if Self.isPath(query) { return query }
        let matches = entries.filter { entry in
            entry.id.description == query || entry.id.digits == query || entry.id.slug == query
                || Int(query).map { $0 == entry.id.number } == true
                || "lesson-\(query)" == entry.id.description
        }
        if matches.count == 1 { return matches[0].path }
        if matches.count > 1 {
            throw Diagnostic("'\(query)' names more than one lesson",
                hint: "Name one of: " + matches.map(\.path).joined(separator: ", "))
        }
        let names = entries.flatMap { [$0.id.description] + ($0.id.slug.map { [$0] } ?? []) }
        var hint = Suggestions.didYouMean(query, in: names).map { $0.prefix(1).uppercased() + $0.dropFirst() + "\n" } ?? ""
        hint += entries.isEmpty
            ? "There are no lessons in \(folder)."
            : "The lessons are:\n" + entries.map { "  \($0.id)" + ($0.id.slug.map { "  (\($0))" } ?? "") }.joined(separator: "\n")
        throw Diagnostic("no lesson '\(query)' in \(folder)", hint: hint)
    }
}
