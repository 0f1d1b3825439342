/// A Swift function the student writes in `Sources/Exercises`, checked against a reference on
/// seeded random inputs.
///
/// The check runs in a child process (`learn` runs itself), so a trap or an endless loop in the
/// student's code never takes `learn` down and never reads as a pass.
public protocol CodeExercise: Sendable {
    /// The id an `exercise` cell names with `function:` (e.g. `momentum-step`).
    static var id: String { get }
    /// The file the student edits, relative to the repository (`Sources/Exercises/MomentumStep.swift`).
    static var file: String { get }
    /// The file as shipped: what `learn reset` restores.
    static var stub: String { get }
    /// Compares the student's function with the reference on inputs drawn from `seed`.
    static func checkStudent(seed: UInt64) -> CodeCheckOutcome
    /// Compares the reference with itself: the authoring check that the exercise can be passed.
    static func checkReference(seed: UInt64) -> CodeCheckOutcome
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
    /// The process stopped: a trap, `fatalError`, an index out of range (the message says which).
    case crashed(message: String)
    /// The stub is still in place.
    case notWritten(file: String)
    /// It did not finish within its CPU-time limit, or was far slower than the reference.
    case tooSlow(detail: String)

    /// Whether the check passed.
    public var passed: Bool {
        if case .passed = self { return true }
        return false
    }

    /// One or more lines saying what happened, for `learn check`.
    public var explanation: String {
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
        case .crashed(let message): return "crashed: \(message)"
        case .notWritten(let file): return "not written yet: the stub in \(file) is still in place"
        case .tooSlow(let detail): return "too slow: \(detail)"
        }
    }
}
