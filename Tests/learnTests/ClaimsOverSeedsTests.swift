import Foundation
import XCTest

/// CI's run of every lesson over fixed seeds (issue 17): five seeds for the lessons that run in seconds,
/// two for the Fashion-MNIST lessons over 10 s (8 and 10), one for the capstone, each lesson fresh with
/// every claim tallied and every exercise's reference answer checked, through `learn test --seeds`.
/// The seeds are not the lessons' own (CI checks those in ResultFormatTests and EveryLessonTests), nor
/// the ones `scripts/claims-over-seeds.sh` runs (1–20): each run looks at seeds nobody tuned a claim on.
/// The lessons that run in seconds and the capstone are run in their Chinese edition (`learn test
/// --lang zh` with the seeds rule): its cells are the English ones (ChineseEditionTests proves it), so
/// one run over seeds covers both editions' claims without computing anything twice.
final class ClaimsOverSeedsTests: XCTestCase {
    /// The seeds each lesson gets, by its file name; the script's list, with fewer seeds.
    private static func seeds(_ name: String) -> String {
        if name.contains("capstone") { return "101-101" }
        if name.hasPrefix("lesson-08-") || name.hasPrefix("lesson-10-") { return "101-102" }
        return "101-105"
    }

    private func lessons(_ include: (String) -> Bool) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: LearnProcess.lessons)
            .filter { $0.hasPrefix("lesson-") && $0.hasSuffix(".md") && include($0) }.sorted()
    }

    private func assertHoldsOverSeeds(_ names: [String], chinese: Bool = false, file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertFalse(names.isEmpty, file: file, line: line)
        for name in names {
            let seeds = Self.seeds(name)
            let lesson = chinese ? name.prefix(9) : "lessons/\(name)"
            let result = try LearnProcess.run(["test", String(lesson), "--lang", chinese ? "zh" : "en", "--seeds", seeds, "--color", "never"])
            XCTAssertEqual(result.status, 0, "\(name) on seeds \(seeds):\n\(result.stdout)\(result.stderr)", file: file, line: line)
            let (first, last) = (seeds.split(separator: "-").first!, seeds.split(separator: "-").last!)
            let range = first == last ? "seed \(first)" : "seeds \(first)–\(last)"
            XCTAssertTrue(result.stdout.hasPrefix("✓ \(name.prefix(9))  \(range): "), result.stdout, file: file, line: line)
            XCTAssertTrue(result.stdout.hasSuffix("Every lesson holds.\n"), result.stdout, file: file, line: line)
            if chinese { XCTAssertEqual(result.stderr, "", "the Chinese edition itself ran, with no note of a fallback", file: file, line: line) }
        }
    }

    func testTheLessonsThatRunInSecondsHoldOnFiveSeeds() throws {
        try assertHoldsOverSeeds(try lessons { Self.seeds($0) == "101-105" }, chinese: true)
    }

    func testTheSlowerFashionLessonsHoldOnTwoSeeds() throws {
        try assertHoldsOverSeeds(try lessons { Self.seeds($0) == "101-102" })
    }

    func testTheCapstoneHoldsOnASeedOfItsOwn() throws {
        try assertHoldsOverSeeds(try lessons { $0.contains("capstone") }, chinese: true)
    }
}
