import Lessons
import XCTest

@testable import Experiments

/// `train`'s step losses against examples seen (`x_axis: examples`), so batch sizes share an axis.
final class TrainStepLossAxisTests: XCTestCase {
    private func stepLossChart(batchSizes: [Int], xAxis: TrainClassifier.XAxis) throws -> LineChart {
        var p = TrainClassifier.Parameters()
        p.dataset = .blobs
        p.points = 50  // 150 training examples
        p.model = .linear
        p.batchSizes = batchSizes
        p.epochs = 2
        p.xAxis = xAxis
        p.curves = [.stepLoss]
        let result = try TrainClassifier.run(p, context: ExperimentContext(seed: 0))
        let charts = result.figures.compactMap { figure -> LineChart? in
            if case .lineChart(let chart) = figure { return chart }
            return nil
        }
        return try XCTUnwrap(charts.first)
    }

    func testStepsAreCountedInExamplesWithAShortLastBatch() throws {
        // 150 examples in batches of 128: steps of 128 and 22 examples, twice.
        let chart = try stepLossChart(batchSizes: [128, 0], xAxis: .examples)
        XCTAssertEqual(chart.xLabel, "examples seen" as Phrase)
        XCTAssertEqual(chart.series[0].x, [128, 150, 278, 300])
        XCTAssertEqual(chart.series[0].y.count, 4)
        XCTAssertEqual(chart.series[1].x, [150, 300], "full batch: one step per epoch")
    }

    func testStepAxisIsUnchangedByDefault() throws {
        let chart = try stepLossChart(batchSizes: [128], xAxis: .epoch)
        XCTAssertEqual(chart.xLabel, "step" as Phrase)
        XCTAssertNil(chart.series[0].x)
        XCTAssertEqual(chart.series[0].y.count, 4)
    }
}
