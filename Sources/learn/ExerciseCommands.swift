import ArgumentParser
import Experiments
import Foundation
import Lessons

/// What the exercise commands share: the lesson, the workspace, the style.
struct ExerciseContext {
    let workspace: Workspace
    let lesson: Lesson

    init(_ name: String, library: LibraryOptions, display: DisplayOptions) throws {
        let path = try library.resolve(name, display)
        lesson = try LessonParser(catalog: experimentCatalog).parseEdition(contentsOf: path)
        workspace = try library.workspace(for: path, writing: true)
    }
}

extension LibraryOptions {
    /// The exercise package: $LEARN_EXERCISES, else Sources/Exercises here, else beside the lessons.
    func exercisePackage() -> ExercisePackage? {
        let environment = ProcessInfo.processInfo.environment
        let lessons = folder ?? environment["LEARN_LESSONS"].flatMap { $0.isEmpty ? nil : $0 } ?? "lessons"
        return ExercisePackage.locate(workspace: FileManager.default.currentDirectoryPath, lessonsFolder: lessons,
                                      environment: environment)
    }
}

extension Learn {
    /// `learn check [LESSON] [--exercise ID]`.
    struct Check: ParsableCommand, UsageChecking {
        static let configuration = CommandConfiguration(
            abstract: "Check your answers and code exercises.",
            discussion: """
                Answers live in answers/LESSON.yaml (created with blanks on the first check); code exercises \
                in the exercise package, Sources/Exercises ($LEARN_EXERCISES to check another), which is \
                built one exercise at a time before its check. Exits with 0 only when every exercise checked passed.
                """)

        @Argument(help: "The lesson (default: every lesson).")
        var lesson: String?

        @Option(help: ArgumentHelp("Check only this exercise.", valueName: "id"))
        var exercise: String?

        @Option(name: .customLong("cpu-seconds"), help: ArgumentHelp(
            "CPU time each code check may use before it is stopped as an endless loop.", valueName: "seconds"))
        var cpuSeconds = 10

        @OptionGroup var library: LibraryOptions
        @OptionGroup var data: DataOptions
        @OptionGroup var display: DisplayOptions

        func checkUsage() throws {
            if let exercise, lesson == nil {
                throw UsageError("--exercise needs a lesson", hint: "Name the lesson first: learn check LESSON --exercise \(exercise)")
            }
            if !(1...3600).contains(cpuSeconds) {
                throw UsageError("--cpu-seconds must be from 1 to 3600, not \(cpuSeconds)",
                                 hint: "Give the seconds of CPU time a code check may use, or leave it out for 10.")
            }
        }

        func run() throws {
            let paths = try library.paths(lesson.map { [$0] } ?? [], display)
            let parser = LessonParser(catalog: experimentCatalog)
            let workspace = try library.workspace(for: lesson == nil ? nil : paths.first, writing: true)
            let renderer = CheckRenderer(style: display.style)
            var all: [CheckResult] = []
            let codeRunner = CodeRunner(package: library.exercisePackage(), runner: IsolatedRunner(cpuSeconds: cpuSeconds),
                                        progress: BuildProgress.show)
            var unreadable = 0
            for path in paths {
                let lesson: Lesson
                do {
                    lesson = try parser.parseEdition(contentsOf: path)
                } catch where self.lesson == nil {
                    // Checking every lesson goes on past a broken one, and says so at the end.
                    Output.error(Failure(error)?.message ?? "\(error)")
                    unreadable += 1
                    continue
                }
                guard !lesson.exercises.isEmpty else { continue }
                let checker = ExerciseChecker(seed: lesson.metadata.seed ?? LessonRunner.defaultSeed, codeRunner: codeRunner)
                let results = try workspace.check(lesson, only: exercise, checker: checker)
                Output.write((all.isEmpty ? "" : "\n") + renderer.lesson(lesson, results) + "\n")
                all += results
            }
            var summary = renderer.summary(all)
            if unreadable > 0 {
                summary += display.style.catalog.text(unreadable == 1 ? "; 1 lesson could not be read (see the errors above)"
                    : "; \(unreadable) lessons could not be read (see the errors above)")
            }
            Output.write("\n" + summary + "\n")
            if unreadable > 0 || all.contains(where: { $0.status != .passed }) { throw ExitCode(1) }
        }
    }

    /// `learn answer LESSON ID VALUE`.
    struct Answer: ParsableCommand, UsageChecking {
        static let configuration = CommandConfiguration(
            abstract: "Write an answer into the lesson's answers file, then check it.",
            discussion: """
                VALUE is a number, a choice, a short text, or for a challenge a mapping such as '{learning_rates: [0.7]}'. \
                A number may be written as 0.5, -0.5, 1/2, 50%, 2e-3, sqrt(2)/2, ln(10) (log is the natural \
                log too), exp(1) or 2^10; a negative number needs no quotes, and words after the id are \
                one answer (learn answer 1 uniform-loss ln 10).
                """)

        @Argument(help: "The lesson.") var lesson: String
        @Argument(help: "The exercise's id.") var id: String
        // Every word left over is the answer, so that `-1` or `-0.5` is a negative number, not an
        // unknown option, and `ln 10` needs no quotes.
        @Argument(parsing: .allUnrecognized, help: ArgumentHelp("Your answer.", valueName: "value"))
        var words: [String] = []

        /// The answer as typed: the words after the id, joined by spaces.
        var value: String { words.joined(separator: " ") }

        func checkUsage() throws {
            guard !words.isEmpty else {
                throw UsageError("give your answer after the exercise's id",
                                 hint: "For example: learn answer \(lesson) \(id) 0.5")
            }
            // A misspelt option is not an answer: no number or choice starts with `--` and a letter.
            if let option = words.first(where: { $0.hasPrefix("--") && $0.dropFirst(2).first?.isLetter == true }) {
                throw UsageError("unknown option '\(option)'",
                                 hint: "`learn answer --help` lists the options.")
            }
        }

        @OptionGroup var library: LibraryOptions
        @OptionGroup var data: DataOptions
        @OptionGroup var display: DisplayOptions

        func run() throws {
            let context = try ExerciseContext(lesson, library: library, display: display)
            let saved = try context.workspace.answer(context.lesson, id, value, catalog: display.style.catalog)
            let checker = ExerciseChecker(seed: context.lesson.metadata.seed ?? LessonRunner.defaultSeed, codeRunner: nil)
            let results = try context.workspace.check(context.lesson, only: id, checker: checker, typed: saved ? nil : (id, value))
            let style = display.style
            if saved {
                Output.write(style.catalog.text("Saved in \(context.workspace.relative(context.workspace.answersPath(context.lesson))).") + "\n")
            }
            Output.write(CheckRenderer(style: style).lesson(context.lesson, results) + "\n")
            if results.contains(where: { $0.status != .passed }) { throw ExitCode(1) }
        }
    }

    /// `learn hint LESSON ID`.
    struct Hint: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the next hint of an exercise.")

        @Argument(help: "The lesson.") var lesson: String
        @Argument(help: "The exercise's id.") var id: String
        @OptionGroup var library: LibraryOptions
        @OptionGroup var display: DisplayOptions

        func run() throws {
            let context = try ExerciseContext(lesson, library: library, display: display)
            let hint = try context.workspace.nextHint(context.lesson, id)
            Output.write(HintRenderer(style: display.style).hint(number: hint.number, count: hint.count, text: hint.text,
                                                                 solutionCommand: "learn solution \(lesson) \(id)") + "\n")
        }
    }

    /// `learn solution LESSON ID [--force]`.
    struct Solution: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show the worked solution of an exercise you passed.")

        @Argument(help: "The lesson.") var lesson: String
        @Argument(help: "The exercise's id.") var id: String
        @Flag(help: "Show it even though the exercise hasn't passed yet.") var force = false
        @OptionGroup var library: LibraryOptions
        @OptionGroup var display: DisplayOptions

        func run() throws {
            let context = try ExerciseContext(lesson, library: library, display: display)
            Output.write(HintRenderer(style: display.style).solution(try context.workspace.solution(context.lesson, id, force: force)) + "\n")
        }
    }

    /// `learn reset LESSON [ID] [--yes]`.
    struct Reset: ParsableCommand, UsageChecking {
        static let configuration = CommandConfiguration(
            abstract: "Restore a code exercise's stub (your version is kept in .learn/backup).")

        @Argument(help: "The lesson.") var lesson: String
        @Argument(help: "The exercise's id (default: every code exercise of the lesson).") var id: String?
        @Flag(name: .shortAndLong, help: "Don't ask for confirmation.") var yes = false
        @OptionGroup var library: LibraryOptions
        @OptionGroup var display: DisplayOptions

        func checkUsage() throws {
            if !yes && isatty(STDIN_FILENO) != 1 {
                throw UsageError("learn reset asks before it replaces your code, but standard input is not a terminal",
                                 hint: "Run it in a terminal to answer, or add --yes to restore the stub without asking.")
            }
        }

        func run() throws {
            let context = try ExerciseContext(lesson, library: library, display: display)
            let exercises = try context.workspace.codeExercises(context.lesson, only: id)
            // The file in the exercise package `learn check` checks, else where the lesson says it is.
            let package = library.exercisePackage()
            let paths = exercises.map { exercise in package.map { $0.source(of: exercise) } ?? exercise.file }
            let shown = paths.map { package?.display($0) ?? $0 }
            let catalog = display.style.catalog
            if !yes {
                Output.write(catalog.text("Restore \(shown.joined(separator: ", ")) to the stub? Your version is kept in .learn/backup. [y/N] "))
                guard let reply = readLine(), ["y", "yes"].contains(reply.lowercased()) else {
                    Output.write(catalog.text("Nothing was changed.") + "\n")
                    return
                }
            }
            for (index, exercise) in exercises.enumerated() {
                if let backup = try context.workspace.restoreStub(exercise, at: paths[index]) {
                    Output.write(catalog.text("Restored \(shown[index]); your version is in \(backup).") + "\n")
                } else {
                    Output.write(catalog.text("\(shown[index]) already is the stub.") + "\n")
                }
            }
        }
    }
}
