import Foundation
import XCTest
@testable import Lessons

/// Broken answers files from `Fixtures/answers/`: each gives a diagnostic at its line and column,
/// and `learn answer` never rewrites a file it can't read.
final class AnswersFileTests: XCTestCase {
    private let lesson = try! Fixture.parse(text: """
        ---
        title: Answers
        ---

        ```exercise effective-step
        question: "How many times?"
        answer: 10
        ```

        ```exercise largest-rate
        question: "How large?"
        answer: 0.5
        tolerance: 0.001
        ```

        ```exercise which-optimizer
        question: "Which optimizer?"
        answer: momentum
        ```

        """, file: "lesson-04-answers.md")
    private var folder: String!
    /// The student's folder, for a course of its own.
    private var workspace: Workspace {
        Workspace(folder: folder, course: Course(id: "answers-test", origin: .folderName(folder)), catalog: testCatalog)
    }

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "learn-answers-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/answers/answers-test", withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Copies `Fixtures/answers/<name>` into the workspace as the lesson's answers file; returns its path.
    private func install(_ name: String) throws -> String {
        let path = workspace.answersPath(lesson)
        try Data(Fixture.bytes("answers/" + name)).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Checks that reading the fixture fails at `position` with `message`, and that `learn answer`
    /// refuses to touch it.
    private func expectBroken(
        _ name: String, at position: (Int, Int), _ message: String, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let path = try install(name)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var problem: Diagnostic?
        do { _ = try AnswersFile(path: path).answers() } catch let diagnostic as Diagnostic { problem = diagnostic }
        let diagnostic = try XCTUnwrap(problem, "\(name) was read without an error", file: file, line: line)
        expect(diagnostic, at: position, message, in: path, file: file, line: line)
        XCTAssertThrowsError(try workspace.answer(lesson, "effective-step", "10"), file: file, line: line)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: path)), before, "\(name) was rewritten", file: file, line: line)
    }

    func testMalformedYAML() throws {
        try expectBroken("malformed.yaml", at: (4, 1), "invalid YAML in the answers file")
    }

    func testAListIsNotAnAnswersFile() throws {
        try expectBroken("a-list.yaml", at: (1, 1), "the answers file must map exercise ids to answers")
    }

    func testAScalarIsNotAnAnswersFile() throws {
        try expectBroken("a-scalar.yaml", at: (1, 1), "the answers file must map exercise ids to answers")
    }

    func testInvalidUTF8() throws {
        try expectBroken("invalid-utf8.yaml", at: (2, 12), "not valid UTF-8")
    }

    func testNULByte() throws {
        try expectBroken("nul-byte.yaml", at: (1, 18), "NUL byte")
    }

    func testUTF16() throws {
        try expectBroken("utf16.yaml", at: (1, 1), "the file is UTF-16, not UTF-8")
    }

    func testAnchorsAndAliases() throws {
        try expectBroken("aliases.yaml", at: (1, 17), "YAML anchors and aliases are not allowed in the answers file")
    }

    func testDuplicateKey() throws {
        try expectBroken("duplicate-key.yaml", at: (1, 1), "the answers file gives 'effective-step' more than once")
    }

    func testDeepNesting() throws {
        let path = try install("a-list.yaml")
        try ("effective-step: " + String(repeating: "[", count: 50_000)).write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try AnswersFile(path: path).answers()) { error in
            XCTAssertEqual((error as? Diagnostic)?.message, "the YAML in the answers file is nested too deeply")
        }
    }

    func testCRLFFileIsReadAndAnswered() throws {
        let path = try install("crlf.yaml")
        XCTAssertEqual(try AnswersFile(path: path).answers()["largest-rate"]?.text, "0.5")
        try workspace.answer(lesson, "effective-step", "9")
        let answers = try AnswersFile(path: path).answers()
        XCTAssertEqual(answers["effective-step"]?.text, "9")
        XCTAssertEqual(answers["largest-rate"]?.text, "0.5")
    }

    func testAHugeAnswerIsCheckedWithoutQuotingIt() throws {
        let huge = String(repeating: "9", count: 1_000_000)
        try workspace.answer(lesson, "which-optimizer", huge)
        let answers = try AnswersFile(path: workspace.answersPath(lesson)).answers()
        XCTAssertEqual(answers["which-optimizer"]?.text?.count, 1_000_000)
        let exercise = try workspace.exercise("which-optimizer", in: lesson)
        let result = ExerciseChecker(seed: 0, codeRunner: nil).check(exercise, answer: answers["which-optimizer"], answersFile: "a.yaml")
        XCTAssertEqual(result.status, .failed)
        XCTAssertLessThan(result.detail.count, 1_000, result.detail.prefix(200) + "…")
    }

    func testAMultiLineOrBlankAnswerIsRefused() throws {
        // "\r" was found by Fuzz/run.sh answers: it was written, and read back as a blank answer.
        for value in ["1\n2", "\r", "1\r2", "1\u{2028}2", " \t ", "\u{A0}"] {
            XCTAssertThrowsError(try workspace.answer(lesson, "effective-step", value), value.debugDescription) { error in
                XCTAssertEqual((error as? Diagnostic)?.message, "an answer is one line of text, a number, or a {key: value} mapping")
            }
        }
        // Found by Fuzz/run.sh answers: a lone byte-order mark was saved and read back as a blank.
        XCTAssertThrowsError(try workspace.answer(lesson, "which-optimizer", "\u{FEFF}")) { error in
            XCTAssertEqual((error as? Diagnostic)?.message, "the answer to 'which-optimizer' would read back as empty")
        }
        XCTAssertThrowsError(try workspace.answer(lesson, "effective-step", "1\u{1B}[31m")) { error in
            XCTAssertEqual((error as? Diagnostic)?.message, "an answer can't contain control characters, such as U+1B")
        }
        let written = (try? String(contentsOfFile: workspace.answersPath(lesson), encoding: .utf8)) ?? ""
        XCTAssertFalse(written.unicodeScalars.contains("\r"), written)
    }

    /// Writes `text` as the answers file, sets effective-step to 10, and returns the file's answers.
    private func answer(in text: String) throws -> [String: String] {
        try text.write(toFile: workspace.answersPath(lesson), atomically: true, encoding: .utf8)
        try workspace.answer(lesson, "effective-step", "10")
        let answers = try AnswersFile(path: workspace.answersPath(lesson)).answers()
        return answers.compactMapValues(\.text)
    }

    func testAnIDInsideAnotherAnswersTextIsNotItsEntry() throws {
        // Line 2 starts with `effective-step:` but belongs to the quoted answer of line 1.
        let answers = try answer(in: "largest-rate: \"0.5\neffective-step: 3\"\n")
        XCTAssertEqual(answers["effective-step"], "10")
        XCTAssertEqual(answers["largest-rate"], "0.5 effective-step: 3")
    }

    func testAMultiLineAnswerIsReplacedWhole() throws {
        let answers = try answer(in: "# mine\neffective-step: \"1\n2\"\n\n# next\nlargest-rate: 0.5\n")
        XCTAssertEqual(answers, ["effective-step": "10", "largest-rate": "0.5", "which-optimizer": ""])
    }

    func testNullTypedAsAnAnswerIsKeptAsText() throws {
        // Found by Fuzz/run.sh answers: `learn answer … ~` was written plain and read back as a blank.
        for value in ["~", "null", "\t~\t"] {
            try workspace.answer(lesson, "which-optimizer", value)
            let answer = try XCTUnwrap(try AnswersFile(path: workspace.answersPath(lesson)).answers()["which-optimizer"])
            XCTAssertFalse(answer.isBlank, value)
            XCTAssertEqual(answer.text, value.trimmingCharacters())
        }
    }

    func testAnEmptyListOrMappingIsRefused() throws {
        // Found by Fuzz/run.sh answers: `learn answer … '[]'` was written, and read back as a blank.
        for value in ["[]", "{}", "{learning_rates: }", "{a: ~, b: []}"] {
            XCTAssertThrowsError(try workspace.answer(lesson, "largest-rate", value), value) { error in
                XCTAssertEqual((error as? Diagnostic)?.message, "'\(value)' is an empty answer")
            }
        }
    }

    func testABlockScalarAnswerIsReadWithoutItsLineBreak() throws {
        // Found by Fuzz/run.sh answers: a block scalar at the end of a file without a final line
        // break gained one when `learn answer` added a line after it, and the answer changed.
        for text in ["largest-rate: >\n  0.5\n", "largest-rate: |\n  0.5"] {
            try text.write(toFile: workspace.answersPath(lesson), atomically: true, encoding: .utf8)
            let answers = try AnswersFile(path: workspace.answersPath(lesson)).answers()
            XCTAssertEqual(answers["largest-rate"]?.text, "0.5")
            let exercise = try workspace.exercise("largest-rate", in: lesson)
            let result = ExerciseChecker(seed: 0, codeRunner: nil).check(exercise, answer: answers["largest-rate"], answersFile: "a.yaml")
            XCTAssertEqual(result.status, .passed, result.detail)
        }
    }

    func testAnAnswerOfTheWrongFormIsRefusedAndTheSavedOneKept() throws {
        try workspace.answer(lesson, "largest-rate", "0.5")
        let saved = try String(contentsOfFile: workspace.answersPath(lesson), encoding: .utf8)
        let refusals = [
            ("0,5", "'0,5' is not a number, and 'largest-rate' asks for one: a comma is ambiguous: 0,5 may be a decimal comma or a thousands separator",
             "Write decimals with a point and no thousands separators: 0.5"),
            ("abc", "'abc' is not a number, and 'largest-rate' asks for one: 'abc' is not a number, a constant (pi, e) or a function (ln, log, exp, sqrt)",
             "Write it as, for example, \(NumericAnswer.forms)."),
            ("~", "'~' is not a number, and 'largest-rate' asks for one: '~' at character 1 where a number should be", nil),
            ("4x", "'4x' is not a number, and 'largest-rate' asks for one: 'x' at character 2 where an operator (+ − * / ^) or the end should be", nil),
            ("[0.5]", "'[0.5]' is a list or mapping, but 'largest-rate' asks for a single value", nil),
        ]
        for (value, message, hint) in refusals {
            XCTAssertThrowsError(try workspace.answer(lesson, "largest-rate", value), value) { error in
                XCTAssertEqual((error as? Diagnostic)?.message, message)
                if let hint { XCTAssertEqual((error as? Diagnostic)?.hint, hint) }
            }
            XCTAssertEqual(try String(contentsOfFile: workspace.answersPath(lesson), encoding: .utf8), saved, "\(value) overwrote the answer")
        }
        for value in ["1e-3", "-2", "1_000", ".5", "1/2", "50%", "ln 10", "sqrt(2)/2", "−0.5", "2^-1"] {
            XCTAssertNoThrow(try workspace.answer(lesson, "largest-rate", value), value)
        }
    }

    func testAnExpressionIsKeptAsTypedAndCheckedByItsValue() throws {
        let checker = ExerciseChecker(seed: 0, codeRunner: nil)
        for (value, status, detail) in [("1/2", CheckResult.Status.passed, ""), ("50 %", .passed, ""),
                                        ("1/3", .failed, "'1/3' (= 0.333333) is too low"), ("0.6", .failed, "0.6 is too high")] {
            try workspace.answer(lesson, "largest-rate", value)
            XCTAssertEqual(try AnswersFile(path: workspace.answersPath(lesson)).answers()["largest-rate"]?.text, value)
            let result = try XCTUnwrap(try workspace.check(lesson, only: "largest-rate", checker: checker).first)
            XCTAssertEqual(result.status, status, value)
            XCTAssertEqual(result.detail.replacingOccurrences(of: " (passed before)", with: ""), detail, value)
        }
        // Written by hand into the file, a form `learn answer` would refuse gets the reason as its verdict.
        try "largest-rate: 2,5\n".write(toFile: workspace.answersPath(lesson), atomically: true, encoding: .utf8)
        let comma = try XCTUnwrap(try workspace.check(lesson, only: "largest-rate", checker: checker).first)
        XCTAssertEqual(comma.detail.replacingOccurrences(of: " (passed before)", with: ""),
                       "'2,5' is not a number: a comma is ambiguous: 2,5 may be a decimal comma or a thousands separator")
    }

    func testAWrongAnswerAfterARightOneKeepsTheEarlierPass() throws {
        let checker = ExerciseChecker(seed: 0, codeRunner: nil)
        try workspace.answer(lesson, "effective-step", "10")
        XCTAssertEqual(try workspace.check(lesson, only: "effective-step", checker: checker).first?.status, .passed)
        try workspace.answer(lesson, "effective-step", "9")
        let again = try XCTUnwrap(try workspace.check(lesson, only: "effective-step", checker: checker).first)
        XCTAssertEqual(again.status, .failed)
        XCTAssertEqual(again.detail, "9 is too low (passed before)")
        let record = workspace.progress.load().progress["lesson-04"]
        XCTAssertEqual(record.passed, [], "the latest check failed")
        XCTAssertEqual(record.passedBefore, ["effective-step"], "the earlier pass is kept")
        XCTAssertTrue(record.hasPassed("effective-step"))
        // A progress file of before passedBefore existed lists a pass only in `passed`.
        try workspace.progress.update { progress in
            progress["lesson-04"].passed = ["which-optimizer"]
            progress["lesson-04"].passedBefore = []
        }
        try workspace.answer(lesson, "which-optimizer", "sgd")
        XCTAssertEqual(try workspace.check(lesson, only: "which-optimizer", checker: checker).first?.detail,
                       "'sgd' is not the expected answer (passed before)")
        // Never passed: no mention of an earlier pass.
        try workspace.answer(lesson, "largest-rate", "0.9")
        XCTAssertEqual(try workspace.check(lesson, only: "largest-rate", checker: checker).first?.detail, "0.9 is too high")
    }

    func testAnAnswerInAFlowMappingIsLeftToTheStudent() throws {
        XCTAssertThrowsError(try answer(in: "{effective-step: 3, largest-rate: 0.5, which-optimizer: adam}\n")) { error in
            let diagnostic = error as? Diagnostic
            XCTAssertEqual(diagnostic?.position, SourcePosition(line: 1, column: 2))
            XCTAssertEqual(diagnostic?.message, "learn answer can only change an answer written on its own line as 'effective-step: …'")
        }
    }
    /// Found by the answers fuzzer: a file just under the 1 MB limit, to which `learn answer` added the
    /// blanks or the answer, came out past the limit, and the next read refused it. Now the blanks are
    /// left out and the answer is refused with the reason, and the file stays as it was.
    func testAnAnswerThatWouldTakeTheFilePastItsLimitIsRefusedAndTheFileKept() throws {
        let path = workspace.answersPath(lesson)
        let line = "# " + String(repeating: "x", count: 76) + "\n"
        var text = String(repeating: line, count: FileBytes.answersLimit / line.utf8.count - 1)
        text += "effective-step: 10\n"
        // Five bytes under the limit: no blank, and no answer, fits.
        text += "#" + String(repeating: "x", count: FileBytes.answersLimit - 5 - text.utf8.count - 2) + "\n"
        XCTAssertEqual(text.utf8.count, FileBytes.answersLimit - 5)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try workspace.answer(lesson, "largest-rate", "0.5")) { error in
            XCTAssertTrue((error as? Diagnostic)?.message.contains("larger than the 1.0 MB an answers file may be") == true, "\(error)")
        }
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), text, "the file is as it was")
        XCTAssertEqual(try AnswersFile(path: path).answers()["effective-step"]?.text, "10", "and it still reads")
    }
}
