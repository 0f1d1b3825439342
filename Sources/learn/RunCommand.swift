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
    struct Run: ParsableCommand {
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
        @OptionGroup var display: DisplayOptions

        func run() throws {
            let path = try library.resolve(lesson)
            let lesson = try LessonParser(catalog: experimentCatalog).parse(contentsOf: path)
                .overriding(overrides.map(ParameterOverride.init(parsing:)))
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
                runner.afterCell = {
                    Output.error("— Enter: next cell —")
                    _ = readLine()
                }
            }
            let streams = format == .terminal || format == .text
            let outcome = runner.run(lesson) { if streams { Output.write($0) } }
            switch format {
            case .markdown: Output.write(MarkdownExport.render(lesson, results: outcome.renderedResults) + "\n")
            case .json:
                Output.write(try JSONExport.render(lesson, outcome, seed: seed ?? lesson.metadata.seed ?? LessonRunner.defaultSeed) + "\n")
            case .terminal, .text: break
            }
            // A claim that fails is shown in place and warned about, but the lesson still ran.
            for warning in outcome.failedClaims { Output.error(warning.description) }
            if !outcome.failures.isEmpty { throw LessonFailure(diagnostics: outcome.failures) }
            // Progress is a convenience: a folder we can't write to must not fail the lesson.
            try? workspace.recordRun(lesson)
        }
    }
}
