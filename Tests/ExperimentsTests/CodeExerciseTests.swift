import Foundation
import Lessons
import XCTest

@testable import Experiments

/// The code exercises' checks: the reference passes; wrong solutions are named for what is wrong;
/// crashing or endless solutions are caught in a child process.
final class CodeExerciseTests: XCTestCase {
    func testEveryReferencePassesItsOwnCheck() {
        for exercise in experimentCatalog.codeExercises {
            let outcome = exercise.checkReference(seed: 11)
            XCTAssertTrue(outcome.passed, "\(exercise.id): \(outcome.explanation)")
        }
    }

    func testWrongValueNamesTheFirstMismatchAndTheInput() {
        let outcome = MomentumStepExercise.check({ p, v, g, lr, m in
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

    func testWrongShapeAndNaN() {
        let shape = WeightDecayStepExercise.check({ p, _, _, _ in Array(p.dropLast()) + [] }, seed: 2)
        guard case .wrongShape(_, let expected, let actual) = shape else { return XCTFail("\(shape)") }
        XCTAssertEqual(expected.hasSuffix("values"), true)
        XCTAssertNotEqual(expected, actual)
        let nan = KaimingStdExercise.check({ _ in .nan }, seed: 3)
        guard case .notFinite = nan else { return XCTFail("\(nan)") }
    }

    func testUnstableCrossEntropyFailsOnHugeLogits() {
        // The naive formula overflows at logits of ±1000.
        let naive: SoftmaxCrossEntropyExercise.Function = { logits, label in
            let exps = logits.map { Foundation.exp($0) }
            return -Foundation.log(exps[label] / exps.reduce(0, +))
        }
        let outcome = SoftmaxCrossEntropyExercise.check(naive, seed: 4)
        XCTAssertFalse(outcome.passed)
        guard case .notFinite(let input, _) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(input.contains("logits"), input)
    }

    func testBatchNormWithTheUnbiasedVarianceFails() {
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
        XCTAssertFalse(BatchNormForwardExercise.check(unbiased, seed: 6).passed)
    }

    // MARK: In a child process

    private var fixtures: IsolatedRunner {
        var runner = IsolatedRunner(executable: Bundle.main.bundleURL.appendingPathComponent("CheckFixtures").path,
                                    arguments: [], notWrittenStatus: 3)
        runner.cpuSeconds = 1
        return runner
    }

    func testChildProcessOutcomes() {
        XCTAssertEqual(fixtures.check("correct", seed: 1), .passed(cases: 30))
        let fatal = fixtures.check("fatal-error", seed: 1)
        XCTAssertEqual(fatal, .crashed(message: "Fatal error: I give up on this exercise"))
        guard case .crashed(let message) = fixtures.check("index-out-of-range", seed: 1) else { return XCTFail() }
        XCTAssertTrue(message.contains("Index out of range"), message)
        guard case .notWritten(let file) = fixtures.check("not-written", seed: 1) else { return XCTFail() }
        XCTAssertTrue(file.hasSuffix("Tests/CheckFixtures/main.swift"), file)
    }

    func testAGrandchildHoldingThePipesDoesNotHangTheCheck() {
        let done = expectation(description: "the check returns while the grandchild sleeps on")
        let runner = fixtures
        DispatchQueue.global().async {
            let outcome = runner.check("grandchild-holds-pipes", seed: 1)
            XCTAssertEqual(outcome, .crashed(message: "Fatal error: gone, but my grandchild still holds the pipes"))
            done.fulfill()
        }
        wait(for: [done], timeout: 20)
    }

    func testAnEndlessLoopIsStoppedByItsCPULimitAndReadsAsTooSlow() {
        let outcome = fixtures.check("endless-loop", seed: 1)
        guard case .tooSlow(let detail) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(detail.contains("1 s of CPU time"), detail)
    }

    func testShippedStubsMatchWhatResetRestores() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for exercise in experimentCatalog.codeExercises {
            let shipped = try String(contentsOf: root.appendingPathComponent(exercise.file), encoding: .utf8)
            XCTAssertEqual(shipped, exercise.stub, "\(exercise.file) differs from \(exercise.id)'s stub")
        }
    }
}
