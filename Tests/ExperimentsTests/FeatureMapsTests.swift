import Engine
import Lessons
import XCTest

@testable import Experiments

/// The hand-made filters against values computed by hand, and the weight-sharing checks.
final class FeatureMapsTests: XCTestCase {
    func testVerticalEdgeFilterByHand() {
        // A 3×3 image with a bright right column: the vertical-edge filter at the centre sums
        // (−1·0 + 0·0 + 1·1) over three rows = 3; the horizontal-edge filter sees no change down the rows = 0;
        // the blur is the mean, 3/9.
        let image = Tensor([0, 0, 1, 0, 0, 1, 0, 0, 1], shape: [1, 1, 3, 3])
        let maps = conv2d(image, weight: FeatureMaps.weight)
        XCTAssertEqual(maps.shape, [1, 3, 1, 1])
        XCTAssertEqual(maps.scalars[0], 3, accuracy: 1e-6)
        XCTAssertEqual(maps.scalars[1], 0, accuracy: 1e-6)
        XCTAssertEqual(maps.scalars[2], 1.0 / 3, accuracy: 1e-6)
    }

    func testShiftMovesPixelsRightAndFillsWithZeros() {
        let image = Tensor((0..<64).map(Float.init), shape: [1, 1, 8, 8])
        let moved = FeatureMaps.shiftedRight(image, by: 2).scalars
        XCTAssertEqual(Array(moved[0..<4]), [0, 0, 0, 1])
        XCTAssertEqual(moved[8 + 7], 8 + 5)
    }

    func testMetricsOfTheDefaultRun() throws {
        let result = try FeatureMaps.run(FeatureMaps.Parameters(), context: ExperimentContext(seed: 0))
        XCTAssertEqual(number(result, "conv.parameters"), 30)   // 3 filters × 9 weights + 3 biases
        XCTAssertEqual(number(result, "dense.parameters"), 64 * 192 + 192)
        XCTAssertEqual(number(result, "conv.height"), 8)
        XCTAssertEqual(number(result, "pool.height"), 4)
        XCTAssertEqual(number(result, "pool.values"), 3 * 4 * 4)
        XCTAssertEqual(number(result, "relu.min"), 0)
        XCTAssertLessThan(number(result, "conv.min"), 0)
        XCTAssertEqual(number(result, "shift.max_difference"), 0, accuracy: 1e-6)
    }

    func testLargerPoolAndShift() throws {
        var p = FeatureMaps.Parameters()
        (p.pool, p.shift, p.digit) = (4, 3, 0)
        let result = try FeatureMaps.run(p, context: ExperimentContext(seed: 0))
        XCTAssertEqual(number(result, "pool.height"), 2)
        XCTAssertEqual(number(result, "shift.max_difference"), 0, accuracy: 1e-6)
    }

    func testOutOfRangeParametersAreRefused() {
        XCTAssertThrowsError(try parseCell("feature-maps", "digit: 10"))
        XCTAssertThrowsError(try parseCell("feature-maps", "shift: -1"))
        XCTAssertNoThrow(try parseCell("feature-maps", "digit: 7"))
    }
}
