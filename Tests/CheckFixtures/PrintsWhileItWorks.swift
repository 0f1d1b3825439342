// Right, and prints as it goes, and reads standard input: what a student prints never mixes with
// the check's replies, and what it reads is never the check's inputs.
public func momentumStep(
    parameters: [Float], velocity: [Float], gradient: [Float], learningRate: Float, momentum: Float
) -> (parameters: [Float], velocity: [Float]) {
    print("{\"output\": \"not a result\"}")
    _ = readLine()
    var v = velocity, theta = parameters
    for i in theta.indices {
        v[i] = momentum * v[i] + gradient[i]
        theta[i] -= learningRate * v[i]
    }
    print("theta:", theta)
    return (theta, v)
}
