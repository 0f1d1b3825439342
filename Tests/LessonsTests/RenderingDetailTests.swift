import TextPlot
import XCTest
@testable import Lessons

/// Rendering details checked on small inputs.
final class MarkdownRendererTests: XCTestCase {
    private func render(_ markdown: String, width: Int = 40, charset: Charset = .unicode) throws -> String {
        let lesson = try Fixture.parse(text: "---\ntitle: T\n---\n" + markdown)
        let blocks = lesson.cells.compactMap { if case .markdown(let block) = $0 { block } else { nil } }
        return MarkdownRenderer(style: TerminalStyle(width: width, charset: charset)).render(blocks)
    }

    func testNoLineEndsInASpace() throws {
        let text = try render("> one\n>\n> two\n>\n> > three\n> >\n> > four\n\n- a\n\n  b\n")
        XCTAssertEqual(text, "│ one\n│\n│ two\n│\n│ │ three\n│ │\n│ │ four\n\n• a\n\n  b")
    }

    /// Fuzz/corpus/lesson/crash-deep-quote-thematic-break.md: a rule inside quotes nested deeper than
    /// half the width trapped ("Negative count not allowed"); it is drawn one column wide.
    func testQuotesDeeperThanTheWidthLeaveOneColumn() throws {
        let quotes = String(repeating: "> ", count: 15)
        let text = try render(quotes + "---\n\n" + quotes + "text\n", width: 20, charset: .ascii)
        let gutter = String(repeating: "| ", count: 15)
        XCTAssertEqual(text.split(separator: "\n").first.map(String.init), gutter + "-")
        XCTAssertTrue(text.split(separator: "\n").allSatisfy { $0.hasPrefix(gutter) || $0.hasPrefix("|") })
        XCTAssertEqual(text.filter { $0.isLetter }, "text", "the words are all there, a column each if need be")
    }
}

/// Line breaking inside Chinese, Japanese and Korean text, which has no spaces.
final class CJKWrappingTests: XCTestCase {
    private func wrap(_ text: String, width: Int) -> [String] {
        InlineWrapper(style: TerminalStyle(width: 80)).lines([.text(text)], width: width)
    }

    func testCJKFillsTheLineInsteadOfStartingANewOne() {
        // Each ideograph is two columns wide: "ab " takes 3, so 3 more ideographs fit in 10.
        XCTAssertEqual(wrap("ab 学习率太大时", width: 10), ["ab 学习率", "太大时"])
    }

    func testNoLineStartsWithClosingPunctuation() {
        // "学习率，" would break before "，" at width 6; the comma stays with the ideograph before it.
        XCTAssertEqual(wrap("学习率，太大", width: 6), ["学习", "率，太", "大"])
        // Nor ends with opening punctuation: 「 goes down with 学, 」 stays with 习.
        XCTAssertEqual(wrap("他说「学习」", width: 6), ["他说", "「学", "习」"])
    }

    func testLatinWordsStillBreakOnlyAtSpaces() {
        XCTAssertEqual(wrap("gradient descent diverges", width: 12), ["gradient", "descent", "diverges"])
        XCTAssertFalse(InlineWrapper.mayBreak(between: "a", and: "b"))
        XCTAssertTrue(InlineWrapper.mayBreak(between: "学", and: "习"))
        XCTAssertTrue(InlineWrapper.mayBreak(between: "a", and: "学"))
        XCTAssertFalse(InlineWrapper.mayBreak(between: "学", and: "。"))
        XCTAssertFalse(InlineWrapper.mayBreak(between: "「", and: "学"))
    }
}

/// Experiment cells drawn at widths too narrow for their usual header.
final class CellRendererTests: XCTestCase {
    private func header(_ name: String, width: Int, charset: Charset = .unicode) -> [Substring] {
        let cell = ExperimentCell(name: name, label: nil, experiment: ToyDescent.self, parameters: ToyDescent.Parameters(),
                                  claims: [], source: "", position: .start, index: 0,
                                  body: YAMLSource(file: "t.md", text: "", firstLine: 2, what: "the experiment cell"))
        return CellRenderer(style: TerminalStyle(width: width, charset: charset)).experimentHeader(cell)
            .split(separator: "\n")
    }

    func testNarrowHeaderKeepsTheNameAndTheWidth() {
        XCTAssertEqual(header("toy-descent", width: 20).first, "┌─ toy-descent ─────")
        XCTAssertEqual(header("toy-descent", width: 20, charset: .ascii).first, "+- toy-descent -----")
        XCTAssertEqual(header("toy-descent", width: 26).first, "┌─ experiment toy-descent ")
        XCTAssertEqual(header("toy-descent", width: 27).first, "┌─ experiment toy-descent ─")
        XCTAssertEqual(header("toy-descent", width: 20).dropFirst().prefix(2), ["│ (default", "│ parameters)"])
        XCTAssertEqual(header("toy-descent", width: 22).dropFirst().first, "│ (default parameters)")
        XCTAssertEqual(header("a-much-longer-experiment-name", width: 20).first, "┌─ a-much-longer-exp")
    }
}

/// Tabs in shown code.
final class CodeTabTests: XCTestCase {
    func testTabsExpandToStopsOfFourColumns() {
        XCTAssertEqual(MarkdownRenderer.expandingTabs("\tx"), "    x")
        XCTAssertEqual(MarkdownRenderer.expandingTabs("ab\tc\td"), "ab  c   d")
        XCTAssertEqual(MarkdownRenderer.expandingTabs("学\tx"), "学  x", "a wide character takes two columns")
        XCTAssertEqual(MarkdownRenderer.expandingTabs("none"), "none")
    }

    func testCodeWithTabsWrapsWithinTheWidth() throws {
        let lesson = try Fixture.parse(text: "---\ntitle: T\n---\n\n```\n" + Array(repeating: "word", count: 12).joined(separator: "\t") + "\n```\n")
        let blocks = lesson.cells.compactMap { if case .markdown(let block) = $0 { block } else { nil } }
        let text = MarkdownRenderer(style: TerminalStyle(width: 40)).render(blocks)
        XCTAssertFalse(text.contains("\t"))
        XCTAssertEqual(text.split(separator: "\n").map { TextWidth.of(String($0)) }, [40, 40, 28], "92 columns: 36, then 34 after each ↪")
    }
}
