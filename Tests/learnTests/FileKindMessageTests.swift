import Foundation
import XCTest

/// Messages say what is really wrong with a path (issue 18.7): a FIFO, a device, a looping link or a
/// folder given as a lesson, and a file given as the lessons folder.
final class FileKindMessageTests: XCTestCase {
    func testEachKindOfWrongPathIsNamed() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-kinds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        XCTAssertEqual(mkfifo(folder.appendingPathComponent("pipe.md").path, 0o600), 0)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("a.md").path, withDestinationPath: "b.md")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("b.md").path, withDestinationPath: "a.md")
        try "x".write(to: folder.appendingPathComponent("plain"), atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("dir.md"), withIntermediateDirectories: true)
        for (arguments, words) in [
            (["run", "pipe.md"], "pipe.md: error: this is a FIFO (a named pipe), not a file, so it can't be a lesson"),
            (["run", "/dev/null"], "/dev/null: error: this is a device, not a file, so it can't be a lesson"),
            (["run", "a.md"], "a.md: error: this is a symbolic link that loops, so it can't be a lesson"),
            (["run", "dir.md"], "dir.md: error: this is a folder, not a lesson file"),
            (["list", "--lessons", "plain"], "error: the lessons folder 'plain' is a file, not a folder"),
        ] {
            let result = try LearnProcess.run(arguments, in: folder)
            XCTAssertEqual(result.status, 1, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.hasPrefix(words), "\(arguments): \(result.stderr)")
        }
    }

    func testCheckingEveryLessonGoesOnPastABrokenOne() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-broken-\(UUID().uuidString)")
        let lessons = folder.appendingPathComponent("lessons")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "---\ntitle: broken\n---\n\n```experiment nope\n```\n".write(
            to: lessons.appendingPathComponent("lesson-01-broken.md"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(atPath: LearnProcess.lessons + "/lesson-02-gradient-descent.md",
                                         toPath: lessons.appendingPathComponent("lesson-02-gradient-descent.md").path)
        let result = try LearnProcess.run(["check", "--color", "never", "--width", "200"], in: folder)
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("lesson-01-broken.md:5:1: error: unknown experiment 'nope'"), result.stderr)
        XCTAssertTrue(result.stdout.contains("lesson-02"), "the next lesson was checked: \(result.stdout)")
        XCTAssertTrue(result.stdout.contains("; 1 lesson could not be read"), result.stdout)
    }
}
