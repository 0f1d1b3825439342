import TextPlot
import XCTest

final class AxisTests: XCTestCase {
    func testLinearTicksOnAnAwkwardRangeAreRound() {
        let axis = Axis.linear(-3.2, 97, maxTicks: 6)
        XCTAssertEqual(axis.labels, ["0", "20", "40", "60", "80", "100"])
        XCTAssertEqual(axis.lower, -3.2, "the low end is far from -20, so the axis is not stretched to it")
        XCTAssertEqual(axis.upper, 100, "97 is close to 100, so the axis ends on a label")
        XCTAssertEqual(Axis.linear(-3.2, 97, maxTicks: 12).labels, ["0", "10", "20", "30", "40", "50", "60", "70", "80", "90", "100"])
        XCTAssertEqual(Axis.linear(-3.2, 97, maxTicks: 3).labels, ["0", "50", "100"])
    }

    func testLogTicksOnAnAwkwardRangeAreRound() {
        let axis = Axis.log(0.0031, 2.7, maxTicks: 5)
        XCTAssertEqual(axis.labels, ["0.01", "0.1", "1"])
        XCTAssertTrue(axis.isLog)
        // With room for more, 1-2-5 steps; the low end extends to 0.002, within a quarter decade, but 2.7
        // is more than a quarter decade from 5.
        XCTAssertEqual(Axis.log(0.0031, 2.7, maxTicks: 12).labels,
                       ["0.002", "0.005", "0.01", "0.02", "0.05", "0.1", "0.2", "0.5", "1", "2"])
        // Every third power of ten fits five ticks (every fifth would leave the range with three labels).
        XCTAssertEqual(Axis.log(1e-12, 8.5, maxTicks: 5).labels, ["1e-12", "1e-9", "1e-6", "0.001", "1"])
        XCTAssertEqual(Axis.log(1e-12, 8.5, maxTicks: 4).labels, ["1e-10", "1e-5", "1"])
        XCTAssertEqual(Axis.log(3, 4e6, maxTicks: 8).labels, ["10", "100", "1000", "1e4", "1e5", "1e6"])
    }

    func testSmallAndFractionalSteps() {
        XCTAssertEqual(Axis.linear(0.02, 2.3, maxTicks: 6).labels, ["0.0", "0.5", "1.0", "1.5", "2.0"])
        XCTAssertEqual(Axis.linear(0.1, 0.13, maxTicks: 4).labels, ["0.10", "0.11", "0.12", "0.13"])
        XCTAssertEqual(Axis.linear(0, 3, maxTicks: 8, integerSteps: true).labels, ["0", "1", "2", "3"])
        XCTAssertEqual(Axis.linear(0, 2e7, maxTicks: 3).labels, ["0", "1e7", "2e7"])
    }

    func testDegenerateRangesStillGiveAnAxis() {
        XCTAssertEqual(Axis.linear(5, 5, maxTicks: 5).labels, ["4.6", "4.8", "5.0", "5.2", "5.4"])
        XCTAssertEqual(Axis.linear(0, 0, maxTicks: 3).labels, ["-1", "0", "1"])
        XCTAssertEqual(Axis.log(1, 1, maxTicks: 5).labels, ["0.2", "0.5", "1", "2", "5"])
        XCTAssertEqual(Axis.linear(7, -2, maxTicks: 4).lower, -2, "reversed ends are swapped")
    }

    func testPositionsAreLinearOrLogarithmic() {
        let linear = Axis.linear(0, 10, maxTicks: 3)
        XCTAssertEqual(linear.position(5, cells: 11), 5)
        XCTAssertNil(linear.position(.nan, cells: 11))
        let log = Axis.log(1, 100, maxTicks: 3)
        XCTAssertEqual(log.position(10, cells: 11)!, 5, accuracy: 1e-12)
        XCTAssertNil(log.position(0, cells: 11), "zero has no place on a log axis")
        XCTAssertNil(log.position(-1, cells: 11))
    }
}
