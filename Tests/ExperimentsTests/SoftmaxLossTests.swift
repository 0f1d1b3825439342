import Lessons
import TextPlot
import XCTest

@testable import Experiments

/// The softmax experiment against values from NumPy (float64), and its naive path's failures.
///
/// Reference values from:
///
///     import numpy as np, math
///     z = np.array([2, 1, 0.1, -1], dtype=np.float64)
///     p = np.exp(z) / np.exp(z).sum()
///     print(p.tolist(), (-np.log(p)).tolist(), np.log(np.exp(z).sum()))
///     z = np.float32([1000, 999, -1000]); e = np.exp(z)   # [inf inf 0.]
///     print(-np.log(e[0] / e.sum()))                       # nan
///     print(math.log(1 + math.exp(-1)), math.log(10))      # 0.31326168751822286 2.302585092994046
final class SoftmaxLossTests: XCTestCase {
    private func run(_ logits: [Double], label: Int, curve: Bool = false) throws -> ExperimentResult {
        var p = SoftmaxLoss.Parameters()
        p.logits = logits
        p.label = label
        p.curve = curve
        return try SoftmaxLoss.run(p, context: ExperimentContext(seed: 0))
    }

    private func number(_ result: ExperimentResult, _ name: String, file: StaticString = #filePath, line: UInt = #line) -> Double {
        guard case .number(let value) = result.metric(named: name) else {
            XCTFail("no numeric metric \(name)", file: file, line: line)
            return .nan
        }
        return value
    }

    func testSmallLogitsAgainstNumPy() throws {
        let result = try run([2, 1, 0.1, -1], label: 0)
        XCTAssertEqual(number(result, "loss"), 0.4493130023803545, accuracy: 1e-6)
        XCTAssertEqual(number(result, "naive_loss"), 0.4493130023803545, accuracy: 1e-6)
        XCTAssertEqual(number(result, "p_true"), 0.6380663511479375, accuracy: 1e-6)
        XCTAssertEqual(number(result, "log_sum_exp"), 2.4493130023803547, accuracy: 1e-6)
        XCTAssertEqual(number(result, "sum_p"), 1, accuracy: 1e-6)
        XCTAssertEqual(number(result, "uniform_loss"), log(4.0), accuracy: 1e-12)
        XCTAssertEqual(result.metric(named: "naive_finite"), .flag(true))
        XCTAssertEqual(result.metric(named: "stable_finite"), .flag(true))
    }

    func testLeastLikelyClassHasTheLargestLoss() throws {
        let result = try run([2, 1, 0.1, -1], label: 3)
        XCTAssertEqual(number(result, "loss"), 3.4493130023803547, accuracy: 1e-5)
        XCTAssertEqual(number(result, "p_true"), 0.03176745304783585, accuracy: 1e-6)
    }

    func testHugeLogitsOverflowTheNaivePathOnly() throws {
        let result = try run([1000, 999, -1000], label: 0)
        XCTAssertTrue(number(result, "naive_loss").isNaN, "∞/∞ is NaN")
        XCTAssertEqual(result.metric(named: "naive_finite"), .flag(false))
        XCTAssertEqual(result.metric(named: "stable_finite"), .flag(true))
        // Float spacing at 1000 is 6e-5, so the stable loss is right to about that.
        XCTAssertEqual(number(result, "loss"), 0.31326168751822286, accuracy: 2e-4)
        XCTAssertEqual(number(result, "p_true"), 1 / (1 + exp(-1.0)), accuracy: 1e-4)
    }

    func testAllLogitsUnderflowingIsZeroOverZero() throws {
        // Both exponentials are 0 in Float: the naive loss is −log(0/0); the stable one is unchanged by the shift.
        let result = try run([-1000, -1001], label: 0)
        XCTAssertTrue(number(result, "naive_loss").isNaN)
        XCTAssertEqual(number(result, "loss"), 0.31326168751822286, accuracy: 2e-4)
    }

    func testUniformLogitsGiveLogOfTheClassCount() throws {
        let result = try run(Array(repeating: 0, count: 10), label: 7)
        XCTAssertEqual(number(result, "loss"), 2.302585092994046, accuracy: 1e-5)
        XCTAssertEqual(number(result, "uniform_loss"), 2.302585092994046, accuracy: 1e-12)
        XCTAssertEqual(number(result, "p_true"), 0.1, accuracy: 1e-6)
    }

    func testLabelOutsideTheLogitsIsAClearError() {
        XCTAssertThrowsError(try run([1, 2, 3], label: 3)) { error in
            XCTAssertTrue("\(error)".contains("label 3 is not a class"), "\(error)")
        }
    }

    func testFiguresFollowTheFlags() throws {
        let withCurve = try run([2, 1, 0.1, -1], label: 3, curve: true)
        let charts = withCurve.figures.compactMap { figure -> Lessons.LineChart? in
            if case .lineChart(let chart) = figure { return chart }
            return nil
        }
        XCTAssertEqual(charts.count, 1)
        XCTAssertEqual(charts.first?.series.first?.x ?? [], [0.03176745304783585], accuracy: 1e-6)
        var p = SoftmaxLoss.Parameters()
        p.table = false
        let bare = try SoftmaxLoss.run(p, context: ExperimentContext(seed: 0))
        XCTAssertFalse(bare.items.contains { if case .figure = $0 { return true } else { return false } })
    }

    func testCatalogHasTheExperimentAndItsParameters() {
        let entry = experimentCatalog.entries.first { $0.name == "softmax" }
        XCTAssertEqual(entry?.parameters.map(\.key), ["logits", "label", "naive", "table", "curve"])
        XCTAssertEqual(entry?.parameters.first?.defaultValue, "[2, 1, 0.1, -1]")
    }
}

private func XCTAssertEqual(_ a: [Double], _ b: [Double], accuracy: Double, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "lengths differ: \(a) and \(b)", file: file, line: line)
    for (x, y) in zip(a, b) { XCTAssertEqual(x, y, accuracy: accuracy, file: file, line: line) }
}
