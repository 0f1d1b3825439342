import Engine
import Lessons

/// A model built from the engine's modules (`Sequential` of `Conv2d`, `Linear`, `BatchNorm`, …) for the 8×8
/// digits, listed as PyTorch's `named_parameters()` and `named_buffers()` list it: every tensor's name, shape
/// and size, each layer's count and the total; and one forward pass of a batch to show the output's shape.
public struct ModuleParameters: Experiment {
    public static let name = "module-parameters"
    public static let summary = "A small CNN or MLP for the digits as modules: every parameter and buffer with its name, shape and count."

    /// The kind of model.
    public enum Model: String, CaseIterable, Sendable { case cnn, mlp }

    /// The model's kind and sizes.
    public struct Parameters: ExperimentParameters {
        /// A CNN (3×3 convolutions, each followed by ReLU and 2×2 max-pooling) or an MLP.
        public var model = Model.cnn
        /// Output channels of each convolution (CNN).
        public var channels = [16, 32]
        /// Units of each hidden layer (MLP).
        public var hidden = [32]
        /// Whether each convolution or hidden linear layer is followed by batch normalization.
        public var batchNorm = false

        public init() {}

        public static var parameters: [Parameter<Self>] {
            [
                .choice("model", \.model, "cnn: 3×3 convolutions (padding 1), each with ReLU and 2×2 max-pooling, then a linear layer; mlp: linear layers with ReLU."),
                .integers("channels", \.channels, in: 1...64, count: 1...3, "Output channels of each convolution (cnn)."),
                .integers("hidden", \.hidden, in: 1...256, count: 1...4, "Units of each hidden layer (mlp)."),
                .flag("batch_norm", \.batchNorm, "Batch normalization after each convolution or hidden layer, which then has no bias (lesson 9)."),
            ]
        }
    }

    /// The 8×8 digits: 64 pixels, 10 classes.
    static let (side, classes) = (8, 10)

    /// The model the parameters describe, initialized from `generator`.
    static func model(_ p: Parameters, using generator: inout SeededGenerator) throws -> Sequential {
        var layers: [any Module] = []
        switch p.model {
        case .cnn:
            var (inputs, size) = (1, side)
            for channels in p.channels {
                layers.append(Conv2d(inputs, channels, kernelSize: 3, padding: 1, bias: !p.batchNorm, using: &generator))
                if p.batchNorm { layers.append(try BatchNorm2d(channels)) }
                layers += [ReLU(), MaxPool2d(kernelSize: 2)]
                (inputs, size) = (channels, size / 2)
            }
            layers += [Flatten(), Linear(inputs * size * size, classes, using: &generator)]
        case .mlp:
            var inputs = side * side
            layers.append(Flatten())
            for units in p.hidden {
                layers.append(Linear(inputs, units, bias: !p.batchNorm, using: &generator))
                if p.batchNorm { layers.append(try BatchNorm1d(units)) }
                layers.append(ReLU())
                inputs = units
            }
            layers.append(Linear(inputs, classes, using: &generator))
        }
        return Sequential(layers)
    }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        var generator = SeededGenerator(seed: context.seed)
        var model = try model(p, using: &generator)
        let input = Tensor.randn([2, 1, side, side], using: &generator)
        let output = model(input)

        var result = ExperimentResult()
        var table = Table(title: "model.namedParameters and model.namedBuffers",
                          columns: [.init("layer"), .init("name"), .init("kind"), .init("shape"), .init("count", format: .integer)])
        var perLayer = [Int](repeating: 0, count: model.layers.count)
        var buffers = 0
        let layerNames = model.layers.map { String(describing: type(of: $0)) }
        model.visitTensors { name, kind, tensor in
            let layer = Int(name.prefix { $0 != "." }) ?? 0
            let layerName = layerNames[layer]
            switch kind {
            case .parameter: perLayer[layer] += tensor.count
            case .buffer: buffers += tensor.count
            }
            table.append([.text(Phrase(verbatim: "\(layer) \(layerName)")), .text(Phrase(verbatim: name)),
                          kind == .parameter ? "parameter" : "buffer", .text(Phrase(verbatim: Self.shape(tensor))), .number(Double(tensor.count))])
        }
        let total = model.parameterCount
        table.append(["", "", "all parameters", "", .number(Double(total))])
        table.caption = "A layer without tensors (ReLU, pooling, flatten) has no row. A batch of shape \(shape(input)) "
            + "gives logits of shape \(shape(output))."
        result.figure(table)

        result.metric("parameters", Double(total))
        result.metric("buffers", Double(buffers))
        result.metric("parameter_tensors", Double(model.namedParameters.count))
        result.metric("layers", Double(model.layers.count))
        result.metric("output_width", Double(output.shape.last ?? 0))
        for (index, count) in perLayer.enumerated() { result.metric("layer\(index).parameters", Double(count)) }
        return result
    }

    /// "[2, 1, 8, 8]".
    static func shape(_ tensor: Tensor) -> String { "[" + tensor.shape.map(String.init).joined(separator: ", ") + "]" }
}

extension ModuleParameters {
    /// One model; `layer{index}` counts the parameters of the layer at that position of the `Sequential`.
    public static let metrics: MetricDeclaration? = MetricDeclaration([
        .init("parameters"), .init("buffers"), .init("parameter_tensors"), .init("layers"), .init("output_width"),
        .init("layer{index}.parameters"),
    ])
}
