import Foundation
import XCTest

/// Bad lessons and bad usage: a clear message with a position, the documented exit status, and
/// never a crash or a stack trace.
final class ErrorTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-errors-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// Writes `bytes` as a lesson file and runs it; returns the result.
    private func run(_ bytes: [UInt8], name: String = "lesson-50-broken.md") throws -> LearnProcess.Result {
        try Data(bytes).write(to: folder.appendingPathComponent(name))
        return try LearnProcess.run(["run", name], in: folder, environment: ["LEARN_LESSONS": folder.path])
    }

    private func run(_ text: String) throws -> LearnProcess.Result {
        try run(Array(text.utf8))
    }

    private func assertLessonError(
        _ result: LearnProcess.Result, _ location: String, _ fragment: String,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertEqual(result.status, 1, "exit status", file: file, line: line)
        XCTAssertTrue(result.stderr.contains("lesson-50-broken.md:\(location): error:"),
                      "expected position \(location) in:\n\(result.stderr)", file: file, line: line)
        XCTAssertTrue(result.stderr.contains(fragment), "expected '\(fragment)' in:\n\(result.stderr)", file: file, line: line)
        XCTAssertFalse(result.stderr.contains("Fatal error"), file: file, line: line)
        XCTAssertEqual(result.stdout, "", "nothing is printed for a lesson that doesn't parse", file: file, line: line)
    }

    func testBadYAMLInFrontMatter() throws {
        assertLessonError(try run("---\ntitle: [unclosed\n---\n\nText.\n"), "3:1", "invalid YAML in the front matter")
    }

    func testBadYAMLInCell() throws {
        let text = "---\ntitle: T\n---\n\n```experiment momentum-ravine\nsteps: [1, 2\n```\n"
        assertLessonError(try run(text), "7:1", "invalid YAML in the experiment cell")
    }

    func testUnknownExperimentSuggestsClosest() throws {
        let result = try run("---\ntitle: T\n---\n\n```experiment momentum-ravin\n```\n")
        assertLessonError(result, "5:1", "unknown experiment 'momentum-ravin'")
        XCTAssertTrue(result.stderr.contains("Did you mean 'momentum-ravine'?"), result.stderr)
    }

    func testUnknownParameterListsValidKeysWithTypes() throws {
        let result = try run("---\ntitle: T\n---\n\n```experiment momentum-ravine\nlr: 0.5\n```\n")
        assertLessonError(result, "6:1", "unknown parameter 'lr'")
        XCTAssertTrue(result.stderr.contains("learning_rates  list of numbers"), result.stderr)
    }

    func testWrongTypeAndOutOfRangeValues() throws {
        let wrongType = try run("---\ntitle: T\n---\n\n```experiment momentum-ravine\nsteps: many\n```\n")
        assertLessonError(wrongType, "6:8", "'steps' must be an integer (1 to 100000), not 'many'")
        let outOfRange = try run("---\ntitle: T\n---\n\n```experiment momentum-ravine\nlearning_rates: [0.4, 20]\n```\n")
        assertLessonError(outOfRange, "6:23", "element 2 of 'learning_rates' must be from 0 to 10, not 20")
    }

    func testACellOverItsExperimentsBudgetIsRefusedBeforeRunning() throws {
        let lesson = "---\ntitle: T\n---\n\n```experiment momentum-ravine\nsteps: 100000\nlearning_rates: [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]\n```\n"
        let result = try run(lesson)
        assertLessonError(result, "6:1", "this cell asks for 1.2e6 optimizer steps (learning rates × momentums × steps), over the limit of 1.0e6")
        XCTAssertTrue(result.stderr.contains("Ask for less: fewer learning rates or momentums, or fewer steps."), result.stderr)
        let training = try run("---\ntitle: T\n---\n\n```experiment train\ndataset: digits\nmodel: cnn\nchannels: [64, 64]\nepochs: 2000\n```\n")
        assertLessonError(training, "6:1", "training multiply-adds")
    }

    func testParametersThatDontGoTogetherAreRefusedBeforeRunning() throws {
        let result = try run("---\ntitle: T\n---\n\n```experiment train\ndataset: spirals\nmodel: cnn\n```\n")
        assertLessonError(result, "6:1", "these parameters of 'train' don't go together: model: cnn needs images; use it with dataset: digits")
    }

    func testMissingTitle() throws {
        assertLessonError(try run("---\nsummary: no title\n---\n\nText.\n"), "1:1", "the front matter has no 'title'")
    }

    func testNoFrontMatter() throws {
        assertLessonError(try run("# Just markdown\n"), "1:1", "the lesson has no front matter")
    }

    func testUnterminatedFence() throws {
        let result = try run("---\ntitle: T\n---\n\nText.\n\n```experiment momentum-ravine\nsteps: 3\n")
        assertLessonError(result, "7:1", "this code fence is never closed")
    }

    func testEmptyFile() throws {
        assertLessonError(try run(""), "1:1", "the lesson file is empty")
    }

    func testInvalidUTF8() throws {
        var bytes = Array("---\ntitle: T\n---\n\nab".utf8)
        bytes += [0xC3, 0x28]
        assertLessonError(try run(bytes), "5:3", "the file is not valid UTF-8")
    }

    func testNULByte() throws {
        assertLessonError(try run(Array("---\ntitle: T\n---\nx\u{0}y\n".utf8)), "4:2", "NUL byte")
    }

    func testCRLFAndBOMRunWithAWarningAndRightPositions() throws {
        let ok = try run([0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: T\r\n---\r\n\r\nText.\r\n".utf8))
        XCTAssertEqual(ok.status, 0, ok.stderr)
        XCTAssertTrue(ok.stderr.contains("warning: the file starts with a byte-order mark"), ok.stderr)
        XCTAssertTrue(ok.stderr.contains("warning: the file has CR or CRLF line endings"), ok.stderr)
        XCTAssertTrue(ok.stdout.contains("Text."))
        let broken = try run(Array("---\r\ntitle: T\r\n---\r\n\r\n```experiment nope\r\n```\r\n".utf8))
        assertLessonError(broken, "5:1", "unknown experiment 'nope'")
    }

    func testUnknownLessonListsLessonsAndSuggests() throws {
        let result = try LearnProcess.run(["run", "sgd-vs-momentun"], environment: ["LEARN_LESSONS": LearnProcess.lessons])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("error: no lesson 'sgd-vs-momentun'"), result.stderr)
        XCTAssertTrue(result.stderr.contains("Did you mean 'sgd-vs-momentum'?"), result.stderr)
        XCTAssertTrue(result.stderr.contains("lesson-03  (sgd-vs-momentum)"), result.stderr)
    }

    func testMissingFileByPath() throws {
        let result = try LearnProcess.run(["run", "nowhere/lesson.md"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("nowhere/lesson.md: error: no such lesson file"), result.stderr)
    }

    func testBadUsageExitsWithTwo() throws {
        for arguments in [["run"], ["run", "3", "--width", "5"], ["run", "3", "--color", "purple"], ["frobnicate"], ["--bogus"]] {
            let result = try LearnProcess.run(arguments)
            XCTAssertEqual(result.status, 2, "learn \(arguments.joined(separator: " ")): \(result.stderr)")
            XCTAssertTrue(result.stderr.hasPrefix("error: "), "a usage error reads like every other message:\n\(result.stderr)")
            XCTAssertFalse(result.stderr.contains("Error:"), result.stderr)
            XCTAssertEqual(result.stdout, "")
        }
    }

    /// The usage errors learn finds itself: the whole message, from the same Diagnostic as the
    /// others (what and where on the first line, what to do indented below), and exit status 2.
    func testUsageErrorsAreDiagnostics() throws {
        let cases: [([String], String)] = [
            (["run", "3", "--width", "5"], """
                error: --width must be from 20 to 1000 columns, not 5
                  Give a width from 20 to 1000, or leave --width out to fit the terminal.

                """),
            (["list", "--width", "1001"], """
                error: --width must be from 20 to 1000 columns, not 1001
                  Give a width from 20 to 1000, or leave --width out to fit the terminal.

                """),
            (["check", "--exercise", "effective-step"], """
                error: --exercise needs a lesson
                  Name the lesson first: learn check LESSON --exercise effective-step

                """),
            (["reset", "3", "momentum-step"], """
                error: learn reset asks before it replaces your code, but standard input is not a terminal
                  Run it in a terminal to answer, or add --yes to restore the stub without asking.

                """),
            (["check", "3", "--cpu-seconds", "0"], """
                error: --cpu-seconds must be from 1 to 3600, not 0
                  Give the seconds of CPU time a code check may use, or leave it out for 10.

                """),
        ]
        for (arguments, expected) in cases {
            let result = try LearnProcess.run(arguments, in: folder, environment: ["LEARN_LESSONS": LearnProcess.lessons])
            XCTAssertEqual(result.status, 2, "learn \(arguments.joined(separator: " "))")
            XCTAssertEqual(result.stderr, expected, "learn \(arguments.joined(separator: " "))")
            XCTAssertEqual(result.stdout, "", "learn \(arguments.joined(separator: " "))")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "a usage error changes nothing")
    }

    /// ArgumentParser's messages for a command line it can't parse, in the same shape: the first
    /// sentence as the message, the rest and the usage as the hint.
    func testParseErrorsAreDiagnostics() throws {
        let color = try LearnProcess.run(["hint", "3", "x", "--bogus"])
        XCTAssertEqual(color.status, 2)
        XCTAssertEqual(color.stderr, """
            error: unknown option '--bogus'
              Usage: learn hint <lesson> <id> [--lessons <dir>] [--width <columns>] [--color <color>] [--ascii] [--lang <en|zh>]
              See 'learn hint --help' for more information.

            """)
        let missing = try LearnProcess.run(["hint", "3"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, """
            error: missing expected argument '<id>'
              Help:  <id>  The exercise's id.
              Usage: learn hint <lesson> <id> [--lessons <dir>] [--width <columns>] [--color <color>] [--ascii] [--lang <en|zh>]
              See 'learn hint --help' for more information.

            """)
        let choice = try LearnProcess.run(["experiments", "--color", "purple"])
        XCTAssertEqual(choice.status, 2)
        XCTAssertTrue(choice.stderr.hasPrefix("""
            error: the value 'purple' is invalid for '--color <color>'
              Please provide one of 'auto', 'always' or 'never'.
              Help:  --color <color>
            """), choice.stderr)
    }

    func testHelpAndVersionAreNotErrors() throws {
        let version = try LearnProcess.run(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertEqual(version.stderr, "")
        XCTAssertFalse(version.stdout.isEmpty)
        let help = try LearnProcess.run(["run", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.stdout.contains("USAGE: learn run [<options>] <lesson>"), help.stdout)
        XCTAssertTrue(help.stdout.contains("--data <dir>"), "run names where its data comes from")
    }

    func testAFileInTheWayOfAFolderIsADiagnostic() throws {
        for (blocker, arguments) in [("answers", ["answer", "3", "effective-step", "10"]), (".learn", ["hint", "3", "effective-step"])] {
            let workspace = folder.appendingPathComponent(blocker == "answers" ? "a" : "b")
            try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
            try Data().write(to: workspace.appendingPathComponent(blocker))
            let result = try LearnProcess.run(arguments, in: workspace, environment: ["LEARN_LESSONS": LearnProcess.lessons])
            XCTAssertEqual(result.status, 1, result.stderr)
            // The folder it could not create is the course's, inside the blocked one.
            XCTAssertTrue(result.stderr.hasPrefix(workspace.appendingPathComponent(blocker).path + "/"), result.stderr)
            XCTAssertTrue(result.stderr.contains(": error: cannot create this folder"), result.stderr)
            XCTAssertFalse(result.stderr.contains("NSCocoaErrorDomain"), result.stderr)
        }
    }
}
