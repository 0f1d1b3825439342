// Never returns: the loop's condition never changes.
public func momentumStep(
    parameters: [Float], velocity: [Float], gradient: [Float], learningRate: Float, momentum: Float
) -> (parameters: [Float], velocity: [Float]) {
    var v = velocity, theta = parameters
    var i = 0
    while i < theta.count {
        v[i] = momentum * v[i] + gradient[i]
        theta[i] -= learningRate * v[i]
    }
    return (theta, v)
}
