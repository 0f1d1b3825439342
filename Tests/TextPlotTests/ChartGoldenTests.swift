import TextPlot
import XCTest

/// Every chart kind, in Unicode and ASCII, plain and colored, at two widths, against its golden files.
/// `Golden.checkModes` also checks that color is a pure overlay, that ASCII mode is ASCII, and the size.
final class ChartGoldenTests: XCTestCase {
    func testLossChartLogScale() {
        Golden.checkModes(Fixtures.lossChart, "line-loss-log", widths: [80, 50], height: 22)
    }

    func testAccuracyChartLinear() {
        Golden.checkModes(Fixtures.accuracyChart, "line-accuracy", widths: [80, 50], height: 16)
    }

    func testRavineShades() {
        Golden.checkModes(Fixtures.ravineSurface, "surface-ravine-shades", widths: [80, 50], height: 24)
    }

    func testRavineContours() {
        var surface = Fixtures.ravineSurface
        surface.style = .contours
        Golden.checkModes(surface, "surface-ravine-contours", widths: [80, 50], height: 24)
    }

    func testStackedHistograms() {
        let histogram = Histogram(title: "tanh activations per layer", groups: Fixtures.activations, bins: 20,
                                  xLabel: "activation")
        Golden.checkModes(histogram, "histogram-stacked", widths: [80, 50], height: 26)
    }

    func testHorizontalHistogram() {
        let histogram = Histogram(title: "Layer 1 activations", values: Fixtures.activations[0].values,
                                  name: "layer 1", bins: 10, orientation: .horizontal)
        Golden.checkModes(histogram, "histogram-horizontal", widths: [80, 50])
    }

    func testBarChart() {
        let chart = BarChart(title: "Final loss by learning rate",
                             bars: [("lr 0.01", 0.31), ("lr 0.03", 0.1), ("lr 0.1", 0.052), ("lr 0.3", 0.0123),
                                    ("lr 1.0", .infinity)],
                             format: .significant(2), nonFinite: "diverged", best: .lowest)
        Golden.checkModes(chart, "bar", widths: [80, 50])
    }

    func testSparklines() {
        let sparks = Sparkline(lines: [
            .init("SGD", Fixtures.loss(Fixtures.descent(lr: 0.48, momentum: 0, steps: 100))),
            .init("momentum", Fixtures.loss(Fixtures.descent(lr: 0.3, momentum: 0.6, steps: 100))),
            .init("lr 0.52", [8.6, 9.2, 10, 11, 13, .infinity, .nan]),
        ], sharedScale: true, scale: .log)
        Golden.checkModes(sparks, "sparkline", widths: [80, 50])
    }

    func testImageGrid() {
        let grid = ImageGrid(title: "Two digits and a filter", images: Fixtures.digits)
        Golden.checkModes(grid, "images", widths: [80, 50])
    }
}
