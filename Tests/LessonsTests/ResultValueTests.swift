import Foundation
import XCTest
@testable import Lessons

/// Phrases, catalogs, the result value's encoding, and the cache that stores it.
final class ResultValueTests: XCTestCase {
    // MARK: phrases and catalogs

    func testAnInterpolatedPhraseIsATemplateWithArguments() {
        let steps = 30, rate = 0.6
        let phrase: Phrase = "The first \(steps) steps at η = \(rate) over {x}"
        XCTAssertEqual(phrase.key, "The first {0} steps at η = {1} over {{x}}")
        XCTAssertEqual(phrase.arguments, [.value("30"), .value("0.6")])
        XCTAssertEqual(MessageCatalog.english.text(phrase), "The first 30 steps at η = 0.6 over {x}")
    }

    func testJoinedPhrasesAreOneTemplate() {
        let a = 1, b = 2
        let phrase: Phrase = "from \(a) " + "to \(b)"
        XCTAssertEqual(phrase.key, "from {0} to {1}")
        XCTAssertEqual(MessageCatalog.english.text(phrase), "from 1 to 2")
        let list = (["x", "y"] as [Phrase]).joined(separator: ", ")
        XCTAssertEqual(MessageCatalog.english.text(list), "x, y")
    }

    func testACatalogTranslatesTheTemplateAndItsNestedPhrases() throws {
        let outcome: Phrase = "diverged"
        let steps = 30
        let phrase: Phrase = "\(outcome) after \(steps) steps"
        let chinese = try MessageCatalog(language: "zh", messages: ["{0} after {1} steps": "{1} 步后{0}", "diverged": "发散"])
        XCTAssertEqual(chinese.text(phrase), "30 步后发散")
        XCTAssertEqual(chinese.text("no entry" as Phrase), "no entry", "a key without an entry stays English")
    }

    func testACatalogWhosePlaceholdersDifferIsRefused() {
        XCTAssertThrowsError(try MessageCatalog(language: "zh", messages: ["{0} after {1} steps": "{0} 步后"])) { error in
            XCTAssertTrue((error as? Diagnostic)?.message.contains("other placeholders") ?? false, "\(error)")
        }
        XCTAssertThrowsError(try MessageCatalog(language: "zh", messages: ["a {0}": "甲 {0"]))
    }

    // MARK: encoding

    private func roundTrip(_ result: ExperimentResult) throws -> ExperimentResult {
        try ResultCoding.decoder().decode(ExperimentResult.self, from: ResultCoding.encoder().encode(result))
    }

    func testEveryPartOfAResultReadsBackAsItWasWritten() throws {
        var result = ExperimentResult()
        let rate = 0.5
        result.text("Plain text at \(rate), with a nested \("phrase" as Phrase)")
        var table = Table(title: "t", columns: [.init("run"), .init("loss", format: .scientific(2), nonFinite: "overflow", best: .lowest)])
        table.append(["inf", .number(.infinity)])      // a text cell that reads like a number stays text
        table.append([.empty, .number(-.infinity)])
        table.append(["nan", .number(1.5)])
        result.figure(table)
        result.figure(LineChart(title: "loss", yScale: .log, series: [.init("a", [1, .nan, 3]), .init("b", x: [0, 2], y: [1, 2], best: .lowest)]))
        result.figure(Surface(x: -1...1, y: -2...2, paths: [.init("p", points: [(0, 0), (1, 1)])],
                              function: Polynomial([.init(0.1, x: 2), .init(2, y: 2)])))
        result.figure(Histogram(title: "h", groups: [.init("one", [1, 2, 2, .nan]), .init("two", [3])], bins: 4, xLabel: "v"))
        result.figure(BarChart(bars: [.init("x", 1), .init("y", .infinity)]))
        result.figure(Sparkline([1, 2, 3]))
        result.figure(ImageGrid(images: [.init(pixels: [[0, 1], [1, 0]], caption: "c")], normalization: .fixed(0...1)))
        result.metric("loss", .nan)
        result.metric("diverged", true)
        let again = try roundTrip(result)
        // NaN is never equal to itself: compare the encodings, then what a reader sees.
        XCTAssertEqual(try ResultCoding.encoder().encode(again), try ResultCoding.encoder().encode(result))
        XCTAssertEqual(again.items.count, result.items.count)
        guard case .figure(.table(let read)) = again.items[1] else { return XCTFail("the table") }
        XCTAssertEqual(read.rows[0][0], .text("inf"))
        XCTAssertEqual(read.rows[0][1], .number(.infinity))
        XCTAssertEqual(read.rows[2][0], .text("nan"))
        guard case .number(let loss)? = again.metric(named: "loss") else { return XCTFail("the loss") }
        XCTAssertTrue(loss.isNaN)
        for (a, b) in zip(result.figures, again.figures) {
            XCTAssertEqual(a.render(width: 60), b.render(width: 60))
        }
    }

    func testAHistogramKeepsItsCountsNotItsValues() throws {
        let values = (0..<100_000).map { Double($0 % 1000) / 1000 }
        let histogram = Histogram(values: values, name: "many", bins: 10)
        let bytes = try ResultCoding.encoder().encode(histogram)
        XCTAssertLessThan(bytes.count, 1_000, "a hundred thousand values stored as ten counts")
        XCTAssertEqual(histogram.binning.groups[0].counts.reduce(0, +), 100_000)
    }

    func testHistogramsOnLogAndPerSetAxesAreWithinTheLimitsAndReadBack() throws {
        let groups = [Histogram.Group("layer 1", (1...50).map { Double($0) }), Histogram.Group("layer 10", (1...50).map { Double($0) * 1e9 })]
        for histogram in [Histogram(groups: groups, bins: 30, scale: .log), Histogram(groups: groups, bins: 30, axes: .perGroup)] {
            var result = ExperimentResult()
            result.figure(histogram)
            XCTAssertTrue(result.isWithinLimits, "a result the experiment made is read back from the cache")
            let decoded = try ResultCoding.decoder().decode(ExperimentResult.self, from: ResultCoding.encoder().encode(result))
            XCTAssertEqual(decoded, result)
        }
        var broken = ExperimentResult()
        var histogram = Histogram(groups: groups, bins: 30, scale: .log)
        histogram.binning.low = 0
        broken.figure(histogram)
        XCTAssertFalse(broken.isWithinLimits, "a log axis from 0 is not one an experiment makes")
    }

    // MARK: the cache

    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-results-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func cell(_ body: String = "rate: 0.5") throws -> ExperimentCell {
        try XCTUnwrap(Fixture.parse(text: "---\ntitle: T\n---\n\n```experiment toy-descent\n\(body)\n```\n").experiments.first)
    }

    private var sample: ExperimentResult {
        var result = ExperimentResult()
        result.text("hello")
        result.metric("x", 1)
        return result
    }

    func testTheKeyCoversParametersSeedProgramAndEveryDefault() throws {
        let cache = ResultCache(folder: folder.path, programIdentity: "p1")
        let key = cache.key(for: try cell(), seed: 1)
        XCTAssertNotEqual(key, cache.key(for: try cell(), seed: 2))
        XCTAssertNotEqual(key, cache.key(for: try cell("rate: 0.25"), seed: 1))
        XCTAssertNotEqual(key, ResultCache(folder: folder.path, programIdentity: "p2").key(for: try cell(), seed: 1))
        XCTAssertEqual(key, cache.key(for: try cell("rate: 0.5\nsteps: 3"), seed: 1), "a default written out is the same run")
        for name in ["steps=3", "starts=", "method=plain", "experiment=toy-descent", "seed=1", "program=p1"] {
            XCTAssertTrue(key.text.contains(name), "\(name) in \(key.text)")
        }
    }

    func testAnEntryIsUsedOnlyUnderItsOwnKeyAndWhole() throws {
        let cache = ResultCache(folder: folder.path, programIdentity: "p")
        let key = cache.key(for: try cell(), seed: 1)
        try cache.store(sample, key: key, seconds: 0.1)
        XCTAssertEqual(cache.result(for: key), sample)
        let path = folder.appendingPathComponent(key.name + ".json").path
        let bytes = try XCTUnwrap(FileManager.default.contents(atPath: path))

        // Another key's entry in this key's file (a hash collision, a copied file) is not used.
        let other = cache.key(for: try cell(), seed: 2)
        try cache.store(sample, key: other, seconds: 0.1)
        try FileManager.default.removeItem(atPath: path)
        try FileManager.default.copyItem(atPath: folder.appendingPathComponent(other.name + ".json").path, toPath: path)
        XCTAssertNil(cache.result(for: key))

        // A truncated entry, a flipped byte, or a value out of bounds is not used.
        try Data(bytes.prefix(bytes.count - 5)).write(to: URL(fileURLWithPath: path))
        XCTAssertNil(cache.result(for: key))
        var flipped = bytes
        flipped[flipped.count - 10] ^= 0x01
        try flipped.write(to: URL(fileURLWithPath: path))
        XCTAssertNil(cache.result(for: key))
        var huge = ExperimentResult()
        var histogram = Histogram(values: [1, 2], bins: 2)
        histogram.binning.bins = 1 << 40
        huge.figure(histogram)
        try cache.store(huge, key: key, seconds: 0)
        XCTAssertNil(cache.result(for: key), "a stored histogram can't ask for a trillion bins")
    }

    func testTheBoundDropsTheCheapestResultsFirst() throws {
        let cache = ResultCache(folder: folder.path, programIdentity: "p", byteLimit: 2_000)
        var padded = sample
        padded.text(Phrase(verbatim: String(repeating: "x", count: 500)))
        let keys = try (1...5).map { cache.key(for: try cell(), seed: UInt64($0)) }
        // Stored most expensive first: a least-recently-used bound would drop those.
        for (index, key) in keys.enumerated() {
            try cache.store(padded, key: key, seconds: Double(100 - index))
        }
        XCTAssertNotNil(cache.result(for: keys[4]), "storing alone trims nothing")
        cache.trim()
        XCTAssertNotNil(cache.result(for: keys[0]), "the most expensive result stays")
        XCTAssertNotNil(cache.result(for: keys[1]))
        XCTAssertNil(cache.result(for: keys[4]), "the cheapest goes")
    }
}
