import Foundation

/// A way to fill a new parameter tensor: a value, so layers take one as an argument
/// (`Linear(784, 10, weightInitializer: .kaimingNormal(), using: &rng)`).
///
/// Weight shapes follow PyTorch: [out, in] for `Linear`, [out, in, kh, kw] for `Conv2d`, so fan-in is
/// `in·kh·kw` and fan-out `out·kh·kw` (PyTorch's `_calculate_fan_in_and_fan_out`).
public struct Initializer: Sendable {
    /// A short description, e.g. "kaimingNormal(fanIn, relu)", for tables in lessons.
    public let name: String
    private let fill: @Sendable (_ shape: [Int], _ generator: inout SeededGenerator) -> Tensor

    /// An initializer from its name and a function of the shape and a generator.
    public init(name: String, fill: @escaping @Sendable (_ shape: [Int], _ generator: inout SeededGenerator) -> Tensor) {
        self.name = name
        self.fill = fill
    }

    /// A new tensor of `shape`, drawing any randomness from `generator`.
    public func callAsFunction(_ shape: [Int], using generator: inout SeededGenerator) -> Tensor { fill(shape, &generator) }

    /// All zeros (`nn.init.zeros_`).
    public static let zeros = constant(0)

    /// Every element equal to `value` (`nn.init.constant_`).
    public static func constant(_ value: Float) -> Initializer {
        Initializer(name: "constant(\(value))") { shape, _ in Tensor.full(shape, value) }
    }

    /// Uniform on [`low`, `high`) (`nn.init.uniform_`).
    public static func uniform(low: Float = 0, high: Float = 1) -> Initializer {
        Initializer(name: "uniform(\(low), \(high))") { shape, generator in Tensor.uniform(shape, low: low, high: high, using: &generator) }
    }

    /// Normal with the given mean and standard deviation (`nn.init.normal_`); the "naive" initialization of
    /// lessons when the standard deviation ignores the layer's size.
    public static func normal(mean: Float = 0, std: Float = 1) -> Initializer {
        Initializer(name: "normal(\(mean), \(std))") { shape, generator in Tensor.normal(shape, mean: mean, std: std, using: &generator) }
    }

    /// Xavier/Glorot uniform: U(−a, a) with a = gain·√(6 / (fan_in + fan_out)) (Glorot and Bengio, AISTATS 2010;
    /// `nn.init.xavier_uniform_`).
    public static func xavierUniform(gain: Float = 1) -> Initializer {
        Initializer(name: "xavierUniform(gain \(gain))") { shape, generator in
            let (fanIn, fanOut) = fans(of: shape)
            let bound = gain * (6 / Float(fanIn + fanOut)).squareRoot()
            return Tensor.uniform(shape, low: -bound, high: bound, using: &generator)
        }
    }

    /// Xavier/Glorot normal: N(0, σ²) with σ = gain·√(2 / (fan_in + fan_out)) (`nn.init.xavier_normal_`).
    public static func xavierNormal(gain: Float = 1) -> Initializer {
        Initializer(name: "xavierNormal(gain \(gain))") { shape, generator in
            let (fanIn, fanOut) = fans(of: shape)
            return Tensor.normal(shape, std: gain * (2 / Float(fanIn + fanOut)).squareRoot(), using: &generator)
        }
    }

    /// Kaiming/He uniform: U(−b, b) with b = gain·√(3 / fan) (He et al., ICCV 2015; `nn.init.kaiming_uniform_`).
    public static func kaimingUniform(mode: FanMode = .fanIn, nonlinearity: Nonlinearity = .relu) -> Initializer {
        Initializer(name: "kaimingUniform(\(mode), \(nonlinearity))") { shape, generator in
            let bound = nonlinearity.gain * (3 / Float(mode.fan(of: shape))).squareRoot()
            return Tensor.uniform(shape, low: -bound, high: bound, using: &generator)
        }
    }

    /// Kaiming/He normal: N(0, σ²) with σ = gain/√fan, i.e. √(2/fan_in) for ReLU (`nn.init.kaiming_normal_`).
    public static func kaimingNormal(mode: FanMode = .fanIn, nonlinearity: Nonlinearity = .relu) -> Initializer {
        Initializer(name: "kaimingNormal(\(mode), \(nonlinearity))") { shape, generator in
            Tensor.normal(shape, std: nonlinearity.gain / Float(mode.fan(of: shape)).squareRoot(), using: &generator)
        }
    }

    /// PyTorch's default for the weights of `nn.Linear` and `nn.Conv2d`: `kaiming_uniform_(a=√5)`, which works
    /// out to U(−1/√fan_in, 1/√fan_in).
    public static let pytorchDefaultWeight = Initializer(name: "pytorchDefault") { shape, generator in
        let bound = 1 / Float(fans(of: shape).fanIn).squareRoot()
        return Tensor.uniform(shape, low: -bound, high: bound, using: &generator)
    }

    /// PyTorch's default for the biases of `nn.Linear` and `nn.Conv2d`: U(−1/√fan_in, 1/√fan_in) with the
    /// fan-in of the layer's weight (a bias alone cannot know it).
    public static func pytorchDefaultBias(fanIn: Int) -> Initializer {
        Initializer(name: "pytorchDefaultBias(fanIn \(fanIn))") { shape, generator in
            let bound = 1 / Float(Swift.max(fanIn, 1)).squareRoot()
            return Tensor.uniform(shape, low: -bound, high: bound, using: &generator)
        }
    }
}

/// Which size Kaiming initialization keeps the variance of: the forward pass's (fan-in) or the backward's.
public enum FanMode: Sendable, CustomStringConvertible {
    /// Inputs per output: keeps activations' variance through the forward pass.
    case fanIn
    /// Outputs per input: keeps gradients' variance through the backward pass.
    case fanOut

    func fan(of shape: [Int]) -> Int { Swift.max(self == .fanIn ? fans(of: shape).fanIn : fans(of: shape).fanOut, 1) }

    /// "fanIn" or "fanOut".
    public var description: String { self == .fanIn ? "fanIn" : "fanOut" }
}

/// The nonlinearity after a layer, for the gain of its initialization (PyTorch's `nn.init.calculate_gain`).
public enum Nonlinearity: Sendable, CustomStringConvertible {
    /// No nonlinearity (gain 1); also for sigmoid-free linear layers and convolutions.
    case linear
    /// Logistic sigmoid (gain 1).
    case sigmoid
    /// Hyperbolic tangent (gain 5/3).
    case tanh
    /// ReLU (gain √2).
    case relu
    /// Leaky ReLU with the given negative slope (gain √(2 / (1 + slope²))).
    case leakyRelu(negativeSlope: Float)

    /// The factor by which the standard deviation is scaled to keep activations' variance.
    public var gain: Float {
        switch self {
        case .linear, .sigmoid: return 1
        case .tanh: return 5.0 / 3
        case .relu: return Float(2).squareRoot()
        case .leakyRelu(let slope): return (2 / (1 + slope * slope)).squareRoot()
        }
    }

    /// The name, e.g. "relu".
    public var description: String {
        switch self {
        case .linear: return "linear"
        case .sigmoid: return "sigmoid"
        case .tanh: return "tanh"
        case .relu: return "relu"
        case .leakyRelu(let slope): return "leakyRelu(\(slope))"
        }
    }
}

/// Fan-in and fan-out of a weight of `shape`: [out, in, receptive field…], as PyTorch computes them.
func fans(of shape: [Int]) -> (fanIn: Int, fanOut: Int) {
    if shape.count < 2 { let n = shape.first ?? 1; return (n, n) }
    let receptiveField = shape.dropFirst(2).reduce(1, *)
    return (shape[1] * receptiveField, shape[0] * receptiveField)
}
