// A typo: the student's file does not compile (line 8, column 36).
public func momentumStep(
    parameters: [Float], velocity: [Float], gradient: [Float], learningRate: Float, momentum: Float
) -> (parameters: [Float], velocity: [Float]) {
    var v = velocity, theta = parameters
    for i in theta.indices {
        v[i] = momentum * v[i] + gradient[i]
        theta[i] -= learningRate * vv[i]
    }
    return (theta, v)
}
