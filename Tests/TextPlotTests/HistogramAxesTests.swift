import Foundation
import TextPlot
import XCTest

/// Stacked histograms whose sets differ in scale by many powers of ten: an axis per set, a log axis, and
/// captions whose numbers keep their scale.
final class HistogramAxesTests: XCTestCase {
    /// Two sets 10¹⁰ apart in scale, like layer 1 and layer 10 of a network whose activations explode.
    private let small = (1...200).map { Double($0) / 100 }
    private let huge = (1...200).map { Double($0) * 1e9 }

    func testOnASharedLinearAxisTheSmallSetIsOneBar() {
        let binning = Histogram.Binning([small, huge], bins: 20, range: nil)
        XCTAssertEqual(binning.groups[0].counts.filter { $0 > 0 }.count, 1, "the problem the other axes solve")
    }

    func testEachSetOnItsOwnAxisSpansItsOwnRange() throws {
        let binning = Histogram.Binning([small, huge], bins: 20, range: nil, axes: .perGroup)
        let (first, second) = (binning.groups[0], binning.groups[1])
        let (low0, high0) = (try XCTUnwrap(first.low), try XCTUnwrap(first.high))
        let (low1, high1) = (try XCTUnwrap(second.low), try XCTUnwrap(second.high))
        XCTAssertTrue(low0 <= 0.01 && high0 >= 2 && high0 < 3, "\(low0)...\(high0)")
        XCTAssertTrue(low1 <= 1e9 && high1 >= 2e11 && high1 < 3e11, "\(low1)...\(high1)")
        XCTAssertGreaterThan(first.counts.filter { $0 > 0 }.count, 10, "the small set fills its own bins")
        XCTAssertGreaterThan(second.counts.filter { $0 > 0 }.count, 10)
        XCTAssertEqual(first.counts.reduce(0, +), 200)
        XCTAssertEqual(second.counts.reduce(0, +), 200)

        let text = Histogram(groups: [.init("layer 1", small), .init("layer 10", huge)], bins: 20, axes: .perGroup)
            .render(width: 60, height: 24, charset: .ascii)
        let lines = text.split(separator: "\n").map(String.init)
        let rules = lines.indices.filter { lines[$0].contains("+--") && !lines[$0].contains("|") }
        XCTAssertEqual(rules.count, 2, "an x axis under each set:\n\(text)")
        let firstLabels = lines[rules[0] + 1], secondLabels = lines[rules[1] + 1]
        XCTAssertTrue(firstLabels.contains("1.0") && !firstLabels.contains("e"), firstLabels)
        XCTAssertTrue(secondLabels.contains("e11") || secondLabels.contains("e10"), secondLabels)
        XCTAssertLessThan(rules[0], lines.firstIndex { $0.hasPrefix("layer 10") }!, "the first axis is under the first set")
    }

    func testOnALogAxisEachSetSitsAtItsOwnPowersOfTen() {
        let binning = Histogram.Binning([small, huge], bins: 60, range: nil, scale: .log)
        XCTAssertEqual(binning.scale, .log)
        XCTAssertLessThanOrEqual(binning.low, 0.01)
        XCTAssertGreaterThanOrEqual(binning.high, 2e11)
        // Equal ratios take equal widths: the small set fills the low bins, the huge one the high bins.
        let occupied = binning.groups.map { group in group.counts.indices.filter { group.counts[$0] > 0 } }
        XCTAssertGreaterThan(occupied[0].count, 3)
        XCTAssertGreaterThan(occupied[1].count, 3)
        XCTAssertLessThan(occupied[0].max()!, occupied[1].min()!, "no bin holds both")

        let text = Histogram(groups: [.init("layer 1", small), .init("layer 10", huge)], bins: 24, scale: .log)
            .render(width: 72, height: 20, charset: .ascii)
        let labels = text.split(separator: "\n").map(String.init).first { $0.contains("1e6") } ?? ""
        XCTAssertTrue(labels.contains("1e9") && labels.contains("1000"), "powers of ten under a log axis:\n\(text)")
    }

    func testALogAxisCountsValuesAtOrBelowZeroAsNotShown() {
        let binning = Histogram.Binning([[0, -1, 1, 10, 100]], bins: 4, range: nil, scale: .log)
        XCTAssertEqual(binning.groups[0].counts.reduce(0, +), 3)
        XCTAssertEqual(binning.groups[0].outside, 2)
        let text = Histogram(values: [0, -1, 1, 10, 100], name: "v", bins: 4, scale: .log).render(width: 60, charset: .ascii)
        XCTAssertTrue(text.contains("2 outside the range or <= 0"), text)
    }

    func testTinyAndHugeMeansKeepTheirScale() {
        let tiny = [1e-30, 2e-30, 3e-30]
        let text = Histogram(values: tiny, name: "layer 50", bins: 3).render(width: 70, charset: .ascii)
        XCTAssertTrue(text.contains("layer 50: mean 2.00e-30 +/- 8.16e-31, n = 3"), text)
        XCTAssertFalse(text.contains("0.00 +/-"), text)
        let large = Histogram(values: [4e10, 5e10], name: "layer 10", bins: 2).render(width: 70, charset: .ascii)
        XCTAssertTrue(large.contains("layer 10: mean 4.50e10 +/- 5.00e9"), large)
        let plain = Histogram(values: [0.5, 1.5], name: "layer 1", bins: 2).render(width: 70, charset: .ascii)
        XCTAssertTrue(plain.contains("layer 1: mean 1.00 +/- 0.500"), plain)
    }

    func testTicksOfATinyRangeAreWrittenInScientificNotation() {
        let axis = Axis.linear(-1e-39, 1e-39, maxTicks: 5, extend: false)
        XCTAssertEqual(axis.labels, ["-1e-39", "-5e-40", "0", "5e-40", "1e-39"])
    }

    func testALogAxisWithinOneDecadeStillHasSeveralLabels() {
        XCTAssertEqual(Axis.log(4.5, 8, maxTicks: 6).labels, ["4", "5", "6", "7", "8", "9"], "ends a twentieth of a decade short are extended")
        XCTAssertEqual(Axis.log(0.0031, 2.7, maxTicks: 5).labels, ["0.01", "0.1", "1"], "wide ranges are unchanged")
    }

    func testAnAxisPerSetSurvivesARoundTripThroughJSON() throws {
        let binning = Histogram.Binning([small, huge], bins: 10, range: nil, scale: .log, axes: .perGroup)
        let decoded = try JSONDecoder().decode(Histogram.Binning.self, from: JSONEncoder().encode(binning))
        XCTAssertEqual(decoded, binning)
        // A binning stored before scales and per-set ranges existed still reads, as linear and shared.
        let old = #"{"low":0,"high":1,"bins":1,"groups":[{"counts":[2],"count":2,"sum":1,"sumSquares":0.5,"nonFinite":0,"outside":0}]}"#
        let read = try JSONDecoder().decode(Histogram.Binning.self, from: Data(old.utf8))
        XCTAssertNil(read.scale)
        XCTAssertNil(read.groups[0].low)
    }
}
