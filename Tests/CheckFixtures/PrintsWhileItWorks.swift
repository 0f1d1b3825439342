// Right, and prints as it goes: what a student prints never mixes with the check's replies.
public func momentumStep(
    parameters: [Float], velocity: [Float], gradient: [Float], learningRate: Float, momentum: Float
) -> (parameters: [Float], velocity: [Float]) {
    print("{\"output\": \"not a result\"}")
    var v = velocity, theta = parameters
    for i in theta.indices {
        v[i] = momentum * v[i] + gradient[i]
        theta[i] -= learningRate * v[i]
    }
    print("theta:", theta)
    return (theta, v)
}
