import Foundation
import TextPlot
import Yams

/// The verdict on one exercise.
public struct CheckResult: Sendable {
    /// Passed, failed, not tried yet, or not checkable (an error in the answer or the lesson).
    public enum Status: String, Sendable {
        case passed, failed, notTried = "not tried", invalid = "error"
    }

    /// The exercise's id.
    public let id: String
    /// The verdict.
    public let status: Status
    /// Why: what was wrong, what to do, or what passed; empty when there is nothing to add.
    public let reason: Phrase

    /// A verdict.
    public init(id: String, status: Status, reason: Phrase) {
        self.id = id
        self.status = status
        self.reason = reason
    }

    /// The reason in English.
    public var detail: String { MessageCatalog.english.text(reason) }
}

/// Checks a student's answers: numbers and choices against the expected value, challenges by
/// running the experiment with the student's parameters, code built on its own and run in a child process.
public struct ExerciseChecker: Sendable {
    /// The lesson's seed. An exercise that mirrors a cell (`cell:`) runs with that cell's seed derived
    /// from it, as `learn run` does, so that its verdict agrees with the table the cell printed.
    public var seed: UInt64
    /// Builds and runs code checks; nil where code exercises can't be checked.
    public var codeRunner: CodeRunner?

    /// Creates a checker.
    public init(seed: UInt64, codeRunner: CodeRunner?) {
        self.seed = seed
        self.codeRunner = codeRunner
    }

    /// Checks `exercise` against the student's `answer` (nil when the answers file has none).
    public func check(_ exercise: ExerciseCell, answer: AnswerValue?, answersFile: String) -> CheckResult {
        func result(_ status: CheckResult.Status, _ reason: Phrase) -> CheckResult {
            CheckResult(id: exercise.id, status: status, reason: reason)
        }
        switch exercise.kind {
        case .code(let code):
            guard let codeRunner else { return result(.invalid, "code exercises can't be checked here") }
            let outcome = codeRunner.check(code, seed: seed)
            switch outcome {
            case .notWritten(let file): return result(.notTried, "write it in \(file), then run \("learn check") again")
            case .notChecked(let reason): return result(.invalid, Phrase(verbatim: reason))
            default: return result(outcome.passed ? .passed : .failed, outcome.reason)
            }
        case .answer(let spec):
            guard let answer, !answer.isBlank else {
                return result(.notTried, "write your answer in \(answersFile)")
            }
            return check(spec, answer, seed: runSeed(for: exercise), result)
        case .challenge(let spec):
            guard let answer, !answer.isBlank else {
                return result(.notTried, "give \(spec.ask.joined(separator: ", ")) in \(answersFile)")
            }
            let source = YAMLSource(file: answersFile, text: "", firstLine: 1, what: "your answer to '\(exercise.id)'")
            return check(spec, answer.node, source: source, seed: runSeed(for: exercise), result)
        }
    }

    /// The authoring check: the lesson's own expected answer or reference passes.
    public func checkReference(_ exercise: ExerciseCell) -> CheckResult {
        switch exercise.kind {
        case .code(let code):
            let outcome = code.checkReference(seed: seed)
            return CheckResult(id: exercise.id, status: outcome.passed ? .passed : .failed, reason: outcome.reason)
        case .answer(let spec):
            let expected: String
            switch spec.expected {
            case .number(let value): expected = "\(value)"
            case .text(let text): expected = text
            case .computed(let computed):
                switch value(of: computed, seed: runSeed(for: exercise)) {
                case .success(let value): expected = "\(value)"
                case .failure(let diagnostic): return CheckResult(id: exercise.id, status: .invalid, reason: Phrase(verbatim: diagnostic.message))
                }
            case .withheld: return CheckResult(id: exercise.id, status: .invalid, reason: AnswerSpec.withheldNote)
            }
            return check(spec, AnswerValue(node: Node(expected), position: .start), seed: runSeed(for: exercise)) {
                CheckResult(id: exercise.id, status: $0, reason: $1)
            }
        case .challenge(let spec):
            guard let reference = spec.reference else {
                return CheckResult(id: exercise.id, status: .invalid, reason: Phrase(verbatim: "the challenge has no 'reference' answer"))
            }
            return check(spec, reference, source: spec.source, seed: runSeed(for: exercise)) { CheckResult(id: exercise.id, status: $0, reason: $1) }
        }
    }

    /// The seed `exercise`'s experiment runs with: its mirrored cell's, else the lesson's.
    public func runSeed(for exercise: ExerciseCell) -> UInt64 {
        exercise.cell?.index.map { LessonRunner.cellSeed(seed, index: $0) } ?? seed
    }

    private func check(
        _ spec: AnswerSpec, _ answer: AnswerValue, seed: UInt64, _ result: (CheckResult.Status, Phrase) -> CheckResult
    ) -> CheckResult {
        if case .withheld = spec.expected { return result(.invalid, AnswerSpec.withheldNote) }
        guard let given = answer.text else {
            return result(.failed, "the answer must be a single value, not a list or mapping")
        }
        if !spec.choices.isEmpty {
            guard case .text(let expected) = spec.expected else { return result(.invalid, "a choice question needs a text answer") }
            guard let chosen = spec.choiceIndex(given) else {
                return result(.failed, "\(quote(given)) is not one of the choices: \(spec.choices.joined(separator: ", "))")
            }
            return chosen == spec.choiceIndex(expected) ? result(.passed, Phrase(key: "")) : result(.failed, "\(quote(spec.choices[chosen])) is not the right choice")
        }
        let expectedNumber: Double
        switch spec.expected {
        case .text(let expected):
            return normalized(given) == normalized(expected) ? result(.passed, Phrase(key: "")) : result(.failed, "\(quote(given)) is not the expected answer")
        case .number(let value):
            expectedNumber = value
        case .computed(let computed):
            switch value(of: computed, seed: seed) {
            case .success(let value): expectedNumber = value
            case .failure(let diagnostic): return result(.invalid, Phrase(verbatim: diagnostic.message))
            }
        case .withheld: return result(.invalid, AnswerSpec.withheldNote)
        }
        let number: Double
        switch NumericAnswer.value(of: given) {
        case .success(let value): number = value
        case .failure(let problem): return result(.failed, "\(quote(given)) is not a number: \(problem.reasonPhrase)")
        }
        let allowed: Double = switch spec.tolerance {
        case .absolute(let tolerance): tolerance
        case .relative(let fraction): fraction * abs(expectedNumber)
        }
        // A little slack for the decimal rounding of a value the student copied from the output.
        if abs(number - expectedNumber) <= allowed + 1e-12 * max(1, abs(expectedNumber)) {
            return result(.passed, Phrase(key: ""))
        }
        // An expression is shown with its value, so that the student sees how it was read.
        let shown: Phrase = Double(given) == nil ? "\(quote(given)) (= \(String(format: "%.6g", number)))" : Phrase(verbatim: given)
        return result(.failed, number > expectedNumber ? "\(shown) is too high" : "\(shown) is too low")
    }

    private func check(
        _ spec: ChallengeSpec, _ answer: Node, source: YAMLSource, seed: UInt64, _ result: (CheckResult.Status, Phrase) -> CheckResult
    ) -> CheckResult {
        guard case .mapping(let mapping) = answer else {
            let example = spec.ask.map { "\($0): …" }.joined(separator: ", ")
            return result(.failed, "give a mapping such as \("{" + example + "}")")
        }
        let given = mapping.compactMap { $0.key.scalarText }
        if let extra = given.first(where: { !spec.ask.contains($0) }) {
            return result(.invalid, "'\(extra)' is not yours to choose here; this challenge asks for: \(spec.ask.joined(separator: ", "))")
        }
        if let missing = spec.ask.first(where: { !given.contains($0) }) {
            return result(.failed, "give '\(missing)' too")
        }
        let parameters: any ExperimentParameters
        do {
            // The student's values alone first, so that their mistakes are named as theirs.
            _ = try spec.experiment.decodeParameters(CellBody(yaml: source, node: answer, experiment: spec.experimentName))
            parameters = try spec.experiment.decodeParameters(
                CellBody(yaml: spec.source, node: Node(spec.fixed + mapping.map { ($0.key, $0.value) }), experiment: spec.experimentName))
        } catch let list as DiagnosticList {
            return result(.invalid, "\(list.diagnostics.map(\.message).joined(separator: "; ")) (nothing was run)")
        } catch {
            return result(.invalid, "\((error as? Diagnostic)?.message ?? "\(error)") (nothing was run)")
        }
        let run: ExperimentResult
        do {
            run = try spec.experiment.runErased(parameters, context: ExperimentContext(seed: seed))
        } catch {
            return result(.invalid, "the experiment failed: \((error as? Diagnostic)?.message ?? "\(error)")")
        }
        let outcomes = spec.claims.map { $0.evaluate(run.metrics) }
        if let failed = outcomes.first(where: { !$0.held }) {
            let why = failed.problem.map { Phrase(verbatim: $0) } ?? ClaimText.values(failed.values)
            let verdict: Phrase = "with your values, '\(failed.claim.text)' does not hold"
            return result(.failed, why.isEmpty ? verdict : "\(verdict) (\(why))")
        }
        return result(.passed, "every claim holds: \(spec.claims.map(\.text).joined(separator: "; "))")
    }

    private func value(of computed: ComputedMetric, seed: UInt64) -> Result<Double, Diagnostic> {
        do {
            let run = try computed.experiment.runErased(computed.parameters, context: ExperimentContext(seed: seed))
            guard case .number(let value) = run.metric(named: computed.metric) else {
                return .failure(Diagnostic("the lesson's experiment '\(computed.experimentName)' has no numeric metric '\(computed.metric)'"))
            }
            return .success(value)
        } catch {
            return .failure(Diagnostic("the experiment '\(computed.experimentName)' failed: \(error)"))
        }
    }

    private func normalized(_ text: String) -> String {
        AnswerSpec.normalized(text)
    }

    /// The student's answer in quotes, its middle cut out when it is too long to read in a verdict.
    private func quote(_ answer: String) -> Phrase {
        Phrase(verbatim: "'" + Diagnostic.abbreviated(answer, limit: 80) + "'")
    }
}
