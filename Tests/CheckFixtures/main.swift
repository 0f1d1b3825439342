// Broken "student" solutions of the momentum-step exercise, checked in a child process the way
// `learn __check-code` checks a student's: `CheckFixtures NAME --seed S --cpu-seconds N`.
import Experiments
import Exercises
import Foundation
import Lessons

let arguments = CommandLine.arguments
let name = arguments.count > 1 ? arguments[1] : ""
let seed = arguments.firstIndex(of: "--seed").flatMap { UInt64(arguments[$0 + 1]) } ?? 0
let cpuSeconds = arguments.firstIndex(of: "--cpu-seconds").flatMap { Int(arguments[$0 + 1]) } ?? 10

let fixtures: [String: MomentumStepExercise.Function] = [
    "correct": MomentumStepExercise.reference,
    "fatal-error": { _, _, _, _, _ in fatalError("I give up on this exercise") },
    "index-out-of-range": { parameters, velocity, _, _, _ in
        (parameters, [velocity[velocity.count]])
    },
    "endless-loop": { parameters, velocity, _, _, _ in
        var x = 0
        while parameters.count >= 0 { x &+= 1 }
        return (parameters, velocity + [Float(x)])
    },
    "not-written": { _, _, _, _, _ in notWritten() },
    // Leaves a process behind that holds standard output and error open (as Swift's backtracer
    // does while it works on a crash), then traps.
    "grandchild-holds-pipes": { _, _, _, _, _ in
        let sleeper = Process()
        sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
        sleeper.arguments = ["30"]
        try? sleeper.run()
        fatalError("gone, but my grandchild still holds the pipes")
    },
]

guard let fixture = fixtures[name] else {
    FileHandle.standardError.write(Data("unknown fixture \(name)\n".utf8))
    exit(64)
}
try IsolatedRunner.runChild(cpuSeconds: cpuSeconds) { MomentumStepExercise.check(fixture, seed: seed) }
