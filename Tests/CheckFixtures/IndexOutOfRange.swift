// The loop runs one step past the end: an index out of range at line 7, column 28.
public func momentumStep(
    parameters: [Float], velocity: [Float], gradient: [Float], learningRate: Float, momentum: Float
) -> (parameters: [Float], velocity: [Float]) {
    var v = velocity, theta = parameters
    for i in 0...theta.count {
        v[i] = momentum * v[i] + gradient[i]
        theta[i] -= learningRate * v[i]
    }
    return (theta, v)
}
