import Foundation
import XCTest
@testable import Experiments
@testable import Lessons

/// The lesson work budget with the real experiments (issue 18.4, review finding F11): the capstone, the
/// course's longest lesson, fits the cap; fifty copies of its cells in a five-minute lesson don't; no
/// lesson of the course asks for more than its minutes; and `--set` can't push a lesson past its budget.
final class LessonWorkBudgetTests: XCTestCase {
    private static let lessons = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lessons")

    private func parse(_ text: String) throws -> Lesson {
        try LessonParser(catalog: experimentCatalog).parse(bytes: Array(text.utf8), file: "lesson-98-budget.md")
    }

    func testEveryLessonFitsItsMinutesAndTheCapstoneFitsTheCap() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.lessons.path).filter { $0.hasSuffix(".md") }.sorted()
        XCTAssertGreaterThanOrEqual(names.count, 13)
        for name in names {
            let lesson = try LessonParser(catalog: experimentCatalog).parse(contentsOf: Self.lessons.appendingPathComponent(name).path)
            let seconds = WorkBudget.seconds(of: lesson)
            XCTAssertLessThanOrEqual(seconds, Double(lesson.metadata.minutes ?? 600) * 60, name)
            XCTAssertLessThanOrEqual(seconds, WorkBudget.capSeconds, name)
        }
        let capstone = try LessonParser(catalog: experimentCatalog).parse(contentsOf: Self.lessons.appendingPathComponent("lesson-13-capstone.md").path)
        let seconds = WorkBudget.seconds(of: capstone)
        // The cap admits the capstone and nothing far beyond it.
        XCTAssertGreaterThan(seconds, WorkBudget.capSeconds / 2, "the capstone is the measure of the cap")
    }

    func testFiftyCopiesOfTheCapstonesCellsAreRefused() throws {
        let text = try String(contentsOf: Self.lessons.appendingPathComponent("lesson-13-capstone.md"), encoding: .utf8)
        let cells = text.components(separatedBy: "\n```experiment ").dropFirst().map { "```experiment " + $0.components(separatedBy: "\n```\n")[0] + "\n```\n" }
        XCTAssertEqual(cells.count, 2)
        let bomb = "---\ntitle: Bomb\nminutes: 5\n---\n\n" + String(repeating: cells.joined(separator: "\n") + "\n", count: 50)
        let found = diagnostics(try parse(bomb))
        XCTAssertEqual(found.count, 1, "\(found)")
        XCTAssertTrue(found.first?.message.contains("more than the 5 min its front matter gives it") ?? false, "\(found)")
        // Without minutes, the cap refuses it just the same.
        let capped = diagnostics(try parse(bomb.replacingOccurrences(of: "minutes: 5\n", with: "")))
        XCTAssertTrue(capped.first?.message.contains("the work budget of any lesson") ?? false, "\(capped)")
    }

    func testAnOverrideCantPushALessonPastItsBudget() throws {
        let lesson = try parse("---\ntitle: T\nminutes: 4\n---\n\n```experiment train\ndataset: fashion-mnist\nmodel: cnn\nchannels: [16, 32]\ncnn_hidden: [128]\nepochs: 1\n```\n")
        XCTAssertNoThrow(try lesson.overriding([ParameterOverride(parsing: "#1.epochs=2")]))
        let found = diagnostics(try lesson.overriding([ParameterOverride(parsing: "#1.epochs=15")]))
        XCTAssertTrue(found.first?.message.contains("passes its work budget") ?? false, "\(found)")
    }

    private func diagnostics(_ body: @autoclosure () throws -> Lesson) -> [Diagnostic] {
        do {
            _ = try body()
            XCTFail("no error")
        } catch let list as DiagnosticList {
            return list.diagnostics
        } catch let diagnostic as Diagnostic {
            return [diagnostic]
        } catch {
            XCTFail("\(error)")
        }
        return []
    }
}
