import XCTest
@testable import Lessons

/// Nothing hides a cell: a fence that CommonMark reads as part of an HTML block or an unclosed comment
/// is an error at its position, so `lint` and `test` can't report success on a lesson that skips it
/// (review finding F3).
final class HiddenCellTests: XCTestCase {
    private func problems(_ body: String) -> [Diagnostic] {
        diagnostics(try Fixture.parse(text: "---\ntitle: T\n---\n\n" + body))
    }

    func testACellInsideAnHTMLBlockIsAnError() {
        let found = problems("<div>\n```experiment toy-descent\n```\n</div>\n")
        XCTAssertEqual(found.map(\.position), [SourcePosition(line: 6, column: 1)])
        XCTAssertTrue(found.first?.message.contains("would never run") ?? false, "\(found)")
    }

    func testACellAfterAnUnclosedCommentIsAnError() {
        let found = problems("<!-- a note\n\n```exercise x\nquestion: q\nanswer: 1\n```\n")
        XCTAssertEqual(found.map(\.position), [SourcePosition(line: 7, column: 1)])
        XCTAssertTrue(found.first?.message.contains("exercise cell") ?? false)
    }

    func testACellShownInsideALongerFenceIsNotACell() throws {
        let lesson = try Fixture.parse(text: "---\ntitle: T\n---\n\n````markdown\n```experiment toy-descent\n```\n````\n\n```experiment toy-descent\n```\n")
        XCTAssertEqual(lesson.experiments.count, 1, "only the real cell")
    }

    func testAClosedCommentHidesNothing() throws {
        let lesson = try Fixture.parse(text: "---\ntitle: T\n---\n\n<!-- a note -->\n\n```experiment toy-descent\n```\n")
        XCTAssertEqual(lesson.experiments.count, 1)
    }
}

/// The variants the audit of issue 18 found: a fence line inside an HTML block or an unclosed comment
/// opened no code block, yet the old scan of the raw text took it for one and skipped what followed.
/// The cells are now counted from the raw text everywhere, and a mismatch either way is an error.
final class HiddenCellVariantTests: XCTestCase {
    func testABareFenceInsideAnUnclosedCommentHidesNothing() {
        expectError("broken/cell-after-fence-in-comment.md", at: (8, 1), "this experiment cell would never run",
                    hint: "close every <!-- with -->")
    }

    func testAPythonFenceUnderADivHidesNothing() {
        expectError("broken/cell-under-div-fence.md", at: (7, 1), "this experiment cell would never run")
    }

    func testAMisspeltCellKindNamesTheRightWord() {
        expectError("broken/misspelt-cell-kind.md", at: (7, 1), "'Experiment' is not a cell kind", hint: "```experiment")
        for (word, kind) in [("experiments", "experiment"), ("exercize", "exercise"), ("EXERCISE", "exercise")] {
            let found = diagnostics(try Fixture.parse(text: "---\ntitle: T\n---\n\n```\(word) x\n```\n"))
            XCTAssertEqual(found.map(\.position), [SourcePosition(line: 5, column: 1)], word)
            XCTAssertTrue(found.first?.message.contains("did you mean '\(kind)'") ?? false, "\(found)")
        }
        // Other info strings are code to show, as before.
        XCTAssertNoThrow(try Fixture.parse(text: "---\ntitle: T\n---\n\n```yaml\nrate: 1\n```\n\n```python\nx = 1\n```\n"))
    }

    func testACellTheTreeHasButTheTextDoesNotIsAnError() throws {
        // The other direction of the count: the tree's cell must be one the raw text shows.
        let source = try SourceText(bytes: Array("---\ntitle: T\n---\n\nprose\n".utf8), file: "t.md")
        let cell = Block.code(info: "experiment toy-descent", text: "", fenced: true, bodyLine: 6, SourcePosition(line: 5, column: 1))
        let found = LessonParser.hiddenCells(in: source, document: Document(blocks: [cell], codeLines: [5...6]))
        XCTAssertEqual(found.map(\.position), [SourcePosition(line: 5, column: 1)])
        XCTAssertTrue(found.first?.message.contains("Markdown reads a cell here") ?? false, "\(found)")
    }

    func testCellsShownAsCodeOrNestedAreNotCountedTwice() {
        // An indented block showing a fence is code; a cell in a list is refused once, by its own check.
        let shown = "---\ntitle: T\n---\n\nA cell looks like this:\n\n    ```experiment toy-descent\n    ```\n"
        XCTAssertNoThrow(try Fixture.parse(text: shown))
        let nested = diagnostics(try Fixture.parse(text: "---\ntitle: T\n---\n\n- item\n\n  ```experiment toy-descent\n  ```\n"))
        XCTAssertEqual(nested.count, 1, "\(nested)")
    }
}
