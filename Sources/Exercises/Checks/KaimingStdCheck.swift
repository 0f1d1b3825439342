// Runs the student's `kaimingStd` for `learn check`, which sends the inputs and compares the results with
// the engine's reference (Sources/Experiments/CodeExercises/KaimingStdExercise.swift). Not yours to edit.
import ExerciseHarness

@main
enum KaimingStdCheck {
    struct Input: Decodable {
        var fanIn: Int
    }

    typealias Output = Float

    static func main() {
        ExerciseHarness.serve { (input: Input) in
            kaimingStd(fanIn: input.fanIn)
        }
    }
}

/// What the stub calls: tells `learn check` the exercise is not written yet.
func notWritten(_ file: StaticString = #filePath) -> Never { ExerciseHarness.notWritten(file) }
