import Engine
import Lessons

/// Three hand-made 3×3 filters slid over one 8×8 digit: what a convolution computes, what ReLU and
/// max-pooling do to its output, and what sharing one filter's weights across the image buys.
///
/// The filters are fixed (a vertical-edge, a horizontal-edge and a blur filter), so the pictures can
/// be read before anything is trained. The experiment also shifts the digit sideways and checks that
/// the feature maps shift with it (a shared filter finds a stroke wherever it is), and counts the
/// parameters of the convolution against a dense layer producing maps of the same size.
public struct FeatureMaps: Experiment {
    public static let name = "feature-maps"
    public static let summary = "Hand-made 3×3 filters on one digit: convolution, ReLU and max-pooling as pictures."

    /// Which digit to look at and how far to shift it.
    public struct Parameters: ExperimentParameters {
        /// The class of the test digit to filter.
        public var digit = 4
        /// Pixels to shift the digit to the right for the weight-sharing check.
        public var shift = 1
        /// The pooling window (and stride).
        public var pool = 2

        public init() {}

        public static var parameters: [Parameter<Self>] {
            [
                .integer("digit", \.digit, in: 0...9, "The class of the test digit to filter (its first example in the test set)."),
                .integer("shift", \.shift, in: 0...3, "Pixels to shift the digit right, to check that the feature maps shift with it."),
                .integer("pool", \.pool, in: 1...4, "The max-pooling window and stride."),
            ]
        }
    }

    /// The filters' names and 3×3 weights, row by row.
    static let filters: [(name: Phrase, weights: [Float])] = [
        ("vertical edge", [-1, 0, 1, -1, 0, 1, -1, 0, 1]),
        ("horizontal edge", [-1, -1, -1, 0, 0, 0, 1, 1, 1]),
        ("blur", [Float](repeating: 1.0 / 9, count: 9)),
    ]

    /// The filters as a convolution weight, [3, 1, 3, 3].
    static var weight: Tensor { Tensor(filters.flatMap(\.weights), shape: [filters.count, 1, 3, 3]) }

    /// `image` ([1, 1, 8, 8]) moved `pixels` to the right, with zeros coming in on the left.
    static func shiftedRight(_ image: Tensor, by pixels: Int) -> Tensor {
        let (height, width) = (image.shape[2], image.shape[3])
        let source = image.scalars
        var moved = [Float](repeating: 0, count: source.count)
        for row in 0..<height {
            for column in pixels..<width { moved[row * width + column] = source[row * width + column - pixels] }
        }
        return Tensor(moved, shape: image.shape)
    }

    /// Rows of pixel values of channel `channel` of `maps` ([1, c, h, w]), for an `ImageGrid`.
    static func picture(_ maps: Tensor, channel: Int) -> [[Double]] {
        let (height, width) = (maps.shape[2], maps.shape[3])
        let values = maps.scalars
        return (0..<height).map { row in
            (0..<width).map { Double(values[(channel * height + row) * width + $0]) }
        }
    }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        let test = try Digits.splits(seed: 0).test
        guard let index = test.labels.firstIndex(of: p.digit) else {
            throw Diagnostic("the test set has no digit \(p.digit)")
        }
        let image = test.inputs.indexSelect([index])
        let weight = weight
        let maps = conv2d(image, weight: weight, padding: 1)
        let rectified = maps.relu()
        let pooled = maxPool2d(rectified, kernelSize: p.pool)

        // Away from the right border (where padding cuts the shifted stroke off) the maps of the
        // shifted digit are the maps of the digit, shifted: the same filter is used at every place.
        let shiftedMaps = conv2d(shiftedRight(image, by: p.shift), weight: weight, padding: 1)
        var difference = 0.0
        for channel in 0..<filters.count {
            let original = picture(maps, channel: channel), moved = picture(shiftedMaps, channel: channel)
            for row in original.indices {
                for column in p.shift..<(original[row].count - 1) {
                    difference = max(difference, abs(moved[row][column] - original[row][column - p.shift]))
                }
            }
        }

        let (channels, height, width) = (maps.shape[1], maps.shape[2], maps.shape[3])
        let convParameters = weight.count + channels
        let denseParameters = image.count * maps.count + maps.count

        var result = ExperimentResult()
        result.figure(ImageGrid(
            title: "The digit (a \(p.digit)) and three 3×3 filters (blank: lowest value, full: highest)",
            images: [.init(pixels: picture(image, channel: 0), caption: "input 8×8")]
                + filters.enumerated().map { .init(pixels: picture(weight, channel: 0, filter: $0.offset), caption: $0.element.name) }))
        result.figure(ImageGrid(
            title: "Each filter slid over the digit, then ReLU (negatives set to 0)",
            images: filters.indices.map { .init(pixels: picture(rectified, channel: $0), caption: "\(filters[$0].name) \(height)×\(width)") }))
        result.figure(ImageGrid(
            title: "After \(p.pool)×\(p.pool) max-pooling: the largest value of each window",
            images: filters.indices.map {
                .init(pixels: picture(pooled, channel: $0), caption: "\(pooled.shape[2])×\(pooled.shape[3])")
            }))
        var table = Table(
            title: "What each step produces",
            columns: [.init("step"), .init("output shape"), .init("parameters", format: .integer)],
            caption: "A dense layer making the same \(channels)×\(height)×\(width) numbers from the 64 pixels "
                + "needs a weight for every input-output pair; the convolution reuses its \(weight.count) weights at every place.")
        let mapShape: Phrase = "\(channels)×\(height)×\(width)"
        table.append(["input", "1×8×8", 0])
        table.append([.text("conv 3×3, \(channels) filters, padding 1"), .text(mapShape), .number(Double(convParameters))])
        table.append(["ReLU", .text(mapShape), 0])
        table.append([.text("max-pool \(p.pool)×\(p.pool)"), .text("\(channels)×\(pooled.shape[2])×\(pooled.shape[3])"), 0])
        table.append(["dense layer, same output", .text(mapShape), .number(Double(denseParameters))])
        result.figure(table)
        result.text("Shifted \(Phrase.counted(p.shift, "pixel", "pixels")) right, the digit's feature maps shift with it: "
            + "the largest difference from the shifted original maps is \(difference.formatted(significant: 2)).")

        result.metric("conv.parameters", Double(convParameters))
        result.metric("dense.parameters", Double(denseParameters))
        result.metric("conv.height", Double(height))
        result.metric("pool.height", Double(pooled.shape[2]))
        result.metric("pool.values", Double(pooled.count))
        result.metric("shift.max_difference", difference)
        result.metric("relu.min", -Double((-rectified).max().item))
        result.metric("conv.min", -Double((-maps).max().item))
        return result
    }

    /// Filter `filter` of a convolution weight [out, in, k, k], input channel `channel`.
    static func picture(_ weight: Tensor, channel: Int, filter: Int) -> [[Double]] {
        picture(weight.slice(filter..<(filter + 1), axis: 0), channel: channel)
    }
}

extension Double {
    /// At most `digits` significant digits, without exponent for ordinary sizes: "0", "0.25", "1.2e-07".
    func formatted(significant digits: Int) -> String {
        NumberFormat.significant(digits).format(self)
    }
}

extension FeatureMaps {
    /// Its parts are fixed: the convolution, ReLU, pooling, a dense layer and a shifted digit.
    public static let metrics: MetricDeclaration? = MetricDeclaration([
        .init("conv.parameters"), .init("dense.parameters"), .init("conv.height"), .init("pool.height"),
        .init("pool.values"), .init("shift.max_difference"), .init("relu.min"), .init("conv.min"),
    ])
}
