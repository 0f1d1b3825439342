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
