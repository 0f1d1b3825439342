import Foundation
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
        XCTAssertEqual(wrap("用PyTorch训练", width: 7), ["用", "PyTorch", "训练"])
    }

    /// Styled runs, code and links break where the same text would without styles: `TextWrap` is the oracle.
    func testStyledRunsWrapLikePlainText() {
        let inlines: [Inline] = [
            .text("在训练时，"), .strong([.text("学习率（learning rate）")]), .text("太大会让损失"), .emphasis([.text("发散")]),
            .text("；用"), .code("torch.optim.SGD(lr=0.1)"), .text("训练ResNet-18时，先看「"),
            .link(text: [.text("文档")], url: "https://pytorch.org"), .text("」再调。半角也行:先升温,再退火!"),
        ]
        let visible = "在训练时，学习率（learning rate）太大会让损失发散；用`torch.optim.SGD(lr=0.1)`训练ResNet-18时，先看「文档 (https://pytorch.org)」再调。半角也行:先升温,再退火!"
        for width in 25...70 {
            let plain = InlineWrapper(style: TerminalStyle(width: width)).lines(inlines, width: width)
            XCTAssertEqual(plain, TextWrap.lines(visible, width: width), "width \(width)")
            let colored = InlineWrapper(style: TerminalStyle(width: width, color: true)).lines(inlines, width: width)
            XCTAssertEqual(colored.map(ANSI.strip), plain, "width \(width): styles only add escapes")
        }
    }

    /// A line break inside a Chinese source paragraph is no space (CSS Text 3's segment-break transformation);
    /// next to Latin text it still is one.
    func testSoftBreaksBetweenChineseCharactersVanish() throws {
        let markdown = "学习率\n升温是一种技巧，\n“预热”让\n训练更稳。\nPyTorch 里\n用 *LambdaLR*\n实现。\nEnglish\nwords\n**加粗**\n之后"
        let lesson = try Fixture.parse(text: "---\ntitle: T\n---\n" + markdown)
        let blocks = lesson.cells.compactMap { if case .markdown(let block) = $0 { block } else { nil } }
        let text = MarkdownRenderer(style: TerminalStyle(width: 200)).render(blocks)
        XCTAssertEqual(text.trimmingCharacters(in: .newlines),
                       "学习率升温是一种技巧，“预热”让训练更稳。PyTorch 里用 LambdaLR 实现。English words 加粗之后")
        guard case .markdown(.paragraph(let inlines, _)) = lesson.cells.first else { return XCTFail("not a paragraph") }
        XCTAssertTrue(inlines.plainText.hasPrefix("学习率升温是一种技巧，“预热”让训练更稳。PyTorch 里用 LambdaLR"), inlines.plainText)
        // docs/chinese-typesetting.md's example.
        let example = try Fixture.parse(text: "---\ntitle: T\n---\n学习率升温（warmup）在训练的前几个\nepoch 里把学习率从很小逐渐\n升到目标值。\n")
        let exampleBlocks = example.cells.compactMap { if case .markdown(let block) = $0 { block } else { nil } }
        XCTAssertEqual(MarkdownRenderer(style: TerminalStyle(width: 100)).render(exampleBlocks).trimmingCharacters(in: .newlines),
                       "学习率升温（warmup）在训练的前几个 epoch 里把学习率从很小逐渐升到目标值。")
        // The source may break anywhere, even before a comma: the comma still never starts a line.
        let split = try Fixture.parse(text: "---\ntitle: T\n---\n一二三四五六七八九十\n，甲乙")
        let splitBlocks = split.cells.compactMap { if case .markdown(let block) = $0 { block } else { nil } }
        XCTAssertEqual(MarkdownRenderer(style: TerminalStyle(width: 20)).render(splitBlocks).trimmingCharacters(in: .newlines),
                       "一二三四五六七八九\n十，甲乙")
    }

    /// A Chinese paragraph may be broken anywhere in the source between two Chinese characters or marks:
    /// the rendering is the same as the unbroken one's.
    func testASourceLineBreakBetweenChineseCharactersChangesNothing() {
        let text = "学习率（learning rate）太大时，梯度下降会“发散”；太小时训练很慢……我们要在两者之间找到平衡。"
        let characters = Array(text)
        let wrapper = InlineWrapper(style: TerminalStyle(width: 30))
        let unbroken = wrapper.lines([.text(text)], width: 30)
        var tried = 0
        for index in 1..<characters.count where LineBreak.softBreakVanishes(between: characters[index - 1], and: characters[index]) {
            let broken: [Inline] = [.text(String(characters[..<index])), .softBreak, .text(String(characters[index...]))]
            XCTAssertEqual(wrapper.lines(broken, width: 30), unbroken, "broken before \(characters[index])")
            tried += 1
        }
        XCTAssertGreaterThan(tried, 35)
    }

    func testASCIIKeepsChineseAndSpellsTheRest() {
        let style = TerminalStyle(width: 40, charset: .ascii)
        XCTAssertEqual(InlineWrapper(style: style).lines([.text("学习率η → 0.1，“预热”——越过")], width: 40),
                       ["学习率eta -> 0.1，\"预热\"----越过"])
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
