import XCTest

@testable import TextPlot

/// In ASCII mode, the caller's own text is spelled in ASCII before layout, so output is pure ASCII
/// and columns still line up.
final class ASCIISpellingTests: XCTestCase {
    private func isPrintableASCII(_ text: String) -> Bool {
        text.unicodeScalars.allSatisfy { $0 == "\n" || (0x20...0x7E).contains($0.value) }
    }

    func testTransliteration() {
        XCTAssertEqual(ASCIIText.transliterate("v ← βv + g"), "v <- beta v + g")
        XCTAssertEqual(ASCIIText.transliterate("0.1x² − 4η"), "0.1x^2 - 4eta")
        XCTAssertEqual(ASCIIText.transliterate("漢"), "漢", "Chinese has no ASCII spelling and is kept")
        XCTAssertEqual(ASCIIText.transliterate("学习率η（步长）→ 0.1，“预热”—±"), "学习率eta（步长）-> 0.1，\"预热\"--+/-")
        XCTAssertEqual(ASCIIText.transliterate("x ∈ ☃"), "x in ?", "what is neither spelled nor CJK is still '?'")
        XCTAssertEqual(ASCIIText.transliterate("θ ← θ − η∇L"), "theta <- theta - eta grad L")
        XCTAssertEqual(ASCIIText.transliterate("plain"), "plain")
        XCTAssertEqual(ASCIIText.transliterate("m̂ = m/(1 − β₁ᵗ)"), "m_hat = m/(1 - beta1^t)")
        XCTAssertEqual(ASCIIText.transliterate("½(a·x²)"), "1/2(a*x^2)")
    }

    func testTableCellsAreSpelledBeforeTheColumnsAreMeasured() {
        var table = Table(title: "Weight decay λ", columns: [.init("run"), .init("‖w‖", format: .fixed(2))])
        table.append(["λ 0.1", 1.5])
        table.append(["λ 3", 0.25])
        let text = table.render(width: 40, charset: .ascii)
        XCTAssertTrue(isPrintableASCII(text), text)
        XCTAssertTrue(text.contains("lambda 0.1"), text)
        let widths = Set(text.split(separator: "\n").filter { $0.hasPrefix("|") || $0.hasPrefix("+") }.map(\.count))
        XCTAssertEqual(widths.count, 1, "every border and row line is as wide as the others:\n\(text)")
    }

    func testChartsSpellTitlesLabelsAndNames() {
        let chart = LineChart(title: "Loss with β", xLabel: "step", yLabel: "L(θ)",
                              series: [.init("η 0.1", [3, 2, 1]), .init("η 0.5", [3, 1, 0.5])])
        let surface = Surface(title: "f = x² + y²", x: -1...1, y: -1...1, paths: [.init("β 0.9", points: [(0.5, 0.5), (0, 0)])]) { $0 * $0 + $1 * $1 }
        let histogram = Histogram(groups: [.init("σ = 1", [0, 1, 1, 2])], bins: 3)
        for text in [chart.render(width: 50, height: 12, charset: .ascii), surface.render(width: 50, height: 14, charset: .ascii),
                     histogram.render(width: 50, height: 10, charset: .ascii)] {
            XCTAssertTrue(isPrintableASCII(text), text)
        }
        XCTAssertTrue(chart.render(width: 50, height: 12, charset: .ascii).contains("eta 0.1"))
        XCTAssertTrue(chart.render(width: 50, height: 12, charset: .unicode).contains("η 0.1"), "Unicode keeps the caller's text")
    }
}
