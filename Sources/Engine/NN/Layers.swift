// Layers without parameters: activations, pooling and flattening. Each only calls the engine's function.

/// max(x, 0) element-wise (PyTorch's `nn.ReLU`).
public struct ReLU: Module {
    /// A ReLU layer.
    public init() {}
    /// max(input, 0).
    public func callAsFunction(_ input: Tensor) -> Tensor { input.relu() }
}

/// The hyperbolic tangent (PyTorch's `nn.Tanh`).
public struct Tanh: Module {
    /// A tanh layer.
    public init() {}
    /// tanh(input).
    public func callAsFunction(_ input: Tensor) -> Tensor { input.tanh() }
}

/// The logistic sigmoid 1 / (1 + e^−x) (PyTorch's `nn.Sigmoid`).
public struct Sigmoid: Module {
    /// A sigmoid layer.
    public init() {}
    /// sigmoid(input).
    public func callAsFunction(_ input: Tensor) -> Tensor { input.sigmoid() }
}

/// Flattens every dimension after the batch into one (PyTorch's `nn.Flatten`): [n, c, h, w] → [n, c·h·w].
public struct Flatten: Module {
    /// A flatten layer.
    public init() {}
    /// The input reshaped to [n, rest].
    public func callAsFunction(_ input: Tensor) -> Tensor { input.flatten(startDim: 1) }
}

/// The window of a pooling layer: its side, the step between windows and the padding on each side.
public struct PoolWindow: Sendable, Equatable {
    /// The window's side.
    public let kernelSize: Int
    /// The step between windows (the kernel size unless given).
    public let stride: Int
    /// Padding on each side.
    public let padding: Int

    /// A window; the stride defaults to the kernel size, as in PyTorch.
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        (self.kernelSize, self.stride, self.padding) = (kernelSize, stride ?? kernelSize, padding)
    }
}

/// The maximum of each window (PyTorch's `nn.MaxPool2d`); padding counts as −∞.
public struct MaxPool2d: Module {
    /// Size, stride and padding.
    public let window: PoolWindow

    /// A max-pooling layer; the stride defaults to the kernel size.
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        window = PoolWindow(kernelSize: kernelSize, stride: stride, padding: padding)
    }

    /// The pooled input, [n, c, h', w'].
    public func callAsFunction(_ input: Tensor) -> Tensor {
        maxPool2d(input, kernelSize: window.kernelSize, stride: window.stride, padding: window.padding)
    }
}

/// The mean of each window (PyTorch's `nn.AvgPool2d`); padding counts as zeros in the mean.
public struct AvgPool2d: Module {
    /// Size, stride and padding.
    public let window: PoolWindow

    /// An average-pooling layer; the stride defaults to the kernel size.
    public init(kernelSize: Int, stride: Int? = nil, padding: Int = 0) {
        window = PoolWindow(kernelSize: kernelSize, stride: stride, padding: padding)
    }

    /// The pooled input, [n, c, h', w'].
    public func callAsFunction(_ input: Tensor) -> Tensor {
        avgPool2d(input, kernelSize: window.kernelSize, stride: window.stride, padding: window.padding)
    }
}

/// Inverted dropout (PyTorch's `nn.Dropout`): in training, zeroes each element with probability `p` and
/// scales the rest by 1/(1 − p); in evaluation, passes the input through unchanged.
public struct Dropout: Module {
    /// The probability of zeroing an element.
    public let probability: Float
    /// Whether the layer drops (training) or passes through (evaluation).
    public var isTraining = true
    /// Draws the masks; advances with every training call, so a seed fixes every mask of a run.
    public var generator: SeededGenerator

    /// A dropout layer whose masks are drawn from a generator seeded with `seed`.
    /// - Throws: `HyperparameterError` unless 0 ≤ probability < 1.
    public init(probability: Float = 0.5, seed: UInt64) throws {
        try require(probability >= 0 && probability < 1, "Dropout", "probability \(probability) must be in [0, 1)")
        self.probability = probability
        generator = SeededGenerator(seed: seed)
    }

    /// The input with a random mask applied (training) or unchanged (evaluation).
    public mutating func callAsFunction(_ input: Tensor) -> Tensor {
        dropout(input, probability: probability, training: isTraining, using: &generator)
    }

    /// Turns dropping on (training) or off (evaluation).
    public mutating func setTraining(_ training: Bool) { isTraining = training }
}
