import Engine
import Lessons

/// Two facts about batch normalization, computed with the engine's `BatchNorm1d` and `BatchNorm2d`:
///
/// 1. γ and β give back what normalizing took away: with γ = √(σ² + ε) and β = μ, the batch's own standard
///    deviation and mean, a layer in training mode returns its input unchanged.
/// 2. A bias before BN does nothing: a convolution's per-channel bias b shifts every value of a channel, so the
///    batch mean shifts by b and the subtraction removes it; its gradient is zero, so it never learns either.
public struct BatchNormAlgebra: Experiment {
    public static let name = "batch-norm-algebra"
    public static let summary = "Batch norm with γ = σ and β = μ is the identity; a convolution's bias before batch norm is cancelled."

    /// The batch and the sizes of the values used.
    public struct Parameters: ExperimentParameters {
        /// Features of the batch given back by γ and β.
        public var features = 4
        /// Examples in that batch.
        public var batch = 16
        /// Output channels of the 3×3 convolution.
        public var channels = 4
        /// The standard deviation of the convolution's random bias.
        public var biasScale = 5.0

        public init() {}

        public static var parameters: [Parameter<Self>] {
            [
                .integer("features", \.features, in: 1...8, "Features of the batch that γ and β give back."),
                .integer("batch", \.batch, in: 2...1_000, "Examples in that batch (at least 2)."),
                .integer("channels", \.channels, in: 1...32, "Output channels of the 3×3 convolution on 16 digit images."),
                .number("bias_scale", \.biasScale, in: 0...1_000, "The standard deviation of the convolution's random bias."),
            ]
        }
    }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        var generator = SeededGenerator(seed: context.seed)
        var result = ExperimentResult()
        try identity(p, &generator, into: &result)
        try bias(p, &generator, into: &result)
        return result
    }

    /// Features with different means and spreads, normalized and then given back by γ = σ, β = μ.
    static func identity(_ p: Parameters, _ generator: inout SeededGenerator, into result: inout ExperimentResult) throws {
        let means = Tensor.uniform([1, p.features], low: -5, high: 5, using: &generator)
        let stds = Tensor.uniform([1, p.features], low: 0.5, high: 4, using: &generator)
        let x = Tensor.randn([p.batch, p.features], using: &generator) * stds + means
        let mu = x.mean(axis: 0)
        let variance = x.variance(axis: 0, unbiased: false)
        var layer = try BatchNorm1d(p.features)
        let normalized = noGrad { layer(x) }
        layer.state.weight = (variance + layer.state.eps).sqrt()
        layer.state.bias = mu
        let restored = noGrad { layer(x) }
        let error = Double((restored - x).abs().max().item)

        var table = Table(title: "Batch norm with γ = √(σ² + ε) and β = μ",
                          columns: [.init("feature"), .init("μ", format: .fixed(2)), .init("σ", format: .fixed(2)),
                                    .init("x̂ mean", format: .fixed(2)), .init("x̂ std", format: .fixed(2)),
                                    .init("max |y − x|", format: .scientific(1))],
                          caption: "\(p.batch) examples; x̂ = (x − μ)/√(σ² + ε) is what normalizing leaves, y = γx̂ + β.")
        let columnError = (restored - x).abs().max(axis: 0).scalars
        let normalizedMean = normalized.mean(axis: 0).scalars
        let normalizedStd = normalized.variance(axis: 0, unbiased: false).sqrt().scalars
        for j in 0..<p.features {
            table.append([.text("\(j + 1)"), .number(Double(mu.scalars[j])), .number(Double(variance.scalars[j].squareRoot())),
                          .number(Double(normalizedMean[j])), .number(Double(normalizedStd[j])), .number(Double(columnError[j]))])
        }
        result.figure(table)
        result.metric("identity.max_difference", error)
        result.metric("identity.input_max", Double(x.abs().max().item))
        result.metric("identity.normalized_largest_abs_mean", Double(normalizedMean.map(abs).max() ?? .nan))
    }

    /// A 3×3 convolution of 16 digit images, with and without a large per-channel bias, each through BatchNorm2d.
    static func bias(_ p: Parameters, _ generator: inout SeededGenerator, into result: inout ExperimentResult) throws {
        let images = try Digits.load().inputs.slice(0..<16, axis: 0)
        let weight = Tensor.randn([p.channels, 1, 3, 3], using: &generator).requiringGrad()
        let b = (Tensor.randn([p.channels], using: &generator) * Float(p.biasScale)).requiringGrad()
        var withoutBias = try BatchNorm2d(p.channels), withBias = withoutBias
        let plain = noGrad { withoutBias(conv2d(images, weight: weight, padding: 1)) }
        let shifted = withBias(conv2d(images, weight: weight, bias: b, padding: 1))
        let difference = Double((plain - shifted).abs().max().item)
        // Any loss of the BN output: the bias's gradient is the sum over each channel of the slope of a
        // standardized value with respect to a shift of all of them, which is zero.
        let probe = Tensor.randn(shifted.shape, using: &generator)
        (shifted * probe).sum().backward()
        let biasGradient = Double(b.grad.map { ($0 * $0).sum().sqrt().item } ?? .nan)
        let weightGradient = Double(weight.grad.map { ($0 * $0).sum().sqrt().item } ?? .nan)

        let table = Table(title: "A 3×3 convolution's bias before BatchNorm2d",
                          columns: [.init("quantity"), .init("value", format: .significant(3))],
                          rows: [["largest bias |b|", .number(Double(b.abs().max().item))],
                                 ["max |BN(conv + b) − BN(conv)|", .number(difference)],
                                 ["‖gradient of the loss w.r.t. b‖", .number(biasGradient)],
                                 ["‖gradient w.r.t. the conv weights‖", .number(weightGradient)]],
                          caption: "16 digit images, \(p.channels) channels, bias drawn with std \(format(p.biasScale)); "
                              + "the loss is a fixed random weighting of the BN output.")
        result.figure(table)
        result.metric("bias.largest_bias", Double(b.abs().max().item))
        result.metric("bias.max_difference", difference)
        result.metric("bias.bias_gradient_norm", biasGradient)
        result.metric("bias.weight_gradient_norm", weightGradient)
    }
}

extension BatchNormAlgebra {
    /// Its parts are fixed: the `identity` and the `bias` checks.
    public static let metrics: MetricDeclaration? = MetricDeclaration([
        .init("identity.max_difference"), .init("identity.input_max"), .init("identity.normalized_largest_abs_mean"),
        .init("bias.largest_bias"), .init("bias.max_difference"), .init("bias.bias_gradient_norm"),
        .init("bias.weight_gradient_norm"),
    ])
}
