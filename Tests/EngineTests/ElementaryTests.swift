import Foundation
import XCTest
@testable import Engine

/// The engine's own e^x and ln x against Double's, on every 97th float of their domains and the special cases.
final class ElementaryTests: XCTestCase {
    /// How many units in the last place `value` is from `exact`, the correctly rounded value (both finite).
    private func ulps(_ value: Float, from exact: Double) -> Double {
        let rounded = Float(exact)
        let unit = rounded == 0 ? Float.leastNonzeroMagnitude.ulp : rounded.ulp
        return abs(Double(value) - exact) / Double(unit)
    }

    func testExpIsCorrectlyRoundedToWithinATenThousandthOfAUnit() {
        var worst = 0.0
        var worstAt: Float = 0
        for range in [(Float(-103.9), Float(-0.0)), (Float(0), Float(88.72))] {
            var x = range.0
            // Walk the bit patterns from one end to the other, `stride` patterns at a time.
            let stride: UInt32 = 97
            while x <= range.1 && x.isFinite {
                let exact = Foundation.exp(Double(x))
                if Float(exact).isFinite && exact >= Double(Float.leastNormalMagnitude) {
                    let error = ulps(Elementary.exp(x), from: exact)
                    if error > worst { (worst, worstAt) = (error, x) }
                } else if exact < Double(Float.leastNormalMagnitude) {
                    // Subnormal results: within one subnormal step.
                    XCTAssertLessThanOrEqual(abs(Double(Elementary.exp(x)) - exact), Double(Float.leastNonzeroMagnitude), "exp(\(x))")
                }
                let bits = x.sign == .minus ? (x.bitPattern & 0x7FFF_FFFF > stride ? x.bitPattern - stride : 0) : x.bitPattern + stride
                x = Float(bitPattern: bits)
            }
        }
        XCTAssertLessThanOrEqual(worst, 0.5001, "worst error \(worst) ulp at exp(\(worstAt))")
    }

    func testExpSpecialValues() {
        XCTAssertEqual(Elementary.exp(0), 1)
        XCTAssertEqual(Elementary.exp(-.infinity), 0)
        XCTAssertEqual(Elementary.exp(.infinity), .infinity)
        XCTAssertEqual(Elementary.exp(89), .infinity)
        XCTAssertEqual(Elementary.exp(-105), 0)
        XCTAssertTrue(Elementary.exp(.nan).isNaN)
        XCTAssertEqual(Elementary.exp(88.72), Float(Foundation.exp(Double(Float(88.72)))))
    }

    func testLogIsCorrectlyRoundedToWithinATenThousandthOfAUnit() {
        var worst = 0.0
        var worstAt: Float = 0
        var bits: UInt32 = 1 // every 97th positive float, subnormals included
        while bits < Float.infinity.bitPattern {
            let x = Float(bitPattern: bits)
            let error = ulps(Elementary.log(x), from: Foundation.log(Double(x)))
            if error > worst { (worst, worstAt) = (error, x) }
            bits += 97
        }
        XCTAssertLessThanOrEqual(worst, 0.5001, "worst error \(worst) ulp at log(\(worstAt))")
    }

    func testLogSpecialValues() {
        XCTAssertEqual(Elementary.log(1), 0)
        XCTAssertEqual(Elementary.log(0), -.infinity)
        XCTAssertEqual(Elementary.log(-0.0), -.infinity)
        XCTAssertEqual(Elementary.log(.infinity), .infinity)
        XCTAssertTrue(Elementary.log(-1).isNaN)
        XCTAssertTrue(Elementary.log(-.infinity).isNaN)
        XCTAssertTrue(Elementary.log(.nan).isNaN)
        XCTAssertEqual(Elementary.log(.leastNonzeroMagnitude), Float(Foundation.log(Double(Float.leastNonzeroMagnitude))))
    }

    /// A buffer's last few values (the scalar tail) get the same bits as the same values inside a vector.
    func testTailMatchesVectorLanes() {
        let values: [Float] = (0..<19).map { Float($0) * 0.37 - 3 }
        var out = [Float](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { target in
                Elementary.apply(Elementary.exp, source.baseAddress!, into: target.baseAddress!, count: values.count)
            }
        }
        for (x, y) in zip(values, out) { XCTAssertEqual(y.bitPattern, Elementary.exp(x).bitPattern, "exp(\(x))") }
    }
}
