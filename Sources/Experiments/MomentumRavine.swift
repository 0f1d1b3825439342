import Lessons
import TextPlot

/// Gradient descent with and without momentum on the ravine f(x, y) = 0.1x² + 2y².
///
/// The ravine is 20 times steeper across (y) than along (x). Plain gradient descent must keep
/// η below 2/4 = 0.5 or the y coordinate overshoots further each step; heavy-ball momentum
/// (v ← βv + g, θ ← θ − ηv) damps that oscillation and tolerates larger steps. The gradient is
/// computed in closed form: ∇f = (0.2x, 4y).
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

        public init() {}

        public static var parameters: [Parameter<Self>] {
            [
                .numbers("learning_rates", \.learningRates, in: 0...10, "Learning rates η to try, each with every momentum."),
                .numbers("momentums", \.momentums, in: 0...0.999, "Momentum coefficients β to try; 0 is plain gradient descent."),
                .integer("steps", \.steps, in: 1...100_000, "The most steps a run takes."),
                .numbers("start", \.start, in: -100...100, count: 2...2, "The starting point [x, y]."),
                .number("tolerance", \.tolerance, in: 1e-12...1, "A run has converged once f(x, y) falls below this."),
            ]
        }
    }

    /// f(x, y) = 0.1x² + 2y².
    static func loss(_ x: Double, _ y: Double) -> Double { 0.1 * x * x + 2 * y * y }

    /// One run's outcome.
    struct Run {
        var learningRate: Double
        var momentum: Double
        var steps: Int
        var finalLoss: Double
        var converged: Bool
        var diverged: Bool
        var path: [(x: Double, y: Double)]

        /// `sgd_0.6` or `momentum0.5_0.6`: the prefix of this run's metrics.
        var label: String {
            momentum == 0 ? "sgd_\(format(learningRate))" : "momentum\(format(momentum))_\(format(learningRate))"
        }
    }

    /// Runs heavy-ball gradient descent from `start` until it converges, diverges or runs out of steps.
    static func descend(learningRate: Double, momentum: Double, parameters p: Parameters) -> Run {
        var (x, y) = (p.start[0], p.start[1])
        var (vx, vy) = (0.0, 0.0)
        var path = [(x, y)]
        var loss = self.loss(x, y)
        var step = 0
        // A loss this far above the start means the iterates are running away.
        let divergence = max(loss, 1) * 1e6
        while step < p.steps, loss >= p.tolerance, loss.isFinite, loss <= divergence {
            vx = momentum * vx + 0.2 * x
            vy = momentum * vy + 4 * y
            x -= learningRate * vx
            y -= learningRate * vy
            step += 1
            loss = self.loss(x, y)
            path.append((x, y))
        }
        let diverged = !loss.isFinite || loss > divergence
        return Run(learningRate: learningRate, momentum: momentum, steps: step, finalLoss: loss,
                   converged: loss < p.tolerance, diverged: diverged, path: path)
    }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        var runs: [Run] = []
        for momentum in p.momentums {
            for learningRate in p.learningRates {
                runs.append(descend(learningRate: learningRate, momentum: momentum, parameters: p))
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
            let outcome = run.diverged ? "diverged" : run.converged ? "converged" : "still going"
            table.append([.text(run.label), .number(run.learningRate), .number(run.momentum),
                          .number(Double(run.steps)), .number(run.finalLoss), .text(outcome)])
            result.metric("\(run.label).steps", Double(run.steps))
            result.metric("\(run.label).final_loss", run.finalLoss)
            result.metric("\(run.label).converged", run.converged)
            result.metric("\(run.label).diverged", run.diverged)
        }
        result.figure(table)
        return result
    }
}

/// A parameter value as a lesson would write it (`0.6`, `1e-06`): short, and the same on every machine.
func format(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e9 { return String(Int(value)) }
    return "\(value)"
}
