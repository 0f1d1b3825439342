/// Whether a module's tensor is learned (a parameter, updated by optimizers) or kept (a buffer, such as
/// batch normalization's running mean, saved in checkpoints but never given a gradient).
public enum TensorKind: Sendable, Equatable {
    /// Learned by gradient descent (PyTorch's `nn.Parameter`).
    case parameter
    /// State that is not learned by gradients (PyTorch's `register_buffer`).
    case buffer
}

/// A layer or a model: a function of a tensor with named parameters and a training mode (PyTorch's
/// `nn.Module`).
///
/// Modules are values. Copying a model copies its weights (sharing storage until one copy is written), so a
/// snapshot is `let best = model`, and an optimizer updates a model passed `inout`. The forward pass is
/// `mutating` because some layers change state as they run: batch normalization updates its running
/// statistics in training, and dropout advances its seeded generator.
///
/// ```swift
/// var rng = SeededGenerator(seed: 0)
/// var model = Sequential(Linear(2, 16, using: &rng), ReLU(), Linear(16, 3, using: &rng))
/// let logits = model(Tensor([[0.5, -1]]))      // [1, 3]
/// print(model.namedParameters.map(\.name))     // ["0.weight", "0.bias", "2.weight", "2.bias"]
/// ```
public protocol Module {
    /// The output for `input`. In training mode this may update state (running statistics, generators).
    mutating func callAsFunction(_ input: Tensor) -> Tensor

    /// Calls `visitor` with every parameter and buffer, named as PyTorch's `state_dict` names them
    /// ("weight", "0.bias", "1.running_mean"), so that what the visitor writes is stored back.
    mutating func visitTensors(_ visitor: (_ name: String, _ kind: TensorKind, _ tensor: inout Tensor) -> Void)

    /// Switches between training (`true`: batch statistics, dropout on) and evaluation (`false`).
    mutating func setTraining(_ training: Bool)

    /// Calls `body` with every learned parameter, read-only and without names: what `zeroGrad()` needs,
    /// without building a name per parameter at every step.
    func forEachParameter(_ body: (Tensor) -> Void)

    /// `self(input).relu()` computed as one operation with the same bytes, or nil if this layer has no such
    /// form (the default). `Sequential` asks it of each layer followed by `ReLU`.
    mutating func fusedWithReLU(_ input: Tensor) -> Tensor?
}

extension Module {
    /// A layer without parameters or buffers visits nothing.
    public mutating func visitTensors(_ visitor: (_ name: String, _ kind: TensorKind, _ tensor: inout Tensor) -> Void) {}

    /// A layer that behaves the same in training and evaluation ignores the mode.
    public mutating func setTraining(_ training: Bool) {}

    /// Every parameter that `visitTensors` visits.
    public func forEachParameter(_ body: (Tensor) -> Void) {
        var copy = self
        copy.visitTensors { _, kind, tensor in if kind == .parameter { body(tensor) } }
    }

    /// No fused form.
    public mutating func fusedWithReLU(_ input: Tensor) -> Tensor? { nil }

    /// Switches to training mode (PyTorch's `model.train()`).
    public mutating func train() { setTraining(true) }

    /// Switches to evaluation mode (PyTorch's `model.eval()`).
    public mutating func eval() { setTraining(false) }

    /// Every learned parameter with its name, in a fixed order (PyTorch's `named_parameters()`).
    public var namedParameters: [(name: String, tensor: Tensor)] { namedTensors(of: .parameter) }

    /// Every buffer (running statistics) with its name.
    public var namedBuffers: [(name: String, tensor: Tensor)] { namedTensors(of: .buffer) }

    /// The learned parameters, in the order of `namedParameters`.
    public var parameters: [Tensor] { namedParameters.map(\.tensor) }

    /// The number of learned scalars (PyTorch's `sum(p.numel() for p in model.parameters())`).
    public var parameterCount: Int { namedParameters.reduce(0) { $0 + $1.tensor.count } }

    /// Calls `body` with each learned parameter, so that it can be changed in place (what optimizers do).
    public mutating func updateParameters(_ body: (_ name: String, _ parameter: inout Tensor) -> Void) {
        visitTensors { name, kind, tensor in if kind == .parameter { body(name, &tensor) } }
    }

    /// Clears every parameter's gradient (PyTorch's `zero_grad()`).
    public func zeroGrad() { forEachParameter { $0.zeroGrad() } }

    /// The output for `input` in evaluation mode without recording a graph, leaving this model unchanged:
    /// what prediction, validation and testing use.
    public func evaluated(_ input: Tensor) -> Tensor {
        var copy = self
        copy.setTraining(false)
        return noGrad { copy(input) }
    }

    private func namedTensors(of wanted: TensorKind) -> [(name: String, tensor: Tensor)] {
        var copy = self
        var result: [(name: String, tensor: Tensor)] = []
        copy.visitTensors { name, kind, tensor in if kind == wanted { result.append((name, tensor)) } }
        return result
    }
}

/// Marks a freshly initialized tensor as a parameter: a leaf that collects gradients.
func parameter(_ tensor: Tensor) -> Tensor { tensor.requiringGrad() }
