import TextPlot
import XCTest

/// What each chart must show, asserted directly (the golden files pin the rest of the bytes).
final class ChartBehaviourTests: XCTestCase {
    func testASmallLineChartExactly() {
        let chart = LineChart(xLabel: "step", series: [.init("up", [0, 1, 2, 3], best: .highest)])
        // Three ticks fit 8 rows: 0 and 2 are labelled; 3 is less than a third of a step from 4, so the
        // axis is not stretched past the data.
        let expected = [
            "  |                              **@",
            "  |                         ******  ",
            "2 +                     *****       ",
            "  |                ******           ",
            "  |           ******                ",
            "  |       *****                     ",
            "  |  ******                         ",
            "0 +***                              ",
            "  ++--------------------+-----------",
            "   0                    2           ",
            "                step                ",
            "* up                                ",
            "@ highest point of up: 3 at step 3  ",
        ]
        XCTAssertEqual(chart.render(width: 36, height: 13, charset: .ascii), expected.joined(separator: "\n"))
    }

    func testSeriesAreToldApartByGlyphsWithoutColor() {
        let chart = LineChart(series: [.init("a", [1, 2]), .init("b", [2, 1]), .init("c", [1, 1]), .init("d", [2, 2])])
        let ascii = chart.render(width: 60, height: 12, charset: .ascii)
        XCTAssertTrue(ascii.contains("* a   o b   + c   x d"), ascii)
        let unicode = chart.render(width: 60, height: 12)
        XCTAssertTrue(unicode.contains("● a   ○ b   ◆ c   ◇ d"), unicode)
        for glyph in ["●", "○", "◆", "◇"] {
            XCTAssertGreaterThan(unicode.components(separatedBy: glyph).count, 2, "\(glyph) is drawn, not only in the legend")
        }
    }

    func testLogAxisLabelsAreRoundAndTheBestPointIsMarked() {
        let losses = (0..<50).map { 2.7 * pow(0.0031 / 2.7, Double($0) / 49) }
        let text = LineChart(yScale: .log, series: [.init("loss", losses, best: .lowest)]).render(width: 60, height: 16)
        for label in ["0.01 ┤", " 0.1 ┤", "   1 ┤"] { XCTAssertTrue(text.contains(label), "\(label)\n\(text)") }
        XCTAssertTrue(text.contains("★ lowest point of loss: 0.0031 at step 49"), text)
    }

    func testSurfaceContoursAndPathMarkers() {
        let surface = Surface(x: -1...1, y: -1...1, levels: 3, spacing: .linear, style: .contours,
                              paths: [.init("p", points: [(-0.8, 0.8), (0, 0), (0.5, -0.2)])],
                              function: { x, y in x * x + y * y })
        let text = surface.render(width: 50, height: 18, charset: .ascii)
        XCTAssertTrue(text.contains("S"), text)
        XCTAssertTrue(text.contains("E"), text)
        XCTAssertTrue(text.contains("1"), text)
        XCTAssertTrue(text.contains("contours of f: 1 = 0.67, 2 = 1.3"), text)
        XCTAssertTrue(text.contains("* p   S start   E end"), text)
    }

    func testHistogramCountsEveryFiniteValueOnce() {
        let values = [0, 0.1, 0.2, 0.5, 0.9, 1, .nan, .infinity]
        // Population standard deviation: sqrt(2.11 / 6 - 0.45^2) = 0.386.
        let text = Histogram(values: values, name: "v", bins: 2, range: 0...1, orientation: .horizontal)
            .render(width: 60, charset: .ascii)
        XCTAssertTrue(text.contains("v: mean 0.450 +/- 0.386, n = 6, 2 NaN/inf not counted"), text)
        XCTAssertTrue(text.contains("[0, 0.5) |"), text)
        let counts = text.split(separator: "\n").dropFirst().compactMap { Int($0.split(separator: " ").last!) }
        XCTAssertEqual(counts, [3, 3], "the maximum, 1, falls in the last bin")
    }

    func testStackedHistogramsShareBinsAndOptionallyTheScale() {
        let groups = [Histogram.Group("small", [0, 0.5, 1]), Histogram.Group("large", Array(repeating: 0.5, count: 30))]
        let own = Histogram(groups: groups, bins: 4, range: 0...1).render(width: 40, height: 14, charset: .ascii)
        XCTAssertTrue(own.contains(" 1 +###") && own.contains("30 +   "), own)
        let shared = Histogram(groups: groups, bins: 4, range: 0...1, sharedScale: true).render(width: 40, height: 14, charset: .ascii)
        XCTAssertEqual(shared.components(separatedBy: "30 +").count, 3, shared)
    }

    func testSparklineNeverAveragesADivergenceAway() {
        let values = (0..<100).map { $0 == 57 ? Double.nan : Double($0) }
        let text = Sparkline(lines: [.init("run", values)]).render(width: 30, charset: .ascii)
        XCTAssertEqual(text.filter { $0 == "x" }.count, 1, text)
        XCTAssertTrue(text.hasPrefix("run _"), text)
    }

    func testBarChartMarksTheBestAndPutsNegativeValuesLeft() {
        let text = BarChart(bars: [("a", -2), ("b", 4), ("c", 1)], format: .fixed(1), best: .highest)
            .render(width: 40, charset: .ascii)
        let lines = text.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines[0].contains("-2.0 ####"), text)
        XCTAssertTrue(lines[1].hasSuffix("4.0 *   ") || lines[1].contains("4.0 *"), text)
        XCTAssertLessThan(lines[0].firstIndex(of: "#")!, lines[1].firstIndex(of: "#")!, "negative bars end where positive ones start")
    }

    func testImageGridWrapsImagesToTheWidth() {
        let image = ImageGrid.Image(pixels: [[0, 1], [1, .nan]], caption: "c")
        let narrow = ImageGrid(images: [image, image, image]).render(width: 10, charset: .ascii)
        XCTAssertEqual(narrow.split(separator: "\n", omittingEmptySubsequences: false).first, "  @@    @@")
        XCTAssertTrue(narrow.contains("@@??"), "a NaN pixel shows as ??:\n\(narrow)")
        let wide = ImageGrid(images: [image, image, image]).render(width: 40, charset: .ascii)
        XCTAssertEqual(wide.split(separator: "\n").count, 3, wide)
    }
}

private extension String {
    func padding(_ width: Int) -> String { TextWidth.pad(self, to: width) }
}
