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
