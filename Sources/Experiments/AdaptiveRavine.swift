import Engine
import Foundation
import Lessons

/// SGD, momentum, AdaGrad, RMSProp and Adam on a badly scaled quadratic f(x, y) = ½(a·x′² + b·y′²).
///
/// (x′, y′) is (x, y) turned by `rotation` degrees; unrotated, the curvatures a and b belong to the two
/// parameters themselves, as when two input features have very different scales. One learning rate must
/// then suit both: plain descent is capped at η < 2/b by the steep direction and crawls along the flat
/// one. AdaGrad, RMSProp and Adam divide each parameter's step by a running size of its own gradient, so
/// each coordinate gets its own rate. Each run is the engine's optimizer on a 2-element parameter θ = (x, y),
/// its gradient from autograd, in Float32.
public struct AdaptiveRavine: Experiment {
    public static let name = "adaptive-ravine"
    public static let summary = "SGD, momentum, AdaGrad, RMSProp and Adam on a badly scaled quadratic, with each parameter's step size."

    /// The runs, the problem, and what to show.
    public struct Parameters: ExperimentParameters {
        /// The optimizers, in the order shown.
        public var optimizers: [Method] = [.sgd, .momentum, .adagrad, .rmsprop, .adam]
        /// One learning rate shared by every optimizer, or one per optimizer.
        public var learningRates = [0.09, 0.1, 0.1, 0.1, 0.1]
        /// β of the momentum optimizer.
        public var momentum = 0.9
        /// The curvatures (a, b).
        public var curvatures = [0.02, 20.0]
        /// How far the quadratic's axes are turned from the parameters' axes, in degrees.
        public var rotation = 0.0
        /// Where every run starts, (x, y).
        public var start = [-8.0, 1.5]
        /// The most steps a run takes.
        public var steps = 500
        /// A run has converged once f falls below this.
        public var tolerance = 1e-6
        /// The steps at which to report each coordinate's step size.
        public var reportSteps = [1, 10, 100, 500]
        /// Whether to draw the paths over the surface.
        public var surface = true
        /// Whether to chart the loss per step.
        public var lossChart = true
        /// Whether to tabulate each coordinate's step size at `reportSteps`.
        public var stepTable = false
        /// How many steps of each path to draw over the surface.
        public var pathSteps = 60

        public init() {}

        public static var parameters: [Parameter<Self>] {
            [
                .choices("optimizers", \.optimizers, count: 1...8, "The optimizers to run, in order (one may appear twice with two rates)."),
                .numbers("learning_rates", \.learningRates, in: 0...10, count: 1...8, "One learning rate η for every optimizer, or one per optimizer in the same order."),
                .number("momentum", \.momentum, in: 0...0.999, "β of the momentum optimizer."),
                .numbers("curvatures", \.curvatures, in: 1e-6...1e6, count: 2...2, "The curvatures [a, b] of f = (a·x² + b·y²)/2."),
                .number("rotation", \.rotation, in: -90...90, "Turns the quadratic's axes away from the parameters' axes, in degrees."),
                .numbers("start", \.start, in: -100...100, count: 2...2, "The starting point [x, y]."),
                .integer("steps", \.steps, in: 1...100_000, "The most steps a run takes."),
                .number("tolerance", \.tolerance, in: 1e-12...1, "A run has converged once f(x, y) falls below this."),
                .integers("report_steps", \.reportSteps, in: 1...100_000, count: 1...6, "The steps t at which the step table reports each coordinate's step."),
                .flag("surface", \.surface, "Draw every run's path over the surface's contours."),
                .flag("loss_chart", \.lossChart, "Chart every run's loss per step, on a log scale."),
                .flag("step_table", \.stepTable, "Tabulate each coordinate's step |Δθ| and rate at report_steps."),
                .integer("path_steps", \.pathSteps, in: 1...100_000, "How many steps of each path to draw over the surface."),
            ]
        }
    }

    /// The quadratic, in Double for drawing and as a tensor expression for autograd.
    struct Quadratic {
        var a: Double, b: Double
        var cosine: Double, sine: Double

        init(_ p: Parameters) {
            (a, b) = (p.curvatures[0], p.curvatures[1])
            let angle = p.rotation * Double.pi / 180
            (cosine, sine) = (cos(angle), sin(angle))
        }

        func callAsFunction(_ x: Double, _ y: Double) -> Double {
            let (u, v) = (cosine * x + sine * y, -sine * x + cosine * y)
            return 0.5 * (a * u * u + b * v * v)
        }

        /// The same function as a polynomial in x and y, for drawing: with u = cx + sy, v = −sx + cy,
        /// ½(a u² + b v²) = ½(ac² + bs²) x² + (a − b)cs xy + ½(as² + bc²) y².
        var polynomial: Polynomial {
            Polynomial([
                .init(0.5 * (a * cosine * cosine + b * sine * sine), x: 2),
                .init((a - b) * cosine * sine, x: 1, y: 1),
                .init(0.5 * (a * sine * sine + b * cosine * cosine), y: 2),
            ])
        }

        /// ½ Σ c ⊙ (Rθ)², with (Rθ) computed as θ·Rᵀ so that autograd carries the rotation into ∇f.
        func callAsFunction(_ theta: Tensor) -> Tensor {
            let transposed = Tensor([Float(cosine), Float(-sine), Float(sine), Float(cosine)], shape: [2, 2])
            let turned = theta.reshape([1, 2]).matmul(transposed).reshape([2])
            return (Tensor([Float(0.5 * a), Float(0.5 * b)]) * turned * turned).sum()
        }
    }

    /// One run's outcome: its settings and where its descent went (`run.path`, `run.finalLoss`, …).
    @dynamicMemberLookup
    struct Run {
        var optimizer: Method
        var learningRate: Double
        /// The run's name in tables and legends: `adam`, or `adam_0.1` when adam runs twice.
        var label: String
        /// The prefix of the run's metrics, by the naming rule: `adam_lr0.1`.
        var name: String { AdaptiveRavine.runName(optimizer, learningRate) }
        var trajectory: Trajectory
        /// The rate each coordinate's (averaged) gradient was multiplied by at each step, from step 1.
        var rates: [(x: Double, y: Double)]

        subscript<Value>(dynamicMember keyPath: KeyPath<Trajectory, Value>) -> Value { trajectory[keyPath: keyPath] }

        /// |Δx| and |Δy| of step t (1-based).
        func step(_ t: Int) -> (x: Double, y: Double) {
            (abs(trajectory.path[t].x - trajectory.path[t - 1].x), abs(trajectory.path[t].y - trajectory.path[t - 1].y))
        }
    }

    /// The engine's optimizer for a name, with the state a run reads back.
    enum Stepper {
        case sgd(SGD), adagrad(AdaGrad), rmsprop(RMSProp), adam(Adam)

        init(_ method: Method, learningRate: Double, momentum: Double) throws {
            let rate = Float(learningRate)
            switch method {
            case .sgd: self = .sgd(try SGD(learningRate: rate))
            case .momentum: self = .sgd(try SGD(learningRate: rate, momentum: Float(momentum)))
            case .adagrad: self = .adagrad(try AdaGrad(learningRate: rate))
            case .rmsprop: self = .rmsprop(try RMSProp(learningRate: rate))
            case .adam: self = .adam(try Adam(learningRate: rate))
            }
        }

        mutating func update(_ theta: inout Tensor, gradient: Tensor) {
            switch self {
            case .sgd(var o): o.update(&theta, gradient: gradient, name: "theta"); self = .sgd(o)
            case .adagrad(var o): o.update(&theta, gradient: gradient, name: "theta"); self = .adagrad(o)
            case .rmsprop(var o): o.update(&theta, gradient: gradient, name: "theta"); self = .rmsprop(o)
            case .adam(var o): o.update(&theta, gradient: gradient, name: "theta"); self = .adam(o)
            }
        }

        /// The factor the last step multiplied each coordinate's gradient by: η for SGD (η times the
        /// velocity with momentum), η/(√G + ε) for AdaGrad, η/(√s + ε) for RMSProp, and η/(√v̂ + ε) for Adam,
        /// which multiplies the bias-corrected mean m̂ = m/(1 − β₁ᵗ).
        func rates() -> (x: Double, y: Double) {
            let values: [Float]
            switch self {
            case .sgd(let o): return (Double(o.learningRate), Double(o.learningRate))
            case .adagrad(let o):
                values = o.sumOfSquares["theta"].map { sum in
                    sum.scalars.map { o.learningRate / ($0.squareRoot() + o.eps) }
                } ?? []
            case .rmsprop(let o):
                values = o.meanSquares["theta"].map { square in
                    square.scalars.map { o.learningRate / ($0.squareRoot() + o.eps) }
                } ?? []
            case .adam(let o):
                // effectiveStepSizes multiplies m; times (1 − β₁ᵗ) it is the rate on m̂, as the lesson writes it.
                let t = Double(o.state["theta"]?.step ?? 0)
                let correction = Float(1 - pow(Double(o.beta1), t))
                values = o.effectiveStepSizes(of: "theta")?.scalars.map { $0 * correction } ?? []
            }
            guard values.count == 2 else { return (.nan, .nan) }
            return (Double(values[0]), Double(values[1]))
        }
    }

    /// Runs one optimizer from `start` until f converges, diverges or the steps run out.
    static func descend(_ optimizer: Method, learningRate: Double, label: String, parameters p: Parameters) throws -> Run {
        let f = Quadratic(p)
        var stepper = try Stepper(optimizer, learningRate: learningRate, momentum: p.momentum)
        var rates: [(x: Double, y: Double)] = []
        let trajectory = Descent.run(start: p.start, steps: p.steps, tolerance: p.tolerance, loss: { f($0) },
                                     update: { stepper.update(&$0, gradient: $1) }, afterStep: { rates.append(stepper.rates()) })
        return Run(optimizer: optimizer, learningRate: learningRate, label: label, trajectory: trajectory, rates: rates)
    }

    /// Every run of `p`, labelled by optimizer (and by rate when an optimizer runs twice).
    static func runs(_ p: Parameters) throws -> [Run] {
        guard p.learningRates.count == 1 || p.learningRates.count == p.optimizers.count else {
            throw Diagnostic("learning_rates has \(p.learningRates.count) values for \(p.optimizers.count) optimizers",
                hint: "Give one learning rate for all of them, or one per optimizer in the same order.")
        }
        return try p.optimizers.enumerated().map { index, name in
            let rate = p.learningRates.count == 1 ? p.learningRates[0] : p.learningRates[index]
            let twice = p.optimizers.filter { $0 == name }.count > 1
            return try descend(name, learningRate: rate, label: twice ? "\(name.rawValue)_\(format(rate))" : name.rawValue, parameters: p)
        }
    }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        let runs = try self.runs(p)
        var result = ExperimentResult()
        var table = Table(
            title: "f = (\(format(p.curvatures[0]))·x² + \(format(p.curvatures[1]))·y²)/2"
                + (p.rotation == 0 ? "" : ", axes turned \(format(p.rotation))°"),
            columns: [
                .init("run"), .init("lr", format: .significant(3)), .init("steps", format: .integer),
                .init("final loss", format: .scientific(2), nonFinite: "overflow"),
                .init("x", format: .fixed(3), nonFinite: "overflow"), .init("y", format: .fixed(3), nonFinite: "overflow"),
                .init("outcome"),
            ],
            caption: "Start (\(format(p.start[0])), \(format(p.start[1]))); converged means f < \(format(p.tolerance)) "
                + "within \(p.steps) steps; diverged means f grew a millionfold.")
        for run in runs {
            let outcome: Phrase = run.diverged ? "diverged" : run.converged ? "converged" : "still going"
            let end = run.path[run.path.count - 1]
            table.append([.text(Phrase(verbatim: run.label)), .number(run.learningRate), .number(Double(run.steps)),
                          .number(run.finalLoss), .number(end.x), .number(end.y), .text(outcome)])
            result.metric("\(run.name).steps", Double(run.steps))
            result.metric("\(run.name).final_loss", run.finalLoss)
            result.metric("\(run.name).converged", run.converged)
            result.metric("\(run.name).diverged", run.diverged)
            result.metric("\(run.name).final_x", end.x)
            result.metric("\(run.name).final_y", end.y)
            for t in p.reportSteps where t <= run.steps {
                let (step, rate) = (run.step(t), run.rates[t - 1])
                result.metric("\(run.name).step_x_\(t)", step.x)
                result.metric("\(run.name).step_y_\(t)", step.y)
                result.metric("\(run.name).rate_x_\(t)", rate.x)
                result.metric("\(run.name).rate_y_\(t)", rate.y)
            }
        }
        result.figure(table)
        if p.stepTable { result.figure(stepTable(runs, p)) }
        if p.surface { result.figure(surface(runs, p)) }
        if p.lossChart {
            result.figure(LineChart(title: "Loss per step (log scale)", xLabel: "step", yLabel: "f(x, y)", yScale: .log,
                                    series: runs.map { .init("\($0.label), lr \(format($0.learningRate))", $0.losses) }))
        }
        return result
    }

    /// Each run's step |Δθ| and rate per coordinate at the report steps it reached.
    static func stepTable(_ runs: [Run], _ p: Parameters) -> Table {
        var table = Table(
            title: "How far each coordinate moved at step t, and at what rate",
            columns: [
                .init("run"), .init("t", format: .integer), .init("|Δx|", format: .significant(3)),
                .init("|Δy|", format: .significant(3)), .init("rate x", format: .significant(3)),
                .init("rate y", format: .significant(3)),
            ],
            caption: "The rate multiplies the gradient: η for SGD (the velocity, with momentum), η/(√G + ε) for "
                + "AdaGrad, η/(√s + ε) for RMSProp, η/(√v̂ + ε) for Adam (multiplying m̂). "
                + "Steps after a run converged are left out.")
        for run in runs {
            for t in p.reportSteps where t <= run.steps {
                let (step, rate) = (run.step(t), run.rates[t - 1])
                table.append([.text(Phrase(verbatim: run.label)), .number(Double(t)), .number(step.x), .number(step.y),
                              .number(rate.x), .number(rate.y)])
            }
        }
        return table
    }

    /// The surface's level sets with every run's path, framed around the start and the minimum.
    static func surface(_ runs: [Run], _ p: Parameters) -> Surface {
        let f = Quadratic(p)
        let (x0, y0) = (p.start[0], p.start[1])
        let xReach = max(abs(x0), 1) * 1.15
        // A turned valley runs diagonally: give y room to show it.
        let yReach = max(max(abs(y0), 0.5) * 1.4, p.rotation == 0 ? 0 : xReach * 0.5)
        let x = x0 <= 0 ? -xReach...(xReach * 0.2) : -(xReach * 0.2)...xReach
        return Surface(title: "The first \(p.pathSteps) steps over f(x, y)", x: x, y: -yReach...yReach,
                       levels: 5, spacing: .log,
                       paths: runs.map { .init(Phrase(verbatim: $0.label), points: $0.path.prefix(p.pathSteps + 1).map { ($0.x, $0.y) }) },
                       function: f.polynomial)
    }
}

extension AdaptiveRavine {
    /// An optimizer to run on the quadratic.
    public enum Method: String, CaseIterable, Sendable {
        case sgd, momentum, adagrad, rmsprop, adam
    }

    /// A run is named by its optimizer and learning rate, always: `adam_lr0.1`, `sgd_lr0.09`.
    static func runName(_ method: Method, _ learningRate: Double) -> String {
        RunNaming.name([method.rawValue, RunNaming.number("lr", learningRate)])
    }

    public static let metrics: MetricDeclaration? = MetricDeclaration(
        runs: RunNaming([.word(Method.allCases.map(\.rawValue)), .number("lr")],
                         summary: "optimizer and learning rate, always: `adam_lr0.1`, `sgd_lr0.09`"),
        [.init("{run}.steps"), .init("{run}.final_loss"), .init("{run}.converged"), .init("{run}.diverged"),
         .init("{run}.final_x"), .init("{run}.final_y"), .init("{run}.step_x_{t}", sometimes: true), .init("{run}.step_y_{t}", sometimes: true),
         .init("{run}.rate_x_{t}", sometimes: true), .init("{run}.rate_y_{t}", sometimes: true)])

    public static func runNames(_ p: Parameters) -> [String] {
        p.optimizers.enumerated().map { index, method in
            runName(method, p.learningRates.count == 1 ? p.learningRates[0] : p.learningRates[min(index, p.learningRates.count - 1)])
        }
    }
}

extension AdaptiveRavine.Parameters {
    /// Two runs with one optimizer and one rate would report the same metrics.
    public var conflict: String? {
        let names = AdaptiveRavine.runNames(self)
        guard let twice = names.first(where: { name in names.filter { $0 == name }.count > 1 }) else { return nil }
        return "two runs would both be \(twice); give that optimizer two different learning rates, or list it once"
    }
}
