import Foundation
import XCTest

@testable import Experiments
@testable import Lessons

/// One experiment cell of a lesson, run at the seed `learn run` gives it: its claims and its metrics.
///
/// The claim-strength tests read each cell from the lesson itself, so a claim edited there is tested as
/// it stands: it must hold on the cell as the lesson runs it, and fail once the effect it describes is
/// switched off, either by running the cell with a setting that removes the effect (`--set`'s
/// `KEY=VALUE`) or by asking the same claim of a run in the same cell that lacks the effect (the claim
/// with one run's name put in for another's). A claim that still held would say nothing.
struct ClaimedCell {
    static let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("lessons")

    struct NoSingleClaim: Error {}

    let claims: [Claim]
    let metrics: [Metric]

    /// Experiment cell `number` (1-based) of `file`, run at its seed in the lesson with `changes`
    /// (`KEY=VALUE`, as `learn run --set` takes them) applied.
    init(_ file: String, _ number: Int, _ changes: [String] = []) throws {
        let path = Self.lessons.appendingPathComponent(file).path
        let lesson = try LessonParser(catalog: experimentCatalog).parse(contentsOf: path)
            .overriding(try changes.map { try ParameterOverride(parsing: "#\(number).\($0)") })
        let cell = lesson.experiments[number - 1]
        let seed = LessonRunner.cellSeed(lesson.metadata.seed ?? LessonRunner.defaultSeed, index: cell.index)
        let result = try cell.experiment.runErased(cell.parameters, context: ExperimentContext(seed: seed))
        (claims, metrics) = (cell.claims, result.metrics)
    }
}

extension XCTestCase {
    /// The one claim of `cell` whose text contains `fragment`, with each `(old, new)` of `renaming` applied.
    func claim(_ cell: ClaimedCell, _ fragment: String, renaming: [(String, String)] = [],
               file: StaticString = #filePath, line: UInt = #line) throws -> Claim {
        let matches = cell.claims.filter { $0.text.contains(fragment) }
        guard matches.count == 1 else {
            XCTFail("\(matches.count) claims contain \(fragment)", file: file, line: line)
            throw ClaimedCell.NoSingleClaim()
        }
        let text = renaming.reduce(matches[0].text) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
        return try Claim(text)
    }

    /// The claim holds on `cell` as the lesson runs it.
    func assertHolds(_ cell: ClaimedCell, _ fragment: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let outcome = try claim(cell, fragment, file: file, line: line).evaluate(cell.metrics)
        XCTAssertNil(outcome.problem, fragment, file: file, line: line)
        XCTAssertTrue(outcome.held, "\(fragment): \(outcome.values)", file: file, line: line)
    }

    /// The claim, renamed by `renaming`, reads only metrics `cell` has and does not hold.
    func assertFails(_ cell: ClaimedCell, _ fragment: String, renaming: [(String, String)] = [],
                     file: StaticString = #filePath, line: UInt = #line) throws {
        let outcome = try claim(cell, fragment, renaming: renaming, file: file, line: line).evaluate(cell.metrics)
        XCTAssertNil(outcome.problem, "\(fragment) could not be read: \(outcome.problem ?? "")", file: file, line: line)
        XCTAssertFalse(outcome.held, "\(fragment) still holds without the effect: \(outcome.values)", file: file, line: line)
    }

    /// Each claim holds on `lesson` and fails on `without`, the cell run without the effect.
    func assertEachFails(_ fragments: [String], on lesson: ClaimedCell, without: ClaimedCell, renaming: [(String, String)] = [],
                         file: StaticString = #filePath, line: UInt = #line) throws {
        for fragment in fragments {
            try assertHolds(lesson, fragment, file: file, line: line)
            try assertFails(without, fragment, renaming: renaming, file: file, line: line)
        }
    }

    /// Each claim holds on `lesson` and fails when asked of the run its renaming names instead.
    func assertEachFails(_ cases: KeyValuePairs<String, [(String, String)]>, on lesson: ClaimedCell,
                         file: StaticString = #filePath, line: UInt = #line) throws {
        for (fragment, renaming) in cases {
            try assertHolds(lesson, fragment, file: file, line: line)
            try assertFails(lesson, fragment, renaming: renaming, file: file, line: line)
        }
    }
}
