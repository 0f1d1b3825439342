import Engine
import Lessons

/// Gradient descent with and without momentum on the ravine f(x, y) = 0.1x² + 2y².
///
/// The ravine is 20 times steeper across (y) than along (x). Plain gradient descent must keep
/// η below 2/4 = 0.5 or the y coordinate overshoots further each step; heavy-ball momentum
/// (v ← βv + g, θ ← θ − ηv) damps that oscillation and tolerates larger steps. Each run is the
/// engine's `SGD` (PyTorch's rule) on a 2-element parameter θ = (x, y), its gradient from autograd,
/// in Float32 as every model in the course.
public struct MomentumRavine: Experiment {
    public static let name = "momentum-ravine"
    public static let summary = "Gradient descent with and without momentum on the ravine f(x, y) = 0.1x² + 2y²."

    /// The grid of runs and when a run counts as converged or diverged.
    public struct Parameters: ExperimentParameters {
        /// Learning rates η to try.
        public var learningRates = [0.4, 0.6]
        /// Momentum coefficients β to try; 0 is plain gradient descent.
        public var momentums = [0.0, 0.5]
        /// The most steps a run takes.
        public var steps = 200
        /// Where every run starts, (x, y).
        public var start = [-8.0, 1.5]
        /// A run has converged once f falls below this.
        public var tolerance = 1e-6
        /// Whether to draw the paths over the ravine.
        public var surface = true
        /// Whether to chart the loss per step.
        public var lossChart = true
        /// How many steps of each path to draw over the ravine.
        public var pathSteps = 30

        public init() {}

        public static var parameters: [Parameter<Self>] {
            [
                .numbers("learning_rates", \.learningRates, in: 0...10, "Learning rates η to try, each with every momentum."),
                .numbers("momentums", \.momentums, in: 0...0.999, "Momentum coefficients β to try; 0 is plain gradient descent."),
                .integer("steps", \.steps, in: 1...100_000, "The most steps a run takes."),
                .numbers("start", \.start, in: -100...100, count: 2...2, "The starting point [x, y]."),
                .number("tolerance", \.tolerance, in: 1e-12...1, "A run has converged once f(x, y) falls below this."),
                .flag("surface", \.surface, "Draw every run's path over the ravine's contours."),
                .flag("loss_chart", \.lossChart, "Chart every run's loss per step, on a log scale."),
                .integer("path_steps", \.pathSteps, in: 1...100_000, "How many steps of each path to draw over the ravine."),
            ]
        }
    }

    /// f(x, y) = 0.1x² + 2y², for drawing the surface.
    static func loss(_ x: Double, _ y: Double) -> Double { 0.1 * x * x + 2 * y * y }

    /// f(θ) = 0.1x² + 2y² as a tensor expression, so autograd gives ∇f.
    static func loss(_ theta: Tensor) -> Tensor { (Tensor([0.1, 2]) * theta * theta).sum() }

    /// One run's outcome: its settings and where its descent went (`run.path`, `run.finalLoss`, …).
    @dynamicMemberLookup
    struct Run {
        var learningRate: Double
        var momentum: Double
        var trajectory: Trajectory

        subscript<Value>(dynamicMember keyPath: KeyPath<Trajectory, Value>) -> Value { trajectory[keyPath: keyPath] }

        /// `SGD lr 0.6` or `momentum 0.5, lr 0.6`: the run's name in legends.
        var title: Phrase {
            momentum == 0 ? "SGD lr \(format(learningRate))" : "momentum \(format(momentum)), lr \(format(learningRate))"
        }

        /// `sgd_lr0.6` or `momentum0.5_lr0.6`: the prefix of this run's metrics.
        var label: String { MomentumRavine.runName(momentum: momentum, learningRate: learningRate) }
    }

    /// Runs the engine's SGD (momentum β, PyTorch's rule: b ← g on the first step, then b ← βb + g;
    /// θ ← θ − ηb) from `start` until f converges, diverges or the steps run out.
    static func descend(learningRate: Double, momentum: Double, parameters p: Parameters) throws -> Run {
        var optimizer = try SGD(learningRate: Float(learningRate), momentum: Float(momentum))
        let trajectory = Descent.run(start: p.start, steps: p.steps, tolerance: p.tolerance, loss: loss,
                                     update: { optimizer.update(&$0, gradient: $1, name: "theta") })
        return Run(learningRate: learningRate, momentum: momentum, trajectory: trajectory)
    }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        var runs: [Run] = []
        for momentum in p.momentums {
            for learningRate in p.learningRates {
                runs.append(try descend(learningRate: learningRate, momentum: momentum, parameters: p))
            }
        }
        var table = Table(
            title: "Gradient descent on f(x, y) = 0.1x² + 2y²",
            columns: [
                .init("run"), .init("lr", format: .fixed(2)), .init("momentum", format: .fixed(2)),
                .init("steps", format: .integer), .init("final loss", format: .scientific(2), nonFinite: "overflow"),
                .init("outcome"),
            ],
            caption: "Start (\(format(p.start[0])), \(format(p.start[1]))); converged means f < \(format(p.tolerance)) "
                + "within \(p.steps) steps; diverged means f grew a millionfold.")
        var result = ExperimentResult()
        for run in runs {
            let outcome: Phrase = run.diverged ? "diverged" : run.converged ? "converged" : "still going"
            table.append([.text(Phrase(verbatim: run.label)), .number(run.learningRate), .number(run.momentum),
                          .number(Double(run.steps)), .number(run.finalLoss), .text(outcome)])
            result.metric("\(run.label).steps", Double(run.steps))
            result.metric("\(run.label).final_loss", run.finalLoss)
            result.metric("\(run.label).converged", run.converged)
            result.metric("\(run.label).diverged", run.diverged)
        }
        result.figure(table)
        if p.surface { result.figure(surface(runs, p)) }
        if p.lossChart {
            result.figure(LineChart(title: "Loss per step (log scale)", xLabel: "step", yLabel: "f(x, y)", yScale: .log,
                                    series: runs.map { .init($0.title, $0.losses) }))
        }
        return result
    }

    /// The ravine's level sets with every run's path, framed around the start and the minimum.
    static func surface(_ runs: [Run], _ p: Parameters) -> Surface {
        let (x0, y0) = (p.start[0], p.start[1])
        let xReach = max(abs(x0), 1) * 1.15
        let yReach = max(abs(y0), 0.5) * 2
        let x = x0 <= 0 ? -xReach...(xReach * 0.2) : -(xReach * 0.2)...xReach
        let y = -yReach...yReach
        // A path that leaves the window is drawn up to where it leaves: past that, the segments of a
        // diverging zig-zag would only cross the picture from edge to edge and hide the others.
        func visible(_ run: Run) -> [(Double, Double)] {
            var points: [(Double, Double)] = []
            for point in run.path.prefix(p.pathSteps + 1) {
                points.append((point.x, point.y))
                if !x.contains(point.x) || !y.contains(point.y) { break }
            }
            return points
        }
        return Surface(title: "The first \(p.pathSteps) steps over f(x, y) = 0.1x² + 2y²", x: x, y: y, levels: 5,
                       paths: runs.map { .init($0.title, points: visible($0)) },
                       function: Polynomial([.init(0.1, x: 2), .init(2, y: 2)]))
    }
}

/// A parameter value as a lesson would write it (`0.6`, `1e-06`): short, and the same on every machine.
func format(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
    return "\(value)"
}

extension MomentumRavine {
    /// A run is named by its momentum (`sgd` for β = 0, else `momentum0.5`) and its learning rate,
    /// always: `sgd_lr0.4`, `momentum0.5_lr0.6`.
    static func runName(momentum: Double, learningRate: Double) -> String {
        RunNaming.name([momentum == 0 ? "sgd" : RunNaming.number("momentum", momentum), RunNaming.number("lr", learningRate)])
    }

    public static let metrics: MetricDeclaration? = MetricDeclaration(
        runs: RunNaming([.either([.word(["sgd"]), .number("momentum")]), .number("lr")],
                         summary: "momentum (`sgd` for 0) and learning rate, always: `sgd_lr0.4`, `momentum0.5_lr0.6`"),
        [.init("{run}.steps"), .init("{run}.final_loss"), .init("{run}.converged"), .init("{run}.diverged")])

    public static func runNames(_ p: Parameters) -> [String] {
        p.momentums.flatMap { momentum in p.learningRates.map { runName(momentum: momentum, learningRate: $0) } }
    }
}

extension MomentumRavine.Parameters {
    /// Optimizer steps over all runs: each is a small autograd step, a few microseconds.
    public var budget: Budget? {
        Budget(work: Double(learningRates.count * momentums.count * steps), limit: 1e6,
               unit: "optimizer steps (learning rates × momentums × steps)",
               advice: "fewer learning rates or momentums, or fewer steps")
    }
}

