// Uses no CPU time but never returns: only the wall-clock limit stops it.
import Foundation

public func momentumStep(
    parameters: [Float], velocity: [Float], gradient: [Float], learningRate: Float, momentum: Float
) -> (parameters: [Float], velocity: [Float]) {
    Thread.sleep(forTimeInterval: 600)
    return (parameters, velocity)
}
