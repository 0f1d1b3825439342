import Engine
import Lessons

/// Lesson 7: one SGD step with L2 weight decay, θ ← θ − η(g + λθ), as PyTorch's SGD applies
/// `weight_decay`, checked against the same update written with the engine's tensors.
public enum WeightDecayStepExercise: CodeExercise {
    public static let id = "weight-decay-step"
    public static let file = "Sources/Exercises/WeightDecayStep.swift"

    public typealias Function = @Sendable ([Float], [Float], Float, Float) throws -> [Float]

    /// What `Checks/WeightDecayStepCheck.swift` in the exercise package reads; it answers with the parameters.
    struct Input: Encodable { var parameters, gradient: [Float], learningRate, weightDecay: Float }

    public static func checkStudent(_ child: ExerciseProcess, seed: UInt64) throws -> CodeCheckOutcome {
        try check({ p, g, lr, wd in
            try child.call(Input(parameters: p, gradient: g, learningRate: lr, weightDecay: wd), describedAs: describe(p, g, lr, wd))
        }, seed: seed)
    }
    public static func checkReference(seed: UInt64) -> CodeCheckOutcome { CodeCheck.outcome { try check(reference, seed: seed) } }

    public static let reference: Function = { parameters, gradient, learningRate, weightDecay in
        let theta = Tensor(parameters)
        return (theta - (Tensor(gradient) + theta * weightDecay) * learningRate).scalars
    }

    static func describe(_ parameters: [Float], _ gradient: [Float], _ learningRate: Float, _ weightDecay: Float) -> String {
        "parameters: \(CodeCheck.describe(parameters)), gradient: \(CodeCheck.describe(gradient)), "
            + "learningRate: \(learningRate), weightDecay: \(weightDecay)"
    }

    public static func check(_ candidate: Function, seed: UInt64) throws -> CodeCheckOutcome {
        var generator = SeededGenerator(seed: seed)
        let cases = 30
        for _ in 0..<cases {
            let count = Int.random(in: 1...12, using: &generator)
            let parameters = CodeCheck.values(count, scale: 2, using: &generator)
            let gradient = CodeCheck.values(count, using: &generator)
            let learningRate = Float.random(in: 0.001...1, using: &generator)
            let weightDecay = [Float(0), 0.01, 0.1, Float.random(in: 0...1, using: &generator)].randomElement(using: &generator)!
            let input = describe(parameters, gradient, learningRate, weightDecay)
            let expected = try reference(parameters, gradient, learningRate, weightDecay)
            if let problem = CodeCheck.compare(try candidate(parameters, gradient, learningRate, weightDecay), expected,
                                               input: input, what: "parameters") {
                return problem
            }
        }
        return .passed(cases: cases)
    }

    public static let stub = """
        // Lesson 7, exercise `weight-decay-step`.
        //
        // Write one step of plain SGD with L2 weight decay, as PyTorch's SGD does it with weight_decay=λ:
        // the decay is added to the gradient before the step,
        //
        //     θ ← θ − η (g + λθ)
        //
        // Check your work with: learn check lesson-07 --exercise weight-decay-step

        /// One SGD step with weight decay: the updated parameters.
        public func weightDecayStep(parameters: [Float], gradient: [Float], learningRate: Float, weightDecay: Float) -> [Float] {
            notWritten()
        }

        """
}
