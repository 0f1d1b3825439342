import Foundation
import TextPlot
import XCTest

/// Golden files: the expected output of a rendering, compared byte for byte.
///
/// Run the tests with `TEXTPLOT_RECORD=1` to rewrite every golden file from the current output; review the
/// changes by eye (`git diff`, `cat` for the colored ones) before committing them.
enum Golden {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")
    static var recording: Bool { ProcessInfo.processInfo.environment["TEXTPLOT_RECORD"] == "1" }

    static func check(_ text: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let url = directory.appendingPathComponent(name + ".txt")
        let data = Data((text + "\n").utf8)
        if recording {
            XCTAssertNoThrow(try data.write(to: url), file: file, line: line)
            return
        }
        guard let expected = try? Data(contentsOf: url) else {
            XCTFail("missing golden file \(name).txt: run the tests with TEXTPLOT_RECORD=1 to create it", file: file, line: line)
            return
        }
        if expected != data {
            let actual = String(decoding: data, as: UTF8.self)
            XCTFail("\(name).txt differs from the rendering:\n\(actual)", file: file, line: line)
        }
    }

    static let modes: [(Charset, Bool)] = [(.unicode, false), (.unicode, true), (.ascii, false), (.ascii, true)]

    /// Checks a rendering in the four modes (or those given) at each width against its golden files, and checks the contract:
    /// the colored output without escapes is the plain output, ASCII mode is ASCII, and, for `fixedSize`,
    /// every line is exactly `width` wide and there are exactly `height` lines.
    static func checkModes(
        _ item: any Renderable, _ name: String, widths: [Int], height: Int? = nil, fixedSize: Bool = true,
        modes: [(Charset, Bool)] = Golden.modes, file: StaticString = #filePath, line: UInt = #line
    ) {
        for width in widths {
            var plain: [Charset: String] = [:]
            for (charset, color) in modes {
                let text = item.render(RenderOptions(width: width, height: height, charset: charset, color: color))
                let mode = "\(charset == .unicode ? "unicode" : "ascii")-\(color ? "color" : "plain")"
                check(text, "\(name)-w\(width)-\(mode)", file: file, line: line)
                if color {
                    XCTAssertEqual(ANSI.strip(text), plain[charset], "\(name) \(mode): color is not a pure overlay",
                                   file: file, line: line)
                } else {
                    plain[charset] = text
                    XCTAssertFalse(text.contains("\u{1B}"), "\(name) \(mode) has escapes", file: file, line: line)
                }
                if charset == .ascii {
                    // Chinese text has no ASCII form and is kept; everything else is ASCII.
                    XCTAssertTrue(ASCIIText.isASCIIOrKept(ANSI.strip(text)), "\(name) \(mode) is not ASCII", file: file, line: line)
                }
                if fixedSize {
                    let lines = ANSI.strip(text).split(separator: "\n", omittingEmptySubsequences: false)
                    if let height { XCTAssertEqual(lines.count, height, "\(name) \(mode) height", file: file, line: line) }
                    for (index, row) in lines.enumerated() {
                        XCTAssertEqual(TextWidth.of(String(row)), width, "\(name) \(mode) line \(index) width",
                                       file: file, line: line)
                    }
                }
            }
        }
    }
}
