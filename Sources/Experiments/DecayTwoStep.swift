import Engine
import Lessons

/// Weight decay two ways on the same problem: as an L2 term in the gradient, θ ← θ − η(g + λθ), and as
/// "shrink the weights by (1 − ηλ), then take the optimizer's plain step". For SGD the two are one update;
/// for Adam they differ, because Adam divides the L2 term by its per-weight √v, and the two-step form is
/// exactly AdamW.
public struct DecayTwoStep: Experiment {
    public static let name = "decay-two-step"
    public static let summary = "Weight decay as an L2 gradient term versus shrink-then-step, for SGD and Adam (and AdamW)."

    /// The problem, the optimizers and the decay.
    public struct Parameters: ExperimentParameters {
        /// Optimizers to run both ways.
        public var optimizers: [Method] = [.sgd, .adam]
        /// η.
        public var learningRate = 0.01
        /// λ.
        public var weightDecay = 0.5
        /// Full-batch steps.
        public var steps = 200
        /// Features of the wide regression.
        public var features = 200
        /// Training examples.
        public var examples = 20

        public init() {}

        public static var parameters: [Parameter<Self>] {
            [
                .choices("optimizers", \.optimizers, "Optimizers to run with L2 in the gradient and with shrink-then-step."),
                .number("learning_rate", \.learningRate, in: 0...1, "The learning rate η."),
                .number("weight_decay", \.weightDecay, in: 0...100, "The weight decay λ."),
                .integer("steps", \.steps, in: 1...5_000, "Full-batch steps of each run."),
                .integer("features", \.features, in: 1...1_000, "Features of the linear regression (5 of them matter)."),
                .integer("examples", \.examples, in: 1...1_000, "Training examples."),
            ]
        }
    }

    /// How a run applies the decay.
    enum Rule: CaseIterable {
        case l2, twoStep, adamW
    }

    /// One finished run.
    struct Run {
        var optimizer: Method
        var rule: Rule
        /// Every parameter after every step, flattened.
        var trajectory: [[Float]]
        var trainLoss: Double
        var weightNorm: Double
        /// Adam only: each weight's last effective step size η/(√v̂ + ε).
        var stepSizes: [Float]
    }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        guard p.learningRate * p.weightDecay < 1 else {
            throw Diagnostic("ηλ = \(format(p.learningRate * p.weightDecay)) shrinks the weights by (1 − ηλ) ≤ 0 every step",
                hint: "Keep learning_rate × weight_decay below 1.")
        }
        let data = SyntheticData.wideRegression(count: p.examples, features: p.features, informative: min(5, p.features),
                                                noise: 0.5, seed: context.seed).dataset
        guard case .values(let targets) = data.targets else { throw Diagnostic("the regression data has no targets") }
        var result = ExperimentResult()
        var table = Table(
            title: "Weight decay λ = \(format(p.weightDecay)), η = \(format(p.learningRate)), \(p.steps) full-batch steps",
            columns: [
                .init("optimizer"), .init("decay"), .init("train loss", format: .significant(3), nonFinite: "diverged"),
                .init("‖w‖", format: .significant(3), nonFinite: "diverged"),
                .init("largest difference from shrink, then step", format: .scientific(1), nonFinite: "diverged"),
            ],
            caption: "A linear model on \(p.examples) examples of \(p.features) features; every run starts from the same weights. "
                + "The difference is the largest gap between the two runs' weights over all weights and steps.")
        for optimizer in p.optimizers {
            let rules: [Rule] = optimizer == .adam ? [.l2, .twoStep, .adamW] : [.l2, .twoStep]
            var runs: [Rule: Run] = [:]
            for rule in rules {
                runs[rule] = try train(optimizer, rule, p, inputs: data.inputs, targets: targets, seed: context.seed)
            }
            let reference = runs[.twoStep]!.trajectory
            for rule in rules {
                let run = runs[rule]!
                let difference = largestDifference(run.trajectory, reference)
                table.append([.text(optimizer == .adam ? "Adam" : "SGD"), .text(describe(rule)),
                              .number(run.trainLoss), .number(run.weightNorm), .number(difference)])
                let prefix = "\(optimizer.rawValue).\(label(rule))"
                result.metric("\(prefix)_train_loss", run.trainLoss)
                result.metric("\(prefix)_weight_norm", run.weightNorm)
                if rule == .l2 { result.metric("\(optimizer.rawValue).max_difference", difference) }
                if rule == .adamW { result.metric("\(optimizer.rawValue).adamw_difference", difference) }
            }
            if optimizer == .adam, let sizes = runs[.l2]?.stepSizes.filter({ $0.isFinite }), let low = sizes.min(),
               let high = sizes.max(), p.learningRate > 0 {
                // With L2 in Adam's gradient, weight i shrinks by λ·(its step size) per step instead of AdamW's ηλ.
                let (lowRatio, highRatio) = (Double(low) / p.learningRate, Double(high) / p.learningRate)
                result.metric("adam.decay_ratio_min", lowRatio)
                result.metric("adam.decay_ratio_max", highRatio)
                result.text("In Adam with L2, the decay term λθ is divided by √v̂ like the rest of the gradient, so after "
                    + "the last step each weight was being pulled to zero at between \(short(lowRatio)) and \(short(highRatio)) "
                    + "times the rate ηλ that AdamW applies to every weight alike: weights with large gradients are "
                    + "decayed least.")
            }
        }
        result.items.insert(.figure(.table(table)), at: 0)
        return result
    }

    static func describe(_ rule: Rule) -> Phrase {
        switch rule {
        case .l2: return "L2 in the gradient"
        case .twoStep: return "shrink, then step"
        case .adamW: return "AdamW"
        }
    }

    static func label(_ rule: Rule) -> String {
        switch rule {
        case .l2: return "l2"
        case .twoStep: return "two_step"
        case .adamW: return "adamw"
        }
    }

    /// Full-batch training of a fresh, identically initialized linear model under one rule.
    static func train(_ optimizer: Method, _ rule: Rule, _ p: Parameters, inputs: Tensor, targets: Tensor,
                      seed: UInt64) throws -> Run {
        var generator = SeededGenerator(seed: seed &+ 1)
        var model = Linear(p.features, 1, using: &generator)
        let (lr, wd) = (Float(p.learningRate), Float(p.weightDecay))
        // The two-step rule decays by hand, so its optimizer gets no weight decay of its own.
        let optimizerDecay = rule == .l2 ? wd : 0
        var sgd = try SGD(learningRate: lr, weightDecay: optimizerDecay)
        var adam = try Adam(learningRate: lr, weightDecay: optimizerDecay)
        var adamW = try AdamW(learningRate: lr, weightDecay: wd)
        var trajectory: [[Float]] = []
        var loss = Double.nan
        for _ in 0..<p.steps {
            let current = mseLoss(model(inputs), targets)
            loss = Double(current.item)
            guard loss.isFinite else { break }
            current.backward()
            if rule == .twoStep {
                noGrad { model.updateParameters { _, parameter in parameter *= 1 - lr * wd } }
            }
            switch (optimizer, rule) {
            case (.adam, .adamW): adamW.step(&model)
            case (.adam, .l2), (.adam, .twoStep): adam.step(&model)
            case (.sgd, _): sgd.step(&model)
            }
            model.zeroGrad()
            trajectory.append(model.parameters.flatMap(\.scalars))
        }
        let finalLoss = Double(noGrad { mseLoss(model(inputs), targets) }.item)
        let norm = Double(noGrad { (model.weight * model.weight).sum() }.item).squareRoot()
        let sizes = optimizer == .adam && rule == .l2 ? adam.effectiveStepSizes(of: "weight")?.scalars ?? [] : []
        return Run(optimizer: optimizer, rule: rule, trajectory: trajectory, trainLoss: finalLoss.isFinite ? finalLoss : .infinity,
                   weightNorm: norm.isFinite ? norm : .infinity, stepSizes: sizes)
    }

    /// The largest |a − b| over every step and weight; +∞ when a run stopped early or holds a non-finite value.
    static func largestDifference(_ a: [[Float]], _ b: [[Float]]) -> Double {
        guard a.count == b.count else { return .infinity }
        var largest = 0.0
        for (x, y) in zip(a, b) {
            for (u, v) in zip(x, y) {
                let difference = Double(abs(u - v))
                guard difference.isFinite else { return .infinity }
                largest = max(largest, difference)
            }
        }
        return largest
    }

    /// A ratio for prose: two significant digits.
    static func short(_ value: Double) -> String {
        NumberFormat.significant(2).format(value)
    }
}

extension DecayTwoStep.Parameters {
    /// Decoupled decay multiplies the weights by 1 − ηλ every step, which must stay positive.
    public var conflict: String? {
        learningRate * weightDecay < 1 ? nil
            : "learning_rate × weight_decay is \(format(learningRate * weightDecay)), so every step multiplies the weights by 1 − ηλ ≤ 0; keep it below 1"
    }

    /// Multiply-adds of the full-batch steps: runs (two per optimizer, three for Adam) × steps ×
    /// examples × features. Without it sixteen optimizers on the largest problem took a minute.
    public var budget: Budget? {
        let runs = optimizers.reduce(0) { $0 + ($1 == .adam ? 3 : 2) }
        return Budget(work: Double(runs * steps) * Double(examples * features), limit: 1e10,
                      unit: "multiply-adds (runs × steps × examples × features)",
                      advice: "fewer optimizers or steps, or fewer examples or features")
    }
}

extension DecayTwoStep {
    /// An optimizer run both ways.
    public enum Method: String, CaseIterable, Sendable {
        case sgd, adam
    }

    /// A run is named by its optimizer: `sgd`, `adam`.
    public static let metrics: MetricDeclaration? = MetricDeclaration(
        runs: RunNaming([.word(Method.allCases.map(\.rawValue))], summary: "its optimizer: `sgd`, `adam`"),
        [.init("{run}.l2_train_loss"), .init("{run}.l2_weight_norm"), .init("{run}.two_step_train_loss"),
         .init("{run}.two_step_weight_norm"), .init("{run}.max_difference"), .init("adam.adamw_train_loss"),
         .init("adam.adamw_weight_norm"), .init("adam.adamw_difference"), .init("adam.decay_ratio_min", sometimes: true),
         .init("adam.decay_ratio_max", sometimes: true)])

    public static func runNames(_ p: Parameters) -> [String] { p.optimizers.map(\.rawValue) }
}
