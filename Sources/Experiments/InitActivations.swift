import Engine
import Lessons

/// Random inputs pushed through a deep stack of linear layers and a nonlinearity, once per weight
/// initialization: how the spread of the activations explodes, vanishes or holds with depth.
///
/// Every layer is `width` → `width` with zero biases, so each layer multiplies the activations' variance by
/// about width · σ² · (what the nonlinearity keeps): ½ for ReLU, less than 1 for tanh. N(0, 1) weights
/// multiply it by width/2 per ReLU layer and overflow Float; N(0, 0.01²) shrink it to nothing; Kaiming
/// (σ = √2/√width) keeps it through ReLUs and Xavier with tanh's gain (σ = (5/3)/√width) through tanh.
public struct InitActivations: Experiment {
    public static let name = "activations"
    public static let summary = "The spread of activations through a deep stack of layers, for each weight initialization."

    /// The stack, the initializations to compare and what to show.
    public struct Parameters: ExperimentParameters {
        /// Initializations to compare.
        public var inits: [Initialization] = [.normal, .small, .xavier, .kaiming]
        /// The nonlinearity after every layer.
        public var activation = Activation.relu
        /// How many layers.
        public var depth = 50
        /// Units per layer (and input features).
        public var width = 256
        /// Random inputs in the batch.
        public var batch = 256
        /// Layers whose standard deviation the table shows and metrics record (besides the last).
        public var depths = [1, 5, 10, 25, 50]
        /// Layers whose activations are drawn as stacked histograms; empty for none.
        public var histograms = [1, 10, 50]
        /// Bins of each histogram.
        public var bins = 30

        public init() {}

        public static var parameters: [Parameter<Self>] {
            [
                .choices("inits", \.inits,
                         "Weight initializations: N(0, 1), N(0, 0.01²), Xavier (gain 5/3 with tanh, 1 with ReLU), Kaiming (for the activation)."),
                .choice("activation", \.activation, "The nonlinearity after every layer."),
                .integer("depth", \.depth, in: 1...200, "How many layers the inputs pass through."),
                .integer("width", \.width, in: 2...1024, "Units per layer, and features per input."),
                .integer("batch", \.batch, in: 1...4096, "How many random N(0, 1) inputs to push through."),
                .integers("depths", \.depths, in: 1...200, count: 1...8, "Layers whose activation std the table shows (metrics INIT.std_LAYER; INIT.std_last is always there)."),
                .integers("histograms", \.histograms, in: 1...200, count: 0...4, "Layers to draw as stacked histograms for each init; [] for none."),
                .integer("bins", \.bins, in: 4...60, "Bins of each histogram."),
            ]
        }
    }

    /// One initialization's pass through the stack.
    struct Pass {
        var initializer: Initialization
        /// The weights' standard deviation.
        var weightStd: Double
        /// The activations' standard deviation after each layer (index 0 is layer 1); +∞ once they overflow.
        var stds: [Double]
        /// The activations of the layers to draw, by layer.
        var drawn: [Int: [Double]]
        /// The first layer whose activations are not all finite, if any.
        var overflowLayer: Int?
        /// For tanh: the share of activations with |a| > 0.99 after each layer.
        var saturation: [Double]
    }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        for layer in p.depths + p.histograms where layer > p.depth || layer < 1 {
            throw Diagnostic("layer \(layer) is not in a stack of \(p.depth) layers",
                hint: "Give 'depths' and 'histograms' layers from 1 to depth (\(p.depth)).")
        }
        let passes = p.inits.map { forward($0, p, seed: context.seed) }
        var result = ExperimentResult()
        result.figure(table(passes, p))
        for pass in passes {
            record(pass, p, in: &result)
            if !p.histograms.isEmpty { result.figure(histogram(pass, p)) }
        }
        return result
    }

    /// Pushes the same seeded inputs through a freshly initialized stack, measuring every layer.
    static func forward(_ name: Initialization, _ p: Parameters, seed: UInt64) -> Pass {
        var generator = SeededGenerator(seed: seed)
        let inputs = Tensor.randn([p.batch, p.width], using: &generator)
        let initializer = TrainingRecipe.initializer(name.training, tanh: p.activation == .tanh)
        var pass = Pass(initializer: name, weightStd: 0, stds: [], drawn: [:], saturation: [])
        var h = inputs
        noGrad {
            for layer in 1...p.depth {
                var linear = Linear(p.width, p.width, weightInitializer: initializer, biasInitializer: .zeros, using: &generator)
                if layer == 1 { pass.weightStd = standardDeviation(linear.weight.scalars) }
                if pass.overflowLayer != nil {
                    // Past an overflow every value is ±∞ or NaN; the spread is reported as overflowed.
                    pass.stds.append(.infinity)
                    pass.saturation.append(.nan)
                    continue
                }
                let z = linear(h)
                h = p.activation == .tanh ? z.tanh() : z.relu()
                let values = h.scalars
                if values.contains(where: { !$0.isFinite }) {
                    pass.overflowLayer = layer
                    pass.stds.append(.infinity)
                } else {
                    pass.stds.append(standardDeviation(values))
                }
                if p.activation == .tanh {
                    pass.saturation.append(Double(values.lazy.filter { abs($0) > 0.99 }.count) / Double(max(values.count, 1)))
                }
                if p.histograms.contains(layer) {
                    // Half of a ReLU's outputs are exactly 0; that spike would flatten the rest of the picture
                    // (unless nothing else is left: activations that vanished below Float's smallest value).
                    let nonzero = p.activation == .relu ? values.filter { $0 != 0 } : values
                    pass.drawn[layer] = (nonzero.isEmpty ? values : nonzero).map(Double.init)
                }
            }
        }
        return pass
    }

    /// The population standard deviation, accumulated in Double.
    static func standardDeviation(_ values: [Float]) -> Double {
        guard !values.isEmpty else { return 0 }
        let mean = values.reduce(0.0) { $0 + Double($1) } / Double(values.count)
        let squares = values.reduce(0.0) { $0 + (Double($1) - mean) * (Double($1) - mean) }
        return (squares / Double(values.count)).squareRoot()
    }

    static func describe(_ name: Initialization, activation: Activation) -> Phrase {
        switch name {
        case .normal: return "N(0, 1)"
        case .small: return "N(0, 0.01²)"
        case .xavier: return activation == .tanh ? "Xavier, gain 5/3" : "Xavier"
        case .kaiming: return "Kaiming"
        }
    }

    static func table(_ passes: [Pass], _ p: Parameters) -> Table {
        var columns: [Table.Column] = [.init("init"), .init("weight std", format: .significant(2))]
        columns += p.depths.map { .init("layer \($0)", format: .scientific(1), nonFinite: "overflow") }
        let nonlinearity = p.activation == .tanh ? "tanh" : "ReLU"
        var table = Table(
            title: "Activation std by layer: \(p.depth) layers of \(p.width) units with \(nonlinearity)",
            columns: columns,
            caption: "The std of all activations after each layer's \(nonlinearity), for \(p.batch) random N(0, 1) inputs; "
                + "zero biases. Overflow: past Float's largest value (about 3e38).")
        for pass in passes {
            var row: [Table.Cell] = [.text(describe(pass.initializer, activation: p.activation)), .number(pass.weightStd)]
            row += p.depths.map { .number(pass.stds[$0 - 1]) }
            table.append(row)
        }
        return table
    }

    /// The drawn layers stacked. Their spreads differ by up to 10¹⁰ and more, so no shared linear axis shows
    /// them: ReLU's nonzero outputs are positive and go on one log axis, where a layer whose spread grew a
    /// thousandfold sits three decades to the right of the one before; tanh's are signed, so each layer
    /// gets its own linear axis, whose ticks say its scale.
    static func histogram(_ pass: Pass, _ p: Parameters) -> Histogram {
        let relu = p.activation == .relu
        let groups = p.histograms.map { layer -> Histogram.Group in
            let values = pass.drawn[layer] ?? []
            if let overflow = pass.overflowLayer, layer >= overflow, !values.contains(where: \.isFinite) {
                return Histogram.Group("layer \(layer) (overflowed at layer \(overflow))", [])
            }
            if relu, !values.isEmpty, values.allSatisfy({ $0 == 0 }) {
                // Nothing to place on a log axis: say what the values are instead of drawing them.
                return Histogram.Group("layer \(layer) (all \(values.count) exactly 0)", [])
            }
            return Histogram.Group("layer \(layer)", values)
        }
        let zeros: Phrase = relu ? " (nonzero values, log axis)" : " (each layer on its own axis)"
        var chart = Histogram(title: "\(describe(pass.initializer, activation: p.activation)): activations by layer\(zeros)",
                              groups: groups, bins: p.bins, xLabel: "activation",
                              scale: relu ? .log : .linear, axes: relu ? .shared : .perGroup)
        // Stacked histograms are long at their usual height; an axis of its own takes two lines a layer.
        chart.height = 6 * groups.count + 5 + (relu ? 0 : 2 * (groups.count - 1))
        return chart
    }

    static func record(_ pass: Pass, _ p: Parameters, in result: inout ExperimentResult) {
        let name = pass.initializer.rawValue
        for layer in p.depths { result.metric("\(name).std_\(layer)", pass.stds[layer - 1]) }
        result.metric("\(name).std_last", pass.stds.last ?? .nan)
        result.metric("\(name).overflowed", pass.overflowLayer != nil)
        if let layer = pass.overflowLayer { result.metric("\(name).overflow_layer", Double(layer)) }
        if p.activation == .tanh {
            for layer in p.depths { result.metric("\(name).saturated_\(layer)", pass.saturation[layer - 1]) }
        }
    }
}

extension InitActivations.Parameters {
    /// Every pass draws depth × width² random weights and pushes the batch through them: whichever of
    /// the two is nearer its limit (a weight drawn costs about as much as 2,000 multiply-adds). Without
    /// it sixteen inits through the deepest, widest stack took minutes.
    public var budget: Budget? {
        let weights = Double(inits.count * depth) * Double(width * width)
        let multiplyAdds = weights * Double(batch)
        if weights / 2.5e8 > multiplyAdds / 2.5e11 {
            return Budget(work: weights, limit: 2.5e8, unit: "random weights drawn (inits × depth × width²)",
                          advice: "fewer inits or layers, or a narrower width")
        }
        return Budget(work: multiplyAdds, limit: 2.5e11, unit: "multiply-adds (inits × depth × batch × width²)",
                      advice: "fewer inits or layers, a smaller batch or a narrower width")
    }
}

extension InitActivations {
    /// A weight initialization to compare.
    public enum Initialization: String, CaseIterable, Sendable {
        case normal, small, xavier, kaiming

        /// The same initialization as `train` builds it.
        var training: TrainClassifier.Initialization {
            switch self {
            case .normal: .normal
            case .small: .small
            case .xavier: .xavier
            case .kaiming: .kaiming
            }
        }
    }

    /// The nonlinearity after every layer.
    public enum Activation: String, CaseIterable, Sendable {
        case relu, tanh
    }

    /// A run is named by its initialization: `normal`, `kaiming`.
    public static let metrics: MetricDeclaration? = MetricDeclaration(
        runs: RunNaming([.word(Initialization.allCases.map(\.rawValue))], summary: "its initialization: `normal`, `kaiming`"),
        [.init("{run}.std_{layer}"), .init("{run}.std_last"), .init("{run}.overflowed"),
         .init("{run}.overflow_layer", sometimes: true), .init("{run}.saturated_{layer}")])

    public static func runNames(_ p: Parameters) -> [String] { p.inits.map(\.rawValue) }
}
