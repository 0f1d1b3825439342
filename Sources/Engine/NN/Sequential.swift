/// Layers applied one after another (PyTorch's `nn.Sequential`). Parameters are named by position, as in
/// PyTorch: "0.weight", "3.running_mean".
///
/// A layer can be replaced, which is how fine-tuning puts a new classifier head on a pretrained model:
/// `model.layers[model.layers.count - 1] = Linear(128, 5, using: &rng)`.
public struct Sequential: Module {
    /// The layers, first applied first.
    public var layers: [any Module]

    /// A model of the given layers.
    public init(_ layers: [any Module]) { self.layers = layers }

    /// A model of the given layers.
    public init(_ layers: any Module...) { self.layers = layers }

    /// Each layer applied to the previous one's output. A layer followed by `ReLU` runs with it as one
    /// operation where it has such a form (`Linear` does: `linearReLU`; batch norm: `batchNormReLU`), with the same
    /// values and gradients.
    public mutating func callAsFunction(_ input: Tensor) -> Tensor {
        var x = input
        var i = layers.startIndex
        while i < layers.endIndex {
            if i + 1 < layers.endIndex, layers[i + 1] is ReLU, let fused = layers[i].fusedWithReLU(x) {
                x = consume fused
                i += 2
            } else {
                x = layers[i](x)
                i += 1
            }
        }
        return x
    }

    /// Each layer's tensors, named "index.name".
    public mutating func visitTensors(_ visitor: (_ name: String, _ kind: TensorKind, _ tensor: inout Tensor) -> Void) {
        for i in layers.indices {
            let prefix = i < Sequential.prefixes.count ? Sequential.prefixes[i] : "\(i)."
            layers[i].visitTensors { name, kind, tensor in visitor(prefix + name, kind, &tensor) }
        }
    }

    /// "0.", "1.", …: made once, since an optimizer asks for the names at every step, and interpolating
    /// each one cost more than joining two short strings.
    private static let prefixes = (0..<64).map { "\($0)." }

    /// Each layer's parameters, in order. (The default would visit them through `visitTensors` on a copy
    /// of the model, and writing through the copy's layers copied each of them.)
    public func forEachParameter(_ body: (Tensor) -> Void) {
        for i in layers.indices { layers[i].forEachParameter(body) }
    }

    /// Sets every layer's mode.
    public mutating func setTraining(_ training: Bool) {
        for i in layers.indices { layers[i].setTraining(training) }
    }

    /// Replaces the layer at `index` (e.g. a new head for fine-tuning).
    public mutating func replaceLayer(at index: Int, with layer: any Module) {
        precondition(layers.indices.contains(index), "Sequential: no layer at index \(index) (the model has \(layers.count))")
        layers[index] = layer
    }
}
