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
                      New.self, Lint.self, Test.self, Watch.self, Site.self, Clean.self],
        defaultSubcommand: List.self
    )

    /// Runs the command, mapping errors to the documented exit statuses instead of a stack trace.
    static func main() {
        // Before anything runs a kernel: a build for another CPU says so rather than stopping with SIGILL.
        #if LEARN_AVX512
        let avx512 = true
        #else
        let avx512 = false
        #endif
        if let problem = CPUFeatures.problem(required: CPUFeatures.required(avx512: avx512), available: CPUFeatures.current()) {
            Output.error(problem.description)
            Foundation.exit(1)
        }
        ProgressStore.warn = { Output.error($0.description) }
        do {
            var command = try parseAsRoot()
            try Usage.check(command)
            try command.run()
        } catch {
            // --help and --version: ArgumentParser prints them and exits with 0.
            guard let failure = Failure(error) else { exit(withError: error) }
            if !failure.message.isEmpty { Output.error(failure.message) }
            Foundation.exit(failure.status)
        }
    }
}

/// A lesson ran but something in it failed (an experiment threw); the details were printed in place.
struct LessonFailure: Error, CustomStringConvertible {
    var diagnostics: [Diagnostic]
    var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
