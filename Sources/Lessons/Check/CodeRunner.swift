/// Checks a code exercise end to end: builds its product in the exercise package, then runs the
/// check with the student's function in a child process.
public struct CodeRunner: Sendable {
    /// Where the exercises are; nil when there is no exercise package to be found.
    public var package: ExercisePackage?
    /// Runs the built product in a child process, with its limits.
    public var runner: IsolatedRunner
    /// Gets the exercise's id and each line its build prints, then an empty line when the build
    /// is over (`learn check` shows them as progress on a terminal).
    public var progress: @Sendable (_ id: String, _ line: String) -> Void

    /// Creates a code runner.
    public init(package: ExercisePackage?, runner: IsolatedRunner = IsolatedRunner(),
                progress: @escaping @Sendable (_ id: String, _ line: String) -> Void = { _, _ in }) {
        self.package = package
        self.runner = runner
        self.progress = progress
    }

    /// Builds `exercise`'s product and checks the student's function on inputs drawn from `seed`.
    public func check(_ exercise: any CodeExercise.Type, seed: UInt64) -> CodeCheckOutcome {
        guard let package else {
            return .notChecked(reason: "no exercise package: no Package.swift in $LEARN_EXERCISES when it is set, else in "
                + "Sources/Exercises here or beside the lessons folder")
        }
        let built = package.build(exercise.product, source: package.source(of: exercise)) { progress(exercise.id, $0) }
        progress(exercise.id, "")
        switch built {
        case .failed(let outcome): return outcome
        case .executable(let executable):
            return runner.check(exercise, executable: executable, seed: seed, display: { [package] in package.display($0) })
        }
    }
}
