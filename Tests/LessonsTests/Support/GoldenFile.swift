import Foundation
import XCTest

/// Golden files in `Fixtures/golden/`: the expected rendering of a lesson, compared byte for byte.
///
/// Run the tests with `LEARN_RECORD=1` to rewrite them from the current output, then read every
/// changed file by eye (`git diff`) before committing it.
enum GoldenFile {
    /// The source folder, which recording writes to (the bundle holds a copy made at build time).
    static let sourceFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/golden")

    static var recording: Bool { ProcessInfo.processInfo.environment["LEARN_RECORD"] == "1" }

    /// Compares `text` with `golden/<name>.<type>` (`txt` unless said, e.g. `svg`), or rewrites that
    /// file when recording.
    static func check(_ text: String, _ name: String, type: String = "txt", file: StaticString = #filePath, line: UInt = #line) {
        let data = Data(text.utf8)
        if recording {
            let url = sourceFolder.appendingPathComponent(name + "." + type)
            XCTAssertNoThrow(try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true),
                             file: file, line: line)
            XCTAssertNoThrow(try data.write(to: url), file: file, line: line)
            return
        }
        guard let url = Bundle.module.url(forResource: "Fixtures/golden/" + name, withExtension: type),
              let expected = try? Data(contentsOf: url) else {
            XCTFail("missing golden file \(name).\(type): run the tests with LEARN_RECORD=1 to create it", file: file, line: line)
            return
        }
        guard expected != data else { return }
        let expectedLines = String(decoding: expected, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let first = zip(expectedLines, actualLines).enumerated().first { $0.element.0 != $0.element.1 }?.offset
            ?? min(expectedLines.count, actualLines.count)
        let expectedLine = first < expectedLines.count ? String(expectedLines[first]) : "(end of file)"
        let actualLine = first < actualLines.count ? String(actualLines[first]) : "(end of output)"
        XCTFail("""
            \(name).\(type) differs from the rendering at line \(first + 1):
              expected: \(expectedLine)
              actual:   \(actualLine)
            (LEARN_RECORD=1 rewrites the golden files)
            """, file: file, line: line)
    }
}
