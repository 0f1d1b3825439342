import Engine
import Foundation
import Lessons

/// Plain and noisy gradient descent near the saddle of f(x, y) = x⁴/4 − x²/2 + y²/2.
///
/// ∇f = (x³ − x, y) and the Hessian is diag(3x² − 1, 1): at the saddle (0, 0) its eigenvalues are −1 and 1,
/// at the two minima (±1, 0) they are 2 and 1. The points that descent carries into the saddle, its stable
/// manifold, are the y-axis: there x³ − x = 0, so x stays 0 for ever. Started at a distance δ from that
/// axis, a step multiplies x by 1 + η(1 − x²) ≈ 1 + η, so descent leaves the strip |x| ≤ r after about
/// ln(r/δ)/ln(1 + η) steps: the time grows like log(1/δ) and is infinite at δ = 0. Noise in the gradient
/// (SGD's, modelled as N(0, σ²) on each coordinate) pushes x off the axis by about σ√(η/(2 + η)) and
/// leaves sooner. Each run is the engine's `SGD` on a 2-element parameter, its gradient from autograd,
/// in Float32 as every model in the course.
public struct SaddleEscape: Experiment {
    public static let name = "saddle-escape"
    public static let summary = "Gradient descent near a saddle: escape time against the distance from its attracting direction, with noise, and from random starts."

    /// The starts, the descent and what to show.
    public struct Parameters: ExperimentParameters {
        /// The learning rate η of every run.
        public var learningRate = 0.1
        /// The distances δ from the saddle's stable manifold (the y-axis) at which runs start: (δ, startY).
        public var offsets = [0, 1e-3, 1e-6, 1e-9]
        /// The y at which the runs of `offsets` start.
        public var startY = 1.0
        /// A run has left the saddle once |x| > radius.
        public var radius = 0.5
        /// The most steps a run takes.
        public var steps = 400
        /// The standard deviation σ of the noise added to each coordinate of the noisy runs' gradient.
        public var noise = 0.01
        /// How many noisy runs per offset, each with its own seed.
        public var repeats = 20
        /// How many plain runs from random starts.
        public var randomStarts = 200
        /// Random starts are uniform in [−box, box]².
        public var box = 1.5
        /// Whether to draw the paths over the surface.
        public var surface = true
        /// Whether to chart f per step.
        public var lossChart = true

        public init() {}

        public static var parameters: [Parameter<Self>] {
            [
                .number("learning_rate", \.learningRate, in: 1e-4...0.3, "The learning rate η of every run."),
                .numbers("offsets", \.offsets, in: 0...1, count: 0...8, "Distances δ from the saddle's attracting direction (the y-axis): runs start at (δ, start_y); [] for none."),
                .number("start_y", \.startY, in: -2...2, "The y at which the runs of offsets start."),
                .number("radius", \.radius, in: 0.01...0.9, "A run has left the saddle once |x| > radius."),
                .integer("steps", \.steps, in: 1...20_000, "The most steps a run takes."),
                .number("noise", \.noise, in: 0...1, "σ of the Gaussian noise added to each coordinate of the gradient in the noisy runs; 0 for none."),
                .integer("repeats", \.repeats, in: 1...200, "Noisy runs per offset, each with its own seed derived from the cell's seed."),
                .integer("random_starts", \.randomStarts, in: 0...5000, "Plain runs from random starts (0 for none)."),
                .number("box", \.box, in: 0.1...1.5, "Random starts are uniform in the square [−box, box]²."),
                .flag("surface", \.surface, "Draw the paths over the surface's contours."),
                .flag("loss_chart", \.lossChart, "Chart f(x, y) per step for each offset."),
            ]
        }
    }

    /// f(x, y) = x⁴/4 − x²/2 + y²/2 as data, for drawing.
    static let polynomial = Polynomial([.init(0.25, x: 4), .init(-0.5, x: 2), .init(0.5, y: 2)])

    /// f(θ) as a tensor expression, so autograd gives ∇f = (x³ − x, y).
    static func loss(_ theta: Tensor) -> Tensor {
        let square = theta * theta
        return (Tensor([0.25, 0]) * square * square + Tensor([-0.5, 0.5]) * square).sum()
    }

    /// Runs plain descent (σ = 0) or noisy descent from `start` for at most `steps`, stopping where `stop`
    /// says; the noise of each step is N(0, σ²) per coordinate from `seed`.
    static func descend(from start: [Double], _ p: Parameters, noise: Double = 0, seed: UInt64 = 0,
                        stop: (Double, Double) -> Bool = { _, _ in false }) throws -> Trajectory {
        var optimizer = try SGD(learningRate: Float(p.learningRate))
        var generator = SeededGenerator(seed: seed)
        return Descent.run(start: start, steps: p.steps, tolerance: -.infinity, loss: loss, update: { theta, gradient in
            let noisy = noise == 0 ? gradient : gradient + Tensor.normal([2], std: Float(noise), using: &generator)
            optimizer.update(&theta, gradient: noisy, name: "theta")
        }, stop: stop)
    }

    /// The first step at which |x| > radius, nil if the path never gets there.
    static func escapeStep(_ path: [(x: Double, y: Double)], radius: Double) -> Int? {
        path.firstIndex { abs($0.x) > radius }
    }

    /// The steps after which the linearized descent, x ← (1 + η)x from x = δ, first has x > r:
    /// ⌊ln(r/δ)/ln(1 + η)⌋ + 1 (0 when δ > r already, nil when δ = 0: x stays 0).
    static func linearEscapeSteps(offset: Double, radius: Double, learningRate: Double) -> Int? {
        guard offset > 0 else { return nil }
        if offset > radius { return 0 }
        return Int((log(radius / offset) / log(1 + learningRate)).rounded(.down)) + 1
    }

    /// Mean, standard deviation (n − 1), standard error and median of some counts.
    struct Spread {
        var mean: Double, deviation: Double, error: Double, median: Double

        init?(_ values: [Double]) {
            guard !values.isEmpty else { return nil }
            let n = Double(values.count)
            let mean = values.reduce(0, +) / n
            self.mean = mean
            let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            deviation = values.count > 1 ? (squares / (n - 1)).squareRoot() : 0
            error = deviation / n.squareRoot()
            let sorted = values.sorted()
            median = sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
        }
    }

    /// One offset's runs: the plain one in full, and when each noisy one left.
    struct Row {
        var offset: Double
        var plain: Trajectory
        var plainEscape: Int?
        var noisyEscapes: [Int?]
        var name: String { SaddleEscape.runName(offset) }
    }

    /// The seeds of the noisy repeats and of the random starts, all drawn from the cell's seed: repeat k
    /// has the same seed at every offset, and adding repeats keeps the earlier ones.
    static func seeds(_ seed: UInt64, repeats: Int) -> (starts: UInt64, repeats: [UInt64]) {
        var master = SeededGenerator(seed: seed)
        let starts = master.next()
        return (starts, (0..<repeats).map { _ in master.next() })
    }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        let seeds = seeds(context.seed, repeats: p.repeats)
        let radius = p.radius
        let left: (Double, Double) -> Bool = { x, _ in abs(x) > radius }
        var rows: [Row] = []
        for (index, offset) in p.offsets.enumerated() {
            let plain = try descend(from: [offset, p.startY], p)
            let noisy = try seeds.repeats.map { seed in
                escapeStep(try descend(from: [offset, p.startY], p, noise: p.noise, seed: seed, stop: left).path, radius: radius)
            }
            rows.append(Row(offset: offset, plain: plain, plainEscape: escapeStep(plain.path, radius: radius), noisyEscapes: noisy))
            context.report(Double(index + 1) / Double(p.offsets.count + 1), "offset \(format(offset))")
        }
        var result = ExperimentResult()
        var paths: [Surface.Path] = []
        var noisy: (offset: Double, run: Trajectory)?
        if let closest = p.offsets.min() {
            result.figure(escapeTable(rows, p, into: &result))
            paths = rows.map { .init("descent, δ = \(format($0.offset))", points: $0.plain.path.map { ($0.x, $0.y) }) }
            if p.surface || p.lossChart {
                // The first noisy run from the offset closest to the stable manifold, this time to the end.
                let run = try descend(from: [closest, p.startY], p, noise: p.noise, seed: seeds.repeats[0])
                paths.append(.init("noisy, δ = \(format(closest))", points: run.path.map { ($0.x, $0.y) }))
                noisy = (closest, run)
            }
        }
        if p.randomStarts > 0 {
            let (table, drawn) = try randomStarts(p, seed: seeds.starts, into: &result)
            result.figure(table)
            paths += drawn
        }
        if p.surface, !paths.isEmpty { result.figure(surface(paths, p)) }
        if p.lossChart, let noisy { result.figure(lossChart(rows, noisy: noisy)) }
        return result
    }

    /// The table of escape steps per offset, and its metrics.
    static func escapeTable(_ rows: [Row], _ p: Parameters, into result: inout ExperimentResult) -> Table {
        var table = Table(
            title: "Steps until |x| > \(format(p.radius)), from (δ, \(format(p.startY))) with η = \(format(p.learningRate))",
            columns: [
                .init("δ", alignment: .right), .init("descent", alignment: .right, format: .integer),
                .init("ln(r/δ)/ln(1+η)", alignment: .right, format: .integer),
                .init("noisy mean", format: .fixed(1)), .init("± sd", format: .fixed(1)), .init("median", format: .fixed(1)),
                .init("left", alignment: .right),
            ],
            caption: "Descent: plain gradient descent, \"never\" if |x| ≤ \(format(p.radius)) for all \(p.steps) steps. "
                + "Estimate: the first whole step past it for the linearized descent x ← (1 + η)x. Noisy: the gradient plus N(0, \(format(p.noise))²) "
                + "per coordinate, \(p.repeats) runs with their own seeds; mean ± standard deviation and median over the runs that left.")
        for row in rows {
            let predicted = linearEscapeSteps(offset: row.offset, radius: p.radius, learningRate: p.learningRate)
            let escaped = row.noisyEscapes.compactMap { $0 }.map(Double.init)
            let spread = Spread(escaped)
            table.append([
                .text(Phrase(verbatim: format(row.offset))), row.plainEscape.map { .number(Double($0)) } ?? .text("never"),
                predicted.map { .number(Double($0)) } ?? .text("never"),
                spread.map { .number($0.mean) } ?? .empty, spread.map { .number($0.deviation) } ?? .empty,
                spread.map { .number($0.median) } ?? .empty, .text("\(escaped.count) of \(p.repeats)"),
            ])
            let end = row.plain.path[row.plain.path.count - 1]
            result.metric("\(row.name).descent_escaped", row.plainEscape != nil)
            if let step = row.plainEscape { result.metric("\(row.name).descent_steps", Double(step)) }
            result.metric("\(row.name).descent_distance", (end.x * end.x + end.y * end.y).squareRoot())
            if let predicted { result.metric("\(row.name).predicted_steps", Double(predicted)) }
            result.metric("\(row.name).noisy_escaped", Double(escaped.count) / Double(p.repeats))
            if let spread {
                result.metric("\(row.name).noisy_mean", spread.mean)
                result.metric("\(row.name).noisy_sd", spread.deviation)
                result.metric("\(row.name).noisy_se", spread.error)
                result.metric("\(row.name).noisy_median", spread.median)
            }
        }
        return table
    }

    /// The surface's level sets with the paths drawn.
    static func surface(_ paths: [Surface.Path], _ p: Parameters) -> Surface {
        let yReach = max(p.offsets.isEmpty ? 0 : abs(p.startY), p.randomStarts > 0 ? p.box : 0, 0.5) * 1.1
        return Surface(title: "Paths over f(x, y) = x⁴/4 − x²/2 + y²/2: minima at (±1, 0), saddle at (0, 0)",
                       x: -1.5...1.5, y: -yReach...yReach, levels: 6, paths: paths, function: polynomial)
    }

    /// f per step for each plain run and one noisy run.
    static func lossChart(_ rows: [Row], noisy: (offset: Double, run: Trajectory)) -> LineChart {
        var series = rows.map { LineChart.Series("descent, δ = \(format($0.offset))", $0.plain.losses) }
        series.append(.init("noisy, δ = \(format(noisy.offset))", noisy.run.losses))
        return LineChart(title: "f(x, y) per step: the plateau at f ≈ 0 is the saddle; the minima have f = −0.25",
                         xLabel: "step", yLabel: "f(x, y)", series: series)
    }

    /// How many random starts' paths the surface draws.
    static let drawnStarts = 6

    /// Plain descent from random starts: where each one ends, and its metrics; the first few paths.
    static func randomStarts(_ p: Parameters, seed: UInt64, into result: inout ExperimentResult) throws -> (Table, [Surface.Path]) {
        var generator = SeededGenerator(seed: seed)
        // Doubles from 53 random bits: a start exactly on the y-axis has probability 2⁻⁵³, not Float's 2⁻²⁴.
        func uniform() -> Double { (Double(generator.next() >> 11) * 0x1p-53 * 2 - 1) * p.box }
        let nearMinimum: (Double, Double) -> Bool = { x, y in ((abs(x) - 1) * (abs(x) - 1) + y * y).squareRoot() < 1e-3 }
        var (atMinimum, atSaddle, closest) = (0, 0, Double.infinity)
        var steps: [Double] = []
        var paths: [Surface.Path] = []
        for index in 0..<p.randomStarts {
            let start = [uniform(), uniform()]
            closest = min(closest, abs(start[0]))
            let run = try descend(from: start, p, stop: nearMinimum)
            if index < drawnStarts {
                paths.append(.init("random start \(index + 1)", points: run.path.map { ($0.x, $0.y) }))
            }
            let end = run.path[run.path.count - 1]
            if nearMinimum(end.x, end.y) {
                atMinimum += 1
                steps.append(Double(run.steps))
            } else if (end.x * end.x + end.y * end.y).squareRoot() <= p.radius {
                atSaddle += 1
            }
        }
        let count = Double(p.randomStarts)
        result.metric("random.at_minimum", Double(atMinimum) / count)
        result.metric("random.at_saddle", Double(atSaddle) / count)
        result.metric("random.closest_offset", closest)
        let spread = Spread(steps)
        if let spread { result.metric("random.median_steps", spread.median) }
        if let slowest = steps.max() { result.metric("random.slowest_steps", slowest) }
        let table = Table(
            title: "Plain descent from \(p.randomStarts) random starts in [−\(format(p.box)), \(format(p.box))]²",
            columns: [
                .init("at a minimum", format: .fixed(3)), .init("near the saddle", format: .fixed(3)),
                .init("median steps", format: .fixed(1)), .init("slowest", format: .integer),
                .init("closest |x₀|", format: .scientific(2)),
            ],
            rows: [[.number(Double(atMinimum) / count), .number(Double(atSaddle) / count),
                    spread.map { .number($0.median) } ?? .empty, steps.max().map { .number($0) } ?? .empty,
                    .number(closest)]],
            caption: "Fractions of the starts: at a minimum means within 0.001 of (±1, 0) within \(p.steps) steps "
                + "(the steps are counted to there); near the saddle means within \(format(p.radius)) of (0, 0) after them.")
        return (table, paths)
    }
}

extension SaddleEscape {
    /// A run is named by its offset δ, always: `delta0`, `delta0.001`, `delta1e_09`.
    static func runName(_ offset: Double) -> String {
        RunNaming.name([RunNaming.number("delta", offset)])
    }

    public static let metrics: MetricDeclaration? = MetricDeclaration(
        runs: RunNaming([.number("delta")], summary: "the offset δ, always: `delta0`, `delta0.001`, `delta1e_09`"),
        [.init("{run}.descent_escaped"), .init("{run}.descent_steps", sometimes: true), .init("{run}.descent_distance"),
         .init("{run}.predicted_steps", sometimes: true), .init("{run}.noisy_escaped"),
         .init("{run}.noisy_mean", sometimes: true), .init("{run}.noisy_sd", sometimes: true),
         .init("{run}.noisy_se", sometimes: true), .init("{run}.noisy_median", sometimes: true),
         .init("random.at_minimum"), .init("random.at_saddle"), .init("random.closest_offset"),
         .init("random.median_steps", sometimes: true), .init("random.slowest_steps", sometimes: true)])

    public static func runNames(_ p: Parameters) -> [String] { p.offsets.map(runName) }
}

extension SaddleEscape.Parameters {
    /// Two equal offsets would report the same metrics.
    public var conflict: String? {
        let names = SaddleEscape.runNames(self)
        guard let twice = names.first(where: { name in names.filter { $0 == name }.count > 1 }) else { return nil }
        return "two runs would both be \(twice); list each offset once"
    }

    /// Optimizer steps over all runs, at most: each is a small autograd step, a few microseconds.
    public var budget: Budget? {
        Budget(work: Double((offsets.count * (repeats + 1) + 1 + randomStarts) * steps), limit: 2e6,
               unit: "optimizer steps ((offsets × (repeats + 1) + 1 + random starts) × steps)",
               advice: "fewer offsets, repeats or random starts, or fewer steps")
    }
}
