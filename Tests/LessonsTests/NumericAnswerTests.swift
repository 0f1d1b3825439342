import Foundation
import XCTest
@testable import Lessons

/// The forms a numeric answer may take, and the clear refusals of the forms it may not.
final class NumericAnswerTests: XCTestCase {
    private func value(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> Double? {
        switch NumericAnswer.value(of: text) {
        case .success(let value): return value
        case .failure(let problem):
            XCTFail("'\(text)' was refused: \(problem.reason)", file: file, line: line)
            return nil
        }
    }

    private func problem(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> NumericAnswer.Problem? {
        switch NumericAnswer.value(of: text) {
        case .success(let value):
            XCTFail("'\(text)' was read as \(value)", file: file, line: line)
            return nil
        case .failure(let problem): return problem
        }
    }

    func testEveryFormAStudentWouldType() throws {
        let forms: [(String, Double)] = [
            ("0.5", 0.5), (" 2.303 ", 2.303), (".5", 0.5), ("1_000", 1000), ("32", 32),
            ("1/2", 0.5), ("5/4", 1.25), ("9/200", 0.045), ("50%", 0.5), ("95 %", 0.95),
            ("ln(10)", Foundation.log(10)), ("ln 10", Foundation.log(10)), ("log(10)", Foundation.log(10)),
            ("LN(10)", Foundation.log(10)), ("log10(1000)", 3), ("log2(8)", 3), ("exp(1)", M_E), ("e", M_E),
            ("sqrt(2)/2", 2.0.squareRoot() / 2), ("sqrt 2/2", 2.0.squareRoot() / 2), ("√2/2", 2.0.squareRoot() / 2),
            ("2e-3", 0.002), ("2E+3", 2000), ("1e3", 1000), ("-1", -1), ("-0.5", -0.5), ("−0.5", -0.5), ("+3", 3),
            ("2^10", 1024), ("2**10", 1024), ("2^-1", 0.5), ("-2^2", -4), ("2^3^2", 512), ("(1 + 2) * 3", 9),
            ("1 - 2 - 3", -4), ("8 / 2 / 2", 2), ("3 × 2", 6), ("3·2", 6), ("6 ÷ 4", 1.5), ("pi", Double.pi),
            ("π/4", Double.pi / 4), ("0.1*(1 + cos0)", .nan), ("ln(10)^2", Foundation.log(10) * Foundation.log(10)),
            ("ln 10^2", Foundation.log(100)), ("2 * -3", -6), ("- - 1", 1), ("1/(1 - 0.9)", 10),
        ]
        for (text, expected) in forms where !expected.isNaN {
            guard let read = value(text) else { continue }
            XCTAssertEqual(read, expected, accuracy: 1e-12 * max(1, abs(expected)), text)
        }
        XCTAssertNotNil(problem("0.1*(1 + cos0)"), "cos is not one of the functions")
    }

    func testACommaIsRefusedAsAmbiguous() throws {
        let comma = try XCTUnwrap(problem("2,303"))
        XCTAssertEqual(comma.reason, "a comma is ambiguous: 2,303 may be a decimal comma or a thousands separator")
        XCTAssertEqual(comma.hint, "Write decimals with a point and no thousands separators: 2.303 or 2303")
        XCTAssertEqual(problem("1,000,000")?.hint, "Write decimals with a point and no thousands separators: 1000000")
        XCTAssertEqual(problem("0,5")?.hint, "Write decimals with a point and no thousands separators: 0.5")
        XCTAssertEqual(problem("0,5")?.reason, "a comma is ambiguous: 0,5 may be a decimal comma or a thousands separator")
    }

    func testBadFormsSayWhatIsWrong() throws {
        let cases: [(String, String)] = [
            ("", "it is empty"),
            ("   ", "it is empty"),
            ("abc", "'abc' is not a number, a constant (pi, e) or a function (ln, log, exp, sqrt)"),
            ("1/", "it ends where a number should follow"),
            ("(1 + 2", "a '(' at character 1 is not closed"),
            ("1 + 2)", "a ')' at character 6 closes no '('"),
            ("4x", "'x' at character 2 where an operator (+ − * / ^) or the end should be"),
            ("3x3", "'x' at character 2 where an operator (+ − * / ^) or the end should be"),
            ("2e", "'e' at character 2 where an operator (+ − * / ^) or the end should be"),
            ("1 2", "'2' at character 3 where an operator (+ − * / ^) or the end should be"),
            ("*2", "'*' at character 1 where a number should be"),
            ("ln", "ln has no argument"),
            ("1/0", "its value is infinite"),
            ("ln(0)", "its value is infinite"),
            ("sqrt(-1)", "it has no real value"),
            ("10^400", "its value is infinite"),
            ("inf", "'inf' is not a number, a constant (pi, e) or a function (ln, log, exp, sqrt)"),
            ("0x10", "'x' at character 2 where an operator (+ − * / ^) or the end should be"),
        ]
        for (text, reason) in cases {
            XCTAssertEqual(problem(text)?.reason, reason, text)
            XCTAssertFalse(problem(text)?.hint.isEmpty ?? true, text)
        }
    }

    func testHostileAnswersGiveAMessageQuickly() throws {
        let start = Date()
        let long = String(repeating: "1+", count: 50_000) + "1"
        XCTAssertEqual(problem(long)?.reason, "it is 100001 characters long, more than the 200 a numeric answer may be")
        let deep = String(repeating: "(", count: 10_000) + "1" + String(repeating: ")", count: 10_000)
        XCTAssertEqual(problem(deep)?.reason, "it is 20001 characters long, more than the 200 a numeric answer may be")
        // Within the length limit, nesting is capped: parentheses, signs, powers and functions alike.
        let nested = String(repeating: "(", count: 90) + "1" + String(repeating: ")", count: 90)
        XCTAssertEqual(problem(nested)?.reason, "it nests more than 40 levels deep")
        XCTAssertEqual(problem(String(repeating: "-", count: 150) + "1")?.reason, "it nests more than 40 levels deep")
        XCTAssertEqual(problem(String(repeating: "2^", count: 80) + "1")?.reason, "it nests more than 40 levels deep")
        XCTAssertEqual(problem(String(repeating: "ln ", count: 60) + "9")?.reason, "it nests more than 40 levels deep")
        XCTAssertEqual(value(String(repeating: "(", count: 30) + "1" + String(repeating: ")", count: 30)), 1)
        XCTAssertLessThan(Date().timeIntervalSince(start), 1)
    }
}
