import Foundation
import XCTest
@testable import Lessons

/// The lists of the front matter and of exercises are bounded on the YAML node before their entries are
/// read, and lint's work on them is linear (issue 18.4): a 2 MB lesson of `requires` entries costs one
/// message, and unknown ids are placed from positions recorded once, not by searching the lesson again.
final class ListLengthTests: XCTestCase {
    func testTooManyRequirementsIsOneErrorAtTheFirstEntryPastTheLimit() {
        expectError("broken/too-many-requires.md", at: (3, 1113), "'requires' may list 100 entries at most; this one lists 101")
    }

    func testHintsAndChoicesAreBoundedToo() {
        let hints = (1...21).map { "h\($0)" }.joined(separator: ", ")
        let found = diagnostics(try Fixture.parse(text: "---\ntitle: T\n---\n\n```exercise q\nquestion: Q?\nanswer: 1\nhints: [\(hints)]\n```\n"))
        XCTAssertEqual(found.map(\.message), ["'hints' may list 20 entries at most; this one lists 21"])
        let choices = (1...27).map { "c\($0)" }.joined(separator: ", ")
        let tooMany = diagnostics(try Fixture.parse(text: "---\ntitle: T\n---\n\n```exercise q\nquestion: Q?\nanswer: c1\nchoices: [\(choices)]\n```\n"))
        XCTAssertTrue(tooMany.contains { $0.message == "'choices' may list 26 entries at most; this one lists 27" }, "\(tooMany)")
    }

    /// The lint of a lesson of N and of 4N `requires` entries, up to 2 MB: one diagnostic each, whatever N.
    func testLintingAHugeRequiresListGivesOneDiagnostic() throws {
        let folder = NSTemporaryDirectory() + "learn-requires-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var counts: [Int] = []
        for entries in [30_000, 120_000] {
            let ids = (0..<entries).map { "lesson-\(10_000 + $0 % 90_000)" }.joined(separator: ", ")
            let path = folder + "/lesson-01-r\(entries).md"
            try "---\ntitle: T\nrequires: [\(ids)]\n---\n\nProse.\n".write(toFile: path, atomically: true, encoding: .utf8)
            XCTAssertLessThanOrEqual(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int ?? 0, FileBytes.lessonLimit)
            counts.append(LessonLinter(parser: LessonParser(catalog: testCatalog)).lint([path], library: nil).count)
        }
        XCTAssertEqual(counts, [1, 1])
    }

    func testEveryUnknownRequirementIsPlacedAtItsOwnEntry() throws {
        let folder = NSTemporaryDirectory() + "learn-requires-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/lesson-01-r.md"
        try "---\ntitle: T\nrequires:\n  - lesson-07\n  - lesson-08\n---\n\nProse.\n".write(toFile: path, atomically: true, encoding: .utf8)
        let found = LessonLinter(parser: LessonParser(catalog: testCatalog)).lint([path], library: nil)
        XCTAssertEqual(found.map(\.position), [SourcePosition(line: 4, column: 5), SourcePosition(line: 5, column: 5)])
        XCTAssertTrue(found.first?.message.contains("lesson-07") ?? false)
    }
}
