import Lessons
import XCTest

@testable import Experiments

/// Batch norm gives its input back with γ = σ, β = μ, and cancels a bias added before it.
final class BatchNormAlgebraTests: XCTestCase {
    private func number(_ result: ExperimentResult, _ name: String, file: StaticString = #filePath, line: UInt = #line) -> Double {
        guard case .number(let value) = result.metric(named: name) else {
            XCTFail("no number metric \(name)", file: file, line: line)
            return .nan
        }
        return value
    }

    func testIdentityAndCancelledBias() throws {
        let result = try BatchNormAlgebra.run(BatchNormAlgebra.Parameters(), context: ExperimentContext(seed: 1))
        // Float rounding only: the inputs are at most about 5 + 4·4 in size.
        XCTAssertLessThan(number(result, "identity.max_difference"), 1e-5 * number(result, "identity.input_max"))
        XCTAssertLessThan(number(result, "identity.normalized_largest_abs_mean"), 1e-5)
        XCTAssertGreaterThan(number(result, "bias.largest_bias"), 1)
        XCTAssertLessThan(number(result, "bias.max_difference"), 1e-5)
        // The bias's gradient is Σ over a channel of ∂L/∂y · ∂y/∂b = 0 (the slope of x̂ under a common shift).
        XCTAssertLessThan(number(result, "bias.bias_gradient_norm"), 1e-5 * number(result, "bias.weight_gradient_norm"))
        XCTAssertGreaterThan(number(result, "bias.weight_gradient_norm"), 0.1)
    }

    func testZeroBiasIsDegenerateButFine() throws {
        var p = BatchNormAlgebra.Parameters()
        p.biasScale = 0
        p.batch = 2
        p.features = 1
        let result = try BatchNormAlgebra.run(p, context: ExperimentContext(seed: 0))
        XCTAssertEqual(number(result, "bias.largest_bias"), 0)
        XCTAssertEqual(number(result, "bias.max_difference"), 0)
        // Two examples, one feature: x̂ is (−1, 1) up to ε, and γ = σ, β = μ still give x back.
        XCTAssertLessThan(number(result, "identity.max_difference"), 1e-5 * max(number(result, "identity.input_max"), 1))
    }

    func testCatalogEntry() {
        let entry = experimentCatalog.entries.first { $0.name == "batch-norm-algebra" }
        XCTAssertEqual(entry?.parameters.map(\.key), ["features", "batch", "channels", "bias_scale"])
    }
}
