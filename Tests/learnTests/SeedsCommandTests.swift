import Foundation
import XCTest

/// `learn test --seeds`: every claim tallied over the seeds; one miss fails the lesson.
final class SeedsCommandTests: XCTestCase {
    private func lessonFolder(_ body: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-seeds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try body.write(to: folder.appendingPathComponent("lesson-01-seeds.md"), atomically: true, encoding: .utf8)
        return folder
    }

    func testAClaimThatHoldsOnlyOnSomeSeedsFailsAndNamesThem() throws {
        // 20 passes of 6 entries: the share of zeros is near one half, above it on some seeds and below on others.
        let folder = try lessonFolder("""
            ---
            title: Seeds
            ---

            ```experiment dropout-modes
            probability: 0.5
            samples: 20
            expect: ["train.zero_fraction < 0.5", "eval.unchanged"]
            ```
            """)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try LearnProcess.run(["test", "--seeds", "1-10", "--lessons", folder.path, "--color", "never"], in: folder)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].hasPrefix("✗ lesson-01  seeds 1–10: 1 experiment, 2 claims"), lines[0])
        let fragile = try XCTUnwrap(lines.first { $0.contains("train.zero_fraction < 0.5") })
        XCTAssertTrue(fragile.hasPrefix("  ✗ "), fragile)
        XCTAssertTrue(fragile.contains("(missed on seeds "), fragile)
        XCTAssertFalse(fragile.contains(" 10/10 "), fragile)
        XCTAssertTrue(lines.contains("  ✓ 10/10  line 5: eval.unchanged"), result.stdout)
        XCTAssertEqual(lines.last, "1 lesson failed.")
        // The same seeds run fresh again print the same tally.
        let again = try LearnProcess.run(["test", "--seeds", "1-10", "--lessons", folder.path, "--color", "never"], in: folder)
        XCTAssertEqual(again.stdout.split(separator: "\n").dropFirst().filter { !$0.contains(" s)") },
                       result.stdout.split(separator: "\n").dropFirst().filter { !$0.contains(" s)") })
    }

    func testEveryClaimOnEverySeedPasses() throws {
        let result = try LearnProcess.run(["test", "--seeds", "2", "lesson-01", "--color", "never"])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("✓ lesson-01  seeds 1–2: "), result.stdout)
        XCTAssertTrue(result.stdout.contains("  ✓ 2/2  line "), result.stdout)
        XCTAssertFalse(result.stdout.contains("✗"), result.stdout)
        XCTAssertTrue(result.stdout.hasSuffix("Every lesson holds.\n"))
    }

    func testABadRangeIsAUsageError() throws {
        let result = try LearnProcess.run(["test", "--seeds", "9-3", "lesson-01"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("'9-3' ends before it starts; write the smaller seed first"), result.stderr)
    }
}
