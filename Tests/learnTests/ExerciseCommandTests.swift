import Experiments
import Foundation
import Lessons
import XCTest

/// `learn check`, `answer`, `hint`, `solution`, `reset` and progress, on the real binary in a
/// temporary workspace, against the real lesson 3. The code exercises are the shared copy of the
/// exercise package elsewhere (`LEARN_EXERCISES`), as when `learn` runs outside the checkout.
final class ExerciseCommandTests: XCTestCase {
    private var workspace: URL!
    private var answers: URL { LearnProcess.answers("lesson-03", in: workspace) }

    override func setUpWithError() throws {
        workspace = FileManager.default.temporaryDirectory.appendingPathComponent("learn-ws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: workspace)
    }

    @discardableResult
    private func learn(_ arguments: String...) throws -> LearnProcess.Result {
        // Display options only for the commands that print tables; a wide line keeps messages on one line.
        let display = ["hint", "solution", "reset"].contains(arguments[0]) ? [] : ["--color", "never", "--width", "200"]
        return try LearnProcess.run(arguments + display, in: workspace, environment: environment)
    }

    private var environment: [String: String] {
        ["LEARN_LESSONS": LearnProcess.lessons, "LEARN_EXERCISES": SharedExercises.package.path]
    }

    func testFirstCheckCreatesAnAnswersFileWithCommentedBlanks() throws {
        let result = try learn("check", "3")
        XCTAssertEqual(result.status, 1, "nothing has passed yet")
        XCTAssertEqual(result.stderr, "", "the results say what failed; standard error gets not even a blank line")
        XCTAssertTrue(result.stdout.contains("· effective-step"), result.stdout)
        XCTAssertTrue(result.stdout.contains("0 passed, 0 failed, 4 not tried"), result.stdout)
        let text = try String(contentsOf: answers, encoding: .utf8)
        XCTAssertTrue(text.contains("\neffective-step:\n"), text)
        XCTAssertTrue(text.contains("rescue-by-momentum:\n  learning_rates:\n"), text)
        XCTAssertTrue(text.contains("# effective-step: With momentum"), text)
        XCTAssertFalse(text.contains("momentum-step:"), "code exercises are answered in Swift, not here")
    }

    func testNumericAnswersRightWrongAndWithinTolerance() throws {
        let wrong = try learn("answer", "3", "effective-step", "9.5")
        XCTAssertEqual(wrong.status, 1)
        XCTAssertTrue(wrong.stdout.contains("✗ effective-step  failed: 9.5 is too low"), wrong.stdout)
        XCTAssertTrue(try learn("answer", "3", "effective-step", "10.02").stdout.contains("10.02 is too high"))
        let close = try learn("answer", "3", "effective-step", "10.005")
        XCTAssertEqual(close.status, 0, close.stdout)
        XCTAssertTrue(close.stdout.contains("✓ effective-step  passed"), close.stdout)
        let text = try String(contentsOf: answers, encoding: .utf8)
        XCTAssertTrue(text.contains("\neffective-step: 10.005\n"), text)
        XCTAssertTrue(text.contains("# effective-step: With momentum"), "comments are kept")
    }

    func testNumbersAreReadAsAStudentTypesThem() throws {
        // A negative number is an answer, not an unknown option; the file keeps what was typed.
        let negative = try LearnProcess.run(["answer", "5", "rmsprop-first-step", "-1", "--color", "never"], in: workspace,
                                            environment: environment)
        XCTAssertEqual(negative.status, 1, negative.stderr)
        XCTAssertEqual(negative.stderr, "")
        XCTAssertTrue(negative.stdout.contains("✗ rmsprop-first-step  failed: -1 is too low"), negative.stdout)
        let five = LearnProcess.answers("lesson-05", in: workspace)
        XCTAssertTrue(try String(contentsOf: five, encoding: .utf8).contains("\nrmsprop-first-step: -1\n"))
        for (value, shown) in [("1/2", "1/2"), ("50%", "50%"), ("−0.5 + 1", "−0.5 + 1")] {
            let result = try learn("answer", "3", "largest-rate", value)
            XCTAssertEqual(result.status, 0, "\(value): \(result.stdout)\(result.stderr)")
            XCTAssertTrue(try String(contentsOf: answers, encoding: .utf8).contains("\nlargest-rate: \(shown)\n"), value)
        }
        // Words after the id are one answer: `ln 10` needs no quotes.
        let words = try LearnProcess.run(["answer", "1", "uniform-loss", "ln", "10", "--color", "never"], in: workspace,
                                         environment: environment)
        XCTAssertEqual(words.status, 0, words.stdout + words.stderr)
        XCTAssertTrue(try String(contentsOf: LearnProcess.answers("lesson-01", in: workspace), encoding: .utf8)
            .contains("\nuniform-loss: ln 10\n"))
        let low = try learn("answer", "3", "effective-step", "sqrt(2)/2")
        XCTAssertTrue(low.stdout.contains("✗ effective-step  failed: 'sqrt(2)/2' (= 0.707107) is too low"), low.stdout)
        let comma = try learn("answer", "3", "largest-rate", "2,303")
        XCTAssertEqual(comma.status, 1)
        XCTAssertTrue(comma.stderr.contains(
            "error: '2,303' is not a number, and 'largest-rate' asks for one: a comma is ambiguous: 2,303 may be a decimal comma or a thousands separator"),
            comma.stderr)
        XCTAssertTrue(comma.stderr.contains("Write decimals with a point and no thousands separators: 2.303 or 2303"), comma.stderr)
        let huge = try learn("answer", "3", "largest-rate", String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000))
        XCTAssertEqual(huge.status, 1)
        XCTAssertTrue(huge.stderr.contains("is not a number, and 'largest-rate' asks for one: it is 20001 characters long"), huge.stderr)
        // A misspelt option is still a usage error, not an answer.
        let typo = try learn("answer", "3", "largest-rate", "0.5", "--colour", "never")
        XCTAssertEqual(typo.status, 2)
        XCTAssertTrue(typo.stderr.contains("error: unknown option '--colour'"), typo.stderr)
        XCTAssertTrue(try String(contentsOf: answers, encoding: .utf8).contains("\nlargest-rate: −0.5 + 1\n"), "refused answers are not saved")
    }

    func testAChallengeRunsTheExperimentWithTheStudentsValues() throws {
        let fails = try learn("answer", "3", "rescue-by-momentum", "{learning_rates: [0.4]}")
        XCTAssertTrue(fails.stdout.contains("with your values, 'sgd_lr{rate}.diverged' does not hold"), fails.stdout)
        let passes = try learn("answer", "3", "rescue-by-momentum", "{learning_rates: [0.7]}")
        XCTAssertEqual(passes.status, 0, passes.stdout)
        let outOfRange = try learn("answer", "3", "rescue-by-momentum", "{learning_rates: [70]}")
        XCTAssertEqual(outOfRange.status, 1)
        XCTAssertTrue(outOfRange.stdout.contains("must be from 0 to 10, not 70 (nothing was run)"), outOfRange.stdout)
        let extra = try learn("answer", "3", "rescue-by-momentum", "{learning_rates: [0.7], momentums: [0.9]}")
        XCTAssertEqual(extra.status, 1)
        XCTAssertTrue(extra.stderr.contains("error: 'momentums' is not a parameter 'rescue-by-momentum' lets you choose"), extra.stderr)
        XCTAssertTrue(try String(contentsOf: answers, encoding: .utf8).contains("\nrescue-by-momentum: {learning_rates: [70]}\n"),
                      "a refused answer leaves the saved one")
    }

    func testAMalformedAnswersFileIsReportedAtItsLineAndNeverOverwritten() throws {
        try FileManager.default.createDirectory(at: answers.deletingLastPathComponent(), withIntermediateDirectories: true)
        let broken = "# mine\neffective-step: 10\nlargest-rate: [0.5\n"
        try broken.write(to: answers, atomically: true, encoding: .utf8)
        for arguments in [["check", "3"], ["answer", "3", "largest-rate", "0.5"]] {
            let result = try LearnProcess.run(arguments, in: workspace, environment: environment)
            XCTAssertEqual(result.status, 1)
            XCTAssertTrue(result.stderr.contains("answers/image-classifiers/lesson-03.yaml:4:1: error: invalid YAML in the answers file"), result.stderr)
            XCTAssertEqual(try String(contentsOf: answers, encoding: .utf8), broken, "the student's file is untouched")
        }
    }

    func testHintsComeOneAtATimeAndTheSolutionOpensAfterPassing() throws {
        XCTAssertEqual(try learn("hint", "3", "largest-rate").stdout, "Hint 1 of 2: The y coordinate is multiplied by 1 − 4η every step.\n")
        let second = try learn("hint", "3", "largest-rate").stdout
        XCTAssertTrue(second.hasPrefix("Hint 2 of 2: It shrinks only while |1 − 4η| < 1.\nThat was the last hint."), second)
        let locked = try learn("solution", "3", "largest-rate")
        XCTAssertEqual(locked.status, 1)
        XCTAssertTrue(locked.stderr.contains("opens once you pass it"))
        XCTAssertEqual(try learn("solution", "3", "largest-rate", "--force").status, 0)
        try learn("answer", "3", "largest-rate", "0.5")
        XCTAssertTrue(try learn("solution", "3", "largest-rate").stdout.hasPrefix("|1 − 4η| < 1 means"))
    }

    func testProgressShowsInTheListAndSuggestsTheNextLesson() throws {
        try learn("answer", "3", "effective-step", "10")
        let list = try learn("list")
        let row = list.stdout.split(separator: "\n").first { $0.contains("lesson-03") } ?? ""
        XCTAssertTrue(row.contains("1/4 passed"), list.stdout)
        XCTAssertTrue(list.stdout.contains("Next: learn run lesson-"), "a lesson not done yet is suggested:\n\(list.stdout)")
        let bare = try LearnProcess.run([], in: workspace, environment: environment)
        XCTAssertEqual(bare.stdout, try LearnProcess.run(["list"], in: workspace, environment: environment).stdout)
        let progress = try String(contentsOf: LearnProcess.state(in: workspace).appendingPathComponent("progress.json"), encoding: .utf8)
        XCTAssertTrue(progress.contains("effective-step"), progress)
    }

    func testAStubReadsAsNotTriedAndResetRestoresItKeepingABackup() throws {
        defer { try? SharedExercises.restoreStubs() }
        let file = SharedExercises.file(MomentumStepExercise.self)
        let check = try learn("check", "3", "--exercise", "momentum-step")
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stdout.contains("· momentum-step  not tried: write it in \(file.path)"), check.stdout)
        try "// my attempt\n".write(to: file, atomically: true, encoding: .utf8)
        let refused = try learn("reset", "3", "momentum-step")
        XCTAssertEqual(refused.status, 2, "without a terminal and without --yes, reset asks and changes nothing")
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), "// my attempt\n")
        let reset = try learn("reset", "3", "momentum-step", "--yes")
        XCTAssertEqual(reset.status, 0, reset.stderr)
        XCTAssertTrue(reset.stdout.hasPrefix("Restored \(file.path); your version is in .learn/backup/MomentumStep-"), reset.stdout)
        XCTAssertTrue(try String(contentsOf: file, encoding: .utf8).contains("notWritten()"))
        let backups = try FileManager.default.contentsOfDirectory(atPath: workspace.appendingPathComponent(".learn/backup").path)
        XCTAssertEqual(backups.count, 1)
        XCTAssertEqual(try String(contentsOf: workspace.appendingPathComponent(".learn/backup/\(backups[0])"), encoding: .utf8), "// my attempt\n")
    }

    func testAKillDuringAnswerLeavesTheFileWhole() throws {
        try learn("answer", "3", "effective-step", "1")
        var generator = SystemRandomNumberGenerator()
        for round in 0..<20 {
            let process = Process()
            process.executableURL = LearnProcess.binary
            process.arguments = ["answer", "3", "effective-step", "\(round + 2)"]
            process.currentDirectoryURL = workspace
            process.environment = LearnProcess.cleanEnvironment(["LEARN_LESSONS": LearnProcess.lessons])
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32.random(in: 0...40_000, using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let file = try AnswersFile(path: answers.path)
            let value = try XCTUnwrap(try file.answers()["effective-step"]?.text, "round \(round)")
            XCTAssertTrue(["\(round + 1)", "\(round + 2)"].contains(value) || Int(value) ?? 0 <= round + 2, "round \(round): \(value)")
            XCTAssertTrue(file.text.contains("# effective-step: With momentum"), "round \(round): the file lost its comments")
            // The next round starts from whatever this one left.
            try learn("answer", "3", "effective-step", "\(round + 1)")
        }
    }
}

/// The authoring check: every exercise in every lesson can be passed by its own reference, and
/// is not passed by a blank answer or the shipped stub (built in the shared copy of the package).
final class ExerciseAuthoringTests: XCTestCase {
    func testEveryExerciseCanBePassedAndTheBlankOrStubFails() throws {
        let parser = LessonParser(catalog: experimentCatalogForTests)
        let names = try FileManager.default.contentsOfDirectory(atPath: LearnProcess.lessons).filter { $0.hasSuffix(".md") }.sorted()
        let runner = CodeRunner(package: ExercisePackage(folder: SharedExercises.package.path, workspace: SharedExercises.workspace.path))
        var checked = 0
        for name in names {
            let lesson = try parser.parse(contentsOf: LearnProcess.lessons + "/" + name)
            let checker = ExerciseChecker(seed: lesson.metadata.seed ?? 0, codeRunner: runner)
            for exercise in lesson.exercises {
                let reference = checker.checkReference(exercise)
                XCTAssertEqual(reference.status, .passed, "\(name) \(exercise.id): \(reference.detail)")
                let blank = checker.check(exercise, answer: nil, answersFile: "answers.yaml")
                XCTAssertEqual(blank.status, .notTried, "\(name) \(exercise.id): a blank or a stub must not pass")
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 0)
    }
}
