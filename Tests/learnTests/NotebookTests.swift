import Foundation
import Lessons
import XCTest

/// Parameters on the command line, cached results, exports, and the instructor's commands.
final class NotebookTests: XCTestCase {
    private var folder: URL!
    private var lessons: URL { folder.appendingPathComponent("lessons") }
    private var lessonFile: URL { lessons.appendingPathComponent("lesson-03-sgd-vs-momentum.md") }

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-nb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: LearnProcess.lessons + "/lesson-03-sgd-vs-momentum.md", toPath: lessonFile.path)
        try FileManager.default.copyItem(atPath: LearnProcess.lessons + "/course.yaml", toPath: lessons.appendingPathComponent("course.yaml").path)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    @discardableResult
    private func learn(_ arguments: String...) throws -> LearnProcess.Result {
        try LearnProcess.run(arguments, in: folder)
    }

    /// How many experiment cells lesson 3 has.
    private var cellCount: Int {
        (try? LessonParser(catalog: experimentCatalogForTests).parse(contentsOf: lessonFile.path).experiments.count) ?? -1
    }

    private var cacheEntries: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: LearnProcess.state(in: folder).appendingPathComponent("cache").path)) ?? [])
            .filter { $0.hasSuffix(".json") }.sorted()
    }

    // MARK: --set and --params

    func testSetOverridesOneCellsParameterAndShowsIt() throws {
        let result = try learn("run", "3", "--set", "#1.learning_rates=[0.45]", "--color", "never", "--width", "100")
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("│ learning_rates: [0.45] # --set"), result.stdout)
        XCTAssertTrue(result.stdout.contains("│ sgd_lr0.45 "), "the table shows the new run")
        // The claims on the runs --set removed are not checked: neutral, not failed, and the run exits with 0.
        XCTAssertTrue(result.stdout.contains("– claim not checked with these parameters: sgd_lr0.6.diverged (no run sgd_lr0.6)"), result.stdout)
        XCTAssertFalse(result.stderr.contains("claim not held: sgd_lr0.6.diverged"), result.stderr)
        XCTAssertFalse(result.stdout.contains("✗"), result.stdout)
    }

    func testBadOverridesAreErrorsNamingWhatIsValid() throws {
        // A bad --set is bad usage (exit 2), as the README says.
        let unknownCell = try learn("run", "3", "--set", "nope.steps=5")
        XCTAssertEqual(unknownCell.status, 2)
        XCTAssertTrue(unknownCell.stderr.contains("error: --set: lesson-03 has no experiment cell 'nope'"), unknownCell.stderr)
        XCTAssertTrue(unknownCell.stderr.contains("Its experiment cells are: #1 (momentum-ravine)"), unknownCell.stderr)
        let unknownKey = try learn("run", "3", "--set", "#1.lr=0.5")
        XCTAssertEqual(unknownKey.status, 2)
        XCTAssertTrue(unknownKey.stderr.contains("error: --set #1.lr=0.5: 'momentum-ravine' has no parameter 'lr'"), unknownKey.stderr)
        let wrongType = try learn("run", "3", "--set", "#1.steps=many")
        XCTAssertEqual(wrongType.status, 2)
        XCTAssertTrue(wrongType.stderr.contains("error: --set #1.steps=many: 'steps' must be an integer (1 to 100000), not 'many'"), wrongType.stderr)
        XCTAssertEqual(wrongType.stdout, "", "nothing runs")
        XCTAssertEqual(try learn("run", "3", "--set", "steps").status, 2)
    }

    func testParamsListsEveryCellsValues() throws {
        let result = try learn("run", "3", "--params", "--set", "#2.steps=77", "--color", "never", "--width", "100")
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.stdout.contains("#1  experiment momentum-ravine  (line"), result.stdout)
        XCTAssertTrue(result.stdout.contains("│ steps          │ 77 "), result.stdout)
        XCTAssertFalse(result.stdout.contains("Gradient descent on"), "--params runs nothing")
    }

    // MARK: the cache

    func testTheCacheServesUnchangedCellsAndMissesOnChangedParametersOrSeed() throws {
        let first = try learn("run", "3", "--color", "never")
        let entries = cacheEntries
        XCTAssertEqual(entries.count, cellCount, "one entry per experiment cell")
        let second = try learn("run", "3", "--color", "never")
        XCTAssertEqual(second.stdout, first.stdout)
        XCTAssertEqual(cacheEntries, entries, "a rerun adds nothing")
        // Prose edits rerun nothing.
        var text = try String(contentsOf: lessonFile, encoding: .utf8)
        text = text.replacingOccurrences(of: "Take the simplest ravine there is:", with: "Take the simplest ravine of all:")
        try text.write(to: lessonFile, atomically: true, encoding: .utf8)
        XCTAssertTrue(try learn("run", "3", "--color", "never").stdout.contains("ravine of all"))
        XCTAssertEqual(cacheEntries, entries)
        try learn("run", "3", "--color", "never", "--set", "#1.steps=150")
        XCTAssertEqual(cacheEntries.count, cellCount + 1, "a changed parameter is a new entry")
        try learn("run", "3", "--color", "never", "--seed", "9")
        XCTAssertEqual(cacheEntries.count, 2 * cellCount + 1, "a changed seed is new for every cell")
    }

    func testACorruptedOrTruncatedEntryIsRecomputedNotTrusted() throws {
        let fresh = try learn("run", "3", "--color", "never").stdout
        let cache = LearnProcess.state(in: folder).appendingPathComponent("cache")
        for (index, name) in cacheEntries.enumerated() {
            let path = cache.appendingPathComponent(name)
            if index == 0 {
                let data = try Data(contentsOf: path)
                try data.prefix(data.count / 2).write(to: path)
            } else {
                var text = try String(contentsOf: path, encoding: .utf8)
                text = text.replacingOccurrences(of: "converged", with: "CONVERGED")
                try text.write(to: path, atomically: true, encoding: .utf8)
            }
        }
        let again = try learn("run", "3", "--color", "never")
        XCTAssertEqual(again.status, 0, again.stderr)
        XCTAssertEqual(again.stdout, fresh)
        XCTAssertEqual(try learn("run", "3", "--color", "never", "--fresh").stdout, fresh)
    }

    // MARK: exports

    func testMarkdownExportReadsBackAsTheSameLesson() throws {
        let exported = try learn("run", "3", "--format", "markdown")
        XCTAssertEqual(exported.status, 0, exported.stderr)
        let parser = LessonParser(catalog: experimentCatalogForTests)
        let original = try parser.parse(contentsOf: lessonFile.path)
        let again = try parser.parse(bytes: Array(exported.stdout.utf8), file: "lesson-03-sgd-vs-momentum.md")
        XCTAssertEqual(again.experiments.map(\.name), original.experiments.map(\.name))
        XCTAssertEqual(again.experiments.map(\.source), original.experiments.map(\.source))
        XCTAssertEqual(again.exercises.map(\.id), original.exercises.map(\.id))
        var exportedFrom = original.metadata
        exportedFrom.exportedFrom = "lesson-03"
        XCTAssertEqual(again.metadata, exportedFrom, "the export names the lesson it came from")
        XCTAssertTrue(exported.stdout.contains("```learn-result #1\n"), "results are fenced blocks marked as results")
        XCTAssertTrue(exported.stdout.contains("│ sgd_lr0.6         │ 0.60 │"), "with the results in them")
        XCTAssertFalse(exported.stdout.contains("\u{1B}["), "and no color")
    }

    func testJSONExportHasEveryCellsMetricsAndFigures() throws {
        let result = try learn("run", "3", "--format", "json")
        XCTAssertEqual(result.status, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["lesson"] as? String, "lesson-03")
        let cells = try XCTUnwrap(object["cells"] as? [[String: Any]])
        XCTAssertEqual(cells.count, cellCount)
        let metricList = try XCTUnwrap(cells[0]["metrics"] as? [[String: Any]])
        let metrics = Dictionary(metricList.map { ($0["name"] as? String ?? "", $0) }, uniquingKeysWith: { first, _ in first })
        for name in ["sgd_lr0.4.steps", "sgd_lr0.4.final_loss", "sgd_lr0.6.diverged", "momentum0.5_lr0.6.converged"] {
            XCTAssertNotNil(metrics[name], name)
        }
        XCTAssertEqual(metrics["sgd_lr0.6.diverged"]?["flag"] as? Bool, true)
        let kinds = (cells[0]["items"] as? [[String: Any]])?.compactMap { $0["kind"] as? String }
        XCTAssertEqual(kinds, ["table", "surface", "line_chart"])
        let claims = try XCTUnwrap(cells[0]["claims"] as? [[String: Any]])
        XCTAssertEqual(claims.count, 3)
        XCTAssertEqual(claims.map { $0["checked"] as? Bool }, [true, true, true])
    }

    // MARK: instructors

    func testTheAddingALessonWalkthrough() throws {
        let scratch = folder.appendingPathComponent("my-lessons")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let created = try learn("new", "Learning-rate warmup", "--lessons", scratch.path)
        XCTAssertEqual(created.status, 0, created.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("lesson-01-learning-rate-warmup.md").path))
        let lint = try learn("lint", "--lessons", scratch.path)
        XCTAssertEqual(lint.status, 0, lint.stderr)
        XCTAssertEqual(lint.stdout, "1 lesson checked: 0 errors, 0 warnings\n")
        let test = try learn("test", "--lessons", scratch.path, "--color", "never")
        XCTAssertEqual(test.status, 0, test.stdout)
        XCTAssertTrue(test.stdout.hasSuffix("Every lesson holds.\n"), test.stdout)
        // The next one takes the next number and requires the first.
        try learn("new", "Cosine annealing", "--lessons", scratch.path)
        let second = try String(contentsOf: scratch.appendingPathComponent("lesson-02-cosine-annealing.md"), encoding: .utf8)
        XCTAssertTrue(second.contains("requires: [lesson-01]"), second)
        let first = try String(contentsOf: scratch.appendingPathComponent("lesson-01-learning-rate-warmup.md"), encoding: .utf8)
        try learn("new", "Learning-rate warmup", "--lessons", scratch.path)
        XCTAssertEqual(try String(contentsOf: scratch.appendingPathComponent("lesson-01-learning-rate-warmup.md"), encoding: .utf8), first,
                       "a new lesson never overwrites one")
        XCTAssertTrue(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("lesson-03-learning-rate-warmup.md").path))
    }

    func testLintFindsARequiredLessonThatIsMissing() throws {
        let lint = try learn("lint")
        XCTAssertEqual(lint.status, 1)
        XCTAssertTrue(lint.stderr.contains("lesson-03-sgd-vs-momentum.md:5:12: error: 'requires' names lesson-02, which is not a lesson here"), lint.stderr)
    }

    func testLintReportsEveryProblemAndTestFailsOnAFailedClaim() throws {
        var text = try String(contentsOf: lessonFile, encoding: .utf8)
        text = text.replacingOccurrences(of: "steps: 200\n", with: "steps: 200\nlr: 3\n")
        text = text.replacingOccurrences(of: "```exercise largest-rate\n", with: "```exercise largest-rate\nbogus: 1\n")
        try text.write(to: lessonFile, atomically: true, encoding: .utf8)
        let lint = try learn("lint")
        XCTAssertEqual(lint.status, 1)
        XCTAssertTrue(lint.stderr.contains("unknown parameter 'lr'"), lint.stderr)
        XCTAssertTrue(lint.stderr.contains("unknown key 'bogus' in exercise 'largest-rate'"), lint.stderr)
        XCTAssertTrue(lint.stdout.contains("2 errors"), lint.stdout)

        try FileManager.default.removeItem(at: lessonFile)
        try FileManager.default.copyItem(atPath: LearnProcess.lessons + "/lesson-03-sgd-vs-momentum.md", toPath: lessonFile.path)
        text = try String(contentsOf: lessonFile, encoding: .utf8).replacingOccurrences(of: "  - sgd_lr0.6.diverged\n", with: "  - sgd_lr0.6.converged\n")
        try text.write(to: lessonFile, atomically: true, encoding: .utf8)
        let test = try learn("test", "--color", "never")
        XCTAssertEqual(test.status, 1)
        XCTAssertTrue(test.stdout.contains("✗ lesson-03"), test.stdout)
        XCTAssertTrue(test.stdout.contains("error: claim not held: sgd_lr0.6.converged"), test.stdout)
    }

    /// A claim whose run the lesson's parameters no longer make (an edit) is neutral in `learn run`, a
    /// failure in `learn test`, and a `learn lint` error.
    func testAClaimOnARemovedRunIsNotCheckedInRunButFailsTest() throws {
        let text = try String(contentsOf: lessonFile, encoding: .utf8)
            .replacingOccurrences(of: "learning_rates: [0.4, 0.6]\n", with: "learning_rates: [0.4]\n")
        try text.write(to: lessonFile, atomically: true, encoding: .utf8)
        let run = try learn("run", "3", "--color", "never")
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.contains("✓ claim holds: sgd_lr0.4.converged"), run.stdout)
        XCTAssertTrue(run.stdout.contains("– claim not checked with these parameters: sgd_lr0.6.diverged (no run sgd_lr0.6)"), run.stdout)
        XCTAssertFalse(run.stderr.contains("sgd_lr0.6.diverged"), run.stderr)
        let test = try learn("test", "--color", "never")
        XCTAssertEqual(test.status, 1, test.stdout)
        XCTAssertTrue(test.stdout.contains("error: claim not checked with these parameters: sgd_lr0.6.diverged"), test.stdout)
        let lint = try learn("lint", lessonFile.path)
        XCTAssertEqual(lint.status, 1)
        XCTAssertTrue(lint.stderr.contains("error: the claim names the run 'sgd_lr0.6', which this cell's parameters don't make"), lint.stderr)
    }

    /// A metric no parameters of the experiment produce is a lint error with a did-you-mean, in folder
    /// and in FILE mode, and `learn lint FILE` checks `requires` beside the file.
    func testLintFindsAMisspeltMetricAndAnUnmetRequiresInFileMode() throws {
        let text = try String(contentsOf: lessonFile, encoding: .utf8)
            .replacingOccurrences(of: "  - sgd_lr0.6.diverged\n", with: "  - sgd_lr0.6.divergd\n")
        let loose = folder.appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: loose, withIntermediateDirectories: true)
        let file = loose.appendingPathComponent("lesson-03-sgd-vs-momentum.md")
        try text.write(to: file, atomically: true, encoding: .utf8)
        try text.write(to: lessonFile, atomically: true, encoding: .utf8)
        for arguments in [["lint"], ["lint", file.path], ["lint", file.path, "--lessons", loose.path]] {
            let lint = try LearnProcess.run(arguments, in: arguments.count == 2 ? loose : folder)
            XCTAssertEqual(lint.status, 1, "\(arguments)")
            XCTAssertTrue(lint.stderr.contains(":52:5: error: no parameters of 'momentum-ravine' produce a metric 'sgd_lr0.6.divergd'"),
                          "\(arguments): \(lint.stderr)")
            XCTAssertTrue(lint.stderr.contains("Did you mean 'sgd_lr0.6.diverged'?"), lint.stderr)
            XCTAssertTrue(lint.stderr.contains(":5:12: error: 'requires' names lesson-02, which is not a lesson here"),
                          "\(arguments): \(lint.stderr)")
        }
    }

    func testWatchRunsAgainWhenTheFileIsSaved() throws {
        let process = Process()
        process.executableURL = LearnProcess.binary
        process.arguments = ["watch", "3", "--color", "never", "--polls", "16"]
        process.currentDirectoryURL = folder
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: 1.5)
        let text = try String(contentsOf: lessonFile, encoding: .utf8).replacingOccurrences(of: "# ", with: "# ")
            + "\nAn added line.\n"
        try text.write(to: lessonFile, atomically: true, encoding: .utf8)
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(output.components(separatedBy: "SGD versus momentum   ").count - 1, 2, "ran twice:\n\(output.prefix(300))")
        XCTAssertTrue(output.contains("An added line."))
    }

    func testTheExperimentsCatalogPageIsCurrent() throws {
        let generated = try learn("experiments", "--markdown").stdout
        let page = try String(contentsOf: LearnProcess.repository.appendingPathComponent("docs/experiments.md"), encoding: .utf8)
        XCTAssertEqual(page, generated, "docs/experiments.md is out of date: swift run learn experiments --markdown > docs/experiments.md")
    }
}
