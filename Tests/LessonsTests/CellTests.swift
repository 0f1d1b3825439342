import XCTest
@testable import Lessons

/// Experiment and exercise cells: parameters decoded over their defaults, exercises read and checked.
final class CellTests: XCTestCase {
    private func lesson(_ cells: String) throws -> Lesson {
        try Fixture.parse(text: "---\ntitle: Cells\n---\n\n" + cells)
    }

    private func parameters(_ body: String) throws -> ToyDescent.Parameters {
        let cell = try XCTUnwrap(try lesson("```experiment toy-descent\n\(body)```\n").experiments.first)
        return try XCTUnwrap(cell.parameters as? ToyDescent.Parameters)
    }

    func testEmptyBodyGivesTheDefaults() throws {
        let p = try parameters("")
        XCTAssertEqual(p.rate, 0.5)
        XCTAssertEqual(p.steps, 3)
        XCTAssertEqual(p.starts, [1, -2])
        XCTAssertEqual(p.verbose, false)
        XCTAssertEqual(p.method, .plain)
        XCTAssertEqual(try parameters("# only a comment\n").steps, 3)
    }

    func testParametersGivenOverrideTheDefaults() throws {
        let p = try parameters("rate: 0.125\nstarts: [4, 5, -6]\nverbose: true\nmethod: halved\n")
        XCTAssertEqual(p.rate, 0.125)
        XCTAssertEqual(p.steps, 3, "a parameter not given keeps its default")
        XCTAssertEqual(p.starts, [4, 5, -6])
        XCTAssertEqual(p.verbose, true)
        XCTAssertEqual(p.method, .halved)
        XCTAssertEqual(try parameters("rate: 1\nsteps: 50\n").rate, 1, "range bounds are allowed")
        XCTAssertEqual(try parameters("rate: 0\n").rate, 0)
    }

    func testIntegerAndChoiceAndFlagAreChecked() {
        let found = diagnostics(try lesson("```experiment toy-descent\nsteps: 2.5\nverbose: maybe\nmethod: fancy\n```\n"))
        XCTAssertEqual(found.map(\.message), [
            "'steps' must be an integer (1 to 50), not '2.5'",
            "'verbose' must be true or false, not 'maybe'",
            "'method' must be one of plain, halved, not 'fancy'",
        ])
        XCTAssertEqual(found.map(\.position), [(6, 8), (7, 10), (8, 9)].map { SourcePosition(line: $0.0, column: $0.1) })
    }

    func testCellsKeepOrderIndexAndSource() throws {
        let lesson = try lesson("""
            Intro.

            ```experiment toy-descent
            ```

            ```swift
            let shown = true
            ```

            ```experiment toy-descent
            steps: 5
            ```
            """)
        XCTAssertEqual(lesson.cells.count, 4)
        XCTAssertEqual(lesson.experiments.map(\.index), [0, 1])
        XCTAssertEqual(lesson.experiments.map(\.source), ["", "steps: 5"])
        XCTAssertEqual(lesson.experiments.map(\.position.line), [7, 14])
        XCTAssertEqual(lesson.experiments.map(\.name), ["toy-descent", "toy-descent"])
        if case .markdown(.code(let info, let text, true, _, _)) = lesson.cells[2] {
            XCTAssertEqual(info, "swift")
            XCTAssertEqual(text, "let shown = true")
        } else {
            XCTFail("a swift block is prose: \(lesson.cells[2])")
        }
    }

    func testCellKindReadsTheInfoString() {
        XCTAssertEqual(LessonParser.cellKind("experiment momentum-ravine")?.0, "experiment")
        XCTAssertEqual(LessonParser.cellKind("experiment\tmomentum-ravine")?.1, "momentum-ravine")
        XCTAssertEqual(LessonParser.cellKind("exercise q1")?.1, "q1")
        XCTAssertEqual(LessonParser.cellKind("experiment")?.1, "")
        XCTAssertNil(LessonParser.cellKind("swift"))
        XCTAssertNil(LessonParser.cellKind("experiments x"))
    }

    func testExerciseWithChoicesAndHints() throws {
        let lesson = try lesson("""
            ```exercise pick-rate
            question: "Which learning rate diverges?"
            choices: ["0.4", "0.6"]
            answer: "0.6"
            hints: [Look at 1 - 4η.]
            solution: It is the one below -1.
            ```
            """)
        let exercise = try XCTUnwrap(lesson.exercises.first)
        XCTAssertEqual(lesson.exercises.count, 1)
        XCTAssertEqual(exercise.id, "pick-rate")
        XCTAssertEqual(exercise.question, "Which learning rate diverges?")
        XCTAssertEqual(exercise.choices, ["0.4", "0.6"])
        XCTAssertEqual(exercise.hints, ["Look at 1 - 4η."])
        XCTAssertEqual(exercise.solution, "It is the one below -1.")
        XCTAssertEqual(exercise.position, SourcePosition(line: 5, column: 1))
        guard case .answer(let spec) = exercise.kind, case .text(let expected) = spec.expected else {
            return XCTFail("a choice question is an answer exercise with a text answer")
        }
        XCTAssertEqual(expected, "0.6")
    }

    func testNumericAnswerWithTolerance() throws {
        func spec(_ text: String) throws -> (Double?, AnswerSpec.Tolerance?) {
            guard case .answer(let spec) = try lesson(text).exercises.first?.kind else { return (nil, nil) }
            guard case .number(let value) = spec.expected else { return (nil, spec.tolerance) }
            return (value, spec.tolerance)
        }
        let (value, tolerance) = try spec("```exercise uniform\nquestion: Loss of a uniform guess?\nanswer: 2.3026\ntolerance: 0.001\n```\n")
        XCTAssertEqual(value, 2.3026)
        XCTAssertEqual(tolerance, .absolute(0.001))
        let exact = try spec("```exercise uniform\nquestion: Q?\nanswer: 3\n```\n")
        XCTAssertEqual(exact.0, 3)
        XCTAssertEqual(exact.1, .absolute(0))
        let relative = try spec("```exercise uniform\nquestion: Q?\nanswer: 300\nrelative: 0.05\n```\n")
        XCTAssertEqual(relative.1, .relative(0.05))
    }

    func testExerciseProblems() {
        let found = diagnostics(try lesson("""
            ```exercise one
            question: Q?
            choices: [a, b]
            answer: c
            ```

            ```exercise two
            question: Q?
            tolerance: -1
            answer: 1
            ```

            ```exercise three
            question: Q?
            answer: 1
            qestion: typo
            ```
            """))
        XCTAssertEqual(found.map(\.message), [
            "the answer 'c' is not one of the choices",
            "'tolerance' must be a finite number from 0, not '-1'",
            "unknown key 'qestion' in exercise 'three'",
        ])
        XCTAssertEqual(found.map(\.position?.line), [8, 13, 20])
        XCTAssertTrue(found.last?.hint?.contains("'question'") ?? false, found.last?.hint ?? "")
    }

    func testCatalogDocumentsEveryParameter() {
        let entry = testCatalog.entries.first
        XCTAssertEqual(entry?.name, "toy-descent")
        XCTAssertEqual(entry?.parameters.map(\.key), ["rate", "steps", "starts", "verbose", "method"])
        XCTAssertEqual(entry?.parameters.map(\.defaultValue), ["0.5", "3", "[1, -2]", "false", "plain"])
        XCTAssertEqual(entry?.parameters.map(\.typeDescription), [
            "number, from 0 to 1", "integer, 1 to 50", "list of numbers, 2 to 3 values, each from -10 to 10",
            "true or false", "text, one of plain, halved",
        ])
        XCTAssertEqual(testCatalog.entries.last?.parameters, [])
    }
}
