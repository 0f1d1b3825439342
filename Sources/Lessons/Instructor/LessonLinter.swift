import Foundation

/// Checks lessons without running anything: format, parameters, exercises, `requires`, ids and the
/// metrics claims name. Every problem is reported, not just the first; a single file gets the same
/// checks as a folder. A translation (`lessons/zh/…`) is also compared with the English lesson it
/// translates (`TranslationCheck`).
public struct LessonLinter: Sendable {
    /// Parses the lessons.
    public let parser: LessonParser

    /// Creates a linter.
    public init(parser: LessonParser) {
        self.parser = parser
    }

    /// Every problem of the lessons at `paths`, warnings included, in file order; `requires` may name
    /// a lesson of `library` or one beside the file.
    public func lint(_ paths: [String], library: LessonLibrary?) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let libraryIDs = Set(library?.entries.map(\.id.description) ?? [])
        if let library {
            problems += library.misnamedProblems
            // Two files with one id: `learn run 3` could not tell them apart.
            for (id, entries) in Dictionary(grouping: library.entries, by: \.id.description) where entries.count > 1 {
                for entry in entries.dropFirst() {
                    problems.append(Diagnostic(file: entry.path, "the lesson id \(id) is also used by \(entries[0].path)",
                        hint: "Renumber one of them; ids come from the file names."))
                }
            }
        }
        for path in paths {
            do {
                let lesson = try parser.parse(contentsOf: path)
                problems += lesson.warnings
                let known = libraryIDs.union(Self.neighbours(of: path))
                for (index, required) in lesson.metadata.requires.enumerated() where !known.contains(required) {
                    problems.append(Diagnostic(file: path, at: Self.position(of: index, in: lesson.metadata),
                        "'requires' names \(required), which is not a lesson here",
                        hint: known.isEmpty ? "No lesson files are beside it or in the lessons folder."
                            : "The lessons are: " + known.sorted().joined(separator: ", ")))
                }
                problems += MetricLint.problems(in: lesson)
                problems += translationProblems(lesson, path: path)
            } catch let list as DiagnosticList {
                problems += list.diagnostics
            } catch let diagnostic as Diagnostic {
                problems.append(diagnostic.inFile(path))
            } catch {
                problems.append(Diagnostic(file: path, "\(error)"))
            }
        }
        return problems
    }

    /// For a lesson in an edition folder (`lessons/zh/`): how it differs from the English lesson it
    /// translates, or that there is none.
    func translationProblems(_ translation: Lesson, path: String) -> [Diagnostic] {
        guard let original = Editions.original(of: path) else {
            let folder = (path as NSString).deletingLastPathComponent
            let parent = (folder as NSString).deletingLastPathComponent
            guard Course.isLanguageTag((folder as NSString).lastPathComponent), Language((folder as NSString).lastPathComponent) != nil,
                  let english = try? LessonLibrary(folder: parent.isEmpty ? "." : parent), !english.entries.isEmpty else { return [] }
            return [Diagnostic(file: path, "this translation has no English lesson of the same name in \(english.folder)",
                hint: "Name it like the lesson it translates: " + english.entries.prefix(3).map { ($0.path as NSString).lastPathComponent }.joined(separator: ", ") + " …")]
        }
        guard let bytes = FileBytes.read(atPath: original.path, limit: FileBytes.lessonLimit),
              let english = try? parser.parse(bytes: bytes, file: original.path) else {
            return [Diagnostic(.warning, file: path, "\(original.path), the lesson this translates, can't be read, so the two were not compared",
                hint: "Fix the English lesson first (learn lint \(original.path)).")]
        }
        return TranslationCheck.problems(original: english, originalBytes: bytes, translation: translation)
    }

    /// The ids of the lesson files in the folder that holds `path`.
    static func neighbours(of path: String) -> Set<String> {
        let folder = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        return Set((try? LessonLibrary(folder: folder.isEmpty ? "/" : folder))?.entries.map(\.id.description) ?? [])
    }

    /// Where the front matter's `requires` has its entry `index` (the start when that is not known).
    static func position(of index: Int, in metadata: LessonMetadata) -> SourcePosition {
        index < metadata.requiresPositions.count ? metadata.requiresPositions[index] : .start
    }
}
