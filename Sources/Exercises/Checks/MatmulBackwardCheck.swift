// Runs the student's `matmulBackward` for `learn check`, which sends the inputs and compares the results with
// numerical gradients (Sources/Experiments/CodeExercises/MatmulBackwardExercise.swift). Not yours to edit.
import ExerciseHarness

@main
enum MatmulBackwardCheck {
    struct Input: Decodable {
        var a, b, gradOutput: [[Float]]
    }

    struct Output: Encodable {
        var gradA, gradB: [[Float]]
    }

    static func main() {
        ExerciseHarness.serve { (input: Input) in
            let result = matmulBackward(input.a, input.b, gradOutput: input.gradOutput)
            return Output(gradA: result.gradA, gradB: result.gradB)
        }
    }
}

/// What the stub calls: tells `learn check` the exercise is not written yet.
func notWritten(_ file: StaticString = #filePath) -> Never { ExerciseHarness.notWritten(file) }
