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
