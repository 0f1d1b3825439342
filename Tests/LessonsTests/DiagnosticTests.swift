import XCTest
@testable import Lessons

/// How diagnostics read, and a few YAML problems that reach them.
final class DiagnosticTests: XCTestCase {
    func testDescriptionForms() {
        let full = Diagnostic(file: "l.md", at: SourcePosition(line: 3, column: 4), "bad", hint: "one\ntwo")
        XCTAssertEqual(full.description, "l.md:3:4: error: bad\n  one\n  two")
        XCTAssertEqual(Diagnostic("no file").description, "error: no file")
        XCTAssertEqual(Diagnostic(.warning, at: SourcePosition(line: 2, column: 1), "somewhere").description,
                       "line 2, column 1: warning: somewhere")
        XCTAssertEqual(Diagnostic(file: "f.md", "whole file").description, "f.md: error: whole file")
    }

    func testInFileKeepsAFileAlreadySet() {
        XCTAssertEqual(Diagnostic("x").inFile("a.md").file, "a.md")
        XCTAssertEqual(Diagnostic(file: "b.md", "x").inFile("a.md").file, "b.md")
    }

    func testAListPrintsASharedHintOnceAfterItsLastDiagnostic() {
        let found = diagnostics(try Fixture.parse(text: "---\ntitle: T\n---\n\n```experiment toy-descent\nrat: 1\nstep: 2\n```\n",
                                                  file: "two.md"))
        XCTAssertEqual(found.count, 2)
        let text = DiagnosticList(found).description
        XCTAssertEqual(text.components(separatedBy: "Parameters of 'toy-descent':").count, 3,
                       "each of the two carries its own 'did you mean', so both hints print:\n\(text)")
        let same = Diagnostic(file: "x.md", at: .start, "first", hint: "shared")
        let list = DiagnosticList([same, Diagnostic(file: "x.md", at: SourcePosition(line: 2, column: 1), "second", hint: "shared")])
        XCTAssertEqual(list.description, "x.md:1:1: error: first\nx.md:2:1: error: second\n  shared")
    }

    func testDuplicateKeysInACell() {
        let found = diagnostics(try Fixture.parse(text: "---\ntitle: T\n---\n\n```experiment toy-descent\nrate: 0.1\nrate: 0.2\n```\n",
                                                  file: "dup.md"))
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(found.first?.message, "the experiment cell gives 'rate' more than once")
        XCTAssertEqual(found.first?.position, SourcePosition(line: 6, column: 1), "Yams marks the first of the two")
    }

    func testBOMAndCRLFGiveTwoWarnings() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("---\r\ntitle: Both\r\n---\r\n\r\nText.\r\n".utf8)
        let lesson = try LessonParser(catalog: testCatalog).parse(bytes: bytes, file: "both.md")
        XCTAssertEqual(lesson.warnings.map(\.position), [.start, SourcePosition(line: 1, column: 4)])
        XCTAssertEqual(lesson.warnings.map(\.severity), [.warning, .warning])
        XCTAssertEqual(lesson.cells.count, 1)
    }
}
