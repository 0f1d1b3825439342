import Engine
import Lessons

/// Lesson 1: a numerically stable softmax cross-entropy, checked against the engine's
/// `crossEntropy` on random logits (up to ±1000) and by its slope, against the engine's gradient.
public enum SoftmaxCrossEntropyExercise: CodeExercise {
    public static let id = "softmax-cross-entropy"
    public static let file = "Sources/Exercises/SoftmaxCrossEntropy.swift"

    public typealias Function = @Sendable ([Float], Int) throws -> Float

    /// What `Checks/SoftmaxCrossEntropyCheck.swift` in the exercise package reads; it answers with the loss.
    struct Input: Encodable { var logits: [Float], label: Int }

    public static func checkStudent(_ child: ExerciseProcess, seed: UInt64) throws -> CodeCheckOutcome {
        try check({ logits, label in
            try child.call(Input(logits: logits, label: label), describedAs: describe(logits, label))
        }, seed: seed)
    }
    public static func checkReference(seed: UInt64) -> CodeCheckOutcome { CodeCheck.outcome { try check(reference, seed: seed) } }

    public static let reference: Function = { logits, label in
        crossEntropy(logits: Tensor(logits, shape: [1, logits.count]), labels: [label]).item
    }

    static func describe(_ logits: [Float], _ label: Int) -> String {
        "logits: \(CodeCheck.describe(logits, limit: 10)), label: \(label)"
    }

    public static func check(_ candidate: Function, seed: UInt64) throws -> CodeCheckOutcome {
        var generator = SeededGenerator(seed: seed)
        let cases = 40
        for index in 0..<cases {
            let classes = Int.random(in: 2...10, using: &generator)
            // Some cases have huge logits, where exp overflows unless the maximum is subtracted first.
            let scale: Float = index % 4 == 3 ? 1000 : Float.random(in: 0.5...5, using: &generator)
            let logits = CodeCheck.values(classes, scale: scale, using: &generator)
            let label = Int.random(in: 0..<classes, using: &generator)
            let input = describe(logits, label)
            if let problem = CodeCheck.compare([try candidate(logits, label)], [try reference(logits, label)], input: input,
                                               absolute: 1e-4, relative: 1e-4, what: "loss") {
                return problem
            }
            // The slope along each logit, by central differences, against softmax − one-hot.
            if scale < 10 {
                let x = Tensor(logits, shape: [1, classes]).requiringGrad()
                crossEntropy(logits: x, labels: [label]).backward()
                let expected = x.grad?.scalars ?? []
                let h: Float = 1e-2
                let slopes = try (0..<classes).map { j -> Float in
                    var up = logits, down = logits
                    up[j] += h
                    down[j] -= h
                    return (try candidate(up, label) - candidate(down, label)) / (2 * h)
                }
                if let problem = CodeCheck.compare(slopes, expected, input: input, absolute: 2e-3, relative: 2e-2, what: "dL/dz") {
                    if case .wrongValue(let input, let expected, let actual) = problem {
                        return .wrongGradient(input: input, expected: expected, actual: actual)
                    }
                    return problem
                }
            }
        }
        return .passed(cases: cases)
    }

    public static let stub = """
        // Lesson 1, exercise `softmax-cross-entropy`.
        //
        // Write the cross-entropy loss of one example: the negative log of the softmax probability of
        // the true class,
        //
        //     L = −log softmax(z)_y = log Σ_j exp(z_j) − z_y
        //
        // It must stay finite for logits as large as ±1000: exp(1000) overflows a Float. Subtract the
        // largest logit m first, from every logit, the true class's too:
        //
        //     L = log Σ_j exp(z_j − m) − (z_y − m)
        //
        // (m + log Σ_j exp(z_j − m) − z_y is the same number on paper, but near 1000 a Float keeps only
        // four decimals, so adding the small log to m first rounds its last digits away.)
        // Check your work with: learn check lesson-01 --exercise softmax-cross-entropy

        /// The cross-entropy loss of `logits` when the true class is `label`.
        public func softmaxCrossEntropy(logits: [Float], label: Int) -> Float {
            notWritten()
        }

        """
}
