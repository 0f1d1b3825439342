import Foundation
import XCTest
@testable import Lessons

/// The attack review's smaller findings (shared/reviews/attack-review.md, "Smaller issues"): each held,
/// but its message or behaviour was off.
final class ReviewSmallFindingsTests: XCTestCase {
    private var folder: String!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-findings-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// `choices: [b, a]`: a student typing `a` was read as naming the first choice, `b`. Only `learn test`
    /// noticed; now reading the lesson does, at each misplaced choice.
    func testAChoiceThatIsAnotherChoicesLetterIsAnError() {
        let fixture = "broken/choice-letter-out-of-place.md"
        let found = diagnostics(try Fixture.parse(fixture))
        XCTAssertEqual(found.count, 2, found.description)
        guard found.count == 2 else { return }
        expect(found[0], at: (7, 11), "the choice 'b' is also the letter of choice b) 'a', so an answer 'b' would be ambiguous",
               hint: "own letter", in: fixture)
        expect(found[1], at: (7, 14), "the choice 'a' is also the letter of choice a) 'b'", in: fixture)
        // Letters at their own places, and words, are fine.
        for choices in ["[a, b, c]", "[a, second]", "[yes, no]", "[(a), (b)]"] {
            let text = "---\ntitle: T\n---\n\n```exercise pick\nquestion: \"Which?\"\nchoices: \(choices)\nanswer: no\n```\n"
            let found = (try? Fixture.parse(text: text)).map { _ in [Diagnostic]() } ?? diagnostics(try Fixture.parse(text: text))
            XCTAssertFalse(found.contains { $0.message.contains("letter of choice") }, "\(choices): \(found)")
        }
    }

    /// A seed above Int.max was "not a whole number"; it is one, only too large. Seeds take the range
    /// `--seed` takes, up to 2⁶⁴ − 1.
    func testANumberTooLargeIsSaidToBeTooLarge() throws {
        let fixture = "broken/seed-too-large.md"
        let found = diagnostics(try Fixture.parse(fixture))
        XCTAssertEqual(found.count, 2, found.description)
        guard found.count == 2 else { return }
        expect(found[0], at: (3, 7), "'seed' must be from 0 to 18446744073709551615, not 99999999999999999999999", in: fixture)
        expect(found[1], at: (4, 9), "'format' must be from 1, not 100000000000000000000, which is too large", in: fixture)
        let largest = try Fixture.parse(text: "---\ntitle: T\nseed: 18446744073709551615\n---\n\nProse.\n")
        XCTAssertEqual(largest.metadata.seed, UInt64.max)
        let words = diagnostics(try Fixture.parse(text: "---\ntitle: T\nseed: many\n---\n\nProse.\n"))
        XCTAssertEqual(words.map(\.message), ["'seed' must be a whole number, not 'many'"])
    }

    /// An answers file that is a folder or a FIFO was "cannot be read — Check its permissions".
    func testAnAnswersFileThatIsNotAFileSaysWhatItIs() throws {
        let directory = folder + "/lesson-03.yaml"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        XCTAssertThrowsError(try AnswersFile(path: directory)) { error in
            XCTAssertEqual((error as? Diagnostic)?.message, "the answers file is a folder")
            XCTAssertFalse((error as? Diagnostic)?.hint?.contains("permissions") ?? true)
        }
        let fifo = folder + "/lesson-04.yaml"
        XCTAssertEqual(mkfifo(fifo, 0o644), 0)
        XCTAssertThrowsError(try AnswersFile(path: fifo)) { error in
            XCTAssertEqual((error as? Diagnostic)?.message, "the answers file is a FIFO (a named pipe), not a file")
        }
    }

    /// `lesson-003` beside `lesson-03`: `learn run 3` can't choose, and lint now says so.
    func testLintFlagsTwoFilesWithOneLessonNumber() throws {
        for name in ["lesson-03-a.md", "lesson-003-b.md", "lesson-04-c.md"] {
            try "---\ntitle: \(name)\n---\n\nProse.\n".write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
        }
        let library = try LessonLibrary(folder: folder)
        let problems = LessonLinter(parser: LessonParser(catalog: testCatalog)).lint(library.entries.map(\.path), library: library)
        let duplicates = problems.filter { $0.message.contains("is also used by") }
        XCTAssertEqual(duplicates.count, 1, problems.description)
        XCTAssertTrue(duplicates.first?.message.contains("the lesson number 3 (lesson-03) is also used by") ?? false, duplicates.description)
        XCTAssertTrue(duplicates.first?.message.contains("lesson-003-b.md (lesson-003)") ?? false, duplicates.description)
    }

    /// `lint` printed a 9-line hint under each of 100,000 unknown keys (76 MB): now each hint line once
    /// per file, and at most `limitPerFile` diagnostics a file, the rest counted.
    func testAReportSaysEachHintLineOncePerFileAndCountsWhatItLeavesOut() {
        let hint = "Front matter keys:\n  title  text\n  seed   whole number"
        var diagnostics = (0..<250).map { Diagnostic(file: "a.md", at: SourcePosition(line: $0 + 2, column: 1), "unknown key 'k\($0)'", hint: hint) }
        diagnostics.append(Diagnostic(.warning, file: "a.md", "a warning past the limit"))
        diagnostics.append(Diagnostic(file: "b.md", "another file's problem", hint: hint))
        let lines = DiagnosticReport.lines(diagnostics, limit: 100)
        XCTAssertEqual(lines.count, 102, lines.suffix(3).description)
        XCTAssertEqual(lines[0], "a.md:2:1: error: unknown key 'k0'\n  Front matter keys:\n    title  text\n    seed   whole number")
        XCTAssertEqual(lines[1], "a.md:3:1: error: unknown key 'k1'", "the same hint is not repeated")
        XCTAssertEqual(lines[100], "a.md: … and 151 more problems not shown (150 errors, 1 warning)")
        XCTAssertEqual(lines[101], "b.md: error: another file's problem\n  Front matter keys:\n    title  text\n    seed   whole number",
                       "each file gets its hints")
        let printed = lines.joined(separator: "\n").utf8.count
        XCTAssertLessThan(printed, 5_000)
    }

    /// A newline in `--set` added a fake line to the cell's source as shown; control characters are refused.
    func testSetRefusesControlCharacters() {
        for text in ["#1.steps=3\n#1.steps=4", "#1.steps=3\u{1B}[2J", "#1.steps=\t3", "#1.steps=3\u{202E}"] {
            XCTAssertThrowsError(try ParameterOverride(parsing: text), text) { error in
                XCTAssertTrue((error as? Diagnostic)?.message.contains("may not be part of a value") ?? false, "\(error)")
                XCTAssertFalse((error as? Diagnostic)?.message.contains("\n") ?? true, "the message stays on one line")
            }
        }
        XCTAssertEqual(try ParameterOverride(parsing: "#1.learning_rates=[0.3, 0.6]").value, "[0.3, 0.6]")
    }

    /// An exercise id starting with '-' passed lint but could not be typed to `learn answer` without `--`.
    func testAnExerciseIDStartingWithAHyphenIsRefused() {
        let found = diagnostics(try Fixture.parse(text: "---\ntitle: T\n---\n\n```exercise -x\nquestion: \"Q?\"\nanswer: 1\n```\n"))
        XCTAssertEqual(found.map(\.message), ["'-x' is not a valid exercise id"])
    }

    /// The messages about an answers file that isn't UTF-8 said "Save the lesson as UTF-8".
    func testAnAnswersFileThatIsNotUTF8IsNotCalledALesson() throws {
        for fixture in ["answers/invalid-utf8.yaml", "answers/nul-byte.yaml"] {
            let path = folder + "/lesson-03.yaml"
            try Data(Fixture.bytes(fixture)).write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try AnswersFile(path: path), fixture) { error in
                let diagnostic = error as? Diagnostic
                XCTAssertNotNil(diagnostic?.position, "\(error)")
                XCTAssertFalse(diagnostic?.hint?.contains("lesson") ?? true, "\(error)")
                XCTAssertFalse(diagnostic?.message.contains("lesson") ?? true, "\(error)")
            }
        }
    }
}
