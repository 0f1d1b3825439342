import ArgumentParser
import Experiments
import Foundation
import Lessons

extension LibraryOptions {
    /// The lesson files the user named, or every lesson and every translation of one (`lessons/zh/`).
    func pathsToLint(_ names: [String]) throws -> [String] {
        guard names.isEmpty else { return try names.map { LessonLibrary.isPath($0) ? $0 : try self.library().resolve($0) } }
        let library = try library()
        return library.entries.map(\.path) + Editions.folders(in: library.folder).flatMap { edition in
            ((try? LessonLibrary(folder: edition.folder))?.entries ?? []).map(\.path)
        }
    }
}

extension Learn {
    /// `learn lint [LESSON…]`.
    struct Lint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check lessons without running them: format, parameters, exercises, requires and ids.",
            discussion: "Prints every problem with its file:line:column. Exits with 1 when any lesson has an error.")

        @Argument(help: "Lessons to check (default: every lesson).") var lessons: [String] = []
        @OptionGroup var library: LibraryOptions
        @OptionGroup var display: DisplayOptions

        func run() throws {
            let paths = try library.pathsToLint(lessons)
            var problems = LessonLinter(parser: LessonParser(catalog: experimentCatalog))
                .lint(paths, library: try? library.library())
            if lessons.isEmpty {
                // The whole folder: its course file too.
                do {
                    _ = try Course.find(lessonsFolder: library.folderPath)
                } catch let list as DiagnosticList {
                    problems = list.diagnostics + problems
                } catch let diagnostic as Diagnostic {
                    problems.insert(diagnostic, at: 0)
                }
            }
            for problem in problems { Output.error(problem.description) }
            let errors = problems.filter { $0.severity == .error }.count
            Output.write("\(paths.count) lesson\(paths.count == 1 ? "" : "s") checked: \(errors) error\(errors == 1 ? "" : "s"), "
                + "\(problems.count - errors) warning\(problems.count - errors == 1 ? "" : "s")\n")
            if errors > 0 { throw ExitCode(1) }
        }
    }

    /// `learn test [LESSON…]`.
    struct Test: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run lessons and check every claim and every exercise's own answer.",
            discussion: """
                Exits with 1 when anything fails: what a lesson says must still hold before class. With --seeds, \
                every lesson runs fresh once per seed and each claim must hold on all of them: a claim is a fact, \
                not one seed's accident.
                """)

        @Argument(help: "Lessons to test (default: every lesson).") var lessons: [String] = []
        @Option(help: ArgumentHelp("Run every lesson on these seeds and tally each claim: N for seeds 1 to N, A-B for A to B.",
                                   valueName: "N|A-B"),
                transform: { text in try SeedList.parse(text).mapError { ValidationError($0.description) }.get() })
        var seeds: SeedList?
        @OptionGroup var library: LibraryOptions
        @OptionGroup var data: DataOptions
        @OptionGroup var display: DisplayOptions

        func run() throws {
            let style = display.style
            var failed = 0
            if lessons.isEmpty {
                // A file learn would skip can't be tested: a failure, not a silence.
                for problem in try library.library().misnamedProblems {
                    Output.write("\(style.pick("✗", "x")) \(problem.file ?? "")\n")
                    write([problem])
                    failed += 1
                }
            }
            for path in try library.paths(lessons, display) {
                let passed = if let seeds { testOverSeeds(path, seeds, style) } else { testOnce(path, style) }
                if !passed { failed += 1 }
            }
            Output.write(failed == 0 ? "Every lesson holds.\n" : "\(failed) lesson\(failed == 1 ? "" : "s") failed.\n")
            if failed > 0 { throw ExitCode(1) }
        }

        private func testOnce(_ path: String, _ style: TerminalStyle) -> Bool {
            // The fresh results go in the lesson's course cache: a run after the test computes nothing.
            let cache = (try? library.workspace(for: path, writing: false)).map {
                ResultCache(folder: $0.cacheFolder, programIdentity: SelfExecutable.buildIdentity)
            }
            let report = LessonTester(parser: LessonParser(catalog: experimentCatalog), cache: cache).test(path)
            let mark = report.failures.isEmpty ? style.pick("✓", "+") : style.pick("✗", "x")
            Output.write("\(mark) \(report.lesson)  \(count(report.experiments, "experiment")), \(count(report.claims, "claim")), "
                + "\(count(report.exercises, "exercise"))  (\(String(format: "%.1f", report.seconds)) s)\n")
            write(report.failures)
            return report.failures.isEmpty
        }

        /// Prints the lesson's line, then every claim with the number of seeds it held on.
        private func testOverSeeds(_ path: String, _ seeds: SeedList, _ style: TerminalStyle) -> Bool {
            let report = LessonTester(parser: LessonParser(catalog: experimentCatalog)).test(path, seeds: seeds.seeds)
            let mark = report.failures.isEmpty ? style.pick("✓", "+") : style.pick("✗", "x")
            Output.write("\(mark) \(report.lesson)  \(seeds.description): \(count(report.experiments, "experiment")), "
                + "\(count(report.tallies.count, "claim")), \(count(report.exercises, "exercise"))  (\(String(format: "%.1f", report.seconds)) s)\n")
            for tally in report.tallies {
                let count = "\(tally.held.count)/\(report.seeds.count)"
                let missed = tally.missed.isEmpty ? "" : "  (missed on seed\(tally.missed.count == 1 ? "" : "s") "
                    + tally.missed.map(String.init).joined(separator: ", ") + ")"
                let mark = tally.missed.isEmpty ? style.pick("✓", "+") : style.pick("✗", "x")
                Output.write("  \(mark) \(count)  line \(tally.cell.line): \(tally.claim)\(missed)\n")
            }
            write(report.failures.filter { !$0.message.contains("claim not held") })
            return report.failures.isEmpty
        }

        private func count(_ number: Int, _ noun: String) -> String { "\(number) \(noun)\(number == 1 ? "" : "s")" }

        private func write(_ failures: [Diagnostic]) {
            for failure in failures { Output.write("  " + failure.description.replacingOccurrences(of: "\n", with: "\n  ") + "\n") }
        }
    }

    /// `learn new "Title"`.
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the next lesson file, ready to edit: front matter, an experiment and an exercise.")

        @Argument(help: "The lesson's title.") var title: String
        @OptionGroup var library: LibraryOptions
        @OptionGroup var display: DisplayOptions

        func run() throws {
            let folder = library.folderPath
            let path = try LessonScaffold.create(title: title, folder: folder,
                                                 linter: LessonLinter(parser: LessonParser(catalog: experimentCatalog)))
            Output.write("Created \(path).\n")
            // The folder's lessons are a course of their own (unless they are an edition of one).
            let found = try Course.findOrCreate(lessonsFolder: folder)
            if let wrote = found.wrote {
                Output.write("Created \(wrote): these lessons are the course '\(found.course.id)'; keep its id when you move or edit them.\n")
            }
            if let warning = found.warning { Output.error(warning.description) }
            Output.write("Preview it with `learn watch \(path)`, check it with `learn lint` and `learn test`.\n")
        }
    }

    /// `learn watch LESSON`.
    struct Watch: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a lesson, and run it again each time its file is saved.",
            discussion: "Stop with Ctrl-C. Errors are shown and watching goes on.")

        @Argument(help: "The lesson to watch.") var lesson: String
        @Option(help: .hidden) var polls: Int?
        @OptionGroup var library: LibraryOptions
        @OptionGroup var data: DataOptions
        @OptionGroup var display: DisplayOptions

        func run() throws {
            let path = try library.resolve(lesson, display)
            let parser = LessonParser(catalog: experimentCatalog)
            var runner = LessonRunner(style: display.style)
            runner.cache = ResultCache(folder: try library.workspace(for: path, writing: false).cacheFolder,
                                       programIdentity: SelfExecutable.buildIdentity)
            var last: Date?
            var remaining = polls
            while remaining.map({ $0 > 0 }) ?? true {
                let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
                if modified != last {
                    last = modified
                    if isatty(STDOUT_FILENO) == 1 { Output.write("\u{1B}[2J\u{1B}[H") }
                    do {
                        let lesson = try parser.parse(contentsOf: path)
                        let outcome = runner.run(lesson) { Output.write($0) }
                        for warning in outcome.failedClaims { Output.error(warning.description) }
                    } catch {
                        Output.error(Failure(error)?.message ?? "\(error)")
                    }
                    Output.error("— watching \(path); save it to run again, Ctrl-C to stop —")
                }
                remaining = remaining.map { $0 - 1 }
                Thread.sleep(forTimeInterval: 0.25)
            }
        }
    }
}
