/// Checks lessons without running anything: format, parameters, exercises, `requires` and ids.
/// Every problem is reported, not just the first.
public struct LessonLinter: Sendable {
    /// Parses the lessons.
    public let parser: LessonParser

    /// Creates a linter.
    public init(parser: LessonParser) {
        self.parser = parser
    }

    /// Every problem of the lessons at `paths`, warnings included, in file order; `library` is the
    /// folder whose ids `requires` may name.
    public func lint(_ paths: [String], library: LessonLibrary?) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let known = Set(library?.entries.map(\.id.description) ?? [])
        if let library {
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
                for required in lesson.metadata.requires where library != nil && !known.contains(required) {
                    problems.append(Diagnostic(file: path, at: Self.position(of: required, in: lesson),
                        "'requires' names \(required), which is not a lesson here",
                        hint: "The lessons are: " + known.sorted().joined(separator: ", ")))
                }
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

    /// Where the front matter's `requires` names `id` (the front matter keeps no positions of its own).
    static func position(of id: String, in lesson: Lesson) -> SourcePosition {
        let lines = lesson.text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("requires:") }) else { return .start }
        for index in start..<min(lines.count, start + 20) {
            if let range = lines[index].range(of: id) {
                return SourcePosition(line: index + 1, column: lines[index].distance(from: lines[index].startIndex, to: range.lowerBound) + 1)
            }
        }
        return SourcePosition(line: start + 1, column: 1)
    }
}
