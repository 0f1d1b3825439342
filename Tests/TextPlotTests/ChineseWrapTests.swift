import XCTest

@testable import TextPlot

/// Chinese has no spaces: lines break between its characters, by the rules Chinese readers expect.
final class ChineseWrapTests: XCTestCase {
    /// Mixed Chinese, English and numbers, with every punctuation mark that may not start a line (full width,
    /// and ASCII right after a Chinese character) and every one that may not end a line.
    static let paragraph = "在训练图像分类器时，学习率（learning rate）是最重要的超参数之一。「动量」让SGD在峡谷中走得更稳；"
        + "『自适应』方法如Adam按坐标缩放步长：这样做好吗？当然！我们用PyTorch的torch.optim.SGD训练ResNet-18，"
        + "学习率0.001、批量128时损失下降了约37.5%……“预热”（warmup）在前5个epoch把学习率从0升到0.1——见第3课《动量》"
        + "〈附录〉【练习】和‘小结’。半角标点也一样:先升温,再退火;效果好!对吧?用半角括号(例如这样)也行. Plain English "
        + "words wrap at spaces as before."

    static let mayNotStart = Set("，。、；：？！）」』”’》〉】…—,.;:!?)")
    static let mayNotEnd = Set("（「『“‘《〈【(")
    static let latinWords = ["learning", "rate", "SGD", "Adam", "PyTorch", "torch.optim.SGD", "ResNet-18", "0.001", "128",
                             "37.5%", "warmup", "epoch", "0.1", "Plain", "English"]

    func testEveryWidthKeepsTheRulesAndTheText() {
        let text = Self.paragraph
        XCTAssertLessThanOrEqual(TextWidth.of("torch.optim.SGD"), 16, "the widest unbreakable piece fits every width tested")
        for width in 16...90 {
            let lines = TextWrap.lines(text, width: width)
            XCTAssertGreaterThan(lines.count, 1)
            var rest = Substring(text)
            for (index, line) in lines.enumerated() {
                XCTAssertLessThanOrEqual(TextWidth.of(line), width, "width \(width) line \(index): \(line)")
                XCTAssertFalse(line.hasPrefix(" ") || line.hasSuffix(" "), "width \(width) line \(index): \(line)")
                if index > 0, let first = line.first {
                    XCTAssertFalse(Self.mayNotStart.contains(first), "width \(width): line \(index) starts with \(first): \(line)")
                }
                if index < lines.count - 1, let last = line.last {
                    XCTAssertFalse(Self.mayNotEnd.contains(last), "width \(width): line \(index) ends with \(last): \(line)")
                }
                // Joined, the lines are the text: only the spaces the lines broke at are gone.
                guard rest.hasPrefix(line) else {
                    XCTFail("width \(width): line \(index) is not the next part of the text: \(line)")
                    break
                }
                rest = rest.dropFirst(line.count)
                let brokeAtSpace = rest.first == " "
                if brokeAtSpace { rest = rest.dropFirst() }
                if !brokeAtSpace, let last = line.last, let next = rest.first {
                    XCTAssertFalse(isLatinOrDigit(last) && isLatinOrDigit(next), "width \(width): a word is split after \(line)")
                }
            }
            XCTAssertTrue(rest.isEmpty, "width \(width): text left over: \(rest)")
            for word in Self.latinWords {
                XCTAssertTrue(lines.contains { $0.contains(word) }, "width \(width): \(word) is split:\n\(lines.joined(separator: "\n"))")
            }
        }
    }

    func testBreaksBetweenChineseCharactersAndAroundLatinWords() {
        XCTAssertEqual(TextWrap.lines("学习率很高", width: 5), ["学习", "率很", "高"])
        XCTAssertEqual(TextWrap.lines("用PyTorch训练", width: 10), ["用PyTorch", "训练"])
        XCTAssertEqual(TextWrap.lines("用PyTorch训练", width: 7), ["用", "PyTorch", "训练"])
        // The comma stays with the character before it; the bracket with the one after it.
        XCTAssertEqual(TextWrap.lines("一二三，四五", width: 6), ["一二", "三，四", "五"])
        XCTAssertEqual(TextWrap.lines("一二「三四」", width: 6), ["一二", "「三", "四」"])
        XCTAssertEqual(TextWrap.lines("中文, English", width: 6), ["中文,", "Englis", "h"])
    }

    func testLongestWordIsTheWidestUnbreakablePiece() {
        XCTAssertEqual(TextWrap.longestWord("训练损失。 final loss"), 5)
        XCTAssertEqual(TextWrap.longestWord("训练损失。"), 4, "失。 stays together")
        XCTAssertEqual(TextWrap.lines("训练损失。", width: 6), ["训练损", "失。"])
    }

    func testLineBreakRules() {
        XCTAssertTrue(LineBreak.allowed(between: "学", and: "习"))
        XCTAssertTrue(LineBreak.allowed(between: "用", and: "P"))
        XCTAssertTrue(LineBreak.allowed(between: "8", and: "训"))
        XCTAssertFalse(LineBreak.allowed(between: "P", and: "y"), "Latin words are not split")
        XCTAssertFalse(LineBreak.allowed(between: "0", and: "."), "nor numbers")
        for mark in "，。、；：？！）」』”’》〉】…—" {
            XCTAssertFalse(LineBreak.allowed(between: "学", and: mark), "a line starts with \(mark)")
        }
        for mark in ",.;:!?)" {
            XCTAssertFalse(LineBreak.allowed(between: "学", and: mark), "a line starts with \(mark) after Chinese")
        }
        for mark in "（「『“‘《〈【" {
            XCTAssertFalse(LineBreak.allowed(between: mark, and: "学"), "a line ends with \(mark)")
        }
    }

    func testSoftBreaksVanishOnlyBetweenChineseCharacters() {
        XCTAssertTrue(LineBreak.softBreakVanishes(between: "学", and: "习"))
        XCTAssertTrue(LineBreak.softBreakVanishes(between: "。", and: "学"))
        XCTAssertTrue(LineBreak.softBreakVanishes(between: "说", and: "“"))
        XCTAssertFalse(LineBreak.softBreakVanishes(between: "学", and: "S"), "Chinese and Latin keep their space")
        XCTAssertFalse(LineBreak.softBreakVanishes(between: "学", and: "β"))
        XCTAssertTrue(LineBreak.softBreakVanishes(between: "：", and: "β"), "full-width punctuation has its own spacing")
        XCTAssertTrue(LineBreak.softBreakVanishes(between: "。", and: "P"))
        XCTAssertTrue(LineBreak.softBreakVanishes(between: "x", and: "（"))
        XCTAssertFalse(LineBreak.softBreakVanishes(between: "ｘ", and: "S"), "a full-width letter is no punctuation")
        XCTAssertFalse(LineBreak.softBreakVanishes(between: "a", and: "b"))
        XCTAssertFalse(LineBreak.softBreakVanishes(between: "…", and: "“"), "English punctuation keeps its space")
        XCTAssertFalse(LineBreak.softBreakVanishes(between: "한", and: "국"), "Korean separates words with spaces")
    }

    func testAmbiguousWidthCharactersTakeOneColumn() {
        // Greek, ±, box drawing and curly quotes are East Asian "ambiguous": one column, as Western terminals draw them.
        XCTAssertEqual(TextWidth.of("ηβ±─│“”…—"), 9)
        XCTAssertEqual(TextWidth.of("学习率η"), 7)
    }

    private func isLatinOrDigit(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber)
    }
}
