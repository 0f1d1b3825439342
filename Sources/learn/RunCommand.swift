import ArgumentParser
import Foundation
import Experiments
import Lessons

/// What `learn run` writes.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case terminal, text, markdown, json
}

extension Learn {
    /// `learn run LESSON`: renders a lesson and runs its experiments.
    struct Run: ParsableCommand, UsageChecking {
        static let configuration = CommandConfiguration(
            abstract: "Read a lesson and run its experiments.",
            discussion: "LESSON is an id (lesson-03), its number (03 or 3), its slug (sgd-vs-momentum) or a path to a .md file.")

        @Argument(help: "The lesson to run.")
        var lesson: String

        @Option(help: "Seed for every random thing in the lesson (default: the lesson's own seed).")
        var seed: UInt64?

        @Option(name: .customLong("set"), help: ArgumentHelp(
            "Change one experiment cell's parameter for this run: CELL.KEY=VALUE, where CELL is a cell's label, #N, or its experiment's name (repeatable).",
            valueName: "cell.key=value"))
        var overrides: [String] = []

        @Flag(help: "List every experiment cell's parameters and the values they run with, instead of running.")
        var params = false

        @Flag(help: "Recompute every experiment instead of using cached results (.learn/courses/COURSE/cache).")
        var fresh = false

        @Flag(help: "Pause after each cell until Enter is pressed (for class).")
        var step = false

        @Option(help: "Output: terminal (styled for the terminal), text (plain), markdown (the lesson with its results, valid CommonMark), or json (each cell's metrics, tables and series).")
        var format: OutputFormat = .terminal

        @OptionGroup var library: LibraryOptions
        @OptionGroup var data: DataOptions
        @OptionGroup var display: DisplayOptions

        @Flag(help: "With --format markdown: keep exercises' answers, hints and solutions in the export (left out by default, so that a shared export doesn't give them away).")
        var withSolutions = false

        /// `--params` and `--step` are about text as it is printed; a Markdown or JSON export is written whole at the end.
        func checkUsage() throws {
            guard format == .json || format == .markdown else { return }
            if params {
                throw UsageError("--params lists the cells' parameters as text and can't be written with --format \(format)",
                                 hint: "Leave out --format to list the parameters, or --params to export the lesson's results.")
            }
            if step {
                throw UsageError("--step pauses after each cell as it is printed, but --format \(format) writes the lesson only at the end",
                                 hint: "Leave out --step to export, or --format to step through the lesson in the terminal.")
            }
        }

        func run() throws {
            let path = try library.resolve(lesson, display)
            let parsed = try LessonParser(catalog: experimentCatalog).parse(contentsOf: path)
            let lesson: Lesson
            do {
                lesson = try parsed.overriding(overrides.map(ParameterOverride.init(parsing:)))
            } catch let diagnostic as Diagnostic {
                // A --set that names no cell or parameter, or gives a bad value, is bad usage.
                throw UsageError(diagnostic.message, hint: diagnostic.hint ?? "See learn run \(self.lesson) --params.")
            } catch let list as DiagnosticList {
                throw UsageError(list.diagnostics.map(\.message).joined(separator: "; "),
                                 hint: list.diagnostics.compactMap(\.hint).joined(separator: "\n"))
            }
            if params {
                Output.write(display.characters(ListingRenderer(style: display.style).parameters(of: lesson)) + "\n")
                return
            }
            for warning in lesson.warnings { Output.error(warning.description) }
            var style = display.style
            if format != .terminal { style.color = false }
            // A lesson of a lessons folder keeps progress, so its course is written if missing; a
            // lone file (no lesson id) only borrows its folder's name for the cache.
            let workspace = try library.workspace(for: path, writing: lesson.id != nil)
            var runner = LessonRunner(style: style, seed: seed)
            runner.fresh = fresh
            runner.cache = ResultCache(folder: workspace.cacheFolder, programIdentity: SelfExecutable.buildIdentity)
            runner.showProgress = isatty(STDERR_FILENO) == 1 && (format == .terminal || format == .text)
            if step {
                let pause = StepPause(catalog: style.catalog)
                runner.afterCell = { pause.wait() }
            }
            let streams = format == .terminal || format == .text
            let outcome = runner.run(lesson) { if streams { Output.write($0) } }
            switch format {
            case .markdown:
                Output.write(MarkdownExport.render(lesson, outcome, style: style, withSolutions: withSolutions) + "\n")
            case .json:
                Output.write(try JSONExport.render(lesson, outcome) + "\n")
            case .terminal, .text: break
            }
            // A claim that fails is shown in place and warned about, but the lesson still ran.
            for warning in outcome.failedClaims { Output.error(warning.description) }
            if !outcome.failures.isEmpty { throw LessonFailure(diagnostics: outcome.failures) }
            if !outcome.stopped {
                // Progress is a convenience: a folder we can't write to must not fail the lesson, but the
                // student hears why it wasn't recorded.
                do {
                    try workspace.recordRun(lesson)
                } catch {
                    Output.error(Diagnostic(.warning, file: (error as? Diagnostic)?.file, "this run was not recorded in your progress: "
                        + ((error as? Diagnostic)?.message ?? "\(error)"), hint: (error as? Diagnostic)?.hint).description)
                }
            }
        }
    }
}

/// `--step`: after each experiment cell, waits on the terminal itself (never on piped input or
/// output) for Enter to go on or `q` to stop. Without a terminal there is no one to wait for.
final class StepPause: @unchecked Sendable {
    private let terminal: FileHandle?
    private let catalog: MessageCatalog

    init(catalog: MessageCatalog) {
        self.catalog = catalog
        terminal = FileHandle(forUpdatingAtPath: "/dev/tty")
        if terminal == nil { Output.error("learn: " + catalog.text("--step needs a terminal to wait on; running every cell without pausing")) }
    }

    /// Waits for a key; false when the student asked to stop.
    func wait() -> Bool {
        guard let terminal else { return true }
        terminal.write(Data(catalog.text("— Enter: next cell, q then Enter: stop —").utf8))
        var line: [UInt8] = []
        while true {
            guard let byte = try? terminal.read(upToCount: 1), let first = byte.first else { return false }
            if first == 0x0A { break }
            if line.count < 64 { line.append(first) }
        }
        terminal.write(Data("\n".utf8))
        let answer = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespaces).lowercased()
        return !(answer == "q" || answer == "quit")
    }
}
