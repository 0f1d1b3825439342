import TextPlot
import XCTest

/// The words charts and tables write themselves come from `RenderOptions.words`: English by default,
/// another language's templates when given, with the names and numbers put in their places.
final class ChartWordsTests: XCTestCase {
    /// Every key as "<key>" with its placeholders kept, so each word drawn shows where it came from.
    private let marked = ChartWords(templates: Dictionary(uniqueKeysWithValues: ChartWords.keys.map { ($0, "<" + $0 + ">") }))

    func testEveryChartTakesItsOwnWordsFromTheOptions() {
        let options = RenderOptions(width: 90, charset: .unicode, words: marked)
        let line = LineChart(xLabel: "epoch", yLabel: "loss", yScale: .log,
                             series: [.init("run", [4, 2, .nan, 1], best: .lowest), .init("bad", [1, 0, 2])]).render(options)
        XCTAssertTrue(line.contains("<loss (log scale)>"), line)
        XCTAssertTrue(line.contains("<lowest point of run: 1 at epoch 3>"), line)
        XCTAssertTrue(line.contains("<run: 1 NaN/inf value (first at epoch 2) shown as gaps>"), line)
        XCTAssertTrue(line.contains("<bad: 1 value ≤ 0 not drawn on the log scale>"), line)
        XCTAssertFalse(line.contains("lowest point of run: 1 at epoch 3\n"), "no English left outside the template")

        let surface = Surface(x: -1...1, y: -1...1, paths: [.init("path", points: [(0.5, 0.5), (3, 3)])]) { $0 * $0 + $1 * $1 }
            .render(options)
        XCTAssertTrue(surface.contains("<start>") && surface.contains("<end>"), surface)
        XCTAssertTrue(surface.contains("f: <blank> <"), surface)
        XCTAssertTrue(surface.contains("<path: 1 of 2 points outside the window>"), surface)

        var table = Table(columns: [.init("loss", best: .lowest), .init("accuracy", best: .highest)])
        table.append([.number(0.5), .number(0.9)])
        let drawn = table.render(options)
        XCTAssertTrue(drawn.contains("★ <best in its column: <lowest loss><, ><highest accuracy>>"), drawn)

        let histogram = Histogram(groups: [.init("w", [1, 2, 3, .infinity])], bins: 3).render(options)
        XCTAssertTrue(histogram.contains("<mean 2.00 ± 0.816, n = 3>, <1 NaN/inf not counted>"), histogram)
        XCTAssertTrue(BarChart(bars: [BarChart.Bar]()).render(options).contains("<no data>"))
        let spark = Sparkline(lines: [.init("a", [1, 2]), .init("b", [3, 4])], sharedScale: true).render(options)
        XCTAssertTrue(spark.contains("<one scale for all lines: 1.00 .. 4.00>"), spark)
    }

    func testInASCIITheTemplatesSymbolsAreSpelled() {
        let words = ChartWords(templates: ["mean {0} ± {1}, n = {2}": "均值 {0} ± {1}，n = {2}"])
        let histogram = Histogram(groups: [.init("w", [1, 2, 3])], bins: 3).render(RenderOptions(width: 60, charset: .ascii, words: words))
        XCTAssertTrue(histogram.contains("均值 2.00 +/- 0.816，n = 3"), histogram)
    }
}
