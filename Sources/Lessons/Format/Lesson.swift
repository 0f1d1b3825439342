import Yams

/// A parsed and validated lesson: its metadata and its cells in order.
public struct Lesson: Sendable {
    /// The file as the user named it (used in messages).
    public let file: String
    /// The id and slug from the file name, or nil for a file not named `lesson-NN-….md`.
    public let id: LessonID?
    /// The front matter.
    public let metadata: LessonMetadata
    /// The content, top to bottom.
    public internal(set) var cells: [Cell]
    /// Problems that don't stop the lesson from running.
    public let warnings: [Diagnostic]
    /// The file's text (LF line endings), for exporting the lesson with its results.
    public let text: String

    /// The id to show: `lesson-03`, or the file name for other files.
    public var displayID: String {
        id?.description ?? metadata.exportedFrom ?? String(file.split(separator: "/").last ?? Substring(file))
    }

    /// The experiment cells, in order.
    public var experiments: [ExperimentCell] {
        cells.compactMap(\.experimentCell)
    }

    /// The exercise cells, in order.
    public var exercises: [ExerciseCell] {
        cells.compactMap { if case .exercise(let cell) = $0 { return cell } else { return nil } }
    }
}

/// One top-level piece of a lesson.
public enum Cell: Sendable {
    /// Prose: a heading, paragraph, list, quote, shown code block …
    case markdown(Block)
    /// A runnable experiment.
    case experiment(ExperimentCell)
    /// A question for the student.
    case exercise(ExerciseCell)

    /// The experiment cell, nil for the others.
    public var experimentCell: ExperimentCell? {
        if case .experiment(let cell) = self { return cell } else { return nil }
    }
}

/// A fenced block ```` ```experiment NAME ```` with its decoded parameters.
public struct ExperimentCell: @unchecked Sendable {
    /// The experiment's name as written.
    public let name: String
    /// The cell's own name, from ```` ```experiment KIND as LABEL ````, if it has one.
    public let label: String?
    /// The experiment type.
    public let experiment: any Experiment.Type
    /// The parameters, decoded and checked, defaults filled in.
    public let parameters: any ExperimentParameters
    /// What the lesson expects of the results (`expect:`), checked after each run.
    public let claims: [Claim]
    /// The body as written in the lesson (shown above the results).
    public let source: String
    /// Where the cell's fence starts.
    public let position: SourcePosition
    /// 0-based index among the lesson's experiment cells; part of the cell's seed.
    public let index: Int
    /// The body's YAML and where it sits, for re-decoding with overrides.
    let body: YAMLSource
    /// The parameters' YAML as decoded (the body without `expect`, with any overrides), or nil.
    var parameterNode: Node? = nil

    /// How `--set` and `--params` name the cell: its label, or `#N` by position (1-based).
    public var reference: String { label ?? "#\(index + 1)" }
}
