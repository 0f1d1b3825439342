import Foundation
import XCTest
@testable import Lessons

/// An exercise that names the cell it mirrors (`cell:`) is checked with that cell's seed, so its
/// verdict agrees with the table the cell printed; `learn test --seeds` checks references the same way.
/// `toy-descent`'s `noise` metric is its seed modulo 1000, so any seed mix-up shows.
final class MirroredCellTests: XCTestCase {
    private func lesson(seed: UInt64, challengeClaim: String = "noise < 500") -> String {
        """
        ---
        title: Mirrors
        seed: \(seed)
        ---

        ```experiment toy-descent
        steps: 1
        ```

        ```experiment toy-descent as walk
        steps: 2
        ```

        ```exercise walk-noise
        question: "What noise did the walk print?"
        compute: {experiment: toy-descent, metric: noise}
        cell: walk
        ```

        ```exercise quiet-walk
        question: "Choose a rate; the walk's noise must be low."
        experiment: toy-descent
        cell: "#2"
        ask: [rate]
        expect: ["\(challengeClaim)"]
        reference: {rate: 0.5}
        ```

        """
    }

    /// The `noise` the lesson's run printed for the cell labelled `walk` (the second).
    private func printedNoise(_ lesson: Lesson) throws -> Double {
        let outcome = LessonRunner(style: TerminalStyle(width: 80)).run(lesson) { _ in }
        guard case .number(let noise)? = try XCTUnwrap(outcome.results[1]).metric(named: "noise") else {
            XCTFail("the walk has no noise metric")
            return .nan
        }
        return noise
    }

    func testAComputedAnswerAgreesWithTheTableTheMirroredCellPrinted() throws {
        let seed: UInt64 = 7
        let lesson = try Fixture.parse(text: lesson(seed: seed))
        let printed = try printedNoise(lesson)
        // The old rule ran the exercise at the lesson's seed, whose noise (7) is not what the table shows.
        XCTAssertNotEqual(printed, Double(seed % 1000), "the test needs the two seeds to give different values")
        let checker = ExerciseChecker(seed: seed, codeRunner: nil)
        let exercise = try XCTUnwrap(lesson.exercises.first { $0.id == "walk-noise" })
        XCTAssertEqual(exercise.cell?.index, 1)
        XCTAssertEqual(checker.runSeed(for: exercise), LessonRunner.cellSeed(seed, index: 1))
        let copied = checker.check(exercise, answer: AnswerValue(node: .init("\(Int(printed))"), position: .start), answersFile: "a.yaml")
        XCTAssertEqual(copied.status, .passed, copied.detail)
        let oldRule = checker.check(exercise, answer: AnswerValue(node: .init("\(seed % 1000)"), position: .start), answersFile: "a.yaml")
        XCTAssertEqual(oldRule.status, .failed, "the value at the lesson's own seed is not the printed one")
    }

    func testAChallengeRunsWithItsCellsSeed() throws {
        let seed: UInt64 = 7
        let printed = try printedNoise(try Fixture.parse(text: lesson(seed: seed)))
        // A claim that holds exactly when the exercise's run sees the seed the cell saw.
        let lesson = try Fixture.parse(text: lesson(seed: seed, challengeClaim: "noise == \(Int(printed))"))
        let exercise = try XCTUnwrap(lesson.exercises.first { $0.id == "quiet-walk" })
        let result = ExerciseChecker(seed: seed, codeRunner: nil).checkReference(exercise)
        XCTAssertEqual(result.status, .passed, result.detail)
    }

    func testLearnTestChecksReferencesWithEachSeedsCellSeed() throws {
        let folder = NSTemporaryDirectory() + "learn-mirror-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/lesson-01-mirrors.md"
        try lesson(seed: 1).write(toFile: path, atomically: true, encoding: .utf8)
        // Seeds whose walk cell is quiet (noise < 500) although the seed itself is not: the reference
        // passes on these only when it runs with the cell's seed.
        let cellNoise = { (seed: UInt64) in LessonRunner.cellSeed(seed, index: 1) % 1000 }
        let quiet = (500..<1000).map(UInt64.init).filter { cellNoise($0) < 500 }.prefix(3)
        let loud = (0..<500).map(UInt64.init).filter { cellNoise($0) >= 500 }.prefix(2)
        XCTAssertEqual(quiet.count, 3)
        let tester = LessonTester(parser: LessonParser(catalog: testCatalog))
        let passing = tester.test(path, seeds: Array(quiet))
        XCTAssertEqual(passing.failures.map(\.message), [])
        let failing = tester.test(path, seeds: Array(loud))
        XCTAssertEqual(failing.failures.count, 2, failing.failures.map(\.message).joined(separator: "\n"))
        for (failure, seed) in zip(failing.failures, loud) {
            XCTAssertTrue(failure.message.hasPrefix("seed \(seed): exercise 'quiet-walk' can't be passed with its own answer"), failure.message)
        }
    }

    func testADanglingOrMismatchedReferenceIsAnError() throws {
        let base = lesson(seed: 1)
        let dangling = diagnostics(try Fixture.parse(text: base.replacingOccurrences(of: "cell: walk", with: "cell: run")))
        XCTAssertEqual(dangling.map(\.message), ["exercise 'walk-noise' mirrors the cell 'run', which is not an experiment cell of this lesson"])
        XCTAssertEqual(dangling.first?.position, SourcePosition(line: 17, column: 7))
        XCTAssertEqual(dangling.first?.hint,
            "Name a cell by its label (```experiment NAME as LABEL) or as \"#N\", counting experiment cells from 1: #1, walk (#2)")
        let outOfRange = diagnostics(try Fixture.parse(text: base.replacingOccurrences(of: "cell: \"#2\"", with: "cell: \"#3\"")))
        XCTAssertEqual(outOfRange.map(\.message), ["exercise 'quiet-walk' mirrors the cell '#3', which is not an experiment cell of this lesson"])
        let other = base.replacingOccurrences(of: "```experiment toy-descent\nsteps: 1\n```", with: "```experiment always-fails\n```")
        let mismatched = diagnostics(try Fixture.parse(text: other.replacingOccurrences(of: "cell: walk", with: "cell: \"#1\"")))
        XCTAssertEqual(mismatched.map(\.message), ["exercise 'walk-noise' runs 'toy-descent', but the cell '#1' it mirrors runs 'always-fails'"])
        let numeric = base.replacingOccurrences(of: "compute: {experiment: toy-descent, metric: noise}", with: "answer: 3")
        XCTAssertEqual(diagnostics(try Fixture.parse(text: numeric)).map(\.message),
                       ["exercise 'walk-noise' runs no experiment, so it has no cell to mirror"])
        // By position, `#2` and a bare 2 name the same cell.
        let bare = try Fixture.parse(text: base.replacingOccurrences(of: "cell: \"#2\"", with: "cell: 2"))
        XCTAssertEqual(bare.exercises.first { $0.id == "quiet-walk" }?.cell?.index, 1)
    }

    func testAnExportWithoutSolutionsReadsBack() throws {
        let lesson = try Fixture.parse(text: lesson(seed: 3), file: "lesson-01-mirrors.md")
        let style = TerminalStyle(width: 80)
        let outcome = LessonRunner(style: style).run(lesson) { _ in }
        let export = MarkdownExport.render(lesson, outcome, style: style)
        let again = try Fixture.parse(text: export, file: "lesson-01-mirrors.md")
        // The withheld answer lost its computation and with it its cell; the challenge keeps both.
        XCTAssertNil(again.exercises.first { $0.id == "walk-noise" }?.cell)
        XCTAssertEqual(again.exercises.first { $0.id == "quiet-walk" }?.cell?.index, 1)
    }

    func testAnExerciseWithoutACellRunsAtTheLessonsSeed() throws {
        let lesson = try Fixture.parse(text: lesson(seed: 5).replacingOccurrences(of: "cell: walk\n", with: ""))
        let exercise = try XCTUnwrap(lesson.exercises.first { $0.id == "walk-noise" })
        XCTAssertNil(exercise.cell)
        XCTAssertEqual(ExerciseChecker(seed: 5, codeRunner: nil).runSeed(for: exercise), 5)
    }
}
