import ArgumentParser
import Foundation
import Experiments
import Lessons

extension Learn {
    /// `learn run LESSON`: renders a lesson and runs its experiments.
    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read a lesson and run its experiments.",
            discussion: "LESSON is an id (lesson-03), its number (03 or 3), its slug (sgd-vs-momentum) or a path to a .md file.")

        @Argument(help: "The lesson to run.")
        var lesson: String

        @Option(help: "Seed for every random thing in the lesson (default: the lesson's own seed).")
        var seed: UInt64?

        @OptionGroup var library: LibraryOptions
        @OptionGroup var display: DisplayOptions

        func run() throws {
            let path = try library.resolve(lesson)
            let lesson = try LessonParser(catalog: experimentCatalog).parse(contentsOf: path)
            for warning in lesson.warnings { Output.error(warning.description) }
            let runner = LessonRunner(style: display.style, seed: seed)
            let outcome = runner.run(lesson) { Output.write($0) }
            // A claim that fails is shown in place and warned about, but the lesson still ran.
            for warning in outcome.failedClaims { Output.error(warning.description) }
            if !outcome.failures.isEmpty { throw LessonFailure(diagnostics: outcome.failures) }
            if let id = lesson.id {
                // Progress is a convenience: a folder we can't write to must not fail the lesson.
                try? ProgressStore(folder: FileManager.default.currentDirectoryPath).update { $0[id.description].ran = true }
            }
        }
    }
}
