import Foundation
import XCTest
@testable import Lessons

/// Fixture lessons from `Fixtures/` and helpers that parse them and check their diagnostics.
enum Fixture {
    /// The bytes of `Fixtures/<name>`.
    static func bytes(_ name: String, file: StaticString = #filePath, line: UInt = #line) -> [UInt8] {
        guard let url = Bundle.module.url(forResource: "Fixtures/" + name, withExtension: nil),
              let data = try? Data(contentsOf: url) else {
            XCTFail("missing fixture \(name)", file: file, line: line)
            return []
        }
        return Array(data)
    }

    /// Parses `Fixtures/<name>` with the test catalog; messages name the file `name`.
    static func parse(_ name: String) throws -> Lesson {
        try LessonParser(catalog: testCatalog).parse(bytes: bytes(name), file: name)
    }

    /// Parses Markdown text given inline, named `file` in messages.
    static func parse(text: String, file: String = "inline.md") throws -> Lesson {
        try LessonParser(catalog: testCatalog).parse(bytes: Array(text.utf8), file: file)
    }
}

/// The diagnostics a parse throws, in the order reported; fails the test when it does not throw.
func diagnostics(
    _ parse: @autoclosure () throws -> Lesson, file: StaticString = #filePath, line: UInt = #line
) -> [Diagnostic] {
    do {
        _ = try parse()
        XCTFail("the lesson parsed without errors", file: file, line: line)
        return []
    } catch let list as DiagnosticList {
        XCTAssertFalse(list.diagnostics.isEmpty, "an empty DiagnosticList was thrown", file: file, line: line)
        return list.diagnostics
    } catch let diagnostic as Diagnostic {
        return [diagnostic]
    } catch {
        XCTFail("threw \(type(of: error)), not a Diagnostic: \(error)", file: file, line: line)
        return []
    }
}

/// Checks that `fixture` fails with exactly one error at `line:column` whose message contains
/// `message` (and whose hint contains `hint`, when given); returns it for further checks.
@discardableResult
func expectError(
    _ fixture: String, at position: (Int, Int), _ message: String, hint: String? = nil,
    file: StaticString = #filePath, line: UInt = #line
) -> Diagnostic? {
    let found = diagnostics(try Fixture.parse(fixture), file: file, line: line)
    guard found.count == 1, let diagnostic = found.first else {
        XCTFail("expected one diagnostic, got \(found.count):\n" + found.map(\.description).joined(separator: "\n"),
                file: file, line: line)
        return nil
    }
    expect(diagnostic, at: position, message, hint: hint, in: fixture, file: file, line: line)
    return diagnostic
}

/// Checks one diagnostic's severity, file, position, message and hint.
func expect(
    _ diagnostic: Diagnostic, at position: (Int, Int), _ message: String, hint: String? = nil,
    severity: Diagnostic.Severity = .error, in fixture: String,
    file: StaticString = #filePath, line: UInt = #line
) {
    XCTAssertEqual(diagnostic.severity, severity, "\(diagnostic)", file: file, line: line)
    XCTAssertEqual(diagnostic.file, fixture, "\(diagnostic)", file: file, line: line)
    XCTAssertEqual(diagnostic.position, SourcePosition(line: position.0, column: position.1), "\(diagnostic)",
                   file: file, line: line)
    XCTAssertTrue(diagnostic.message.contains(message), "message lacks '\(message)': \(diagnostic)", file: file, line: line)
    if let hint {
        XCTAssertTrue(diagnostic.hint?.contains(hint) ?? false, "hint lacks '\(hint)': \(diagnostic)", file: file, line: line)
    }
    // Every message a user sees starts with file:line:column.
    XCTAssertTrue(diagnostic.description.hasPrefix("\(fixture):\(position.0):\(position.1): \(severity.rawValue): "),
                  "\(diagnostic)", file: file, line: line)
}
