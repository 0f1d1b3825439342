// Runs the student's `momentumStep` for `learn check`, which sends the inputs and compares the results with
// the engine's reference (Sources/Experiments/CodeExercises/MomentumStepExercise.swift). Not yours to edit.
import ExerciseHarness

@main
enum MomentumStepCheck {
    struct Input: Decodable {
        var parameters, velocity, gradient: [Float]
        var learningRate, momentum: Float
    }

    struct Output: Encodable {
        var parameters, velocity: [Float]
    }

    static func main() {
        ExerciseHarness.serve { (input: Input) in
            let result = momentumStep(parameters: input.parameters, velocity: input.velocity, gradient: input.gradient,
                                      learningRate: input.learningRate, momentum: input.momentum)
            return Output(parameters: result.parameters, velocity: result.velocity)
        }
    }
}

/// What the stub calls: tells `learn check` the exercise is not written yet.
func notWritten(_ file: StaticString = #filePath) -> Never { ExerciseHarness.notWritten(file) }
