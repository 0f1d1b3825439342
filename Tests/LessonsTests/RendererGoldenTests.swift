import TextPlot
import XCTest
@testable import Lessons

/// The terminal rendering of a lesson that uses every Markdown feature, an experiment and an exercise.
final class RendererGoldenTests: XCTestCase {
    private let tour = "good/lesson-05-tour.md"

    /// Runs `fixture` with the test catalog and returns every byte the runner emitted.
    private func render(
        _ fixture: String, width: Int, charset: Charset = .unicode, color: Bool = false, seed: UInt64? = nil
    ) throws -> (text: String, outcome: LessonRunner.Outcome) {
        let lesson = try Fixture.parse(fixture)
        var text = ""
        let outcome = LessonRunner(style: TerminalStyle(width: width, charset: charset, color: color), seed: seed)
            .run(lesson) { text += $0 }
        return (text, outcome)
    }

    func testPlainGoldens() throws {
        for width in [60, 80] {
            GoldenFile.check(try render(tour, width: width).text, "tour-w\(width)")
        }
        GoldenFile.check(try render(tour, width: 60, charset: .ascii).text, "tour-w60-ascii")
    }

    func testNoLineIsWiderThanTheWidth() throws {
        for width in [20, 27, 40, 60, 80] {
            for charset in [Charset.unicode, .ascii] {
                let text = try render(tour, width: width, charset: charset).text
                for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    XCTAssertLessThanOrEqual(TextWidth.of(String(line)), width, "width \(width) \(charset) line \(index + 1): \(line)")
                }
            }
        }
    }

    /// Printable ASCII, apart from Chinese text, which has no ASCII form and is kept.
    func testASCIIModeIsPrintableASCIIApartFromChinese() throws {
        for width in [60, 80] {
            let text = try render(tour, width: width, charset: .ascii).text
            let bad = text.filter { $0 != "\n" && !ASCIIText.isKept($0) && !$0.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) } }
            XCTAssertTrue(bad.isEmpty, "width \(width): \(bad.unicodeScalars.map { String(format: "U+%04X", $0.value) })")
            XCTAssertTrue(text.contains("学习率太大时，"), "width \(width): the Chinese is kept")
        }
    }

    func testColorIsAnOverlayOnThePlainText() throws {
        for charset in [Charset.unicode, .ascii] {
            let plain = try render(tour, width: 60, charset: charset).text
            let colored = try render(tour, width: 60, charset: charset, color: true).text
            XCTAssertFalse(plain.contains("\u{1B}"), "plain output has escapes")
            XCTAssertTrue(colored.contains("\u{1B}["), "color output has no escapes")
            XCTAssertEqual(ANSI.strip(colored), plain, "\(charset)")
        }
    }

    func testRunningTwiceGivesTheSameBytes() throws {
        let first = try render(tour, width: 60, color: true)
        let second = try render(tour, width: 60, color: true)
        XCTAssertEqual(Array(first.text.utf8), Array(second.text.utf8))
    }

    func testCellSeedMatchesSplitMix64AndDiffersPerCell() {
        // SplitMix64 seeded with 0 (Vigna's splitmix64.c) yields 0xE220A8397B1DCDAF then 0x6E789E6AA1B965F4;
        // cell i of a lesson with seed s is the (i+1)-th output of SplitMix64 seeded with s.
        XCTAssertEqual(LessonRunner.cellSeed(0, index: 0), 0xE220_A839_7B1D_CDAF)
        XCTAssertEqual(LessonRunner.cellSeed(0, index: 1), 0x6E78_9E6A_A1B9_65F4)
        let seeds = (0..<100).map { LessonRunner.cellSeed(7, index: $0) }
        XCTAssertEqual(Set(seeds).count, 100)
        XCTAssertEqual(seeds, (0..<100).map { LessonRunner.cellSeed(7, index: $0) })
        XCTAssertNotEqual(LessonRunner.cellSeed(7, index: 0), LessonRunner.cellSeed(8, index: 0))
    }

    func testExperimentsGetTheLessonSeedOrTheOverride() throws {
        func noise(_ seed: UInt64?) throws -> Metric.Value? {
            try render(tour, width: 60, seed: seed).outcome.results.first??.metric(named: "noise")
        }
        // The tour's front matter says `seed: 7`; `--seed` replaces it.
        XCTAssertEqual(try noise(nil), .number(Double(LessonRunner.cellSeed(7, index: 0) % 1000)))
        XCTAssertEqual(try noise(99), .number(Double(LessonRunner.cellSeed(99, index: 0) % 1000)))
    }

    func testExperimentResultsAndMetrics() throws {
        let outcome = try render(tour, width: 80).outcome
        XCTAssertEqual(outcome.results.count, 1)
        XCTAssertTrue(outcome.failures.isEmpty)
        let result = try XCTUnwrap(outcome.results.first ?? nil)
        // rate 0.25 for 3 steps multiplies each start by 0.75³ = 0.421875.
        XCTAssertEqual(result.metric(named: "after_1"), .number(-0.84375))
        XCTAssertEqual(result.metric(named: "after_2"), .number(1.6875))
    }

    func testAFailingExperimentIsShownInPlace() throws {
        let lesson = try Fixture.parse(text: "---\ntitle: Fails\n---\n\n```experiment always-fails\n```\n\nAfter.\n",
                                       file: "fails.md")
        var text = ""
        let outcome = LessonRunner(style: TerminalStyle(width: 80)).run(lesson) { text += $0 }
        XCTAssertEqual(outcome.results.count, 1)
        XCTAssertNil(outcome.results.first ?? nil)
        XCTAssertEqual(outcome.failures.map(\.description), [
            "fails.md:5:1: error: experiment 'always-fails' failed: the toy experiment gave up\n  It always does.",
        ])
        XCTAssertTrue(text.contains("\n✗ experiment 'always-fails' failed: the toy experiment gave up\n"), text)
        XCTAssertTrue(text.hasSuffix("\nAfter.\n"), text)
    }
}
