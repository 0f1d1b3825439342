import Foundation
import Lessons
import XCTest

/// Whatever a lesson holds, what `learn` prints carries no control character but its own colours
/// (review finding F4): prose, a file name and an export are all shown with visible escapes.
final class TerminalOutputTests: XCTestCase {
    func testAHostileLessonCantReachTheTerminal() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-tty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let name = "evil\u{1B}]0;owned\u{07}.md"
        let lesson = "---\ntitle: Evil\n---\n\nProse \u{1B}[2J\u{1B}]0;owned\u{07} and \u{202E}reversed and a bare\rreturn.\n\n"
            + "```experiment softmax\ntable: false\n```\n"
        try lesson.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        for arguments in [["run", name, "--color", "always"], ["run", name, "--format", "markdown"], ["lint", name]] {
            let result = try LearnProcess.run(arguments, in: folder)
            for (stream, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
                let filtered = TerminalSafe.filtered(text)
                XCTAssertEqual(filtered, text, "\(arguments) \(stream) holds only learn's own sequences")
                XCTAssertFalse(text.contains("\u{1B}]"), "\(arguments) \(stream): no title sequence")
                XCTAssertFalse(text.contains("\u{1B}[2J"), "\(arguments) \(stream): the lesson can't clear the screen")
                XCTAssertFalse(text.unicodeScalars.contains("\u{202E}"))
            }
            if arguments[0] == "run" {
                XCTAssertTrue(result.stdout.contains("\\x1B[2J"), "shown as a visible escape: \(result.stdout.prefix(400))")
            }
        }
    }
}
