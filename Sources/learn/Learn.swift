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
            try checkCommandName(Array(CommandLine.arguments.dropFirst()))
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

extension Learn {
    /// A first word that names no command: without this, `learn bogus` would be read as `learn list bogus`
    /// (`list` is the default command) and answered with the usage of `list`.
    static func checkCommandName(_ arguments: [String]) throws {
        // `--seed -1`: ArgumentParser reads -1 as an option and says the value is missing.
        for (option, value) in zip(arguments, arguments.dropFirst())
        where ["--seed", "--width", "--polls", "--cpu-seconds"].contains(option) && value.hasPrefix("-") && Int(value) != nil {
            throw UsageError("\(option) can't be negative, not \(value)", hint: "Give a whole number from 0; `learn help` lists the options of each command.")
        }
        guard let first = arguments.first, !first.hasPrefix("-") else { return }
        let names = configuration.subcommands.map { $0._commandName }
        guard !names.contains(first), first != "help" else { return }
        let guess = Suggestions.didYouMean(first, in: names).map { $0.prefix(1).uppercased() + $0.dropFirst() + "\n" } ?? ""
        throw UsageError("unknown command '\(first)'",
                         hint: guess + "The commands are: \(names.joined(separator: ", ")); `learn --help` says what each does.")
    }
}

/// A lesson ran but something in it failed (an experiment threw); the details were printed in place.
struct LessonFailure: Error, CustomStringConvertible {
    var diagnostics: [Diagnostic]
    var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
