import Foundation
import XCTest

/// Stored numbers are untrusted: a corrupt hint count or a huge lesson number is taken in stride, never a
/// trap (review findings F6 and F8).
final class CorruptStateTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-corrupt-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    func testAHintCountBelowZeroOrAtIntMaxStillShowsAHint() throws {
        let state = LearnProcess.state(in: folder)
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        for count in ["-5", "9223372036854775807"] {
            try #"{"version": 1, "lessons": {"lesson-03": {"passed": [], "hintsShown": {"largest-rate": \#(count)}, "ran": false}}}"#
                .write(to: state.appendingPathComponent("progress.json"), atomically: true, encoding: .utf8)
            for _ in 0..<2 {
                let hint = try LearnProcess.run(["hint", "3", "largest-rate"], in: folder, environment: ["LEARN_LESSONS": LearnProcess.lessons])
                XCTAssertEqual(hint.status, 0, "count \(count): \(hint.stderr)")
                XCTAssertTrue(hint.stdout.hasPrefix("Hint "), hint.stdout)
            }
        }
    }

    func testProgressFromANewerLearnIsLeftAsItIsAndASetAsideIsSaid() throws {
        let state = LearnProcess.state(in: folder)
        try FileManager.default.createDirectory(at: state, withIntermediateDirectories: true)
        let file = state.appendingPathComponent("progress.json")
        let newer = #"{"version": 2, "lessons": {"lesson-03": {"passed": ["effective-step"], "hintsShown": {}, "ran": true}}}"#
        try newer.write(to: file, atomically: true, encoding: .utf8)
        let environment = ["LEARN_LESSONS": LearnProcess.lessons]
        let run = try LearnProcess.run(["run", "1", "--format", "text"], in: folder, environment: environment)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stderr.contains("written by a newer learn"), run.stderr)
        let hint = try LearnProcess.run(["hint", "3", "largest-rate"], in: folder, environment: environment)
        XCTAssertEqual(hint.status, 1)
        XCTAssertTrue(hint.stderr.contains("written by a newer learn"), hint.stderr)
        XCTAssertEqual(try String(contentsOf: file, encoding: .utf8), newer, "the newer file is never replaced")
        XCTAssertFalse(FileManager.default.fileExists(atPath: file.path + ".unreadable"))

        try "garbage".write(to: file, atomically: true, encoding: .utf8)
        let again = try LearnProcess.run(["run", "1", "--format", "text"], in: folder, environment: environment)
        XCTAssertTrue(again.stderr.contains("could not be read; progress starts over"), "every command says so: \(again.stderr)")
        XCTAssertEqual(try String(contentsOfFile: file.path + ".unreadable", encoding: .utf8), "garbage")
    }

    func testANewLessonAfterTheLargestNumberIsRefusedNotATrap() throws {
        let lessons = folder.appendingPathComponent("L")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        try "---\ntitle: b\n---\n\nx\n".write(to: lessons.appendingPathComponent("lesson-9223372036854775807-b.md"),
                                              atomically: true, encoding: .utf8)
        let result = try LearnProcess.run(["new", "Next", "--lessons", lessons.path], in: folder)
        XCTAssertNotEqual(result.status, 132, "no trap: \(result.stderr)")
        XCTAssertFalse(result.stderr.contains("Fatal error"), result.stderr)
        XCTAssertTrue(result.status == 0 || result.status == 1, "\(result.status): \(result.stderr)")
    }
}
