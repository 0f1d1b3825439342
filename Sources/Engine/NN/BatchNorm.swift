/// Batch normalization over the channel dimension (Ioffe and Szegedy, ICML 2015), shared by `BatchNorm1d`
/// and `BatchNorm2d`.
///
/// In training, each channel is normalized with the batch's mean and biased variance, then scaled by γ
/// (`weight`) and shifted by β (`bias`); the running estimates move towards the batch's mean and unbiased
/// variance: running ← (1 − momentum)·running + momentum·batch. In evaluation the running estimates are used
/// instead. γ starts at 1, β at 0, the running mean at 0 and the running variance at 1, as in PyTorch.
public struct BatchNormalization {
    /// γ, one per channel.
    public var weight: Tensor
    /// β, one per channel.
    public var bias: Tensor
    /// The running estimate of each channel's mean (a buffer).
    public var runningMean: Tensor
    /// The running estimate of each channel's (unbiased) variance (a buffer).
    public var runningVariance: Tensor
    /// How far each training batch moves the running estimates (PyTorch's default 0.1).
    public let momentum: Float
    /// Added to the variance before its square root.
    public let eps: Float
    /// Batch statistics (training) or running ones (evaluation).
    public var isTraining = true

    init(features: Int, momentum: Float, eps: Float, layer: String) throws {
        try require(features > 0, layer, "the number of features \(features) must be positive")
        try require(momentum >= 0 && momentum <= 1, layer, "momentum \(momentum) must be in [0, 1]")
        try require(eps > 0, layer, "eps \(eps) must be positive")
        weight = parameter(.ones([features]))
        bias = parameter(.zeros([features]))
        runningMean = .zeros([features])
        runningVariance = .ones([features])
        (self.momentum, self.eps) = (momentum, eps)
    }

    /// The normalized input, followed by ReLU if `relu` (as one operation: `batchNormReLU`).
    mutating func forward(_ input: Tensor, relu: Bool = false) -> Tensor {
        guard isTraining else {
            return relu ? batchNormReLU(input, mean: runningMean, variance: runningVariance, weight: weight, bias: bias, eps: eps)
                        : batchNorm(input, mean: runningMean, variance: runningVariance, weight: weight, bias: bias, eps: eps)
        }
        let (output, statistics) = relu ? batchNormReLU(input, weight: weight, bias: bias, eps: eps)
                                        : batchNorm(input, weight: weight, bias: bias, eps: eps)
        noGrad {
            runningMean = (1 - momentum) * runningMean + momentum * statistics.mean
            runningVariance = (1 - momentum) * runningVariance + momentum * statistics.unbiasedVariance
        }
        return output
    }

    mutating func visit(_ visitor: (_ name: String, _ kind: TensorKind, _ tensor: inout Tensor) -> Void) {
        visitor("weight", .parameter, &weight)
        visitor("bias", .parameter, &bias)
        visitor("running_mean", .buffer, &runningMean)
        visitor("running_var", .buffer, &runningVariance)
    }
}

/// A layer whose work is a `BatchNormalization`: its tensors and mode come from there.
public protocol BatchNormLayer: Module {
    /// γ, β, the running statistics and the mode.
    var state: BatchNormalization { get set }
}

extension BatchNormLayer {
    /// "weight", "bias", "running_mean" and "running_var", as PyTorch names them.
    public mutating func visitTensors(_ visitor: (_ name: String, _ kind: TensorKind, _ tensor: inout Tensor) -> Void) {
        state.visit(visitor)
    }

    /// γ, then β.
    public func forEachParameter(_ body: (Tensor) -> Void) {
        body(state.weight)
        body(state.bias)
    }

    /// Batch statistics (training) or running ones (evaluation).
    public mutating func setTraining(_ training: Bool) { state.isTraining = training }
}

/// Batch normalization of [n, features] inputs, per feature (PyTorch's `nn.BatchNorm1d`); see
/// `BatchNormalization` for what it computes.
public struct BatchNorm1d: BatchNormLayer {
    /// γ, β, the running statistics and the mode.
    public var state: BatchNormalization

    /// A layer for `features` features.
    /// - Throws: `HyperparameterError` unless features > 0, 0 ≤ momentum ≤ 1 and eps > 0.
    public init(_ features: Int, momentum: Float = 0.1, eps: Float = 1e-5) throws {
        state = try BatchNormalization(features: features, momentum: momentum, eps: eps, layer: "BatchNorm1d")
    }

    /// The normalized input, [n, features].
    public mutating func callAsFunction(_ input: Tensor) -> Tensor {
        precondition(input.rank == 2, "BatchNorm1d: expects input [n, features], got shape \(input.shape)")
        return state.forward(input)
    }

    /// The normalized input followed by ReLU, as one operation (`batchNormReLU`) with the same bytes.
    public mutating func fusedWithReLU(_ input: Tensor) -> Tensor? {
        precondition(input.rank == 2, "BatchNorm1d: expects input [n, features], got shape \(input.shape)")
        return state.forward(input, relu: true)
    }
}

/// Batch normalization of [n, channels, h, w] inputs, per channel over the batch and all positions
/// (PyTorch's `nn.BatchNorm2d`); see `BatchNormalization` for what it computes.
public struct BatchNorm2d: BatchNormLayer {
    /// γ, β, the running statistics and the mode.
    public var state: BatchNormalization

    /// A layer for `channels` channels.
    /// - Throws: `HyperparameterError` unless channels > 0, 0 ≤ momentum ≤ 1 and eps > 0.
    public init(_ channels: Int, momentum: Float = 0.1, eps: Float = 1e-5) throws {
        state = try BatchNormalization(features: channels, momentum: momentum, eps: eps, layer: "BatchNorm2d")
    }

    /// The normalized input, [n, channels, h, w].
    public mutating func callAsFunction(_ input: Tensor) -> Tensor {
        precondition(input.rank == 4, "BatchNorm2d: expects input [n, c, h, w], got shape \(input.shape)")
        return state.forward(input)
    }

    /// The normalized input followed by ReLU, as one operation (`batchNormReLU`) with the same bytes.
    public mutating func fusedWithReLU(_ input: Tensor) -> Tensor? {
        precondition(input.rank == 4, "BatchNorm2d: expects input [n, c, h, w], got shape \(input.shape)")
        return state.forward(input, relu: true)
    }
}
