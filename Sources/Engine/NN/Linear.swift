/// A fully connected layer: `y = x·Wᵀ + b`, with W of shape [out, in] (PyTorch's `nn.Linear`).
///
/// By default both W and b are drawn from U(−1/√in, 1/√in), PyTorch's default (`kaiming_uniform_(a=√5)` on
/// the weight and the matching bound on the bias).
public struct Linear: Module {
    /// The weight, [outFeatures, inFeatures].
    public var weight: Tensor
    /// The bias, [outFeatures], or nil for a layer without one.
    public var bias: Tensor?

    /// A layer from `inFeatures` to `outFeatures`, initialized from `generator`.
    public init(_ inFeatures: Int, _ outFeatures: Int, bias useBias: Bool = true,
                weightInitializer: Initializer = .pytorchDefaultWeight, biasInitializer: Initializer? = nil,
                using generator: inout SeededGenerator) {
        precondition(inFeatures > 0 && outFeatures > 0, "Linear: sizes must be positive, got \(inFeatures) → \(outFeatures)")
        weight = parameter(weightInitializer([outFeatures, inFeatures], using: &generator))
        let biasInit = biasInitializer ?? .pytorchDefaultBias(fanIn: inFeatures)
        bias = useBias ? parameter(biasInit([outFeatures], using: &generator)) : nil
    }

    /// A layer with the given weight [out, in] and bias [out] (made parameters).
    public init(weight: Tensor, bias: Tensor?) {
        precondition(weight.rank == 2, "Linear: weight must be [out, in], got shape \(weight.shape)")
        self.weight = parameter(weight)
        self.bias = bias.map(parameter)
    }

    /// `input·Wᵀ + b` for an input of shape [n, in].
    public mutating func callAsFunction(_ input: Tensor) -> Tensor { linear(input, weight: weight, bias: bias) }

    /// `linearReLU`: this layer and a ReLU after it in one operation.
    public mutating func fusedWithReLU(_ input: Tensor) -> Tensor? { linearReLU(input, weight: weight, bias: bias) }

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
