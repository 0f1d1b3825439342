import TextPlot
import XCTest

final class NumberFormatTests: XCTestCase {
    func testFixedRoundsHalfAwayFromZeroAndDropsTheSignOfZero() {
        XCTAssertEqual(NumberFormat.fixed(3).format(3.14159), "3.142")
        XCTAssertEqual(NumberFormat.fixed(2).format(0.125), "0.13")
        XCTAssertEqual(NumberFormat.fixed(2).format(-0.125), "-0.13")
        XCTAssertEqual(NumberFormat.fixed(2).format(-0.001), "0.00")
        XCTAssertEqual(NumberFormat.fixed(0).format(2.5), "3")
        XCTAssertEqual(NumberFormat.fixed(4).format(0.00005), "0.0001")
        XCTAssertEqual(NumberFormat.fixed(1).format(1234567.89), "1234567.9")
    }

    func testFixedSwitchesToScientificPastExactDigits() {
        XCTAssertEqual(NumberFormat.fixed(2).format(1.5e300), "1.500e300")
    }

    func testSignificantDigits() {
        XCTAssertEqual(NumberFormat.significant(3).format(0.012345), "0.0123")
        XCTAssertEqual(NumberFormat.significant(3).format(123.456), "123")
        XCTAssertEqual(NumberFormat.significant(3).format(12345), "12345")
        XCTAssertEqual(NumberFormat.significant(3).format(9.996), "10.0")
        XCTAssertEqual(NumberFormat.significant(2).format(0.0000012), "1.2e-6")
        XCTAssertEqual(NumberFormat.significant(3).format(0), "0.00")
        XCTAssertEqual(NumberFormat.significant(4).format(-2.5), "-2.500")
    }

    func testScientific() {
        XCTAssertEqual(NumberFormat.scientific(2).format(0.00012), "1.20e-4")
        XCTAssertEqual(NumberFormat.scientific(1).format(9.96e5), "1.0e6")
        XCTAssertEqual(NumberFormat.scientific(3).format(-6.02214e23), "-6.022e23")
        XCTAssertEqual(NumberFormat.scientific(2).format(1), "1.00e0")
        XCTAssertEqual(NumberFormat.scientific(2).format(.leastNonzeroMagnitude), "4.94e-324")
    }

    func testIntegerAndPercent() {
        XCTAssertEqual(NumberFormat.integer.format(41.5), "42")
        XCTAssertEqual(NumberFormat.integer.format(-41.5), "-42")
        XCTAssertEqual(NumberFormat.percent(1).format(0.9731), "97.3%")
        XCTAssertEqual(NumberFormat.percent(0).format(1), "100%")
    }

    func testNonFiniteValuesPrintAsWordsAndNeverCrash() {
        XCTAssertEqual(NumberFormat.fixed(2).format(.nan), "NaN")
        XCTAssertEqual(NumberFormat.fixed(2).format(.infinity), "inf")
        XCTAssertEqual(NumberFormat.scientific(2).format(-.infinity), "-inf")
        XCTAssertEqual(NumberFormat.percent(2).format(.nan, nonFinite: "diverged"), "diverged")
    }

    func testExtremeDecimalsAreClamped() {
        XCTAssertEqual(NumberFormat.fixed(-3).format(2.4), "2")
        XCTAssertEqual(NumberFormat.fixed(40).format(0.5), "0.500000000000000")
        XCTAssertEqual(NumberFormat.fixed(2).format(.greatestFiniteMagnitude), "1.798e308")
    }
}
