// Leaves a process behind that holds standard output and error open (as Swift's backtracer does
// while it works on a crash), then traps.
import Foundation

public func momentumStep(
    parameters: [Float], velocity: [Float], gradient: [Float], learningRate: Float, momentum: Float
) -> (parameters: [Float], velocity: [Float]) {
    let sleeper = Process()
    sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
    sleeper.arguments = ["30"]
    try? sleeper.run()
    fatalError("gone, but my grandchild still holds the pipes")
}
