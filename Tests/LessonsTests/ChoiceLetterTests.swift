import Foundation
import XCTest
@testable import Lessons

/// A multiple-choice answer may name its choice by letter the ways people write one: `b`, `B`, `b)`, `(b)`, `b.`.
final class ChoiceLetterTests: XCTestCase {
    private let lesson = try! Fixture.parse(text: """
        ---
        title: Choices
        ---

        ```exercise pick
        question: "Which?"
        choices: [first, second, third]
        answer: second
        ```

        """)

    func testALetterIsReadInEveryUsualForm() throws {
        let exercise = try XCTUnwrap(lesson.exercises.first)
        let checker = ExerciseChecker(seed: 0, codeRunner: nil)
        for typed in ["b", "B", "b)", "(b)", "b.", " B) ", "second", "  SECOND "] {
            XCTAssertNil(exercise.refusal(of: typed), typed)
            let result = checker.check(exercise, answer: AnswerValue(node: .init(typed), position: .start), answersFile: "a.yaml")
            XCTAssertEqual(result.status, .passed, "\(typed): \(result.detail)")
        }
        let wrong = checker.check(exercise, answer: AnswerValue(node: .init("(a)"), position: .start), answersFile: "a.yaml")
        XCTAssertEqual(wrong.detail, "'first' is not the right choice")
        for typed in ["d", "(d)", "b))", "bb", "b c"] {
            XCTAssertEqual(exercise.refusal(of: typed)?.message, "'\(typed)' is not one of the choices of 'pick'", typed)
        }
    }
}
