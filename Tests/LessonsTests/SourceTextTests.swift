import XCTest
@testable import Lessons

/// Reading a lesson's bytes: line endings, byte-order marks, front matter, and positions that stay the file's own.
final class SourceTextTests: XCTestCase {
    func testCRLFFileParsesWithAWarningAndTheFileLines() throws {
        let lesson = try Fixture.parse("good/crlf.md")
        XCTAssertEqual(lesson.metadata.title, "CRLF line endings")
        XCTAssertEqual(lesson.metadata.minutes, 5)
        XCTAssertEqual(lesson.warnings.count, 1)
        if let warning = lesson.warnings.first {
            // `---\r\n`: the first CR is the fourth character of line 1.
            expect(warning, at: (1, 4), "CR or CRLF line endings", severity: .warning, in: "good/crlf.md")
        }
        XCTAssertEqual(lesson.cells.count, 3)
        guard lesson.cells.count == 3 else { return }
        if case .markdown(let heading) = lesson.cells[0] { XCTAssertEqual(heading.position, SourcePosition(line: 6, column: 1)) }
        if case .markdown(let paragraph) = lesson.cells[1] {
            XCTAssertEqual(paragraph, .paragraph([.text("A paragraph on line eight.")], SourcePosition(line: 8, column: 1)))
        }
        let cell = try XCTUnwrap(lesson.experiments.first)
        XCTAssertEqual(cell.position, SourcePosition(line: 10, column: 1))
        XCTAssertEqual(cell.source, "rate: 0.25", "no CR is left in a cell body")
        XCTAssertEqual((cell.parameters as? ToyDescent.Parameters)?.rate, 0.25)
    }

    func testByteOrderMarkIsDroppedWithAWarning() throws {
        let lesson = try Fixture.parse("good/bom.md")
        XCTAssertEqual(lesson.metadata.title, "Starts with a BOM")
        XCTAssertEqual(lesson.warnings.count, 1)
        if let warning = lesson.warnings.first {
            expect(warning, at: (1, 1), "byte-order mark", severity: .warning, in: "good/bom.md")
        }
        XCTAssertEqual(lesson.cells.first.flatMap { if case .markdown(let b) = $0 { b.position } else { nil } },
                       SourcePosition(line: 4, column: 1))
        XCTAssertEqual(lesson.experiments.first?.position, SourcePosition(line: 6, column: 1))
        XCTAssertEqual((lesson.experiments.first?.parameters as? ToyDescent.Parameters)?.steps, 2)
    }

    func testLoneCarriageReturnsAreLineEndings() throws {
        let bytes = Array("---\rtitle: Old Mac\r---\r\rText\r\r```experiment toy-descent\rrate: 3\r```\r".utf8)
        let found = diagnostics(try LessonParser(catalog: testCatalog).parse(bytes: bytes, file: "cr.md"))
        XCTAssertEqual(found.count, 1)
        if let first = found.first { expect(first, at: (8, 7), "'rate' must be from 0 to 1, not 3", in: "cr.md") }
    }

    func testCRLFIsOneLineEndingNotTwo() throws {
        let source = try SourceText(bytes: Array("a\r\nb\r\n\r\nc".utf8), file: "x.md")
        XCTAssertEqual(source.text, "a\nb\n\nc")
        XCTAssertEqual(source.lines, ["a", "b", "", "c"])
    }

    func testFrontMatterLinesAreBlankInTheBody() throws {
        let source = try SourceText(bytes: Array("---\ntitle: T\nminutes: 3\n---\n# H\n".utf8), file: "x.md")
        XCTAssertEqual(source.frontMatter, "title: T\nminutes: 3")
        XCTAssertEqual(source.frontMatterFirstLine, 2)
        XCTAssertEqual(source.body, "\n\n\n\n# H\n")
        let document = try CommonMarkConverter.parse(source)
        XCTAssertEqual(document.blocks, [.heading(level: 1, [.text("H")], SourcePosition(line: 5, column: 1))])
    }

    func testFrontMatterMayCloseWithDots() throws {
        let lesson = try Fixture.parse(text: "---\ntitle: Dots\n...\nText.\n")
        XCTAssertEqual(lesson.metadata.title, "Dots")
        XCTAssertEqual(lesson.cells.count, 1)
    }

    func testAThematicBreakLaterIsNotFrontMatter() throws {
        let lesson = try Fixture.parse(text: "---\ntitle: Rules\n---\n\nAbove.\n\n---\n\nBelow.\n")
        XCTAssertEqual(lesson.cells.count, 3)
        if case .markdown(let rule) = lesson.cells[1] { XCTAssertEqual(rule, .thematicBreak(SourcePosition(line: 7, column: 1))) }
    }

    func testBytePositionsCountCharactersNotBytes() {
        // "aé☕" then the byte at index 6: a(1) é(2 bytes) ☕(3 bytes).
        let bytes = Array("x\naé☕z".utf8)[...]
        XCTAssertEqual(SourceText.position(ofByteAt: bytes.count - 1, in: bytes), SourcePosition(line: 2, column: 4))
        XCTAssertEqual(SourceText.position(ofByteAt: 0, in: bytes), SourcePosition(line: 1, column: 1))
    }

    func testMetadataFieldsAreRead() throws {
        let lesson = try Fixture.parse(text: """
            ---
            title: "Title: with a colon"
            summary: What it teaches.
            minutes: 15
            requires: [lesson-01, lesson-02-basics]
            seed: 42
            format: 1
            ---
            Text.
            """, file: "lessons/lesson-04-tour.md")
        XCTAssertEqual(lesson.metadata, LessonMetadata(title: "Title: with a colon", summary: "What it teaches.", minutes: 15,
                                                       requires: ["lesson-01", "lesson-02-basics"],
                                                       requiresPositions: [SourcePosition(line: 5, column: 12), SourcePosition(line: 5, column: 23)],
                                                       seed: 42, format: 1))
        XCTAssertEqual(lesson.id?.description, "lesson-04")
        XCTAssertEqual(lesson.displayID, "lesson-04")
        XCTAssertTrue(lesson.warnings.isEmpty)
    }

    func testMetadataValuesAreChecked() {
        let found = diagnostics(try Fixture.parse(text: """
            ---
            title: ""
            minutes: 0
            seed: -1
            format: 2
            requires: lesson-01
            ---
            """, file: "m.md"))
        let positions = [(2, 8), (3, 10), (4, 7), (5, 9), (6, 11)].map { SourcePosition(line: $0.0, column: $0.1) }
        XCTAssertEqual(found.map(\.position), positions)
        XCTAssertEqual(found.map(\.message), [
            "'title' is empty",
            "'minutes' must be from 1 to 600, not 0",
            "'seed' must be from 0 to 18446744073709551615, not -1",
            "the lesson is written for format 2, newer than this learn reads (1)",
            "'requires' must be a list such as [a, b], not 'lesson-01'",
        ])
    }
}
