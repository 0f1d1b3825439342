import XCTest
@testable import Lessons

/// libcmark's tree converted into `Block` and `Inline` values, with the file's positions.
final class MarkdownConversionTests: XCTestCase {
    /// The blocks of `markdown` as the body of a lesson whose front matter takes lines 1 to 3.
    private func blocks(_ markdown: String) throws -> [Block] {
        let source = try SourceText(bytes: Array(("---\ntitle: T\n---\n" + markdown).utf8), file: "m.md")
        return try CommonMarkConverter.parse(source).blocks
    }

    private func at(_ line: Int, _ column: Int) -> SourcePosition {
        SourcePosition(line: line, column: column)
    }

    func testHeadingsKeepTheirLevels() throws {
        XCTAssertEqual(try blocks("# One\n## Two\n### Three\n#### Four\n\nSetext\n======\n"), [
            .heading(level: 1, [.text("One")], at(4, 1)),
            .heading(level: 2, [.text("Two")], at(5, 1)),
            .heading(level: 3, [.text("Three")], at(6, 1)),
            .heading(level: 4, [.text("Four")], at(7, 1)),
            .heading(level: 1, [.text("Setext")], at(9, 1)),
        ])
    }

    func testInlines() throws {
        let markdown = "Plain *emph* **strong** `code` [link](https://x.org) ![alt *text*](p.png)\nsoft  \nhard\\\nend"
        XCTAssertEqual(try blocks(markdown), [.paragraph([
            .text("Plain "), .emphasis([.text("emph")]), .text(" "), .strong([.text("strong")]), .text(" "),
            .code("code"), .text(" "), .link(text: [.text("link")], url: "https://x.org"), .text(" "),
            .image(alt: [.text("alt "), .emphasis([.text("text")])], url: "p.png"), .softBreak,
            .text("soft"), .lineBreak, .text("hard"), .lineBreak, .text("end"),
        ], at(4, 1))])
    }

    func testNestedListsWithStartNumbersAndTightness() throws {
        let markdown = """
            3. three
            4. four
               - inner a
               - inner b

            Loose:

            - one

            - two
            """
        XCTAssertEqual(try blocks(markdown), [
            .list(start: 3, tight: true, items: [
                [.paragraph([.text("three")], at(4, 4))],
                [.paragraph([.text("four")], at(5, 4)),
                 .list(start: nil, tight: true, items: [
                     [.paragraph([.text("inner a")], at(6, 6))],
                     [.paragraph([.text("inner b")], at(7, 6))],
                 ], at(6, 4))],
            ], at(4, 1)),
            .paragraph([.text("Loose:")], at(9, 1)),
            .list(start: nil, tight: false, items: [
                [.paragraph([.text("one")], at(11, 3))],
                [.paragraph([.text("two")], at(13, 3))],
            ], at(11, 1)),
        ])
    }

    func testBlockQuoteCodeRuleAndHTML() throws {
        let markdown = """
            > quoted
            > > nested

            ```swift
            let x = 1
            ```

                indented code

            ***

            <div>raw</div>
            """
        XCTAssertEqual(try blocks(markdown), [
            .blockQuote([
                .paragraph([.text("quoted")], at(4, 3)),
                .blockQuote([.paragraph([.text("nested")], at(5, 5))], at(5, 3)),
            ], at(4, 1)),
            .code(info: "swift", text: "let x = 1", fenced: true, bodyLine: 8, at(7, 1)),
            .code(info: "", text: "indented code", fenced: false, bodyLine: 11, at(11, 5)),
            .thematicBreak(at(13, 1)),
            .html("<div>raw</div>", at(15, 1)),
        ])
    }

    func testTildeFenceAndLongerClosingFence() throws {
        XCTAssertEqual(try blocks("~~~ text\na\n~~~~\n\n````\n```\n````\n"), [
            .code(info: "text", text: "a", fenced: true, bodyLine: 5, at(4, 1)),
            .code(info: "", text: "```", fenced: true, bodyLine: 9, at(8, 1)),
        ])
    }

    func testFenceClosedByTheEndOfAQuoteIsUnterminated() {
        let found = diagnostics(try Fixture.parse(text: "---\ntitle: T\n---\n> ```\n> code\n\nafter\n", file: "q.md"))
        XCTAssertEqual(found.count, 1)
        if let first = found.first { expect(first, at: (4, 3), "never closed", in: "q.md") }
    }

    func testPlainText() {
        let inlines: [Inline] = [.text("a "), .strong([.emphasis([.text("b")])]), .softBreak, .code("c"),
                                 .link(text: [.text("d")], url: "u"), .image(alt: [.text("e")], url: "v"), .lineBreak]
        XCTAssertEqual(inlines.plainText, "a b cde ")
    }

    func testDeepNestingIsRefusedNotACrash() {
        let markdown = String(repeating: ">", count: CommonMarkConverter.maximumDepth + 2) + " deep\n"
        let found = diagnostics(try Fixture.parse(text: "---\ntitle: T\n---\n" + markdown, file: "deep.md"))
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found.first?.message.contains("nested more than") ?? false, found.description)
        XCTAssertEqual(found.first?.position?.line, 4)
    }
}

/// Indented code that shows a fence is code, not a fence.
final class IndentedFenceTests: XCTestCase {
    private func blocks(_ markdown: String) throws -> [Block] {
        let source = try SourceText(bytes: Array(("---\ntitle: T\n---\n" + markdown).utf8), file: "m.md")
        return try CommonMarkConverter.parse(source).blocks
    }

    func testIndentedCodeShowingAnOpenFenceIsNotUnterminated() throws {
        XCTAssertEqual(try blocks("Write:\n\n    ```experiment toy-descent\n    steps: 5\n\nEnd.\n")[1],
                       .code(info: "", text: "```experiment toy-descent\nsteps: 5", fenced: false, bodyLine: 6,
                             SourcePosition(line: 6, column: 5)))
        XCTAssertEqual(try blocks("    ```\n")[0],
                       .code(info: "", text: "```", fenced: false, bodyLine: 4, SourcePosition(line: 4, column: 5)))
    }

    func testIndentedCodeShowingACellIsProseNotACell() throws {
        let lesson = try Fixture.parse(text: "---\ntitle: T\n---\n\n    ```experiment toy-descent\n    rate: 9\n    ```\n")
        XCTAssertTrue(lesson.experiments.isEmpty)
        XCTAssertEqual(lesson.cells.count, 1)
    }

    func testFencedBlocksWithoutInfoStayFenced() throws {
        XCTAssertEqual(try blocks("```\n```x\n```\n")[0],
                       .code(info: "", text: "```x", fenced: true, bodyLine: 5, SourcePosition(line: 4, column: 1)))
        XCTAssertEqual(try blocks("  ```\n  a\n  ```\n")[0],
                       .code(info: "", text: "a", fenced: true, bodyLine: 5, SourcePosition(line: 4, column: 3)))
        let found = diagnostics(try Fixture.parse(text: "---\ntitle: T\n---\n\n```\nopen\n", file: "open.md"))
        XCTAssertEqual(found.map(\.message), ["this code fence is never closed, so the rest of the lesson would be read as code"])
    }
}
