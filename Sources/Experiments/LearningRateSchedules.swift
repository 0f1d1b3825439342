import Engine
import Foundation
import Lessons

/// The learning-rate schedules of the `train` experiment drawn as curves: η against the step t.
///
/// Each schedule is the engine's `LearningRateSchedule`, built by the same recipe `train` uses (so the
/// curves are exactly the rates a `train` run with `schedules: [...]` steps with), evaluated at
/// t = 0 … steps − 1. Nothing is trained; the point is the shapes: step drops, exponential and
/// inverse-time decay, cosine annealing, and a warmup ramp before it.
public struct LearningRateSchedules: Experiment {
    public static let name = "schedules"
    public static let summary = "Learning-rate schedules (step, exponential, inverse-time, cosine, warmup) as curves of η against the step."

    /// Which schedules to draw, over how many steps, and at which steps to report the rate.
    public struct Parameters: ExperimentParameters {
        /// The schedules, by the names `train` knows.
        public var schedules: [TrainClassifier.Schedule] = [.constant, .step, .exponential, .inverseTime, .cosine, .warmupCosine]
        /// η₀: the starting (or, after warmup, the peak) rate.
        public var learningRate = 0.1
        /// How many optimizer steps the schedules span.
        public var steps = 100
        /// The share of the steps a warmup ramps up over.
        public var warmupFraction = 0.1
        /// The steps t at which the table and the metrics give η.
        public var reportSteps = [0, 10, 50, 90]
        /// Whether to chart the curves.
        public var chart = true

        public init() {}

        public static var parameters: [Parameter<Self>] {
            [
                .choices("schedules", \.schedules, count: 1...7, "The schedules to draw, as `train` builds them."),
                .number("learning_rate", \.learningRate, in: 1e-6...1000, "η₀: the starting rate, or the peak after a warmup."),
                .integer("steps", \.steps, in: 2...100_000, "How many optimizer steps the schedules span."),
                .number("warmup_fraction", \.warmupFraction, in: 0...1, "The share of the steps a warmup ramps up over."),
                .integers("report_steps", \.reportSteps, in: 0...100_000, count: 1...6, "The steps t at which to report η (each below steps)."),
                .flag("chart", \.chart, "Chart η against the step for every schedule."),
            ]
        }
    }

    /// One schedule's rates at t = 0 … steps − 1.
    struct Curve {
        var name: TrainClassifier.Schedule
        var rates: [Double]

        /// `warmup_cosine`: the prefix of this curve's metrics, its schedule's name.
        var label: String { RunNaming.name([name.rawValue]) }
    }

    /// The rates of every schedule in `p`.
    static func curves(_ p: Parameters) throws -> [Curve] {
        try p.schedules.map { name in
            let schedule = try TrainingRecipe.schedule(named: name, learningRate: p.learningRate, steps: p.steps,
                                                       warmupFraction: p.warmupFraction)
            let rates = (0..<p.steps).map { t in schedule.map { Double($0(t)) } ?? Double(Float(p.learningRate)) }
            return Curve(name: name, rates: rates)
        }
    }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        if let late = p.reportSteps.first(where: { $0 >= p.steps }) {
            throw Diagnostic("report_steps: step \(late) is not below steps (\(p.steps))",
                hint: "The schedules are evaluated at t = 0 to \(p.steps - 1).")
        }
        let curves = try self.curves(p)
        var result = ExperimentResult()
        var table = Table(
            title: "Learning rate η at step t (η₀ = \(format(p.learningRate)), \(p.steps) steps)",
            columns: [.init("schedule")] + p.reportSteps.map { .init("t = \($0)", format: .significant(3)) }
                + [.init("sum of η", format: .significant(3))],
            caption: "The sum of η over all steps is how far, in gradient lengths, the schedule can carry the weights.")
        for curve in curves {
            let sum = curve.rates.reduce(0, +)
            table.append([.text(Phrase(verbatim: curve.name.rawValue))] + p.reportSteps.map { .number(curve.rates[$0]) } + [.number(sum)])
            for t in p.reportSteps { result.metric("\(curve.label).lr_at_\(t)", curve.rates[t]) }
            result.metric("\(curve.label).final", curve.rates[p.steps - 1])
            result.metric("\(curve.label).sum", sum)
            let peak = curve.rates.max() ?? 0
            result.metric("\(curve.label).peak_step", Double(curve.rates.firstIndex(of: peak) ?? 0))
        }
        result.figure(table)
        result.figure(rules(p))
        if p.chart {
            result.figure(LineChart(title: "Learning rate per step", xLabel: "step t", yLabel: "η",
                                    series: curves.map { .init(Phrase(verbatim: $0.name.rawValue), $0.rates) }))
        }
        return result
    }

    /// How each schedule is built, with its constants for these steps.
    static func rules(_ p: Parameters) -> Table {
        let steps = p.steps
        let warmup = TrainingRecipe.warmupSteps(steps: steps, warmupFraction: p.warmupFraction)
        let gamma = TrainingRecipe.exponentialGamma(steps: steps)
        let k = TrainingRecipe.inverseTimeDecay(steps: steps)
        func short(_ value: Double) -> String { String(format: "%.3g", value) }
        let rules: [TrainClassifier.Schedule: Phrase] = [
            .constant: "η = η₀ at every step",
            .step: "η₀, then ×0.1 at t = \(steps / 2) and again at t = \(steps * 3 / 4)",
            .exponential: "η₀·γᵗ with γ = \(short(gamma)), down to η₀/100 at t = \(steps)",
            .inverseTime: "η₀/(1 + k·t) with k = \(short(k)), down to η₀/10 at t = \(steps)",
            .cosine: "η₀·(1 + cos(π·t/\(steps)))/2, from η₀ down to 0",
            .warmup: "from η₀/100 up to η₀ over \(warmup) steps, then η₀",
            .warmupCosine: "from η₀/100 up to η₀ over \(warmup) steps, then cosine over \(max(steps - warmup, 1))",
        ]
        return Table(title: "How each schedule is built", columns: [.init("schedule"), .init("rule")],
                     rows: p.schedules.map { [.text(Phrase(verbatim: $0.rawValue)), .text(rules[$0] ?? "")] })
    }
}

extension LearningRateSchedules.Parameters {
    /// The schedules are evaluated at t = 0 to steps − 1.
    public var conflict: String? {
        guard let late = reportSteps.first(where: { $0 >= steps }) else { return nil }
        return "report_steps has step \(late), not below steps (\(steps)); report steps from 0 to \(steps - 1)"
    }
}

extension LearningRateSchedules {
    /// A curve is named by its schedule: `cosine`, `warmup_cosine`.
    public static let metrics: MetricDeclaration? = MetricDeclaration(
        runs: RunNaming([.word(TrainClassifier.Schedule.allCases.map(\.rawValue))],
                         summary: "its schedule: `cosine`, `warmup_cosine`"),
        [.init("{run}.lr_at_{t}"), .init("{run}.final"), .init("{run}.sum"), .init("{run}.peak_step")])

    public static func runNames(_ p: Parameters) -> [String] { p.schedules.map { RunNaming.name([$0.rawValue]) } }
}
