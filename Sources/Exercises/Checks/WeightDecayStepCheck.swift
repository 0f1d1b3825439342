// Runs the student's `weightDecayStep` for `learn check`, which sends the inputs and compares the results with
// the engine's reference (Sources/Experiments/CodeExercises/WeightDecayStepExercise.swift). Not yours to edit.
import ExerciseHarness

@main
enum WeightDecayStepCheck {
    struct Input: Decodable {
        var parameters, gradient: [Float]
        var learningRate, weightDecay: Float
    }

    typealias Output = [Float]

    static func main() {
        ExerciseHarness.serve { (input: Input) in
            weightDecayStep(parameters: input.parameters, gradient: input.gradient,
                            learningRate: input.learningRate, weightDecay: input.weightDecay)
        }
    }
}

/// What the stub calls: tells `learn check` the exercise is not written yet.
func notWritten(_ file: StaticString = #filePath) -> Never { ExerciseHarness.notWritten(file) }
