import Lessons
import XCTest

/// `learn list`, `learn experiments`, `--version` and `--help`.
final class CatalogCommandTests: XCTestCase {
    func testListShowsLessonThreeWithTitleAndMinutes() throws {
        let result = try LearnProcess.run(["list", "--color", "never"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let row = result.stdout.split(separator: "\n").first { $0.contains("lesson-03") }
        XCTAssertNotNil(row, result.stdout)
        XCTAssertTrue(row?.contains("SGD versus momentum") ?? false)
        XCTAssertTrue(row?.contains("20") ?? false)
    }

    func testExperimentsListsTheMomentumExperimentWithItsParameters() throws {
        let result = try LearnProcess.run(["experiments", "--color", "never", "--width", "100"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("momentum-ravine"))
        for fragment in ["learning_rates", "[0.4, 0.6]", "momentums", "[0, 0.5]", "steps", "integer, 1 to 100000", "tolerance"] {
            XCTAssertTrue(result.stdout.contains(fragment), "missing \(fragment) in:\n\(result.stdout)")
        }
        // Each experiment lists the metrics its claims can read, and which settings name its runs.
        XCTAssertTrue(result.stdout.contains("metrics: {run}.steps, {run}.final_loss, {run}.converged, {run}.diverged"), result.stdout)
        XCTAssertTrue(result.stdout.contains("a run ({run}) is named by momentum (`sgd` for 0) and learning rate, always"), result.stdout)
        XCTAssertTrue(result.stdout.contains("{run}.diverged_step (on some outcomes)"), result.stdout)
    }

    func testVersionAndHelp() throws {
        let version = try LearnProcess.run(["--version"])
        XCTAssertEqual(version.status, 0)
        XCTAssertTrue(version.stdout.hasPrefix("0."), version.stdout)
        for arguments in [["--help"], ["run", "--help"], ["list", "--help"], ["experiments", "--help"]] {
            let help = try LearnProcess.run(arguments)
            XCTAssertEqual(help.status, 0, arguments.joined(separator: " "))
            XCTAssertTrue(help.stdout.contains("USAGE"), help.stdout)
        }
    }
}

/// Every experiment's defaults run within its budget (an empty cell is always allowed).
final class BudgetDefaultsTests: XCTestCase {
    func testEveryExperimentsDefaultsAreWithinItsBudget() throws {
        let parser = LessonParser(catalog: experimentCatalogForTests)
        for name in experimentCatalogForTests.names {
            let text = "---\ntitle: T\n---\n\n```experiment \(name)\n```\n"
            XCTAssertNoThrow(try parser.parse(bytes: Array(text.utf8), file: "defaults.md"), name)
        }
    }
}
