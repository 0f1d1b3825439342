// swift-tools-version:5.9
import PackageDescription

// The code exercises, a package of their own: `learn` never links them. Each exercise is one
// executable target holding the student's file (`MomentumStep.swift`, the only file to edit) and
// its check's glue (`Checks/MomentumStepCheck.swift`), so a compile error in one exercise never
// blocks the check of another. `learn check` builds the one product it checks and runs it in a
// child process, sending it inputs and comparing what comes back with the engine's reference
// (docs/exercises.md). No engine here: the package builds in seconds and can live anywhere.
let exercises = ["SoftmaxCrossEntropy", "MomentumStep", "KaimingStd", "WeightDecayStep", "BatchNormForward",
                 "MatmulBackward"]

let package = Package(
    name: "Exercises",
    targets: [
        .target(name: "ExerciseHarness", path: "Harness"),
    ] + exercises.map { name in
        let others = exercises.filter { $0 != name }
        return .executableTarget(name: name, dependencies: ["ExerciseHarness"], path: ".",
                                 exclude: ["Harness"] + others.map { "\($0).swift" } + others.map { "Checks/\($0)Check.swift" },
                                 sources: ["\(name).swift", "Checks/\(name)Check.swift"])
    }
)
