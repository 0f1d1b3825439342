import XCTest
@testable import Lessons

/// A lesson's work is bounded as a whole (issue 18.4, review finding F11): the cells' estimated seconds
/// must fit the minutes its front matter gives it, and the cap every lesson has.
final class WorkBudgetTests: XCTestCase {
    func testALessonPastItsMinutesIsRefusedAtTheCellThatPassesThem() {
        // Sixty-one cells of an experiment without a budget count a second each: one more than a minute.
        let diagnostic = expectError("broken/work-budget.md", at: (186, 1), "passes its work budget",
                                     hint: "raise 'minutes'")
        XCTAssertTrue(diagnostic?.message.contains("about 61 s of computing") ?? false, diagnostic?.message ?? "")
        XCTAssertTrue(diagnostic?.message.contains("more than the 60 s its front matter gives it") ?? false, diagnostic?.message ?? "")
        XCTAssertTrue(diagnostic?.message.contains("(minutes: 1)") ?? false, diagnostic?.message ?? "")
    }

    func testTheSameCellsFitWhenTheLessonGivesThemTime() throws {
        let cells = String(repeating: "```experiment toy-descent\n```\n\n", count: 61)
        XCTAssertNoThrow(try Fixture.parse(text: "---\ntitle: T\nminutes: 2\n---\n\n" + cells))
        XCTAssertNoThrow(try Fixture.parse(text: "---\ntitle: T\n---\n\n" + cells), "without minutes only the cap holds")
    }

    func testAnExerciseWhoseAnswerRunsAnExperimentCountsToo() {
        let cells = String(repeating: "```experiment toy-descent\n```\n\n", count: 59)
        let exercises = (1...2).map { "```exercise computed-\($0)\nquestion: \"Where?\"\ncompute: {experiment: toy-descent, metric: after_0}\n```\n\n" }
        let text = "---\ntitle: T\nminutes: 1\n---\n\n" + cells + exercises.joined()
        let found = diagnostics(try Fixture.parse(text: text))
        XCTAssertEqual(found.map(\.position), [SourcePosition(line: 6 + 59 * 3 + 5, column: 1)], "at the second exercise: \(found)")
        XCTAssertTrue(found.first?.message.contains("about 61 s") ?? false, "\(found)")
    }

    func testTheEstimateIsTheSumOfTheCellsBudgets() {
        let budget = Budget(work: 3e10, limit: 4e12, unit: "multiply-adds", advice: "less", perSecond: 1e10)
        XCTAssertEqual(budget.seconds, 3)
        let plain = Budget(work: 50, limit: 100, unit: "steps", advice: "less")
        XCTAssertEqual(plain.seconds, Budget.secondsAtLimit / 2, "without a rate, work at the limit takes secondsAtLimit")
        XCTAssertEqual(WorkBudget.describe(45), "45 s")
        XCTAssertEqual(WorkBudget.describe(12 * 60 + 10), "12 min")
        XCTAssertEqual(WorkBudget.describe(7 * 3600 + 28 * 60), "7 h 28 min")
        XCTAssertEqual(WorkBudget.describe(.infinity), "more than 30 years")
    }
}
