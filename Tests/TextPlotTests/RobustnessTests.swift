import TextPlot
import XCTest

/// Awkward inputs render at the requested size with a note, never a crash.
final class RobustnessTests: XCTestCase {
    static let awkward: [(String, [Double])] = [
        ("empty", []), ("one point", [0.5]), ("all equal", [2, 2, 2, 2]), ("all NaN", [.nan, .nan]),
        ("infinities", [1, .infinity, -.infinity, 3]), ("zeros", [0, 0, 0]), ("negative", [-5, -1, -0.5]),
        ("huge", [1e300, -1e300, 1e-300]), ("mixed", [1, .nan, 2, .infinity, 0.5, -.infinity, 4]),
    ]

    func testLineChartsOfAwkwardSeriesKeepTheirSize() {
        for (name, values) in Self.awkward {
            for scale in [LineChart.Scale.linear, .log] {
                let chart = LineChart(title: name, yScale: scale, series: [.init(name, values, best: .lowest)])
                assertSize(chart, width: 60, height: 15, name)
            }
        }
        assertSize(LineChart(series: []), width: 40, height: 10, "no series")
    }

    func testNonFiniteValuesAreNoted() {
        let diverged = LineChart(series: [.init("lr 1", [1, 2, 4, .infinity, .nan])]).render(width: 60, height: 15)
        XCTAssertTrue(diverged.contains("lr 1: NaN/inf from step 3 on (diverged); not drawn"), diverged)
        let gaps = LineChart(series: [.init("run", [1, .nan, 2])]).render(width: 60, height: 15)
        XCTAssertTrue(gaps.contains("run: 1 NaN/inf value (first at step 1) shown as gaps"), gaps)
        let log = LineChart(yScale: .log, series: [.init("run", [1, 0, -2, 0.5])]).render(width: 60, height: 15, charset: .ascii)
        XCTAssertTrue(log.contains("run: 2 values <= 0 not drawn on the log scale"), log)
        XCTAssertTrue(LineChart(series: []).render(width: 40, height: 10).contains("no data"))
    }

    func testOtherChartsOfAwkwardValues() {
        for (name, values) in Self.awkward {
            assertSize(Histogram(values: values, name: name), width: 50, height: 12, name)
            assertSize(Histogram(values: values, name: name, orientation: .horizontal), width: 50, height: nil, name)
            assertSize(Sparkline(lines: [.init(name, values)]), width: 50, height: nil, name)
            assertSize(Sparkline(lines: [.init(name, values)], scale: .log), width: 50, height: nil, name)
            assertSize(BarChart(bars: values.enumerated().map { ("\($0)", $1) }, best: .highest), width: 50, height: nil, name)
            let image = ImageGrid.Image(pixels: values.isEmpty ? [] : [values, values], caption: name)
            assertSize(ImageGrid(images: [image]), width: 50, height: nil, name)
        }
    }

    func testSurfacesOfAwkwardFunctionsAndPaths() {
        let constant = Surface(x: 0...1, y: 0...1, function: { _, _ in 3 })
        XCTAssertTrue(constant.render(width: 40, height: 12).contains("f is constant over the window"))
        let overflowing = Surface(x: -1...1, y: -1...1, function: { x, _ in x > 0 ? .infinity : x })
        assertSize(overflowing, width: 40, height: 12, "overflowing")
        let wild = Surface(x: -1...1, y: -1...1, paths: [
            .init("far", points: [(0, 0), (1e12, -1e12), (0.5, 0.5)]),
            .init("diverged", points: [(0, 0), (0.3, 0.2), (.nan, 1)]),
            .init("empty", points: []),
        ], function: { x, y in x * x + y * y })
        let text = wild.render(width: 80, height: 24, charset: .ascii)
        assertSize(wild, width: 60, height: 20, "wild paths")
        XCTAssertTrue(text.contains("diverged: NaN/inf at point 2 (diverged); the path stops there"), text)
        XCTAssertTrue(text.contains("far: 1 of 3 points outside the window"), text)
        let grid = Surface(x: 0...1, y: 0...1, grid: [], paths: [])
        assertSize(grid, width: 30, height: 10, "empty grid")
    }

    func testEveryWidthAndHeightIsHonoured() {
        let chart = Fixtures.lossChart
        for width in stride(from: 8, through: 100, by: 7) {
            for height in stride(from: 3, through: 30, by: 4) {
                assertSize(chart, width: width, height: height, "loss chart \(width)x\(height)")
                assertSize(Fixtures.ravineSurface, width: width, height: height, "surface \(width)x\(height)")
            }
        }
    }

    func testRenderingIsDeterministic() {
        let first = Fixtures.ravineSurface.render(width: 70, height: 20, color: true)
        XCTAssertEqual(first, Fixtures.ravineSurface.render(width: 70, height: 20, color: true))
        XCTAssertEqual(Fixtures.lossChart.render(width: 70, height: 20), Fixtures.lossChart.render(width: 70, height: 20))
    }

    private func assertSize(_ item: any Renderable, width: Int, height: Int?, _ name: String,
                            file: StaticString = #filePath, line: UInt = #line) {
        for charset in [Charset.unicode, .ascii] {
            let plain = item.render(RenderOptions(width: width, height: height, charset: charset))
            let colored = item.render(RenderOptions(width: width, height: height, charset: charset, color: true))
            XCTAssertEqual(ANSI.strip(colored), plain, "\(name): color is not a pure overlay", file: file, line: line)
            let lines = plain.split(separator: "\n", omittingEmptySubsequences: false)
            if let height { XCTAssertEqual(lines.count, height, "\(name): height", file: file, line: line) }
            for text in lines {
                XCTAssertEqual(TextWidth.of(String(text)), width, "\(name): width of \"\(text)\"", file: file, line: line)
            }
        }
    }
}
