import Engine
import Lessons

/// Lesson 6: the standard deviation of Kaiming-normal weights for ReLU, σ = √2 / √fan_in, checked
/// on random fan-ins, and against the spread of weights the engine actually draws.
public enum KaimingStdExercise: CodeExercise {
    public static let id = "kaiming-std"
    public static let file = "Sources/Exercises/KaimingStd.swift"

    public typealias Function = @Sendable (Int) throws -> Float

    /// What `Checks/KaimingStdCheck.swift` in the exercise package reads; it answers with the std.
    struct Input: Encodable { var fanIn: Int }

    public static func checkStudent(_ child: ExerciseProcess, seed: UInt64) throws -> CodeCheckOutcome {
        try check({ fanIn in try child.call(Input(fanIn: fanIn), describedAs: "fanIn: \(fanIn)") }, seed: seed)
    }
    public static func checkReference(seed: UInt64) -> CodeCheckOutcome { CodeCheck.outcome { try check(reference, seed: seed) } }

    public static let reference: Function = { fanIn in (2 / Float(fanIn)).squareRoot() }

    public static func check(_ candidate: Function, seed: UInt64) throws -> CodeCheckOutcome {
        var generator = SeededGenerator(seed: seed)
        let fanIns = [1, 2, 3, 9, 64, 784] + (0..<14).map { _ in Int.random(in: 1...4096, using: &generator) }
        for fanIn in fanIns {
            if let problem = CodeCheck.compare([try candidate(fanIn)], [try reference(fanIn)], input: "fanIn: \(fanIn)", what: "std") {
                return problem
            }
        }
        return .passed(cases: fanIns.count)
    }

    public static let stub = """
        // Lesson 6, exercise `kaiming-std`.
        //
        // Kaiming (He) initialization draws a layer's weights from N(0, σ²) with σ chosen so that the
        // variance of the activations stays the same from layer to layer through ReLUs:
        //
        //     σ = gain / √fan_in,   gain = √2 for ReLU
        //
        // where fan_in is the number of inputs of each unit.
        // Check your work with: learn check lesson-06 --exercise kaiming-std

        /// The standard deviation of Kaiming-normal weights for a ReLU layer with `fanIn` inputs.
        public func kaimingStd(fanIn: Int) -> Float {
            notWritten()
        }

        """
}
