import Lessons

/// What a network costs, counted layer by layer: its parameters, the multiply-adds of one picture's forward
/// pass, and those of its whole training (about three forward passes' worth per picture and epoch: the
/// forward pass, then the backward pass's gradients for the inputs and for the weights).
///
/// Two networks: lesson 10's CNN on the 8×8 digits, and AlexNet (Krizhevsky, Sutskever and Hinton,
/// "ImageNet Classification with Deep Convolutional Neural Networks", NIPS 2012) as the paper describes it:
/// five convolutions, the second, fourth and fifth split into two groups (one per GPU), and three dense
/// layers, trained for about 90 passes over 1.2 million ImageNet images. Nothing is trained: the figures
/// are arithmetic on the layers' shapes.
public struct NetworkCost: Experiment {
    public static let name = "network-cost"
    public static let summary = "Parameters and multiply-adds of lesson 10's CNN and of AlexNet, layer by layer, and of training them."

    /// A network whose layers the experiment knows.
    public enum Network: String, CaseIterable, Sendable {
        case digitsCNN = "digits-cnn", alexnet
    }

    /// Which networks, and whether to list their layers.
    public struct Parameters: ExperimentParameters {
        /// The networks to count, in order.
        public var networks: [Network] = [.digitsCNN, .alexnet]
        /// Whether to show each network's layers.
        public var layers = true

        public init() {}

        public static var parameters: [Parameter<Self>] {
            [
                .choices("networks", \.networks, count: 1...2, "The networks to count: lesson 10's CNN on the digits, AlexNet (2012)."),
                .flag("layers", \.layers, "List each network's layers with their parameters and multiply-adds."),
            ]
        }
    }

    /// A layer with weights; pooling and ReLU have none and do no multiply-adds.
    struct Layer {
        enum Kind { case convolution, dense }
        var name: String
        var kind: Kind
        var inputs: Int, outputs: Int
        /// The filter's side k (1 for a dense layer).
        var kernel = 1
        /// Output positions (height × width; 1 for a dense layer).
        var positions = 1
        /// Filters in a group see only their group's share of the input channels (AlexNet's two GPUs).
        var groups = 1

        /// The input values one output reads: its group's channels times k × k.
        var fanIn: Int { inputs / groups * kernel * kernel }
        /// One weight per input an output reads, and a bias, per output channel.
        var parameters: Int { outputs * (fanIn + 1) }
        /// One multiply-add per weight at every output position.
        var multiplyAdds: Int { positions * outputs * fanIn }

        static func convolution(_ name: String, _ inputs: Int, _ outputs: Int, kernel: Int, side: Int, groups: Int = 1) -> Layer {
            Layer(name: name, kind: .convolution, inputs: inputs, outputs: outputs, kernel: kernel, positions: side * side, groups: groups)
        }

        static func dense(_ name: String, _ inputs: Int, _ outputs: Int) -> Layer {
            Layer(name: name, kind: .dense, inputs: inputs, outputs: outputs)
        }
    }

    /// A network's weighted layers and what it was trained on.
    struct Description {
        var title: Phrase
        var layers: [Layer]
        /// Training pictures, and passes over them.
        var images: Int, epochs: Int

        var parameters: Int { layers.reduce(0) { $0 + $1.parameters } }
        var multiplyAdds: Int { layers.reduce(0) { $0 + $1.multiplyAdds } }
        /// Forward and backward over every picture of every epoch: about 3 forward passes each.
        var trainingMultiplyAdds: Double { 3 * Double(multiplyAdds) * Double(images) * Double(epochs) }

        func share(of kind: Layer.Kind, _ measure: (Layer) -> Int, total: Int) -> Double {
            Double(layers.filter { $0.kind == kind }.reduce(0) { $0 + measure($1) }) / Double(total)
        }
    }

    static func describe(_ network: Network) -> Description {
        switch network {
        case .digitsCNN:
            // Lesson 10: 3×3 convolutions with padding 1, each followed by ReLU and 2×2 max-pooling.
            return Description(
                title: "Lesson 10's CNN on the 8×8 digits (1,257 training digits, 10 epochs)",
                layers: [
                    .convolution("conv1", 1, 16, kernel: 3, side: 8),
                    .convolution("conv2", 16, 32, kernel: 3, side: 4),
                    .dense("linear", 32 * 2 * 2, 10),
                ],
                images: 1257, epochs: 10)
        case .alexnet:
            // Krizhevsky et al. 2012, section 3.5 and figure 2; output sides 55, 27 and 13 as the figure gives them.
            return Description(
                title: "AlexNet on ImageNet (1.2 million training images, about 90 epochs)",
                layers: [
                    .convolution("conv1", 3, 96, kernel: 11, side: 55),
                    .convolution("conv2", 96, 256, kernel: 5, side: 27, groups: 2),
                    .convolution("conv3", 256, 384, kernel: 3, side: 13),
                    .convolution("conv4", 384, 384, kernel: 3, side: 13, groups: 2),
                    .convolution("conv5", 384, 256, kernel: 3, side: 13, groups: 2),
                    .dense("fc6", 256 * 6 * 6, 4096),
                    .dense("fc7", 4096, 4096),
                    .dense("fc8", 4096, 1000),
                ],
                images: 1_200_000, epochs: 90)
        }
    }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        var result = ExperimentResult()
        var summary = Table(
            title: "What each network costs",
            columns: [
                .init("network"), .init("parameters", format: .integer), .init("in dense", format: .percent(1)),
                .init("multiply-adds", format: .integer), .init("in conv", format: .percent(1)),
                .init("training", format: .scientific(2)),
            ],
            caption: "Multiply-adds: one picture's forward pass. In dense: the share of the parameters in dense layers; "
                + "in conv: the share of the multiply-adds in convolutions. Training: 3 × multiply-adds × training "
                + "pictures × epochs (the forward pass, and the backward pass's two gradients, each about as costly).")
        for network in p.networks {
            let description = describe(network)
            let name = RunNaming.name([network.rawValue])
            let (parameters, multiplyAdds) = (description.parameters, description.multiplyAdds)
            let denseShare = description.share(of: .dense, \.parameters, total: parameters)
            let convolutionShare = description.share(of: .convolution, \.multiplyAdds, total: multiplyAdds)
            summary.append([.text(Phrase(verbatim: network.rawValue)), .number(Double(parameters)), .number(denseShare),
                            .number(Double(multiplyAdds)), .number(convolutionShare), .number(description.trainingMultiplyAdds)])
            result.metric("\(name).parameters", Double(parameters))
            result.metric("\(name).multiply_adds", Double(multiplyAdds))
            result.metric("\(name).training_multiply_adds", description.trainingMultiplyAdds)
            result.metric("\(name).dense_parameter_share", denseShare)
            result.metric("\(name).convolution_multiply_add_share", convolutionShare)
            result.metric("\(name).images", Double(description.images))
            result.metric("\(name).epochs", Double(description.epochs))
        }
        result.figure(summary)
        if p.layers {
            for network in p.networks { result.figure(layerTable(describe(network))) }
        }
        return result
    }

    /// One network's weighted layers.
    static func layerTable(_ description: Description) -> Table {
        var table = Table(
            title: description.title,
            columns: [
                .init("layer"), .init("shape"), .init("parameters", format: .integer),
                .init("multiply-adds", format: .integer),
            ],
            caption: "A convolution has C_out · (C_in/groups · k · k + 1) parameters and does C_in/groups · k · k "
                + "multiply-adds per output value; a dense layer has out · (in + 1) and does in · out.")
        for layer in description.layers {
            let shape: Phrase = switch layer.kind {
            case .convolution:
                "\(layer.kernel)×\(layer.kernel), \(layer.inputs) → \(layer.outputs)"
                    + (layer.groups == 1 ? "" : " in \(layer.groups) groups") + ", output \(layer.positionsSide)²"
            case .dense: "\(layer.inputs) → \(layer.outputs)"
            }
            table.append([.text(Phrase(verbatim: layer.name)), .text(shape), .number(Double(layer.parameters)),
                          .number(Double(layer.multiplyAdds))])
        }
        return table
    }
}

extension NetworkCost.Layer {
    /// The side of a square output map.
    var positionsSide: Int { Int(Double(positions).squareRoot().rounded()) }
}

extension NetworkCost {
    /// A run is named by its network, always: `digits_cnn`, `alexnet`.
    public static let metrics: MetricDeclaration? = MetricDeclaration(
        runs: RunNaming([.word(Network.allCases.map(\.rawValue))], summary: "the network, always: `digits_cnn`, `alexnet`"),
        [.init("{run}.parameters"), .init("{run}.multiply_adds"), .init("{run}.training_multiply_adds"),
         .init("{run}.dense_parameter_share"), .init("{run}.convolution_multiply_add_share"), .init("{run}.images"),
         .init("{run}.epochs")])

    public static func runNames(_ p: Parameters) -> [String] { p.networks.map { RunNaming.name([$0.rawValue]) } }
}

extension NetworkCost.Parameters {
    /// A network listed twice would report its metrics twice.
    public var conflict: String? {
        Set(networks).count == networks.count ? nil : "a network is listed twice; list each network once"
    }
}
