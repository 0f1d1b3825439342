import TextPlot
import XCTest
@testable import Lessons

/// Inputs too big to keep as fixture files, made in the test: deep nesting, huge lines, NUL bytes
/// in odd places. Each ends in a clear diagnostic (or a lesson), never a crash, a hang or a stack
/// overflow.
final class HostileInputTests: XCTestCase {
    private let header = "---\ntitle: Hostile\n---\n\n"

    func testDeeplyNestedBlockQuotesAreRefused() {
        // 50,000: more would pass the bound on markup (docs/limits.md), which is refused before nesting is seen.
        let text = header + String(repeating: ">", count: 50_000) + " deep\n"
        let found = diagnostics(try Fixture.parse(text: text, file: "quotes.md"))
        XCTAssertEqual(found.count, 1)
        if let first = found.first { expect(first, at: (5, 49), "nested more than 48 levels deep", in: "quotes.md") }
    }

    func testDeeplyNestedListsAreRefused() {
        let text = header + (0..<1_000).map { String(repeating: "  ", count: $0) + "- item" }.joined(separator: "\n") + "\n"
        let found = diagnostics(try Fixture.parse(text: text, file: "lists.md"))
        XCTAssertEqual(found.map(\.message), ["Markdown is nested more than 48 levels deep here"])
    }

    func testDeeplyNestedEmphasisAndLinksParse() throws {
        // cmark itself stops nesting brackets and emphasis past a limit; what it gives back must convert.
        let text = header + String(repeating: "*[", count: 19_000) + "x" + String(repeating: "](u)*", count: 19_000) + "\n"
        do { _ = try Fixture.parse(text: text, file: "inline.md") } catch let list as DiagnosticList {
            XCTAssertEqual(list.diagnostics.map(\.message), ["emphasis and links are nested more than 48 levels deep here"])
        }
    }

    func testDeeplyNestedYAMLInACellIsRefused() {
        let text = header + "```experiment toy-descent\nstarts: " + String(repeating: "[", count: 50_000)
            + String(repeating: "]", count: 50_000) + "\n```\n"
        let found = diagnostics(try Fixture.parse(text: text, file: "yaml.md"))
        XCTAssertEqual(found.count, 1, found.description)
        // libyaml stops at 1000 levels.
        if let first = found.first { expect(first, at: (6, 10), "the YAML in the experiment cell is nested too deeply", in: "yaml.md") }
    }

    /// Memory follows Markdown elements: 2 MB of short paragraphs or of emphasis took 150 to 440 times
    /// its size. Markup past the bound is refused at its position, before the lines are split or cmark runs.
    func testMarkupPastTheBoundIsRefusedAtItsPosition() {
        // The header's 4 lines hold 10 pieces (6 dashes, 4 line ends), so the 59,991st of the body is one
        // too many: the line end of body line 59,991 ("a"), or the first `*` of the 29,996th `*a* `.
        for (body, position) in [(String(repeating: "a\n\n", count: 40_000), (59_995, 2)),
                                 (String(repeating: "*a* ", count: 40_000), (5, 29_995 * 4 + 1))] {
            let found = diagnostics(try Fixture.parse(text: header + body, file: "dense.md"))
            XCTAssertEqual(found.count, 1, found.description)
            if let first = found.first { expect(first, at: position, "the lesson has more than 60000 pieces of Markdown markup", in: "dense.md") }
        }
        // Just within the bound, it parses.
        XCTAssertNoThrow(try Fixture.parse(text: header + String(repeating: "a\n\n", count: 29_000)))
    }

    func testDeeplyNestedYAMLInFrontMatterIsRefused() {
        let text = "---\ntitle: T\nsummary: " + String(repeating: "{a: ", count: 100_000) + "1"
            + String(repeating: "}", count: 100_000) + "\n---\n"
        let found = diagnostics(try Fixture.parse(text: text, file: "front.md"))
        XCTAssertEqual(found.count, 1, found.description)
        if let first = found.first { expect(first, at: (3, 4002), "the YAML in the front matter is nested too deeply", in: "front.md") }
    }

    func testMegabyteLineOfProseParses() throws {
        // The 10 MB line is the cell's below; prose goes through the same reading and libcmark.
        let text = header + String(repeating: "word ", count: 200_000) + "\n"
        let lesson = try Fixture.parse(text: text, file: "long.md")
        XCTAssertEqual(lesson.cells.count, 1)
    }

    func testTenMegabyteValueInACellIsRefusedWithItsPosition() {
        let text = header + "```experiment toy-descent\nmethod: " + String(repeating: "x", count: 10_000_000) + "\n```\n"
        let found = diagnostics(try Fixture.parse(text: text, file: "long-value.md"))
        XCTAssertEqual(found.count, 1, found.description)
        if let first = found.first {
            expect(first, at: (6, 9), "'method' must be one of plain, halved", in: "long-value.md")
            XCTAssertLessThan(first.description.utf8.count, 2_000, "the message quotes a 10 MB value")
        }
    }

    func testMegabyteTitleParses() throws {
        let text = "---\ntitle: " + String(repeating: "t", count: 1_000_000) + "\n---\n"
        XCTAssertEqual(try Fixture.parse(text: text, file: "long-title.md").metadata.title.count, 1_000_000)
    }

    func testMegabyteNamesAreAbbreviatedAndNotSpellChecked() {
        let name = String(repeating: "toy-decent", count: 100_000)
        // A YAML key can't be longer than 1024 characters; this one is 1000.
        let key = String(name.prefix(1_000))
        let text = header + "```experiment " + name + "\n```\n\n```experiment toy-descent\n" + key + ": 1\n```\n"
        let found = diagnostics(try Fixture.parse(text: text, file: "long-name.md"))
        XCTAssertEqual(found.count, 2, found.description)
        guard found.count == 2 else { return }
        expect(found[0], at: (5, 1), "unknown experiment 'toy-decenttoy", in: "long-name.md")
        expect(found[1], at: (9, 1), "unknown parameter 'toy-decenttoy", in: "long-name.md")
        for diagnostic in found {
            XCTAssertLessThan(diagnostic.message.count, 400, diagnostic.message)
            XCTAssertFalse(diagnostic.hint?.contains("did you mean") ?? false, diagnostic.hint ?? "")
        }
    }

    func testNULByteInsideACellBody() {
        let text = header + "```experiment toy-descent\nrate: 0.\u{0}5\n```\n"
        let found = diagnostics(try Fixture.parse(text: text, file: "nul.md"))
        XCTAssertEqual(found.count, 1)
        if let first = found.first { expect(first, at: (6, 9), "NUL byte", in: "nul.md") }
    }

    func testUnbrokenMegabyteWordsRenderCutToTheWidth() throws {
        // Cutting such a word measured and copied the whole rest for every piece: minutes per word
        // (the guard below is for that hang; it takes about 2 s in a debug build).
        let word = String(repeating: "x", count: 1_000_000)
        let text = "---\ntitle: \(word)\n---\n\n\(word)\n\n> \(word)\n\n```python\n\(word)\n```\n"
        let output = try renderWithin120Seconds(text, file: "words.md", style: TerminalStyle(width: 80, charset: .ascii))
        let lines = output.split(separator: "\n")
        XCTAssertEqual(lines.map { TextWidth.of(String($0)) }.max(), 80)
        XCTAssertEqual(output.filter { $0 == "x" }.count, 4_000_000, "every x of the title, paragraph, quote and code")
    }

    func testAMegabyteOfChineseWrapsInTime() throws {
        // Chinese breaks between every two characters: a third of a million pieces in the title and as many
        // in the paragraph, each line filled to the width.
        let chinese = String(repeating: "学习率，", count: 87_000)
        let text = "---\ntitle: \(chinese)\n---\n\n\(chinese)\n"
        let output = try renderWithin120Seconds(text, file: "chinese.md", style: TerminalStyle(width: 80))
        let widths = output.split(separator: "\n").map { TextWidth.of(String($0)) }
        XCTAssertEqual(widths.max(), 80)
        // "学习率，" is 8 columns, so every line of the title and of the paragraph is full (8,700 each).
        XCTAssertGreaterThanOrEqual(widths.filter { $0 == 80 }.count, 2 * 8_700, "every line is full")
        XCTAssertEqual(output.filter { $0 == "，" }.count, 2 * 87_000)
    }

    /// The lesson `text` rendered on another thread, failing the test if that takes over two minutes (a hang).
    private func renderWithin120Seconds(_ text: String, file: String, style: TerminalStyle) throws -> String {
        let lesson = try Fixture.parse(text: text, file: file)
        let rendered = expectation(description: "rendered")
        nonisolated(unsafe) var output = ""
        DispatchQueue.global().async {
            LessonRunner(style: style).run(lesson) { output += $0 }
            rendered.fulfill()
        }
        wait(for: [rendered], timeout: 120)
        return output
    }
}
