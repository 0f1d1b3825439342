import Lessons
import XCTest

@testable import Experiments

/// The matrix product's backward is checked against numerical gradients: a right solution written with plain
/// loops passes; a transposed gradient, a wrong factor and a NaN are each named with the case and the element.
final class MatmulBackwardTests: XCTestCase {
    /// ∂L/∂A = G·Bᵀ, ∂L/∂B = Aᵀ·G, written out with loops (no engine), scaled by `scaleB` for ∂L/∂B.
    private static func loops(scaleB: Float = 1) -> MatmulBackwardExercise.Function {
        { a, b, g in
            let (m, k, n) = (a.count, b.count, g[0].count)
            let gradA = (0..<m).map { i in (0..<k).map { p in (0..<n).reduce(Float(0)) { $0 + g[i][$1] * b[p][$1] } } }
            let gradB = (0..<k).map { p in (0..<n).map { j in scaleB * (0..<m).reduce(Float(0)) { $0 + a[$1][p] * g[$1][j] } } }
            return (gradA, gradB)
        }
    }

    func testAnIndependentSolutionPassesOnEverySeed() throws {
        for seed: UInt64 in [0, 1, 12, 99_991] {
            let outcome = try MatmulBackwardExercise.check(Self.loops(), seed: seed)
            XCTAssertEqual(outcome, .passed(cases: 24), "seed \(seed): \(outcome.explanation)")
        }
    }

    func testAWrongFactorNamesTheCaseTheElementAndTheNumericalValue() throws {
        let outcome = try MatmulBackwardExercise.check(Self.loops(scaleB: 2), seed: 1)
        guard case .wrongValue(let input, let expected, let actual) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(input.hasPrefix("case 1 of 24, A 1×1, B 1×1, gradOutput 1×1: A: 1×1 [["), input)
        XCTAssertTrue(expected.hasPrefix("∂L/∂B[0][0] = ") && expected.hasSuffix(" (by central differences)"), expected)
        XCTAssertTrue(actual.hasPrefix("∂L/∂B[0][0] = "), actual)
        // The value got is twice the one expected: the message shows both.
        let number = { (text: String) in Double(text.split(separator: " ")[2]) ?? .nan }
        XCTAssertEqual(number(actual), 2 * number(expected), accuracy: 1e-3 * abs(number(expected)) + 1e-5)
    }

    func testATransposedGradientIsAWrongShapeAtTheFirstEdgeShape() throws {
        // ∂L/∂A given as k×m (Bᵀ·Gᵀ, the transpose of the right answer) fits only where A is square.
        let transposed: MatmulBackwardExercise.Function = { a, b, g in
            let right = try Self.loops()(a, b, g)
            let gradA = (0..<a[0].count).map { p in right.gradA.map { $0[p] } }
            return (gradA, right.gradB)
        }
        let outcome = try MatmulBackwardExercise.check(transposed, seed: 3)
        guard case .wrongShape(let input, let expected, let actual) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(input.hasPrefix("case 2 of 24, A 1×5, B 5×1"), input)
        XCTAssertEqual(expected, "∂L/∂A: 1×5")
        XCTAssertEqual(actual, "∂L/∂A: 5×1")
        XCTAssertFalse(outcome.passed)
    }

    func testNaNAndEmptyAnswersFail() throws {
        let nan = try MatmulBackwardExercise.check({ a, b, _ in (a.map { $0.map { _ in .nan } }, b) }, seed: 4)
        guard case .notFinite(_, let actual) = nan else { return XCTFail("\(nan)") }
        XCTAssertEqual(actual, "∂L/∂A[0][0] = nan")
        let empty = try MatmulBackwardExercise.check({ _, _, _ in ([], []) }, seed: 4)
        guard case .wrongShape(_, _, let got) = empty else { return XCTFail("\(empty)") }
        XCTAssertEqual(got, "∂L/∂A: no rows")
    }

    func testTheNumericalGradientIsTheAnalyticOne() {
        // L = Σ G ⊙ (A·B) is linear in A, so central differences give G·Bᵀ up to rounding.
        let a = [[1.0, 2.0], [3.0, 4.0]], b = [[5.0], [6.0]], g = [[0.5], [-1.0]]
        let gradA = MatmulBackwardExercise.numericalGradient(a, b, g, ofA: true)
        let gradB = MatmulBackwardExercise.numericalGradient(a, b, g, ofA: false)
        for (got, want) in zip(gradA.flatMap { $0 } + gradB.flatMap { $0 }, [2.5, 3, -5, -6, -2.5, -3] as [Double]) {
            XCTAssertEqual(got, want, accuracy: 1e-9)
        }
    }
}
