/// A Swift function the student writes in the exercise package (`Sources/Exercises`), checked
/// against a reference on seeded random inputs.
///
/// The student's function is never linked into `learn`: `learn check` builds the exercise's own
/// product and runs it in a child process (`ExerciseProcess`), so a compile error, a trap or an
/// endless loop in the student's code never takes `learn` down and never reads as a pass. The
/// inputs, the reference and the comparison stay on `learn`'s side; the child only calls the
/// function.
public protocol CodeExercise: Sendable {
    /// The id an `exercise` cell names with `function:` (e.g. `momentum-step`).
    static var id: String { get }
    /// The file the student edits, as lessons name it (`Sources/Exercises/MomentumStep.swift`); its
    /// name is also the exercise package's product that runs it (`MomentumStep`).
    static var file: String { get }
    /// The file as shipped: what `learn reset` restores.
    static var stub: String { get }
    /// Compares the student's function, running in `child`, with the reference on inputs drawn from
    /// `seed`. Throws `ExerciseProcess.Stopped` when the child stops before it answers.
    static func checkStudent(_ child: ExerciseProcess, seed: UInt64) throws -> CodeCheckOutcome
    /// Compares the reference with itself: the authoring check that the exercise can be passed.
    static func checkReference(seed: UInt64) -> CodeCheckOutcome
}

extension CodeExercise {
    /// The exercise package's product (and target) that runs the student's function: the file's
    /// name without `.swift` (`MomentumStep`).
    public static var product: String {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return name.hasSuffix(".swift") ? String(name.dropLast(6)) : name
    }
}

/// What a code check found. Every failure says what was wrong and shows the input that shows it.
public enum CodeCheckOutcome: Codable, Equatable, Sendable {
    /// Every case matched the reference.
    case passed(cases: Int)
    /// A value differs from the reference beyond the tolerance.
    case wrongValue(input: String, expected: String, actual: String)
    /// The result has the wrong number of elements or the wrong shape.
    case wrongShape(input: String, expected: String, actual: String)
    /// The result holds NaN or an infinity where the reference is finite.
    case notFinite(input: String, actual: String)
    /// A gradient (by finite differences of the student's function) differs from the reference's.
    case wrongGradient(input: String, expected: String, actual: String)
    /// The exercise's file does not compile: the compiler's errors, `FILE:LINE:COLUMN: message` each.
    case doesNotCompile(errors: [String])
    /// The process stopped: a trap, `fatalError`, an index out of range (the message says which),
    /// where in the student's code (`FILE:LINE:COLUMN`, when known) and on which input.
    case crashed(message: String, location: String?, input: String?)
    /// The stub is still in place.
    case notWritten(file: String)
    /// It did not finish within its CPU-time or wall-clock limit, on this input; where the
    /// student's code was when its CPU time ran out, when known.
    case tooSlow(detail: String, location: String?, input: String?)
    /// The check could not run at all (no Swift toolchain, no exercise package …): not the
    /// student's fault, and not a verdict on their code.
    case notChecked(reason: String)

    /// Whether the check passed.
    public var passed: Bool {
        if case .passed = self { return true }
        return false
    }

    /// At most this many compiler errors are shown; the rest are counted.
    static let errorsShown = 5

    /// The lines that say where and on which input, each when known.
    private static func place(_ head: Phrase, _ location: String?, _ input: String?) -> Phrase {
        var lines = head
        if let location { lines = "\(lines)\n  at:    \(location)" }
        if let input { lines = "\(lines)\n  input: \(input)" }
        return lines
    }

    /// One or more lines saying what happened, for `learn check`, in English.
    public var explanation: String { MessageCatalog.english.text(reason) }

    /// One or more lines saying what happened, for `learn check`.
    public var reason: Phrase {
        switch self {
        case .passed(let cases): return "matches the reference on \(cases) random inputs"
        case .wrongValue(let input, let expected, let actual):
            return "wrong value\n  input:    \(input)\n  expected: \(expected)\n  got:      \(actual)"
        case .wrongShape(let input, let expected, let actual):
            return "wrong shape\n  input:    \(input)\n  expected: \(expected)\n  got:      \(actual)"
        case .notFinite(let input, let actual):
            return "the result is not finite (NaN or infinity)\n  input: \(input)\n  got:   \(actual)"
        case .wrongGradient(let input, let expected, let actual):
            return "the value is right here but its slope is wrong (checked by finite differences)\n  input:    \(input)\n  expected: \(expected)\n  got:      \(actual)"
        case .doesNotCompile(let errors):
            var lines: Phrase = "does not compile"
            for error in errors.prefix(Self.errorsShown) { lines = "\(lines)\n  \(error)" }
            if errors.count > Self.errorsShown { lines = "\(lines)\n  … and \(errors.count - Self.errorsShown) more errors" }
            return lines
        case .crashed(let message, let location, let input):
            return Self.place("crashed: \(message)", location, input)
        case .notWritten(let file): return "not written yet: the stub in \(file) is still in place"
        case .tooSlow(let detail, let location, let input): return Self.place("too slow: \(detail)", location, input)
        case .notChecked(let reason): return Phrase(verbatim: reason)
        }
    }
}
