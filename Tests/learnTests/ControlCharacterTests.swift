import Foundation
import XCTest

/// No control character from a lesson, an answers file or a file name reaches standard output or
/// standard error (issue 18.2): every code point U+0000–U+001F but newline and tab, U+007F,
/// U+0080–U+009F and the bidirectional embeddings, overrides and isolates, put everywhere a lesson can
/// hold text (prose, headings, YAML values, claims, a fence's info string, the file name), in the terminal
/// and text formats and in every diagnostic (lint, run, test, check with a bad answers file).
final class ControlCharacterTests: XCTestCase {
    /// Every code point the terminal must never receive from input, NUL first.
    static let unsafe: [Unicode.Scalar] = (Array(0x00...0x08) + Array(0x0B...0x1F) + [0x7F] + Array(0x80...0x9F)
        + Array(0x202A...0x202E) + Array(0x2066...0x2069)).map { Unicode.Scalar($0)! }

    /// The unsafe code points as text, without NUL (a lesson may not hold it; a file name can't).
    static var all: String { String(String.UnicodeScalarView(unsafe.dropFirst())) }

    /// `text` less the sequences learn writes itself (colours, erasing a line, clearing the screen).
    private func withoutOwnSequences(_ text: String) -> String {
        text.replacingOccurrences(of: #"\r?\u{1B}\[([0-9;]*m|K|2J|H)"#, with: "", options: .regularExpression)
    }

    private func assertClean(_ result: LearnProcess.Result, _ arguments: [String], colored: Bool,
                             file: StaticString = #filePath, line: UInt = #line) {
        for (stream, text) in [("stdout", result.stdout), ("stderr", result.stderr)] {
            let rest = colored ? withoutOwnSequences(text) : text
            let found = rest.unicodeScalars.filter { Self.unsafe.contains($0) }
            XCTAssertTrue(found.isEmpty, "\(arguments.prefix(1)) \(stream) holds \(found.map { String($0.value, radix: 16) })",
                          file: file, line: line)
        }
    }

    func testNoControlCharacterReachesTheTerminalFromAnyInput() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-cc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let all = Self.all
        // A lesson that runs: control characters in the file name, headings, prose, a shown code block.
        let good = "good\(all).md"
        try ("---\ntitle: Good\n---\n\n# Heading \(all)\n\nProse \(all) and `code \(all)`.\n\n"
            + "```text\nshown \(all)\n```\n\n```experiment softmax\ntable: false\nexpect: [\"p_true > 0\"]\n```\n")
            .write(to: folder.appendingPathComponent(good), atomically: true, encoding: .utf8)
        // A lesson that doesn't: in YAML values (raw and as escapes), claims, the fence, a key, and a NUL.
        let bad = "bad\(all).md"
        let escapes = #"\e]0;owned\a\e[2J\x7f\u0085\u202e"#
        try ("---\ntitle: \"\(escapes)\"\nsummary: \"\(all.replacingOccurrences(of: "\"", with: ""))\"\n---\n\n"
            + "```experiment soft\u{1B}]0;x\u{07}max\n```\n\n```experiment softmax\nexpect: [\"p_\u{1B}[2J\u{202E}true > 0\"]\n"
            + "ke\u{1B}]0;y\u{07}y: 1\n```\n")
            .write(to: folder.appendingPathComponent(bad), atomically: true, encoding: .utf8)
        try Data("---\ntitle: Nul\n---\n\nA \u{0} here \u{1B}[2J.\n".utf8).write(to: folder.appendingPathComponent("nul\(all).md"))

        var runs: [([String], Bool)] = [
            (["run", good, "--color", "always"], true), (["run", good, "--format", "text"], false),
            (["lint", good], false), (["test", good, "--color", "always"], true),
        ]
        for name in [bad, "nul\(all).md"] {
            runs += [(["run", name, "--color", "always"], true), (["run", name, "--format", "text"], false),
                     (["lint", name], false), (["test", name], false)]
        }
        for (arguments, colored) in runs {
            let result = try LearnProcess.run(arguments, in: folder)
            assertClean(result, arguments, colored: colored)
            if arguments[1] != good { XCTAssertEqual(result.status, 1, "\(arguments.prefix(1)): \(result.stderr.prefix(300))") }
        }
        let json = try LearnProcess.run(["run", good, "--format", "json"], in: folder)
        assertClean(json, ["run json"], colored: false)
        XCTAssertNoThrow(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)), "still JSON: \(json.stdout.prefix(300))")

        // An answers file full of them, checked and answered.
        let answers = LearnProcess.answers("lesson-03", in: folder)
        try FileManager.default.createDirectory(at: answers.deletingLastPathComponent(), withIntermediateDirectories: true)
        let environment = ["LEARN_LESSONS": LearnProcess.lessons]
        for text in ["effective-step: \"\(escapes)\"\nlargest-rate: \"\(all.replacingOccurrences(of: "\"", with: ""))\"\n",
                     "effective-step: [\(all)\n", "\"k\u{1B}]0;z\u{07}\": 1\neffective-step: 10\u{202E}\n"] {
            try text.write(to: answers, atomically: true, encoding: .utf8)
            for arguments in [["check", "3", "--exercise", "effective-step"], ["check", "3", "--exercise", "largest-rate"],
                              ["answer", "3", "effective-step", "1\u{1B}]0;w\u{07}"]] {
                let result = try LearnProcess.run(arguments, in: folder, environment: environment)
                assertClean(result, arguments, colored: false)
                XCTAssertNotEqual(result.status, 0, "\(arguments): \(result.stdout.prefix(200)) \(result.stderr.prefix(200))")
            }
        }
    }
}
