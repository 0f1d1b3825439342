import Foundation
import Lessons
import XCTest

@testable import Experiments

/// The code exercises' checks, in process: the reference passes; wrong solutions are named for what
/// is wrong. (Tests/ExercisesTests runs them on the exercise package's programs in a child process.)
final class CodeExerciseTests: XCTestCase {
    func testEveryReferencePassesItsOwnCheck() {
        for exercise in experimentCatalog.codeExercises {
            let outcome = exercise.checkReference(seed: 11)
            XCTAssertTrue(outcome.passed, "\(exercise.id): \(outcome.explanation)")
        }
    }

    func testWrongValueNamesTheFirstMismatchAndTheInput() throws {
        let outcome = try MomentumStepExercise.check({ p, v, g, lr, m in
            // Forgets the momentum term: v ← g.
            (zip(p, g).map { $0 - lr * $1 }, g)
        }, seed: 1)
        guard case .wrongValue(let input, let expected, let actual) = outcome else {
            return XCTFail("expected a wrong value, got \(outcome)")
        }
        XCTAssertTrue(input.hasPrefix("parameters: ["), input)
        XCTAssertTrue(expected.hasPrefix("velocity[0] = "), expected)
        XCTAssertTrue(actual.hasPrefix("velocity[0] = "), actual)
        XCTAssertTrue(outcome.explanation.hasPrefix("wrong value\n  input:"))
    }

    func testWrongShapeAndNaN() throws {
        let shape = try WeightDecayStepExercise.check({ p, _, _, _ in Array(p.dropLast()) + [] }, seed: 2)
        guard case .wrongShape(_, let expected, let actual) = shape else { return XCTFail("\(shape)") }
        XCTAssertEqual(expected.hasSuffix("values"), true)
        XCTAssertNotEqual(expected, actual)
        let nan = try KaimingStdExercise.check({ _ in .nan }, seed: 3)
        guard case .notFinite = nan else { return XCTFail("\(nan)") }
    }

    func testUnstableCrossEntropyFailsOnHugeLogits() throws {
        // The naive formula overflows at logits of ±1000.
        let naive: SoftmaxCrossEntropyExercise.Function = { logits, label in
            let exps = logits.map { Foundation.exp($0) }
            return -Foundation.log(exps[label] / exps.reduce(0, +))
        }
        let outcome = try SoftmaxCrossEntropyExercise.check(naive, seed: 4)
        XCTAssertFalse(outcome.passed)
        guard case .notFinite(let input, _) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(input.contains("logits"), input)
    }

    func testBatchNormWithTheUnbiasedVarianceFails() throws {
        let unbiased: BatchNormForwardExercise.Function = { rows, gamma, beta, epsilon in
            let n = Float(rows.count)
            return rows.map { row in
                row.indices.map { j in
                    let column = rows.map { $0[j] }
                    let mean = column.reduce(0, +) / n
                    let variance = column.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / (n - 1)
                    return gamma[j] * (row[j] - mean) / (variance + epsilon).squareRoot() + beta[j]
                }
            }
        }
        XCTAssertFalse(try BatchNormForwardExercise.check(unbiased, seed: 6).passed)
    }

    func testAStopOfTheChildEndsTheCheck() {
        // `ExerciseProcess.call` throws when the child stops; the check stops there and throws too.
        struct Stopped: Error {}
        nonisolated(unsafe) var calls = 0
        XCTAssertThrowsError(try KaimingStdExercise.check({ fanIn in
            calls += 1
            if calls == 3 { throw Stopped() }
            return (2 / Float(fanIn)).squareRoot()
        }, seed: 1)) { XCTAssertTrue($0 is Stopped) }
        XCTAssertEqual(calls, 3, "no call after the one that stopped")
    }

    func testExplanationsSayWhereAndOnWhichInput() {
        let crash = CodeCheckOutcome.crashed(message: "Fatal error: Index out of range",
                                             location: "Sources/Exercises/MomentumStep.swift:7:28", input: "fanIn: 3")
        XCTAssertEqual(crash.explanation, """
            crashed: Fatal error: Index out of range
              at:    Sources/Exercises/MomentumStep.swift:7:28
              input: fanIn: 3
            """)
        let errors = (1...7).map { "Sources/Exercises/KaimingStd.swift:\($0):5: expected expression" }
        XCTAssertEqual(CodeCheckOutcome.doesNotCompile(errors: errors).explanation.split(separator: "\n").count, 7,
                       "a title, five errors and how many more")
        XCTAssertEqual(CodeCheckOutcome.tooSlow(detail: "it used its 1 s", location: nil, input: "fanIn: 3").explanation,
                       "too slow: it used its 1 s\n  input: fanIn: 3")
    }
}
