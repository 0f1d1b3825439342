import Engine
import Lessons

/// Lesson 9: batch normalization in training mode, checked against the engine's `batchNorm`.
public enum BatchNormForwardExercise: CodeExercise {
    public static let id = "batch-norm-forward"
    public static let file = "Sources/Exercises/BatchNormForward.swift"

    public typealias Function = @Sendable ([[Float]], [Float], [Float], Float) throws -> [[Float]]

    /// What `Checks/BatchNormForwardCheck.swift` in the exercise package reads; it answers with y.
    struct Input: Encodable { var x: [[Float]], gamma, beta: [Float], epsilon: Float }

    public static func checkStudent(_ child: ExerciseProcess, seed: UInt64) throws -> CodeCheckOutcome {
        try check({ x, gamma, beta, epsilon in
            try child.call(Input(x: x, gamma: gamma, beta: beta, epsilon: epsilon), describedAs: describe(x, gamma, beta, epsilon))
        }, seed: seed)
    }
    public static func checkReference(seed: UInt64) -> CodeCheckOutcome { CodeCheck.outcome { try check(reference, seed: seed) } }

    public static let reference: Function = { rows, gamma, beta, epsilon in
        let features = gamma.count
        let x = Tensor(rows.flatMap { $0 }, shape: [rows.count, features])
        let y = batchNorm(x, weight: Tensor(gamma), bias: Tensor(beta), eps: epsilon).output.scalars
        return (0..<rows.count).map { Array(y[($0 * features)..<(($0 + 1) * features)]) }
    }

    static func describe(_ rows: [[Float]], _ gamma: [Float], _ beta: [Float], _ epsilon: Float) -> String {
        let features = rows.first?.count ?? 0
        return "x: \(rows.count)×\(features) rows \(rows.prefix(3).map { CodeCheck.describe($0) }.joined(separator: ", "))"
            + "\(rows.count > 3 ? ", …" : ""), gamma: \(CodeCheck.describe(gamma)), beta: \(CodeCheck.describe(beta)), epsilon: \(epsilon)"
    }

    public static func check(_ candidate: Function, seed: UInt64) throws -> CodeCheckOutcome {
        var generator = SeededGenerator(seed: seed)
        let cases = 25
        for _ in 0..<cases {
            let batch = Int.random(in: 2...8, using: &generator)
            let features = Int.random(in: 1...5, using: &generator)
            let shift = Float.random(in: -5...5, using: &generator)
            let rows = (0..<batch).map { _ in CodeCheck.values(features, scale: 3, using: &generator).map { $0 + shift } }
            let gamma = CodeCheck.values(features, using: &generator).map { $0 + 1 }
            let beta = CodeCheck.values(features, using: &generator)
            let epsilon: Float = [1e-5, 1e-3, 0.1].randomElement(using: &generator)!
            let input = describe(rows, gamma, beta, epsilon)
            let expected = try reference(rows, gamma, beta, epsilon)
            let actual = try candidate(rows, gamma, beta, epsilon)
            guard actual.count == batch, actual.allSatisfy({ $0.count == features }) else {
                return .wrongShape(input: input, expected: "\(batch) rows of \(features)",
                                   actual: "\(actual.count) rows of \(actual.map(\.count).map(String.init).joined(separator: "/"))")
            }
            if let problem = CodeCheck.compare(actual.flatMap { $0 }, expected.flatMap { $0 }, input: input,
                                               absolute: 1e-4, relative: 1e-3, what: "y (row-major)") {
                return problem
            }
        }
        return .passed(cases: cases)
    }

    public static let stub = """
        // Lesson 9, exercise `batch-norm-forward`.
        //
        // Write batch normalization in training mode for a batch of rows (examples) and columns
        // (features). For each feature j, over the batch:
        //
        //     μ_j = mean of column j
        //     σ²_j = mean of (x_ij − μ_j)²            (the biased variance, as in the forward pass)
        //     y_ij = γ_j (x_ij − μ_j) / √(σ²_j + ε) + β_j
        //
        // Return y with the same shape as x.
        // Check your work with: learn check lesson-09 --exercise batch-norm-forward

        /// Batch normalization of `x` (rows are examples, columns features) in training mode.
        public func batchNormForward(_ x: [[Float]], gamma: [Float], beta: [Float], epsilon: Float) -> [[Float]] {
            notWritten()
        }

        """
}
