import Foundation
import XCTest

/// The attack review's smaller findings, as a student meets them on the command line.
final class ReviewSmallFindingsCommandTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-findings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func learn(_ arguments: [String]) throws -> LearnProcess.Result {
        try LearnProcess.run(arguments, in: folder, environment: ["LEARN_LESSONS": LearnProcess.lessons])
    }

    /// Runs `script` with /bin/sh in the test's folder, `$0` being learn: for what `Process` can't do
    /// (an argument that isn't UTF-8, a working folder removed under learn). Returns the status and stderr.
    private func shell(_ script: String) throws -> (Int32, String) {
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", script, LearnProcess.binary.path]
        shell.currentDirectoryURL = folder
        shell.environment = LearnProcess.cleanEnvironment(["LEARN_LESSONS": LearnProcess.lessons])
        let err = Pipe()
        shell.standardError = err
        shell.standardOutput = FileHandle.nullDevice
        try shell.run()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        return (shell.terminationStatus, stderr)
    }

    /// `learn bogus` answered with the usage of `list`, the default command.
    func testAnUnknownCommandIsNamedWithTheCommands() throws {
        let result = try learn(["lintt", "3"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.hasPrefix("error: unknown command 'lintt'\n  Did you mean 'lint'?\n  The commands are: list, run,"), result.stderr)
        XCTAssertFalse(result.stderr.contains("Usage: learn list"), result.stderr)
        let bogus = try learn(["bogus"])
        XCTAssertEqual(bogus.status, 2)
        XCTAssertTrue(bogus.stderr.hasPrefix("error: unknown command 'bogus'\n  The commands are:"), bogus.stderr)
        // Commands, help and options still work.
        XCTAssertEqual(try learn(["help", "run"]).status, 0)
        XCTAssertEqual(try learn(["--version"]).status, 0)
    }

    /// `--params --format json` printed the text table; `--step --format json` prompted per cell.
    func testOptionsThatWorkOnlyOnPrintedTextAreRefusedWithAnExport() throws {
        for (arguments, message) in [
            (["run", "3", "--params", "--format", "json"], "error: --params lists the cells' parameters as text and can't be written with --format json"),
            (["run", "3", "--params", "--format", "markdown"], "error: --params lists the cells' parameters as text and can't be written with --format markdown"),
            (["run", "3", "--step", "--format", "json"], "error: --step pauses after each cell as it is printed, but --format json writes the lesson only at the end"),
        ] {
            let result = try learn(arguments)
            XCTAssertEqual(result.status, 2, arguments.description)
            XCTAssertTrue(result.stderr.hasPrefix(message + "\n"), result.stderr)
            XCTAssertEqual(result.stdout, "")
        }
        XCTAssertEqual(try learn(["run", "3", "--params", "--format", "text"]).status, 0)
    }

    /// A newline in a `--set` value added a fake `# --set` line to the cell as shown.
    func testANewlineInSetIsRefused() throws {
        let result = try learn(["run", "3", "--set", "#1.steps=3\n#1.steps=4"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.hasPrefix("error: --set #1.steps=3\\n#1.steps=4: the control character \\x0A may not be part of a value\n"),
                      result.stderr)
        XCTAssertEqual(result.stdout, "")
    }

    /// A lesson file whose name isn't UTF-8 exists but can't be named through Swift's arguments: the
    /// message said "no such lesson file"; it says what is wrong with the name, escaped.
    func testALessonNameThatIsNotUTF8IsSaidToBeSo() throws {
        let (status, stderr) = try shell(#"name="$(printf 'le\377on.md')"; printf -- '---\ntitle: T\n---\n\nProse.\n' > "$name"; exec "$0" lint "$name""#)
        XCTAssertEqual(status, 1)
        XCTAssertTrue(stderr.hasPrefix(#"le\xFFon.md: error: this file name is not valid UTF-8"#), stderr)
        XCTAssertFalse(stderr.contains("no such lesson file"), stderr)
    }

    /// 5,000 unknown front matter keys: lint printed each with the 9-line list of keys.
    func testLintOfManyProblemsIsShort() throws {
        let keys = (0..<5_000).map { "key\($0): 1" }.joined(separator: "\n")
        let path = folder.appendingPathComponent("many.md").path
        try "---\ntitle: Many\n\(keys)\n---\n\nProse.\n".write(toFile: path, atomically: true, encoding: .utf8)
        let result = try learn(["lint", path])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stdout.contains("5000 errors"), result.stdout)
        XCTAssertTrue(result.stderr.contains("many.md: … and 4900 more problems not shown (4900 errors, 0 warnings)"), String(result.stderr.suffix(300)))
        XCTAssertEqual(result.stderr.components(separatedBy: "  title ").count - 1, 1, "the list of keys is printed once")
        XCTAssertLessThan(result.stderr.utf8.count, 20_000)
    }

    /// An answers file that is a folder: `learn check` said "Check its permissions".
    func testCheckNamesAnAnswersFolderAsOne() throws {
        try FileManager.default.createDirectory(at: LearnProcess.answers("lesson-03", in: folder), withIntermediateDirectories: true)
        let result = try learn(["check", "3"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("lesson-03.yaml: error: the answers file is a folder"), result.stderr)
        XCTAssertFalse(result.stderr.contains("permissions"), result.stderr)
    }

    /// `--seed -1` said "missing value for '--seed <seed>'": ArgumentParser read -1 as an option.
    func testANegativeNumberOptionSaysItIsNegative() throws {
        for option in ["--seed", "--width"] {
            let result = try learn(["run", "3", option, "-1"])
            XCTAssertEqual(result.status, 2)
            XCTAssertTrue(result.stderr.hasPrefix("error: \(option) can't be negative, not -1\n"), result.stderr)
        }
    }

    /// In a working folder deleted meanwhile, `learn answer` said a file "may be in the way".
    func testAWorkingFolderThatWasDeletedIsSaidToBeGone() throws {
        let (status, stderr) = try shell(#"mkdir gone && cd gone && rmdir ../gone && exec "$0" answer 3 effective-step 10"#)
        XCTAssertEqual(status, 1)
        XCTAssertTrue(stderr.contains("the current folder no longer exists"), stderr)
    }
}
