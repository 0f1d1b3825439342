import Lessons
import XCTest

@testable import Experiments

/// Labels that cannot mislead: a chart measured during training says so, a table of the final weights
/// says so, a diverged line is named, and histograms of layers whose scales differ by powers of ten get
/// axes that show each layer.
final class FigureLabelTests: XCTestCase {
    private func figures(_ result: ExperimentResult) -> [Figure] {
        result.items.compactMap { item in
            if case .figure(let figure) = item { return figure }
            return nil
        }
    }

    private func lineCharts(_ result: ExperimentResult) -> [LineChart] {
        figures(result).compactMap { if case .lineChart(let chart) = $0 { chart } else { nil } }
    }

    private func histogramFigures(_ result: ExperimentResult) -> [Histogram] {
        figures(result).compactMap { if case .histogram(let histogram) = $0 { histogram } else { nil } }
    }

    private func text(_ phrase: Phrase?) -> String { phrase.map { MessageCatalog.english.text($0) } ?? "" }

    private func train(seed: UInt64 = 1, _ change: (inout TrainClassifier.Parameters) -> Void) throws -> ExperimentResult {
        var p = TrainClassifier.Parameters()
        p.points = 30
        p.epochs = 3
        p.hidden = [8]
        change(&p)
        return try TrainClassifier.run(p, context: ExperimentContext(seed: seed))
    }

    func testTrainingCurvesSayTheyAreMeasuredDuringEachEpochInTrainingMode() throws {
        let result = try train { $0.curves = [.trainLoss, .trainAccuracy, .valLoss, .stepLoss] }
        let charts = lineCharts(result)
        XCTAssertEqual(charts.count, 4)
        XCTAssertEqual(text(charts[0].title), "Training loss during each epoch")
        XCTAssertEqual(text(charts[0].yLabel), "mean loss of the epoch's batches (training mode)")
        XCTAssertEqual(text(charts[1].title), "Training accuracy during each epoch")
        XCTAssertTrue(text(charts[1].yLabel).contains("(training mode)"))
        XCTAssertEqual(text(charts[2].title), "Validation loss after each epoch")
        XCTAssertTrue(text(charts[3].yLabel).contains("(training mode)"))
        for chart in charts {
            // "mean loss of the epoch's batches (training mode) (log scale)" must fit a 60-column terminal.
            XCTAssertLessThanOrEqual(text(chart.yLabel).count + " (log scale)".count, 60, text(chart.yLabel))
        }
    }

    func testTheTableSaysItShowsTheFinalWeightsAndItsStarIsTheColumnsBest() throws {
        let result = try train { $0.curves = [.trainLoss] }
        guard case .table(let table) = figures(result).first else { return XCTFail("the first figure is the table") }
        XCTAssertTrue(text(table.caption).contains("the final weights, evaluated on each whole set in evaluation mode"),
                      text(table.caption))
        let drawn = figures(result).map { $0.render(width: 80) }
        XCTAssertTrue(drawn[0].contains("★ best in its column: lowest train loss"), drawn[0])
        XCTAssertTrue(drawn[1].contains("★ lowest point of "), "a chart's star is one line's best point:\n\(drawn[1])")
        XCTAssertFalse(drawn[1].contains("best in its column"))
    }

    func testChartsOfRepeatsSayTheyAreMeans() throws {
        let result = try train { $0.curves = [.trainLoss]; $0.repeats = 2; $0.epochs = 2 }
        XCTAssertEqual(text(lineCharts(result).first?.title), "Training loss during each epoch (mean of 2 runs)")
    }

    func testADivergedRunIsNamedInTheLegend() throws {
        // As in TrainClassifierTests: at η = 1000 this run diverges within its five epochs.
        let result = try train(seed: 2) { $0.curves = [.trainLoss]; $0.learningRates = [0.1, 1000]; $0.epochs = 5 }
        XCTAssertEqual(result.metric(named: "sgd_lr1000.diverged"), .flag(true))
        let names = lineCharts(result).first?.series.map { text($0.name) } ?? []
        XCTAssertEqual(names.count, 2)
        XCTAssertFalse(names[0].contains("diverged"), "\(names)")
        XCTAssertTrue(names[1].hasSuffix("(diverged)") || names[1].hasSuffix("(diverged, not drawn)"), "\(names)")
    }

    // MARK: Histograms of activations by layer

    private func activations(_ inits: [InitActivations.Initialization], _ activation: InitActivations.Activation,
                             depth: Int, histograms: [Int]) throws -> [Histogram] {
        var p = InitActivations.Parameters()
        p.inits = inits
        p.activation = activation
        p.depth = depth
        p.width = 64
        p.batch = 64
        p.depths = [1]
        p.histograms = histograms
        return histogramFigures(try InitActivations.run(p, context: ExperimentContext(seed: 3)))
    }

    func testReLULayersShareALogAxisWhereEachLayerSitsAtItsOwnScale() throws {
        // N(0, 1) weights with 64 inputs: the std grows about √32 ≈ 5.7 times per layer, 10⁷ by layer 10.
        let histogram = try XCTUnwrap(activations([.normal], .relu, depth: 10, histograms: [1, 10]).first)
        XCTAssertEqual(histogram.binning.scale, .log)
        XCTAssertTrue(text(histogram.title).contains("log axis"))
        let occupied = histogram.binning.groups.map { group in group.counts.indices.filter { group.counts[$0] > 0 } }
        XCTAssertGreaterThan(occupied[0].count, 3, "layer 1 is spread over several bins, not one bar at 0")
        XCTAssertGreaterThan(occupied[1].count, 3)
        XCTAssertLessThan(occupied[0].reduce(0, +) / occupied[0].count, occupied[1].reduce(0, +) / occupied[1].count,
                          "layer 10 sits to the right of layer 1")
    }

    func testTanhLayersEachGetTheirOwnAxisSpanningTheirOwnValues() throws {
        // N(0, 0.01²) with tanh and 64 inputs: the std shrinks about 12 times per layer, to about 1e-11 by layer 10.
        let histogram = try XCTUnwrap(activations([.small], .tanh, depth: 10, histograms: [1, 10]).first)
        let (first, deep) = (histogram.binning.groups[0], histogram.binning.groups[1])
        let firstHigh = try XCTUnwrap(first.high), deepHigh = try XCTUnwrap(deep.high)
        let firstLow = try XCTUnwrap(first.low), deepLow = try XCTUnwrap(deep.low)
        XCTAssertTrue(firstHigh > 0.01 && firstHigh < 1, "layer 1 spans \(firstLow)...\(firstHigh)")
        XCTAssertTrue(deepHigh > 0 && deepHigh < 1e-6 && deepLow < 0, "layer 10 spans \(deepLow)...\(deepHigh)")
        XCTAssertGreaterThan(deep.counts.filter { $0 > 0 }.count, 5, "layer 10 is a bell on its own axis, not one bar")
        let drawn = Figure.histogram(histogram).render(width: 80)
        XCTAssertTrue(drawn.contains("e-"), "the deep layer's ticks say its scale:\n\(drawn)")
        XCTAssertFalse(drawn.contains("0.000000"), drawn)
    }

    func testALayerOfOnlyZerosSaysSoInsteadOfDrawingNothing() throws {
        // N(0, 0.01²) with 64 inputs shrinks the std 17 times per ReLU layer: zeros long before layer 60.
        let histogram = try XCTUnwrap(activations([.small], .relu, depth: 60, histograms: [1, 60]).first)
        let drawn = Figure.histogram(histogram).render(width: 80)
        XCTAssertTrue(drawn.contains("layer 60 (all 4096 exactly 0)"), drawn)
        XCTAssertFalse(drawn.contains("mean 0.00"), drawn)
    }
}
