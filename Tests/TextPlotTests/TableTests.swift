import TextPlot
import XCTest

final class TableTests: XCTestCase {
    /// The kind of table a lesson prints: optimizers compared, one diverged, the best loss marked.
    static let results: Table = {
        var table = Table(
            title: "SGD and momentum on the ravine, 200 steps",
            columns: [
                .init("optimizer"),
                .init("learning rate", format: .significant(2)),
                .init("final loss", format: .scientific(2), nonFinite: "diverged", best: .lowest),
                .init("accuracy", format: .percent(1), best: .highest),
                .init("notes"),
            ],
            caption: "Loss after 200 steps from (-4, 1); momentum uses beta = 0.9.")
        table.append(["SGD", 0.01, 0.0123, 0.912, "slow along the valley floor"])
        table.append(["SGD", 0.05, 1.5e-3, 0.9605, "zigzags across the ravine walls"])
        table.append(["SGD", 0.5, .number(.infinity), .number(.nan), "steps overshoot and grow"])
        table.append(["momentum", 0.01, 4.1e-5, 0.9731, "velocity builds up along the floor"])
        table.append(["Nesterov", 0.01, 3.95e-5, 0.9731, ""])
        return table
    }()

    func testGoldenInFourModesAtTwoWidths() {
        Golden.checkModes(Self.results, "table", widths: [100, 60, 40], fixedSize: false)
        for width in [100, 60, 40] {
            for line in Self.results.render(width: width).split(separator: "\n") {
                XCTAssertLessThanOrEqual(TextWidth.of(String(line)), width)
            }
        }
        Golden.check(Self.results.markdown(), "table-markdown")
    }

    func testNumbersAlignOnTheDecimalPoint() {
        let table = Table(columns: [.init("x", format: .fixed(3))], rows: [[1.5], [-12.25], [100]])
        XCTAssertEqual(table.render(width: 40, charset: .ascii), """
            +---------+
            |       x |
            +=========+
            |   1.500 |
            | -12.250 |
            | 100.000 |
            +---------+
            """)
    }

    func testMixedDecimalsAndWordsAlign() {
        let table = Table(columns: [.init("v", format: .significant(3), nonFinite: "diverged")],
                          rows: [[0.5], [12.25], [.number(-.infinity)], [1234]])
        let lines = table.render(width: 40, charset: .ascii).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[3], "|    0.500 |")
        XCTAssertEqual(lines[4], "|   12.3   |")
        XCTAssertEqual(lines[5], "| diverged |")
        XCTAssertEqual(lines[6], "| 1234     |")
    }

    func testBestMarkerShowsWithoutColorAndKeepsAlignment() {
        let table = Table(columns: [.init("loss", format: .fixed(2), best: .lowest)], rows: [[0.3], [0.1], [0.1], [.number(.nan)]])
        let lines = table.render(width: 40, charset: .ascii).split(separator: "\n").map(String.init)
        XCTAssertEqual(lines[3], "| 0.30   |")
        XCTAssertEqual(lines[4], "| 0.10 * |")
        XCTAssertEqual(lines[5], "| 0.10 * |", "ties are all best")
        XCTAssertEqual(lines[6], "|  NaN   |")
        XCTAssertEqual(lines.last, "* best in its column: lowest loss")
        XCTAssertTrue(table.render(width: 40).contains("0.10 ★"))
    }

    func testPipesInCellsKeepMarkdownValid() {
        let table = Table(columns: [.init("expr"), .init("value", format: .fixed(1))],
                          rows: [["|x| + a\\|b", 2], ["two\nlines", 3]])
        let markdown = table.markdown()
        XCTAssertEqual(markdown, """
            | expr           | value |
            | :------------- | ----: |
            | \\|x\\| + a\\\\\\|b |   2.0 |
            | two<br>lines   |   3.0 |
            """)
        for line in markdown.split(separator: "\n") {
            XCTAssertEqual(Self.unescapedPipes(String(line)), 3, "each row keeps exactly its three separators: \(line)")
        }
    }

    func testANumberThatDoesNotFitIsNeverCut() {
        let table = Table(columns: [.init("a long text column that must wrap"), .init("big", format: .fixed(4))],
                          rows: [["words words words words", 123_456_789.123_4]])
        let boxed = table.render(width: 36, charset: .ascii)
        XCTAssertTrue(boxed.contains("| 123456789.1234 |"), boxed)
        XCTAssertEqual(Set(boxed.split(separator: "\n").map { TextWidth.of(String($0)) }), [36], boxed)
        // Too narrow for columns side by side: one block per row, and the number still whole.
        let stacked = table.render(width: 24, charset: .ascii)
        XCTAssertTrue(stacked.contains("big       123456789.1234"), stacked)
        for line in stacked.split(separator: "\n") { XCTAssertLessThanOrEqual(TextWidth.of(String(line)), 24) }
        // At an impossible width the line is longer than asked rather than the number wrong.
        XCTAssertTrue(table.render(width: 10).contains("123456789.1234"))
    }

    func testCJKTextAlignsByDisplayWidth() {
        let table = Table(columns: [.init("名前"), .init("値", format: .fixed(2))],
                          rows: [["学习率", 0.1], ["lr", 0.25], ["🚀 fast", 1]])
        let lines = table.render(width: 40).split(separator: "\n").map { TextWidth.of(String($0)) }
        XCTAssertEqual(Set(lines).count, 1, table.render(width: 40))
    }

    func testFortyColumnsWrapsTextToFit() {
        let text = Self.results.render(width: 40)
        for line in text.split(separator: "\n") {
            XCTAssertLessThanOrEqual(TextWidth.of(String(line)), 40, String(line))
        }
        XCTAssertTrue(text.contains("final loss      3.95e-5 ★"), text)
        XCTAssertTrue(text.contains("diverged"))
    }

    func testEmptyTablesRender() {
        XCTAssertEqual(Table(title: "t", columns: []).render(width: 20), "t")
        let empty = Table(columns: [.init("a"), .init("b")])
        XCTAssertEqual(empty.render(width: 20, charset: .ascii), "+---+---+\n| a | b |\n+===+===+\n+---+---+")
        let ragged = Table(columns: [.init("a"), .init("b")], rows: [["x"], ["y", "z", "ignored"]])
        XCTAssertFalse(ragged.render(width: 20).contains("ignored"))
    }

    static func unescapedPipes(_ line: String) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if escaped { escaped = false; continue }
            if character == "\\" { escaped = true } else if character == "|" { count += 1 }
        }
        return count
    }
}
