import Lessons
import XCTest

@testable import Experiments

/// The activations experiment against the variance arithmetic of a layer, worked by hand:
/// Var(y) = n·σ²·Var(x), and a ReLU of y ~ N(0, s²) has mean square s²/2 and std s·√((1 − 1/π)/2).
final class InitActivationsTests: XCTestCase {
    private func parameters(_ inits: [InitActivations.Initialization], activation: InitActivations.Activation = .relu, depth: Int = 3, width: Int = 64,
                            batch: Int = 128) -> InitActivations.Parameters {
        var p = InitActivations.Parameters()
        p.inits = inits
        p.activation = activation
        p.depth = depth
        p.width = width
        p.batch = batch
        p.depths = [1]
        p.histograms = []
        return p
    }

    func testStandardDeviationByHand() {
        // Mean 2.5; squared deviations 2.25, 0.25, 0.25, 2.25; population variance 1.25.
        XCTAssertEqual(InitActivations.standardDeviation([1, 2, 3, 4]), 1.25.squareRoot(), accuracy: 1e-12)
        XCTAssertEqual(InitActivations.standardDeviation([]), 0)
    }

    func testFirstLayerFollowsTheVarianceFormula() throws {
        let result = try InitActivations.run(parameters([.normal, .kaiming], width: 256, batch: 64),
                                             context: ExperimentContext(seed: 1))
        // Kaiming: y ~ N(0, 256·(2/256)·1) = N(0, 2); std of relu(y) = √2·√((1 − 1/π)/2) ≈ 0.8256.
        XCTAssertEqual(metricNumber(result, "kaiming.std_1"), 0.8256, accuracy: 0.05)
        // N(0, 1): y ~ N(0, 256); std of relu(y) = 16·√((1 − 1/π)/2) ≈ 9.341.
        XCTAssertEqual(metricNumber(result, "normal.std_1"), 9.341, accuracy: 0.5)
    }

    func testKaimingHoldsXavierHalvesTheVariancePerReLULayer() throws {
        let result = try InitActivations.run(parameters([.xavier, .kaiming], depth: 9, width: 128, batch: 64),
                                             context: ExperimentContext(seed: 2))
        let kaiming = metricNumber(result, "kaiming.std_last") / metricNumber(result, "kaiming.std_1")
        let xavier = metricNumber(result, "xavier.std_last") / metricNumber(result, "xavier.std_1")
        XCTAssertEqual(kaiming, 1, accuracy: 0.5)
        // Eight more layers, each dividing the std by √2: 1/16.
        XCTAssertEqual(xavier, 1.0 / 16, accuracy: 0.03)
    }

    func testTanhSaturatesWithLargeWeights() throws {
        let result = try InitActivations.run(parameters([.normal, .xavier], activation: .tanh, depth: 4),
                                             context: ExperimentContext(seed: 3))
        // |tanh(y)| > 0.99 means |y| > 2.647. N(0, 1) weights, 64 inputs: y ~ N(0, 8²), P(|z| > 0.331) ≈ 0.741.
        XCTAssertEqual(metricNumber(result, "normal.saturated_1"), 0.741, accuracy: 0.04)
        // Xavier, gain 5/3: y ~ N(0, (5/3)²), P(|z| > 1.588) ≈ 0.112.
        XCTAssertEqual(metricNumber(result, "xavier.saturated_1"), 0.112, accuracy: 0.04)
        XCTAssertNil(try InitActivations.run(parameters([.normal]), context: ExperimentContext(seed: 3))
            .metric(named: "normal.saturated_1"), "saturation is a tanh metric")
    }

    func testOverflowAndUnderflowAreResults() throws {
        // N(0, 1) with 64 inputs: the std grows √32 ≈ 5.66 times per layer and passes 3e38 near layer 51.
        let result = try InitActivations.run(parameters([.normal, .small], depth: 60, batch: 8),
                                             context: ExperimentContext(seed: 4))
        XCTAssertEqual(result.metric(named: "normal.overflowed"), .flag(true))
        XCTAssertEqual(metricNumber(result, "normal.std_last"), .infinity)
        let layer = metricNumber(result, "normal.overflow_layer")
        XCTAssertTrue((46...56).contains(layer), "overflow at layer \(layer)")
        XCTAssertEqual(result.metric(named: "small.overflowed"), .flag(false))
        XCTAssertEqual(metricNumber(result, "small.std_last"), 0, "a std 0.057 times smaller per layer underflows Float to zeros")
    }

    func testHistogramsRenderEvenWhenALayerOverflowed() throws {
        var p = parameters([.normal], depth: 60, batch: 8)
        p.histograms = [1, 60]
        p.depths = [1, 60]
        let result = try InitActivations.run(p, context: ExperimentContext(seed: 5))
        let figures = result.items.compactMap { item -> String? in
            if case .figure(let figure) = item { return figure.render(width: 80) }
            return nil
        }
        XCTAssertEqual(figures.count, 2, "a table and one histogram")
        XCTAssertTrue(figures[0].contains("overflow"))
        XCTAssertTrue(figures[1].contains("layer 60 (overflowed at layer "), figures[1])
        XCTAssertTrue(figures[1].contains("): no finite values"), figures[1])
    }

    func testSameSeedSameMetrics() throws {
        let p = parameters([.xavier])
        let a = try InitActivations.run(p, context: ExperimentContext(seed: 6))
        let b = try InitActivations.run(p, context: ExperimentContext(seed: 6))
        let c = try InitActivations.run(p, context: ExperimentContext(seed: 7))
        XCTAssertEqual(a.metrics, b.metrics)
        XCTAssertNotEqual(a.metrics, c.metrics)
    }

    /// Sixteen inits through 200 layers of 1,024 units took minutes (the sweep's hang): refused before
    /// running, by the multiply-adds or by the weights drawn, whichever is further over; the lesson's
    /// own cells and the widest stack alone still run.
    func testTheDeepestWidestStacksAreOverBudget() throws {
        var p = InitActivations.Parameters()
        let defaults = try XCTUnwrap(p.budget)
        XCTAssertLessThanOrEqual(defaults.work, defaults.limit)
        p.width = 1_024
        XCTAssertLessThanOrEqual(try XCTUnwrap(p.budget).work, try XCTUnwrap(p.budget).limit, "the widest stack of the lesson's depth")
        p.inits = Array(repeating: .kaiming, count: 16)
        p.depth = 200
        p.batch = 4_096
        let heaviest = try XCTUnwrap(p.budget)
        XCTAssertGreaterThan(heaviest.work, heaviest.limit)
        XCTAssertTrue(heaviest.unit.hasPrefix("multiply-adds"), heaviest.unit)
        p.inits = [.normal, .small, .xavier, .kaiming]
        p.batch = 1
        let drawn = try XCTUnwrap(p.budget)
        XCTAssertGreaterThan(drawn.work, drawn.limit, "drawing 200 × 1,024² weights four times takes as long")
        XCTAssertTrue(drawn.unit.hasPrefix("random weights"), drawn.unit)
    }

    /// Layer 0 is not a layer: the range refuses it when the lesson is read (it allowed 0, and the run failed).
    func testHistogramLayersStartAtOne() {
        XCTAssertThrowsError(try parseCell("activations", "histograms: [0]")) { error in
            XCTAssertTrue("\(error)".contains("from 1 to 200"), "\(error)")
        }
        XCTAssertNoThrow(try parseCell("activations", "histograms: []"))
    }

    func testALayerPastTheStackIsAnError() {
        var p = parameters([.kaiming])
        p.depths = [1, 5]
        XCTAssertThrowsError(try InitActivations.run(p, context: ExperimentContext(seed: 0))) { error in
            XCTAssertTrue("\(error)".contains("layer 5 is not in a stack of 3 layers"), "\(error)")
        }
    }

    func testCatalogListsTheParameters() {
        let entry = experimentCatalog.entries.first { $0.name == "activations" }
        XCTAssertEqual(entry?.parameters.map(\.key), ["inits", "activation", "depth", "width", "batch", "depths", "histograms", "bins"])
    }
}
