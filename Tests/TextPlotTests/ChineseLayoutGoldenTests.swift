import Foundation
import TextPlot
import XCTest

/// Tables and charts with Chinese labels line up at 60, 80 and 100 columns, in Unicode and in ASCII (where the
/// Chinese is kept): headers, cells, titles, legends, axis labels and captions wrap or are cut by display width,
/// never inside a character.
final class ChineseLayoutGoldenTests: XCTestCase {
    static let widths = [60, 80, 100]
    static let plainModes: [(Charset, Bool)] = [(.unicode, false), (.ascii, false)]

    func testTableWithChineseHeadersAndCells() {
        var table = Table(title: "不同学习率下动量法在峡谷函数上的最终损失（越小越好）", columns: [
            .init("优化器"), .init("学习率 η", format: .significant(2)),
            .init("最终损失", format: .scientific(2), nonFinite: "发散", best: .lowest),
            .init("说明（为什么会这样）"),
        ])
        table.append(["SGD", 0.01, 0.0123, "沿峡谷底部前进得很慢，五百步后仍未到达最低点。"])
        table.append(["动量 β=0.9", 0.01, 0.00041, "速度在平缓方向上累积，步子越走越大；在陡峭方向上来回抵消。"])
        table.append(["SGD", 0.5, .number(.infinity), "步长超过 2/λ，每一步都越过谷底，损失指数增长。"])
        table.caption = "★ 标出每列最好的值；“发散”表示损失变成了无穷大。"
        for width in Self.widths {
            for (charset, _) in Self.plainModes {
                let text = table.render(RenderOptions(width: width, charset: charset))
                let name = "zh-table-w\(width)-\(charset == .unicode ? "unicode" : "ascii")-plain"
                Golden.check(text, name)
                let lines = text.split(separator: "\n").map(String.init)
                let framed = lines.filter { $0.first.map { "│┌├└|+".contains($0) } ?? false }
                XCTAssertGreaterThan(framed.count, 6, name)
                XCTAssertEqual(Set(framed.map { TextWidth.of($0) }).count, 1, "\(name): every row is as wide as the border:\n\(text)")
                for line in lines { XCTAssertLessThanOrEqual(TextWidth.of(line), width, "\(name): \(line)") }
                // The bars of every row stand in the same columns: no cell is a column too wide or too narrow.
                let barColumns = Set(framed.filter { $0.hasPrefix("│") || $0.hasPrefix("|") }.map { columnsOf(["│", "|"], in: $0) })
                XCTAssertEqual(barColumns.count, 1, "\(name): the column bars line up:\n\(text)")
                XCTAssertTrue(text.contains("优化器") && text.contains("发散"), "\(name): the Chinese is kept:\n\(text)")
            }
        }
    }

    func testLineChartWithChineseTitleAxesAndLegend() {
        let steps = (0..<60).map { Double($0) }
        let chart = LineChart(
            title: "有无学习率升温（warmup）时的训练损失：升温让前几步不至于发散",
            xLabel: "训练步数（每步一个小批量）", yLabel: "交叉熵损失", yScale: .log,
            series: [.init("直接使用学习率 0.5", steps.map { 2.3 * exp(-$0 / 12) + 0.05 }),
                     .init("前 10 步线性升温到 0.5，之后保持不变", steps.map { 2.3 * exp(-max($0 - 4, 0) / 10) + 0.04 }, best: .lowest)])
        Golden.checkModes(chart, "zh-line", widths: Self.widths, height: 22, modes: Self.plainModes)
    }

    func testBarChartWithChineseLabels() {
        let chart = BarChart(title: "各学习率下的最终损失", bars: [
            ("学习率 0.01", 0.31), ("学习率 0.1", 0.052), ("学习率 0.3（最好）", 0.0123),
            ("学习率 1.0，步子太大以至于发散", .infinity),
        ], nonFinite: "发散", best: .lowest)
        Golden.checkModes(chart, "zh-bar", widths: Self.widths, modes: Self.plainModes)
    }

    func testImageCaptionsInChinese() {
        var images = Fixtures.digits
        images[0].caption = "预测 0 / 真实 0"
        images[1].caption = "预测 7 / 真实 1（被误认的手写数字）"
        images[2].caption = "索贝尔（Sobel）横向滤波器"
        let grid = ImageGrid(title: "分错的两张图和一个卷积核", images: images)
        Golden.checkModes(grid, "zh-images", widths: Self.widths, modes: Self.plainModes)
    }

    func testHistogramAndSparklinesWithChineseNames() {
        let groups = Fixtures.activations.enumerated().map { index, group in
            Histogram.Group(["第一层", "第二层（中间）", "第三层，最靠近输出的一层"][index], group.values)
        }
        let histogram = Histogram(title: "各层 tanh 激活值的分布：越深越集中在零附近", groups: groups, bins: 20,
                                  xLabel: "激活值（tanh 的输出）")
        Golden.checkModes(histogram, "zh-histogram", widths: Self.widths, height: 26, modes: Self.plainModes)
        let sparks = Sparkline(lines: [
            .init("训练损失", (0..<40).map { 2.3 * exp(-Double($0) / 9) }),
            .init("验证集准确率（%）", (0..<40).map { 100 - 80 * exp(-Double($0) / 7) }),
        ])
        Golden.checkModes(sparks, "zh-sparkline", widths: Self.widths, modes: Self.plainModes)
    }

    func testSurfaceWithChineseTitleAxesAndPaths() {
        var surface = Fixtures.ravineSurface
        surface.title = "峡谷 f(x, y) = 0.05x² + 2y²：从 S 出发走 30 步"
        surface.xLabel = "x（沿着谷底）"
        surface.yLabel = "y（横跨峡谷）"
        surface.paths[0].name = "SGD，学习率 0.48"
        surface.paths[1].name = "动量 0.6，学习率 0.3"
        Golden.checkModes(surface, "zh-surface", widths: Self.widths, height: 24, modes: Self.plainModes)
    }

    func testLabelsTooLongForTheChartAreCutAtACharacterAndPadded() {
        let long = String(repeating: "训练步数", count: 20)
        let chart = LineChart(title: long, xLabel: long, yLabel: long, series: [.init(long, [3, 2, 1])])
        for width in [41, 60, 61] {
            let text = chart.render(width: width, height: 16)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            XCTAssertEqual(lines.count, 16)
            for line in lines {
                // An odd width leaves one column a wide character can't fill: a space takes it.
                XCTAssertEqual(TextWidth.of(String(line)), width, "width \(width): \(line)")
            }
            XCTAssertTrue(text.contains("训练步数训练步数"), text)
        }
    }

    /// The display columns at which any of `marks` stands in `line`.
    private func columnsOf(_ marks: Set<Character>, in line: String) -> [Int] {
        var column = 0
        var result: [Int] = []
        for character in line {
            if marks.contains(character) { result.append(column) }
            column += TextWidth.of(character)
        }
        return result
    }
}
