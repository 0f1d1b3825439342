import Engine
import Lessons

/// Lesson 3: one step of SGD with momentum (PyTorch's rule v ← βv + g, θ ← θ − ηv), checked
/// against the same update written with the engine's tensors.
public enum MomentumStepExercise: CodeExercise {
    public static let id = "momentum-step"
    public static let file = "Sources/Exercises/MomentumStep.swift"

    public typealias Function = @Sendable ([Float], [Float], [Float], Float, Float) throws -> (parameters: [Float], velocity: [Float])

    /// What `Checks/MomentumStepCheck.swift` in the exercise package reads and answers.
    struct Input: Encodable { var parameters, velocity, gradient: [Float], learningRate, momentum: Float }
    struct Output: Decodable { var parameters, velocity: [Float] }

    public static func checkStudent(_ child: ExerciseProcess, seed: UInt64) throws -> CodeCheckOutcome {
        try check({ p, v, g, lr, m in
            let output: Output = try child.call(Input(parameters: p, velocity: v, gradient: g, learningRate: lr, momentum: m),
                                                describedAs: describe(p, v, g, lr, m))
            return (output.parameters, output.velocity)
        }, seed: seed)
    }
    public static func checkReference(seed: UInt64) -> CodeCheckOutcome { CodeCheck.outcome { try check(reference, seed: seed) } }

    public static let reference: Function = { parameters, velocity, gradient, learningRate, momentum in
        let v = Tensor(velocity) * momentum + Tensor(gradient)
        return ((Tensor(parameters) - v * learningRate).scalars, v.scalars)
    }

    static func describe(_ parameters: [Float], _ velocity: [Float], _ gradient: [Float], _ learningRate: Float, _ momentum: Float) -> String {
        "parameters: \(CodeCheck.describe(parameters)), velocity: \(CodeCheck.describe(velocity)), "
            + "gradient: \(CodeCheck.describe(gradient)), learningRate: \(learningRate), momentum: \(momentum)"
    }

    public static func check(_ candidate: Function, seed: UInt64) throws -> CodeCheckOutcome {
        var generator = SeededGenerator(seed: seed)
        let cases = 30
        for _ in 0..<cases {
            let count = Int.random(in: 1...12, using: &generator)
            let parameters = CodeCheck.values(count, using: &generator)
            let velocity = CodeCheck.values(count, scale: 0.5, using: &generator)
            let gradient = CodeCheck.values(count, using: &generator)
            let learningRate = Float.random(in: 0.001...1, using: &generator)
            let momentum = [Float(0), 0.5, 0.9, Float.random(in: 0...0.99, using: &generator)].randomElement(using: &generator)!
            let input = describe(parameters, velocity, gradient, learningRate, momentum)
            let expected = try reference(parameters, velocity, gradient, learningRate, momentum)
            let actual = try candidate(parameters, velocity, gradient, learningRate, momentum)
            if let problem = CodeCheck.compare(actual.velocity, expected.velocity, input: input, what: "velocity")
                ?? CodeCheck.compare(actual.parameters, expected.parameters, input: input, what: "parameters") {
                return problem
            }
        }
        return .passed(cases: cases)
    }

    public static let stub = """
        // Lesson 3, exercise `momentum-step`.
        //
        // Write one step of SGD with momentum, as PyTorch does it:
        //
        //     v ← βv + g
        //     θ ← θ − ηv
        //
        // where θ are the parameters, g their gradient, v the velocity, η the learning rate and β the
        // momentum. Return the new parameters and the new velocity (both the same length as the inputs).
        // Check your work with: learn check lesson-03 --exercise momentum-step

        /// One momentum step: the updated parameters and velocity.
        public func momentumStep(
            parameters: [Float], velocity: [Float], gradient: [Float], learningRate: Float, momentum: Float
        ) -> (parameters: [Float], velocity: [Float]) {
            notWritten()
        }

        """
}
