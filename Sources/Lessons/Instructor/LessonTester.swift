import Foundation

/// Runs lessons the way CI and an instructor before class want: every experiment, every claim,
/// and every exercise's own reference answer, reporting what failed.
public struct LessonTester: Sendable {
    /// The result for one lesson.
    public struct Report: Sendable {
        /// The lesson's id or file.
        public let lesson: String
        /// Claims checked, experiments run, exercises checked.
        public let claims: Int, experiments: Int, exercises: Int
        /// Everything that failed.
        public let failures: [Diagnostic]
        /// How long the lesson took.
        public let seconds: Double
    }

    /// Parses lessons.
    public let parser: LessonParser
    /// Where the freshly computed results are stored, so that running the lessons afterwards computes
    /// nothing again; nil to keep none. Claims are always judged on fresh results.
    public var cache: ResultCache?

    /// Creates a tester.
    public init(parser: LessonParser, cache: ResultCache? = nil) {
        self.parser = parser
        self.cache = cache
    }

    /// Runs the lesson at `path` and checks its claims and its exercises' references.
    public func test(_ path: String) -> Report {
        let start = Date()
        let lesson: Lesson
        do {
            lesson = try parser.parse(contentsOf: path)
        } catch let list as DiagnosticList {
            return Report(lesson: path, claims: 0, experiments: 0, exercises: 0, failures: list.diagnostics, seconds: 0)
        } catch {
            return Report(lesson: path, claims: 0, experiments: 0, exercises: 0,
                          failures: [(error as? Diagnostic)?.inFile(path) ?? Diagnostic(file: path, "\(error)")], seconds: 0)
        }
        var runner = LessonRunner(style: TerminalStyle(width: 80))
        runner.cache = cache
        runner.fresh = true
        let outcome = runner.run(lesson) { _ in }
        // A claim the lesson's own parameters can't check is as wrong as one that does not hold.
        var failures = outcome.failures + (outcome.failedClaims + outcome.uncheckedClaims).map { claim in
            var failure = claim
            failure.severity = .error
            return failure
        }
        let checker = ExerciseChecker(seed: lesson.metadata.seed ?? LessonRunner.defaultSeed, codeRunner: nil)
        for exercise in lesson.exercises {
            let reference = checker.checkReference(exercise)
            if reference.status != .passed {
                failures.append(Diagnostic(file: lesson.file, at: exercise.position,
                    "exercise '\(exercise.id)' can't be passed with its own answer: \(reference.detail)",
                    hint: "Fix its answer, reference or computed value so that the exercise is passable."))
            }
            if exercise.needsAnswerEntry {
                let blank = checker.check(exercise, answer: nil, answersFile: "answers")
                if blank.status == .passed {
                    failures.append(Diagnostic(file: lesson.file, at: exercise.position,
                        "exercise '\(exercise.id)' passes with a blank answer"))
                }
            }
        }
        return Report(lesson: lesson.displayID, claims: outcome.claims.count, experiments: lesson.experiments.count,
                      exercises: lesson.exercises.count, failures: failures, seconds: Date().timeIntervalSince(start))
    }
}
