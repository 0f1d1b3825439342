import ArgumentParser
import Foundation
import Lessons

/// The `learn` command: lessons on how image classifiers are trained, run in the terminal.
@main
struct Learn: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Read and run lessons on how image classifiers are trained.",
        discussion: """
            Lessons are Markdown files in ./lessons (or --lessons DIR, or $LEARN_LESSONS). Their experiments \
            run live on learn's own tensor engine and print tables and charts in place.

            Exit status: 0 on success, 1 for a problem in a lesson or its input, 2 for bad usage.
            """,
        version: version,
        subcommands: [List.self, Run.self, Experiments.self, Check.self, Answer.self, Hint.self, Solution.self, Reset.self,
                      New.self, Lint.self, Test.self, Watch.self, CheckCode.self],
        defaultSubcommand: List.self
    )

    /// Runs the command, mapping errors to the documented exit statuses instead of a stack trace.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as Diagnostic {
            Output.error(error.description)
            Foundation.exit(1)
        } catch let error as DiagnosticList {
            Output.error(error.description)
            Foundation.exit(1)
        } catch let error as LessonFailure {
            Output.error(error.description)
            Foundation.exit(1)
        } catch {
            let code = exitCode(for: error)
            guard code != .success else { exit(withError: error) }
            Output.error(fullMessage(for: error))
            Foundation.exit(code == .validationFailure || code.rawValue == 64 ? 2 : code.rawValue)
        }
    }
}

/// A lesson ran but something in it failed (an experiment threw); the details were printed in place.
struct LessonFailure: Error, CustomStringConvertible {
    var diagnostics: [Diagnostic]
    var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
