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
