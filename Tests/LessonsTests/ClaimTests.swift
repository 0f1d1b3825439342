import XCTest

@testable import Lessons

/// Claims: parsing (with error positions) and evaluation against metrics.
final class ClaimTests: XCTestCase {
    private let metrics = [
        Metric(name: "sgd_0.6.diverged", value: .flag(true)),
        Metric(name: "sgd_0.4.diverged", value: .flag(false)),
        Metric(name: "sgd_0.4.final_loss", value: .number(9.96e-7)),
        Metric(name: "momentum0.5_0.6.final_loss", value: .number(2.01e-7)),
        Metric(name: "steps", value: .number(94)),
        Metric(name: "nan_loss", value: .number(.nan)),
    ]

    private func holds(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> Bool {
        let outcome = try Claim(text).evaluate(metrics)
        XCTAssertNil(outcome.problem, file: file, line: line)
        return outcome.held
    }

    func testFlagsComparisonsAndLogic() throws {
        XCTAssertTrue(try holds("sgd_0.6.diverged"))
        XCTAssertFalse(try holds("sgd_0.4.diverged"))
        XCTAssertTrue(try holds("not sgd_0.4.diverged"))
        XCTAssertTrue(try holds("momentum0.5_0.6.final_loss < sgd_0.4.final_loss"))
        XCTAssertFalse(try holds("momentum0.5_0.6.final_loss >= sgd_0.4.final_loss"))
        XCTAssertTrue(try holds("sgd_0.6.diverged and not sgd_0.4.diverged"))
        XCTAssertTrue(try holds("sgd_0.4.diverged or sgd_0.6.diverged"))
        XCTAssertTrue(try holds("steps == 94 and steps != 95 and steps <= 94 and steps > 93.5"))
    }

    func testArithmeticPrecedenceAndScientificNumbers() throws {
        XCTAssertTrue(try holds("momentum0.5_0.6.final_loss < 0.5 * sgd_0.4.final_loss"))
        XCTAssertTrue(try holds("steps - 4 * 10 / 2 == 74"))
        XCTAssertTrue(try holds("(steps - 4) * 2 == 180"))
        XCTAssertTrue(try holds("-steps < -90"))
        XCTAssertTrue(try holds("sgd_0.4.final_loss < 1e-6"))
        XCTAssertTrue(try holds("sgd_0.4.final_loss > 1.5E-7"))
    }

    func testIllTypedClaimsAndHugeNumbersAreRefusedBeforeAnyRun() {
        // Review F12: these read as claims and failed only when run.
        for (text, words) in [("1 + 1", "this is a number"), ("1 < 2 and 3", "this is a number"),
                              ("(a < 1) + 2 > 0", "a yes/no is used as a number"), ("-(a < b) < 1", "a yes/no is used as a number"),
                              ("a < 1e999", "too large")] {
            XCTAssertThrowsError(try Claim(text), text) { error in
                XCTAssertTrue("\(error)".contains(words), "\(text): \(error)")
            }
        }
        for text in ["flag", "a < b and flag", "not (a + 1 < b * 2) or flag", "a - -b < 1e300"] {
            XCTAssertNoThrow(try Claim(text), text)
        }
    }

    func testALongFlatClaimIsRefusedNotAStackOverflow() throws {
        // 100,000 `and`s nested as deep as they are long used to overflow the stack when evaluated and freed.
        for text in [Array(repeating: "nan_loss < 1", count: 50_000).joined(separator: " and "),
                     Array(repeating: "1", count: 100_000).joined(separator: "+") + " > 0",
                     String(repeating: "not ", count: 100_000) + "nan_loss < 1"] {
            XCTAssertThrowsError(try Claim(text)) { error in
                XCTAssertTrue("\(error)".contains("split it into several claims"), "\(error)".prefix(200).description)
            }
        }
        // At the limit, a claim still reads and is judged.
        let longest = Array(repeating: "1", count: 99).joined(separator: "+") + " > 0"
        XCTAssertTrue(try holds(longest))
    }

    func testNaNComparesFalse() throws {
        XCTAssertFalse(try holds("nan_loss < 1"))
        XCTAssertFalse(try holds("nan_loss >= 1"))
        XCTAssertTrue(try holds("not nan_loss < 1"))
        XCTAssertFalse(try holds("nan_loss != 1"), "every comparison with NaN is false, != too (review F12)")
        XCTAssertFalse(try holds("nan_loss != nan_loss"))
    }

    func testOutcomeRecordsTheValuesRead() throws {
        let outcome = try Claim("momentum0.5_0.6.final_loss < sgd_0.4.final_loss").evaluate(metrics)
        XCTAssertEqual(outcome.values.map(\.name), ["momentum0.5_0.6.final_loss", "sgd_0.4.final_loss"])
        XCTAssertEqual(outcome.values.first?.value, .number(2.01e-7))
    }

    func testUnknownMetricAndWrongKindAreProblemsNotCrashes() throws {
        let unknown = try Claim("sgd_0.6.divergd").evaluate(metrics)
        XCTAssertFalse(unknown.held)
        XCTAssertEqual(unknown.problem, "the experiment has no metric 'sgd_0.6.divergd'; did you mean 'sgd_0.6.diverged'?")
        let numberAsFlag = try Claim("steps").evaluate(metrics)
        XCTAssertFalse(numberAsFlag.held)
        XCTAssertEqual(numberAsFlag.problem, "'steps' is a number; compare it, e.g. 'steps < 0.1'")
        let flagAsNumber = try Claim("sgd_0.6.diverged < 3").evaluate(metrics)
        XCTAssertEqual(flagAsNumber.problem, "'sgd_0.6.diverged' is a yes/no metric, not a number")
    }

    func testSyntaxErrorsSayWhereAndWhat() {
        func error(_ text: String) -> ClaimSyntaxError? {
            do { _ = try Claim(text); return nil } catch { return error }
        }
        XCTAssertEqual(error(""), ClaimSyntaxError(message: "the claim is empty", offset: 1))
        XCTAssertEqual(error("a <"), ClaimSyntaxError(message: "expected a metric name, a number or '(', found the end of the claim", offset: 4))
        XCTAssertEqual(error("a < b c"), ClaimSyntaxError(message: "expected the end of the claim, found 'c'", offset: 7))
        XCTAssertEqual(error("a ? b"), ClaimSyntaxError(message: "unexpected character '?'", offset: 3))
        XCTAssertEqual(error("(a < b"), ClaimSyntaxError(message: "expected ')', found the end of the claim", offset: 7))
        XCTAssertEqual(error(String(repeating: "(", count: 40) + "a" + String(repeating: ")", count: 40))?.message,
                       "the claim is nested too deeply")
    }

    func testMetricNamesInOrder() throws {
        XCTAssertEqual(try Claim("a.b < 2 * c_d or e").metricNames, ["a.b", "c_d", "e"])
    }

    /// `{…}` stands for any text and must match exactly one metric (a challenge names the student's run).
    func testAWildcardMatchesExactlyOneMetric() throws {
        XCTAssertTrue(try holds("momentum0.5_{rate}.final_loss < sgd_0.4.final_loss"))
        XCTAssertTrue(try holds("not sgd_{rate}.final_loss > 1"), "sgd_0.4 is the only sgd run with a final loss")
        let several = try Claim("sgd_{rate}.diverged").evaluate(metrics)
        XCTAssertEqual(several.problem, "'sgd_{rate}.diverged' matches several metrics: sgd_0.4.diverged, sgd_0.6.diverged")
        let none = try Claim("adam_{rate}.diverged").evaluate(metrics)
        XCTAssertEqual(none.problem, "no metric matches 'adam_{rate}.diverged'")
    }

    /// A claim naming a metric that other parameters would produce is not checked; a typo still fails.
    func testAClaimOnAMetricOfOtherParametersIsNotChecked() throws {
        let absence: (String) -> MetricAbsence = { name in
            name.hasPrefix("sgd_0.45.") ? .notWithTheseParameters("no run sgd_0.45") : .unknown
        }
        let unchecked = try Claim("sgd_0.45.diverged and sgd_0.6.diverged").evaluate(metrics, absence: absence)
        XCTAssertFalse(unchecked.checked)
        XCTAssertFalse(unchecked.held)
        XCTAssertEqual(unchecked.problem, "no run sgd_0.45")
        let typo = try Claim("sgd_0.6.divergd").evaluate(metrics, absence: absence)
        XCTAssertTrue(typo.checked)
        XCTAssertFalse(typo.held)
        let both = try Claim("sgd_0.45.diverged and sgd_0.6.divergd").evaluate(metrics, absence: absence)
        XCTAssertTrue(both.checked, "a typo fails the claim even beside a removed run")
        let held = try Claim("sgd_0.6.diverged").evaluate(metrics, absence: absence)
        XCTAssertTrue(held.checked && held.held)
    }
}
