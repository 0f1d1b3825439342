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
            lesson = try parse(path)
        } catch {
            return Report(lesson: path, claims: 0, experiments: 0, exercises: 0, failures: Self.diagnostics(error, path), seconds: 0)
        }
        let (outcome, failures) = check(lesson, seed: nil, cache: cache)
        return Report(lesson: lesson.displayID, claims: outcome.claims.count, experiments: lesson.experiments.count,
                      exercises: lesson.exercises.count, failures: failures, seconds: Date().timeIntervalSince(start))
    }

    /// One claim over several seeds: on which it held, on which not.
    public struct ClaimTally: Sendable {
        /// The claim's cell.
        public let cell: SourcePosition
        /// The claim as written.
        public let claim: String
        /// The seeds it held on, and those it did not (or could not be checked on).
        public var held: [UInt64] = [], missed: [UInt64] = []
    }

    /// The result for one lesson run on several seeds.
    public struct SeedsReport: Sendable {
        /// The lesson's id or file.
        public let lesson: String
        /// The seeds, in the order run.
        public let seeds: [UInt64]
        /// Every claim, in lesson order, with the seeds it held on.
        public let tallies: [ClaimTally]
        /// Experiments run per seed, exercises checked per seed.
        public let experiments: Int, exercises: Int
        /// Everything that failed, each naming its seed (claims that missed any seed included).
        public let failures: [Diagnostic]
        /// How long all the seeds took.
        public let seconds: Double
    }

    /// Runs the lesson at `path` fresh once per seed (every cell with its seed derived from that one, as
    /// `learn run --seed` does) and tallies each claim: a claim must hold on every seed. The exercises'
    /// references are checked with each seed too. Nothing is cached: these are not the lesson's own runs.
    public func test(_ path: String, seeds: [UInt64]) -> SeedsReport {
        let start = Date()
        let lesson: Lesson
        do {
            lesson = try parse(path)
        } catch {
            return SeedsReport(lesson: path, seeds: seeds, tallies: [], experiments: 0, exercises: 0,
                               failures: Self.diagnostics(error, path), seconds: 0)
        }
        var tallies: [ClaimTally] = [], failures: [Diagnostic] = []
        for seed in seeds {
            let (outcome, problems) = check(lesson, seed: seed, cache: nil)
            for (index, (cell, claim)) in outcome.claims.enumerated() {
                if index == tallies.count { tallies.append(ClaimTally(cell: cell, claim: claim.claim.text)) }
                guard tallies[index].claim == claim.claim.text else { continue }
                if claim.held && claim.checked { tallies[index].held.append(seed) } else { tallies[index].missed.append(seed) }
            }
            failures += problems.map { problem in
                var failure = problem
                failure.message = "seed \(seed): " + failure.message
                return failure
            }
        }
        return SeedsReport(lesson: lesson.displayID, seeds: seeds, tallies: tallies, experiments: lesson.experiments.count,
                           exercises: lesson.exercises.count, failures: failures, seconds: Date().timeIntervalSince(start))
    }

    private func parse(_ path: String) throws -> Lesson { try parser.parse(contentsOf: path) }

    private static func diagnostics(_ error: Error, _ path: String) -> [Diagnostic] {
        if let list = error as? DiagnosticList { return list.diagnostics }
        return [(error as? Diagnostic)?.inFile(path) ?? Diagnostic(file: path, "\(error)")]
    }

    /// Runs `lesson` fresh with `seed` (nil: its own) and returns what failed: experiments, claims that did
    /// not hold or could not be checked, and exercises that their own answer can't pass or a blank one can.
    private func check(_ lesson: Lesson, seed: UInt64?, cache: ResultCache?) -> (LessonRunner.Outcome, [Diagnostic]) {
        var runner = LessonRunner(style: TerminalStyle(width: 80))
        runner.cache = cache
        runner.fresh = true
        runner.seed = seed
        let outcome = runner.run(lesson) { _ in }
        // A claim the lesson's own parameters can't check is as wrong as one that does not hold.
        var failures = outcome.failures + (outcome.failedClaims + outcome.uncheckedClaims).map { claim in
            var failure = claim
            failure.severity = .error
            return failure
        }
        let checker = ExerciseChecker(seed: seed ?? lesson.metadata.seed ?? LessonRunner.defaultSeed, codeRunner: nil)
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
        return (outcome, failures)
    }
}
