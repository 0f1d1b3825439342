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
