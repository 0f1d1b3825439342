import Lessons
import XCTest

@testable import Experiments

/// The dropout experiment: zeros at rate p, survivors scaled by 1/(1 − p), evaluation untouched.
final class DropoutModesTests: XCTestCase {
    private func run(probability: Double, samples: Int = 4_000, seed: UInt64 = 0) throws -> ExperimentResult {
        var p = DropoutModes.Parameters()
        p.probability = probability
        p.samples = samples
        return try DropoutModes.run(p, context: ExperimentContext(seed: seed))
    }

    private func number(_ result: ExperimentResult, _ name: String, file: StaticString = #filePath, line: UInt = #line) -> Double {
        guard case .number(let value) = result.metric(named: name) else {
            XCTFail("no number metric \(name)", file: file, line: line)
            return .nan
        }
        return value
    }

    func testKeptElementsAreScaledByOneOverOneMinusP() throws {
        // p = 0.2: a kept element is multiplied by 1/0.8 = 1.25 (by hand), every time.
        let result = try run(probability: 0.2)
        XCTAssertEqual(number(result, "train.kept_scale_min"), 1.25, accuracy: 1e-6)
        XCTAssertEqual(number(result, "train.kept_scale_max"), 1.25, accuracy: 1e-6)
        // 4,000 passes × 6 elements: the zero rate is within a few standard errors (√(0.16/24000) ≈ 0.0026) of p.
        XCTAssertEqual(number(result, "train.zero_fraction"), 0.2, accuracy: 0.015)
        // The mean of the input 1…6 is 3.5, and inverted dropout keeps it on average.
        XCTAssertEqual(number(result, "input.mean"), 3.5)
        XCTAssertEqual(number(result, "train.mean"), 3.5, accuracy: 0.1)
        XCTAssertEqual(result.metric(named: "eval.unchanged"), .flag(true))
        XCTAssertEqual(result.metric(named: "train.passes_differ"), .flag(true))
    }

    func testZeroProbabilityIsTheIdentityInBothModes() throws {
        let result = try run(probability: 0)
        XCTAssertEqual(number(result, "train.zero_fraction"), 0)
        XCTAssertEqual(number(result, "train.kept_scale_min"), 1)
        XCTAssertEqual(number(result, "train.largest_mean_error"), 0)
        XCTAssertEqual(result.metric(named: "train.passes_differ"), .flag(false))
    }

    func testSameSeedSameMetricsAnotherSeedOtherMasks() throws {
        let a = try run(probability: 0.5, samples: 100, seed: 3), b = try run(probability: 0.5, samples: 100, seed: 3)
        let c = try run(probability: 0.5, samples: 100, seed: 4)
        XCTAssertEqual(a.metrics, b.metrics)
        XCTAssertNotEqual(a.metrics, c.metrics)
    }

    func testCatalogListsTheParametersWithTheirRanges() {
        let entry = experimentCatalog.entries.first { $0.name == "dropout-modes" }
        XCTAssertEqual(entry?.parameters.map(\.key), ["probability", "input", "draws", "samples"])
        // p = 1 would zero everything and make 1/(1 − p) infinite: the range stops below it.
        XCTAssertEqual(entry?.parameters.first?.constraint.contains("0.95"), true, entry?.parameters.first?.constraint ?? "")
    }
}
