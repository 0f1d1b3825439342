// Forgets the momentum term: v ← g.
public func momentumStep(
    parameters: [Float], velocity: [Float], gradient: [Float], learningRate: Float, momentum: Float
) -> (parameters: [Float], velocity: [Float]) {
    (zip(parameters, gradient).map { $0 - learningRate * $1 }, gradient)
}
