// Runs the student's `batchNormForward` for `learn check`, which sends the inputs and compares the results with
// the engine's reference (Sources/Experiments/CodeExercises/BatchNormForwardExercise.swift). Not yours to edit.
import ExerciseHarness

@main
enum BatchNormForwardCheck {
    struct Input: Decodable {
        var x: [[Float]]
        var gamma, beta: [Float]
        var epsilon: Float
    }

    typealias Output = [[Float]]

    static func main() {
        ExerciseHarness.serve { (input: Input) in
            batchNormForward(input.x, gamma: input.gamma, beta: input.beta, epsilon: input.epsilon)
        }
    }
}

/// What the stub calls: tells `learn check` the exercise is not written yet.
func notWritten(_ file: StaticString = #filePath) -> Never { ExerciseHarness.notWritten(file) }
