/// A 2-D convolution layer with square kernels (PyTorch's `nn.Conv2d`): input [n, in, h, w], weight
/// [out, in, k, k], output [n, out, h', w'].
///
/// By default weight and bias are drawn from U(−1/√fan_in, 1/√fan_in) with fan_in = in·k·k, PyTorch's default.
public struct Conv2d: Module {
    /// The kernels, [outChannels, inChannels, k, k].
    public var weight: Tensor
    /// The bias, [outChannels], or nil.
    public var bias: Tensor?
    /// The step between windows.
    public let stride: Int
    /// Zeros added on each side of the input.
    public let padding: Int

    /// A convolution from `inChannels` to `outChannels` with `kernelSize`×`kernelSize` kernels.
    public init(_ inChannels: Int, _ outChannels: Int, kernelSize: Int, stride: Int = 1, padding: Int = 0,
                bias useBias: Bool = true, weightInitializer: Initializer = .pytorchDefaultWeight,
                biasInitializer: Initializer? = nil, using generator: inout SeededGenerator) {
        precondition(inChannels > 0 && outChannels > 0 && kernelSize > 0 && stride > 0 && padding >= 0,
                     "Conv2d: channels, kernel size and stride must be positive and padding non-negative")
        weight = parameter(weightInitializer([outChannels, inChannels, kernelSize, kernelSize], using: &generator))
        let biasInit = biasInitializer ?? .pytorchDefaultBias(fanIn: inChannels * kernelSize * kernelSize)
        bias = useBias ? parameter(biasInit([outChannels], using: &generator)) : nil
        self.stride = stride
        self.padding = padding
    }

    /// The convolution of `input` [n, in, h, w].
    public mutating func callAsFunction(_ input: Tensor) -> Tensor {
        conv2d(input, weight: weight, bias: bias, stride: stride, padding: padding)
    }

    /// The weight, then the bias.
    public func forEachParameter(_ body: (Tensor) -> Void) {
        body(weight)
        if let bias { body(bias) }
    }

    /// "weight" and "bias".
    public mutating func visitTensors(_ visitor: (_ name: String, _ kind: TensorKind, _ tensor: inout Tensor) -> Void) {
        visitor("weight", .parameter, &weight)
        if bias != nil { visitor("bias", .parameter, &bias!) }
    }
}
