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

        """, file: "lesson-04-answers.md")
    private var folder: String!

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "learn-answers-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/answers", withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Copies `Fixtures/answers/<name>` into the workspace as the lesson's answers file; returns its path.
    private func install(_ name: String) throws -> String {
        let path = Workspace(folder: folder, catalog: testCatalog).answersPath(lesson)
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
        let workspace = Workspace(folder: folder, catalog: testCatalog)
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
        try Workspace(folder: folder, catalog: testCatalog).answer(lesson, "effective-step", "9")
        let answers = try AnswersFile(path: path).answers()
        XCTAssertEqual(answers["effective-step"]?.text, "9")
        XCTAssertEqual(answers["largest-rate"]?.text, "0.5")
    }

    func testAHugeAnswerIsCheckedWithoutQuotingIt() throws {
        let workspace = Workspace(folder: folder, catalog: testCatalog)
        let huge = String(repeating: "9", count: 1_000_000)
        try workspace.answer(lesson, "largest-rate", huge)
        let answers = try AnswersFile(path: workspace.answersPath(lesson)).answers()
        XCTAssertEqual(answers["largest-rate"]?.text?.count, 1_000_000)
        let exercise = try workspace.exercise("largest-rate", in: lesson)
        let result = ExerciseChecker(seed: 0, codeRunner: nil).check(exercise, answer: answers["largest-rate"], answersFile: "a.yaml")
        XCTAssertEqual(result.status, .failed)
        XCTAssertLessThan(result.detail.count, 1_000, result.detail.prefix(200) + "…")
    }

    func testAMultiLineOrBlankAnswerIsRefused() throws {
        let workspace = Workspace(folder: folder, catalog: testCatalog)
        // "\r" was found by Fuzz/run.sh answers: it was written, and read back as a blank answer.
        for value in ["1\n2", "\r", "1\r2", "1\u{2028}2", " \t ", "\u{A0}"] {
            XCTAssertThrowsError(try workspace.answer(lesson, "effective-step", value), value.debugDescription) { error in
                XCTAssertEqual((error as? Diagnostic)?.message, "an answer is one line of text, a number, or a {key: value} mapping")
            }
        }
        // Found by Fuzz/run.sh answers: a lone byte-order mark was saved and read back as a blank.
        XCTAssertThrowsError(try workspace.answer(lesson, "effective-step", "\u{FEFF}")) { error in
            XCTAssertEqual((error as? Diagnostic)?.message, "the answer to 'effective-step' would read back as empty")
        }
        XCTAssertThrowsError(try workspace.answer(lesson, "effective-step", "1\u{1B}[31m")) { error in
            XCTAssertEqual((error as? Diagnostic)?.message, "an answer can't contain control characters, such as U+1B")
        }
        let written = (try? String(contentsOfFile: workspace.answersPath(lesson), encoding: .utf8)) ?? ""
        XCTAssertFalse(written.unicodeScalars.contains("\r"), written)
    }

    /// Writes `text` as the answers file, sets effective-step to 10, and returns the file's answers.
    private func answer(in text: String) throws -> [String: String] {
        let workspace = Workspace(folder: folder, catalog: testCatalog)
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
        XCTAssertEqual(answers, ["effective-step": "10", "largest-rate": "0.5"])
    }

    func testNullTypedAsAnAnswerIsKeptAsText() throws {
        // Found by Fuzz/run.sh answers: `learn answer … ~` was written plain and read back as a blank.
        let workspace = Workspace(folder: folder, catalog: testCatalog)
        for value in ["~", "null", "\t~\t"] {
            try workspace.answer(lesson, "largest-rate", value)
            let answer = try XCTUnwrap(try AnswersFile(path: workspace.answersPath(lesson)).answers()["largest-rate"])
            XCTAssertFalse(answer.isBlank, value)
            XCTAssertEqual(answer.text, value.trimmingCharacters())
        }
    }

    func testAnEmptyListOrMappingIsRefused() throws {
        // Found by Fuzz/run.sh answers: `learn answer … '[]'` was written, and read back as a blank.
        let workspace = Workspace(folder: folder, catalog: testCatalog)
        for value in ["[]", "{}", "{learning_rates: }", "{a: ~, b: []}"] {
            XCTAssertThrowsError(try workspace.answer(lesson, "largest-rate", value), value) { error in
                XCTAssertEqual((error as? Diagnostic)?.message, "'\(value)' is an empty answer")
            }
        }
    }

    func testABlockScalarAnswerIsReadWithoutItsLineBreak() throws {
        // Found by Fuzz/run.sh answers: a block scalar at the end of a file without a final line
        // break gained one when `learn answer` added a line after it, and the answer changed.
        let workspace = Workspace(folder: folder, catalog: testCatalog)
        for text in ["largest-rate: >\n  0.5\n", "largest-rate: |\n  0.5"] {
            try text.write(toFile: workspace.answersPath(lesson), atomically: true, encoding: .utf8)
            let answers = try AnswersFile(path: workspace.answersPath(lesson)).answers()
            XCTAssertEqual(answers["largest-rate"]?.text, "0.5")
            let exercise = try workspace.exercise("largest-rate", in: lesson)
            let result = ExerciseChecker(seed: 0, codeRunner: nil).check(exercise, answer: answers["largest-rate"], answersFile: "a.yaml")
            XCTAssertEqual(result.status, .passed, result.detail)
        }
    }

    func testAnAnswerInAFlowMappingIsLeftToTheStudent() throws {
        XCTAssertThrowsError(try answer(in: "{effective-step: 3, largest-rate: 0.5}\n")) { error in
            let diagnostic = error as? Diagnostic
            XCTAssertEqual(diagnostic?.position, SourcePosition(line: 1, column: 2))
            XCTAssertEqual(diagnostic?.message, "learn answer can only change an answer written on its own line as 'effective-step: …'")
        }
    }
}
