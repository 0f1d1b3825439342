import XCTest
@testable import Lessons

/// The terminal belongs to the student: control characters from files never reach it (review finding F4).
final class TerminalSafeTests: XCTestCase {
    func testUnsafeCharactersBecomeVisibleEscapes() {
        XCTAssertEqual(TerminalSafe.escaped("a\u{1B}]0;HACK\u{07}b"), "a\\x1B]0;HACK\\x07b")
        XCTAssertEqual(TerminalSafe.escaped("tab\tand\nnewline stay"), "tab\tand\nnewline stay")
        XCTAssertEqual(TerminalSafe.escaped("\u{7F}\u{85}\u{9B}"), "\\x7F\\u0085\\u009B")
        XCTAssertEqual(TerminalSafe.escaped("abc\u{202E}fed\u{2066}"), "abc\\u202Efed\\u2066", "bidirectional overrides and isolates")
        XCTAssertEqual(TerminalSafe.escaped("plain é ★"), "plain é ★")
    }

    func testTheOutputFilterKeepsOnlyLearnsOwnSequences() {
        let ours = "\u{1B}[1;36mtitle\u{1B}[0m \r\u{1B}[K\u{1B}[2J\u{1B}[H"
        XCTAssertEqual(TerminalSafe.filtered(ours), ours)
        XCTAssertEqual(TerminalSafe.filtered("\u{1B}]0;title\u{07}"), "\\x1B]0;title\\x07", "setting the window title")
        XCTAssertEqual(TerminalSafe.filtered("\u{1B}[2A\u{1B}[10;10H"), "\\x1B[2A\\x1B[10;10H", "moving the cursor")
        XCTAssertEqual(TerminalSafe.filtered("over\rwritten"), "over\\x0Dwritten", "a bare carriage return")
        XCTAssertEqual(TerminalSafe.filtered("\u{1B}"), "\\x1B")
    }

    func testADiagnosticQuotingAHostileNameShowsItVisibly() {
        let diagnostic = Diagnostic(file: "lessons/\u{1B}[31mred.md", "unknown key '\u{1B}]0;x\u{07}'", hint: "a\u{9B}b")
        XCTAssertFalse(diagnostic.description.unicodeScalars.contains(where: TerminalSafe.isUnsafe), diagnostic.description)
        XCTAssertTrue(diagnostic.description.contains("lessons/\\x1B[31mred.md"))
    }

    func testLintRefusesAControlCharacterInATextFieldAtItsColumn() {
        let found = diagnostics(try Fixture.parse(text: "---\ntitle: \"A \u{1B}]0;HACK\u{07} title\"\n---\n\nx\n"))
        XCTAssertEqual(found.first?.position, SourcePosition(line: 2, column: 11))
        XCTAssertTrue(found.first?.message.contains("control character \\x1B") ?? false, "\(found)")
        let raw = diagnostics(try Fixture.parse(text: "---\ntitle: T\n---\n\n```exercise x\nquestion: q\nanswer: 1\nhints: [\"ab\u{7}\"]\n```\n"))
        XCTAssertEqual(raw.first?.position, SourcePosition(line: 8, column: 12), "hints: [\"ab then the character")
        XCTAssertTrue(raw.first?.message.contains("control character \\x07") ?? false, "\(raw)")
        // Written as a YAML escape, the character only exists once the value is read: refused there.
        let escaped = diagnostics(try Fixture.parse(text: "---\ntitle: \"A \\e]0;x title\"\n---\n\nx\n"))
        XCTAssertTrue(escaped.first?.message.contains("'title' holds the control character \\x1B") ?? false, "\(escaped)")
    }
}
