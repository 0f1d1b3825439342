import TextPlot
import XCTest

final class TextWidthTests: XCTestCase {
    func testWidths() {
        XCTAssertEqual(TextWidth.of("loss"), 4)
        XCTAssertEqual(TextWidth.of("naïve"), 5)
        XCTAssertEqual(TextWidth.of("nai\u{308}ve"), 5, "a combining mark takes no column")
        XCTAssertEqual(TextWidth.of("学习率"), 6)
        XCTAssertEqual(TextWidth.of("ｆｕｌｌ"), 8)
        XCTAssertEqual(TextWidth.of("한국어"), 6)
        XCTAssertEqual(TextWidth.of("🚀"), 2)
        XCTAssertEqual(TextWidth.of("👩‍💻"), 2, "a joined emoji is one wide character")
        XCTAssertEqual(TextWidth.of("🇫🇷"), 2)
        XCTAssertEqual(TextWidth.of("❤️"), 2, "the emoji presentation selector makes it wide")
        XCTAssertEqual(TextWidth.of("┌─┐●★"), 5, "ambiguous characters are narrow")
        XCTAssertEqual(TextWidth.of("\u{1B}[1;32mok\u{1B}[0m"), 2, "escapes take no column")
        XCTAssertEqual(TextWidth.of(""), 0)
    }

    func testPaddingAndPrefixUseDisplayWidth() {
        XCTAssertEqual(TextWidth.pad("学习", to: 6), "学习  ")
        XCTAssertEqual(TextWidth.padLeft("ab", to: 4), "  ab")
        XCTAssertEqual(TextWidth.center("ab", in: 5), " ab  ")
        XCTAssertEqual(TextWidth.prefix("学习率", width: 5), "学习")
    }

    func testWrapBreaksAtSpacesThenInsideLongWords() {
        XCTAssertEqual(TextWrap.lines("the quick brown fox", width: 10), ["the quick", "brown fox"])
        XCTAssertEqual(TextWrap.lines("abcdefghij", width: 4), ["abcd", "efgh", "ij"])
        XCTAssertEqual(TextWrap.lines("学习率很高", width: 5), ["学习", "率很", "高"])
        XCTAssertEqual(TextWrap.lines("a\n\nb", width: 5), ["a", "", "b"])
    }

    func testStripRemovesOnlyEscapes() {
        let painted = ANSI.paint("loss", .red, true) + " " + ANSI.paint("0.1", .palette(33), true)
        XCTAssertEqual(ANSI.strip(painted), "loss 0.1")
        XCTAssertEqual(ANSI.paint("x", .red, false), "x")
    }
}
