import Engine
import Lessons

/// Lesson 12: the backward pass of a matrix product, ∂L/∂A = G·Bᵀ and ∂L/∂B = Aᵀ·G for C = A·B and G = ∂L/∂C,
/// checked against numerical gradients: central differences, in Double, of L = Σ G ⊙ (A·B), on random
/// matrices that include the edge shapes (a 1×1 product, a dot product, an outer product, a row and a column).
public enum MatmulBackwardExercise: CodeExercise {
    public static let id = "matmul-backward"
    public static let file = "Sources/Exercises/MatmulBackward.swift"

    public typealias Function = @Sendable ([[Float]], [[Float]], [[Float]]) throws -> (gradA: [[Float]], gradB: [[Float]])

    /// What `Checks/MatmulBackwardCheck.swift` in the exercise package reads and answers.
    struct Input: Encodable { var a, b, gradOutput: [[Float]] }
    struct Output: Decodable { var gradA, gradB: [[Float]] }

    public static func checkStudent(_ child: ExerciseProcess, seed: UInt64) throws -> CodeCheckOutcome {
        try check({ a, b, g in
            let output: Output = try child.call(Input(a: a, b: b, gradOutput: g), describedAs: describe(a, b, g))
            return (output.gradA, output.gradB)
        }, seed: seed)
    }
    public static func checkReference(seed: UInt64) -> CodeCheckOutcome { CodeCheck.outcome { try check(reference, seed: seed) } }

    /// The engine's autograd: C = A·B, then `backward` with G as C's gradient.
    public static let reference: Function = { a, b, g in
        let (m, k, n) = (a.count, b.count, g.first?.count ?? 0)
        let left = Tensor(a.flatMap { $0 }, shape: [m, k]).requiringGrad()
        let right = Tensor(b.flatMap { $0 }, shape: [k, n]).requiringGrad()
        left.matmul(right).backward(gradient: Tensor(g.flatMap { $0 }, shape: [m, n]))
        return (rows(left.grad?.scalars ?? [], width: k), rows(right.grad?.scalars ?? [], width: n))
    }

    static func rows(_ values: [Float], width: Int) -> [[Float]] {
        stride(from: 0, to: values.count, by: width).map { Array(values[$0..<($0 + width)]) }
    }

    static func describe(_ a: [[Float]], _ b: [[Float]], _ g: [[Float]]) -> String {
        "A: \(CodeCheck.describe(matrix: a)), B: \(CodeCheck.describe(matrix: b)), gradOutput: \(CodeCheck.describe(matrix: g))"
    }

    /// The loss L = Σ_ij G_ij (A·B)_ij in Double, whose gradients the student's are compared with.
    static func loss(_ a: [[Double]], _ b: [[Double]], _ g: [[Double]]) -> Double {
        var total = 0.0
        for i in a.indices {
            for j in g[i].indices {
                var c = 0.0
                for p in b.indices { c += a[i][p] * b[p][j] }
                total += g[i][j] * c
            }
        }
        return total
    }

    /// ∂L/∂X for every element of X (A when `ofA`, else B), by central differences in Double.
    static func numericalGradient(_ a: [[Double]], _ b: [[Double]], _ g: [[Double]], ofA: Bool) -> [[Double]] {
        let h = 1e-3
        let x = ofA ? a : b
        return x.indices.map { row in
            x[row].indices.map { column in
                var up = x, down = x
                up[row][column] += h
                down[row][column] -= h
                let (plus, minus) = ofA ? (loss(up, b, g), loss(down, b, g)) : (loss(a, up, g), loss(a, down, g))
                return (plus - minus) / (2 * h)
            }
        }
    }

    /// The shapes (m, k, n) checked first: the edges, where a loop bound or a transpose is easiest to get wrong.
    static let edgeShapes = [(1, 1, 1), (1, 5, 1), (4, 1, 3), (1, 3, 4), (4, 3, 1), (2, 3, 4)]

    public static func check(_ candidate: Function, seed: UInt64) throws -> CodeCheckOutcome {
        var generator = SeededGenerator(seed: seed)
        let cases = 24
        for index in 0..<cases {
            let (m, k, n) = index < edgeShapes.count ? edgeShapes[index]
                : (Int.random(in: 1...6, using: &generator), Int.random(in: 1...6, using: &generator), Int.random(in: 1...6, using: &generator))
            let a = (0..<m).map { _ in CodeCheck.values(k, using: &generator) }
            let b = (0..<k).map { _ in CodeCheck.values(n, using: &generator) }
            let g = (0..<m).map { _ in CodeCheck.values(n, using: &generator) }
            let input = "case \(index + 1) of \(cases), A \(m)×\(k), B \(k)×\(n), gradOutput \(m)×\(n): " + describe(a, b, g)
            let (da, db, dg) = (double(a), double(b), double(g))
            let actual = try candidate(a, b, g)
            if let problem = CodeCheck.compare(matrix: actual.gradA, numericalGradient(da, db, dg, ofA: true), input: input, what: "∂L/∂A")
                ?? CodeCheck.compare(matrix: actual.gradB, numericalGradient(da, db, dg, ofA: false), input: input, what: "∂L/∂B") {
                return problem
            }
        }
        return .passed(cases: cases)
    }

    static func double(_ matrix: [[Float]]) -> [[Double]] { matrix.map { $0.map(Double.init) } }

    public static let stub = """
        // Lesson 12, exercise `matmul-backward`.
        //
        // Write the backward pass of a matrix product C = A·B, where A is m×k, B is k×n and C is m×n:
        //
        //     C[i][j] = Σ_p A[i][p] · B[p][j]
        //
        // You are given G = ∂L/∂C (m×n): how the loss L changes with each element of C. Return ∂L/∂A (m×k,
        // the shape of A) and ∂L/∂B (k×n, the shape of B). By the chain rule,
        //
        //     ∂L/∂A[i][p] = Σ_j G[i][j] · ∂C[i][j]/∂A[i][p]
        //
        // and likewise for B. Work out ∂C[i][j]/∂A[i][p]; the shapes tell you which matrices are transposed.
        // Matrices are arrays of rows (a[i] is row i); m, k or n may be 1.
        // The check compares your gradients with numerical ones: central differences of L = Σ G[i][j] · C[i][j].
        // Check your work with: learn check lesson-12 --exercise matmul-backward

        /// The gradients of a loss with respect to `a` and `b`, given its gradient `gradOutput` with respect to a·b.
        public func matmulBackward(_ a: [[Float]], _ b: [[Float]], gradOutput: [[Float]]) -> (gradA: [[Float]], gradB: [[Float]]) {
            notWritten()
        }

        """
}
