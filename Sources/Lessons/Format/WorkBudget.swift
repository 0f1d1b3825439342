/// A lesson's work budget: what all of its experiment cells together may ask of the machine.
///
/// Each cell's budget bounds the cell, but a lesson may hold many cells (and each has its own seed, so
/// no two share a cached result). So the cells' work, estimated in seconds from their parameters
/// (`Budget.seconds`), is summed, and the sum must fit both the time the front matter gives the lesson
/// (`minutes:`: a lesson may not make the student wait longer than it says it takes) and a cap that
/// holds for every lesson: the capstone's training with room to spare, and nothing far beyond it.
/// An exercise whose answer is computed by running an experiment counts too. `lint`, `run` and `test`
/// refuse a lesson past either, before anything runs.
public enum WorkBudget {
    /// The most estimated computing any lesson may ask for, in seconds. The capstone, the course's
    /// longest lesson, asks for about 9 minutes (5.4 × 10¹² training multiply-adds).
    public static let capSeconds = 15.0 * 60
    /// What a cell whose experiment has no budget counts: its parameters' ranges alone bound it to well
    /// under a second.
    public static let unbudgetedCellSeconds = 1.0

    /// The estimated seconds of `cell`.
    public static func seconds(of cell: ExperimentCell) -> Double {
        cell.parameters.budget.map(\.seconds) ?? unbudgetedCellSeconds
    }

    /// The estimated seconds of all of `lesson`'s experiments, those its exercises' computed answers run included.
    public static func seconds(of lesson: Lesson) -> Double {
        work(of: lesson.cells).reduce(0) { $0 + $1.seconds }
    }

    /// The work of each piece of `cells` that runs an experiment, with its position: experiment cells,
    /// and exercises whose answer is computed by running one (`learn check` and `test` run it).
    static func work(of cells: [Cell]) -> [(seconds: Double, position: SourcePosition)] {
        cells.compactMap { cell in
            switch cell {
            case .experiment(let experiment):
                return (seconds(of: experiment), experiment.position)
            case .exercise(let exercise):
                guard case .answer(let spec) = exercise.kind, case .computed(let computed) = spec.expected else { return nil }
                return (computed.parameters.budget.map(\.seconds) ?? unbudgetedCellSeconds, exercise.position)
            case .markdown:
                return nil
            }
        }
    }

    /// The error at the first cell where the running sum passes the lesson's limit (its `minutes`, or the
    /// cap when that is lower or not given); nil when the lesson fits.
    static func problem(file: String, metadata: LessonMetadata, cells: [Cell]) -> Diagnostic? {
        let declared = metadata.minutes.map { Double($0) * 60 }
        let limit = min(declared ?? capSeconds, capSeconds)
        let pieces = work(of: cells)
        var total = 0.0
        for (seconds, position) in pieces {
            total += seconds
            guard !(total <= limit) else { continue }
            let whole = pieces.reduce(0) { $0 + $1.seconds }
            let estimate = "about \(describe(whole)) of computing (estimated from the cells' parameters)"
            if let declared, declared <= capSeconds {
                return Diagnostic(file: file, at: position,
                    "with this cell the lesson passes its work budget: its experiments ask for \(estimate), more than the \(describe(declared)) its front matter gives it (minutes: \(metadata.minutes!))",
                    hint: "Ask for less (fewer cells, runs, epochs or training examples), or raise 'minutes' if the lesson really takes that long; no lesson may ask for more than \(describe(capSeconds)).")
            }
            return Diagnostic(file: file, at: position,
                "with this cell the lesson passes the work budget of any lesson: its experiments ask for \(estimate), more than \(describe(capSeconds))",
                hint: "Ask for less (fewer cells, runs, epochs or training examples), or split the lesson in two.")
        }
        return nil
    }

    /// `45 s`, `12 min`, `2 h 5 min`: a duration for messages.
    static func describe(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds < 1e9 else { return "more than 30 years" }
        let rounded = Int(seconds.rounded())
        if rounded < 120 { return "\(max(rounded, 1)) s" }
        let minutes = (rounded + 30) / 60
        return minutes < 120 ? "\(minutes) min" : "\(minutes / 60) h \(minutes % 60) min"
    }
}
