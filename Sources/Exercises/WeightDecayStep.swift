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
