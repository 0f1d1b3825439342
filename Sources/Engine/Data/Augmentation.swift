/// A random change of a batch of images ([n, c, h, w]) that keeps their labels, drawn from a seeded
/// generator: a value, so augmentations are chosen and combined like numbers (torchvision's `transforms`).
/// The factories throw `HyperparameterError` for sizes or probabilities out of range.
public struct Augmentation: Sendable {
    /// A short description, e.g. "randomShift(1)".
    public let name: String
    private let apply: @Sendable (_ images: Tensor, _ generator: inout SeededGenerator) -> Tensor

    /// An augmentation from its name and its function of a batch and a generator.
    public init(name: String, apply: @escaping @Sendable (_ images: Tensor, _ generator: inout SeededGenerator) -> Tensor) {
        self.name = name
        self.apply = apply
    }

    /// The augmented batch (never recorded for autograd: inputs need no gradient).
    public func callAsFunction(_ images: Tensor, using generator: inout SeededGenerator) -> Tensor {
        noGrad { apply(images.detach(), &generator) }
    }

    /// Each image moved by up to `maxShift` pixels in each direction, uncovered pixels filled with zeros: the
    /// same as `randomCrop(size: h, padding: maxShift)` for square images.
    public static func randomShift(maxShift: Int) throws -> Augmentation {
        try require(maxShift >= 0, "randomShift", "maximum shift \(maxShift) must be non-negative")
        return Augmentation(name: "randomShift(\(maxShift))") { images, generator in
            cropEach(images, size: (images.shape[2], images.shape[3]), padding: maxShift, using: &generator)
        }
    }

    /// Each image padded with `padding` zeros on every side and cropped to `size`×`size` at a random place
    /// (torchvision's `RandomCrop(size, padding)`).
    public static func randomCrop(size: Int, padding: Int = 0) throws -> Augmentation {
        try require(size > 0 && padding >= 0, "randomCrop", "size \(size) must be positive and padding \(padding) non-negative")
        return Augmentation(name: "randomCrop(\(size), padding \(padding))") { images, generator in
            cropEach(images, size: (size, size), padding: padding, using: &generator)
        }
    }

    /// Each image mirrored left to right with `probability` (torchvision's `RandomHorizontalFlip`). Wrong for
    /// digits, on purpose: a mirrored 3 is not a 3, and a lesson shows the accuracy this costs.
    public static func horizontalFlip(probability: Float = 0.5) throws -> Augmentation {
        try require(probability >= 0 && probability <= 1, "horizontalFlip", "probability \(probability) must be in [0, 1]")
        return Augmentation(name: "horizontalFlip(\(probability))") { images, generator in
            precondition(images.rank == 4, "horizontalFlip: expects images [n, c, h, w], got shape \(images.shape)")
            var out = images
            let (n, c, h, w) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3])
            out.withUnsafeMutableBufferPointer { p in
                for image in 0..<n where generator.nextUnitFloat() < probability {
                    for row in 0..<(c * h) {
                        let start = (image * c * h + row) * w
                        for x in 0..<(w / 2) { p.swapAt(start + x, start + w - 1 - x) }
                    }
                }
            }
            return out
        }
    }

    /// With `probability`, a random rectangle of each image set to `value` (Zhong et al. 2017, "Random
    /// Erasing Data Augmentation"; torchvision's `RandomErasing`): its area a fraction in `scale` of the
    /// image's, its height-to-width ratio in `ratio` (drawn uniformly on a log scale), at a random place. A
    /// rectangle that doesn't fit is drawn again, up to ten times, then the image is left as it is. Every
    /// channel of the rectangle is erased.
    public static func randomErasing(
        probability: Float = 0.5, scale: ClosedRange<Float> = 0.02...0.33, ratio: ClosedRange<Float> = 0.3...3.3,
        value: Float = 0
    ) throws -> Augmentation {
        try require(probability >= 0 && probability <= 1, "randomErasing", "probability \(probability) must be in [0, 1]")
        try require(scale.lowerBound > 0 && scale.upperBound <= 1, "randomErasing", "scale \(scale) must lie in (0, 1]")
        try require(ratio.lowerBound > 0 && ratio.upperBound.isFinite, "randomErasing", "ratio \(ratio) must be positive and finite")
        return Augmentation(name: "randomErasing(\(probability))") { images, generator in
            precondition(images.rank == 4, "randomErasing: expects images [n, c, h, w], got shape \(images.shape)")
            var out = images
            let (n, c, h, w) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3])
            let (logLow, logHigh) = (Elementary.log(ratio.lowerBound), Elementary.log(ratio.upperBound))
            out.withUnsafeMutableBufferPointer { p in
                for image in 0..<n where generator.nextUnitFloat() < probability {
                    for _ in 0..<10 {
                        let area = Float(h * w) * (scale.lowerBound + (scale.upperBound - scale.lowerBound) * generator.nextUnitFloat())
                        let aspect = Elementary.exp(logLow + (logHigh - logLow) * generator.nextUnitFloat())
                        let height = Int((area * aspect).squareRoot().rounded()), width = Int((area / aspect).squareRoot().rounded())
                        guard height >= 1, width >= 1, height <= h, width <= w else { continue }
                        let top = randomIndex(below: h - height + 1, using: &generator)
                        let left = randomIndex(below: w - width + 1, using: &generator)
                        for channel in 0..<c {
                            let base = (image * c + channel) * h * w
                            for y in top..<(top + height) {
                                for x in left..<(left + width) { p[base + y * w + x] = value }
                            }
                        }
                        break
                    }
                }
            }
            return out
        }
    }

    /// Normal noise of standard deviation `std` added to every pixel.
    public static func gaussianNoise(std: Float) throws -> Augmentation {
        try require(std >= 0, "gaussianNoise", "standard deviation \(std) must be non-negative")
        return Augmentation(name: "gaussianNoise(\(std))") { images, generator in
            images + Tensor.normal(images.shape, std: std, using: &generator)
        }
    }

    /// The augmentations applied in order (torchvision's `Compose`).
    public static func sequence(_ augmentations: [Augmentation]) -> Augmentation {
        Augmentation(name: augmentations.map(\.name).joined(separator: " → ")) { images, generator in
            augmentations.reduce(images) { $1($0, using: &generator) }
        }
    }
}

/// Pads every image with zeros and crops a `size` window at a random offset per image.
private func cropEach(_ images: Tensor, size: (height: Int, width: Int), padding: Int,
                      using generator: inout SeededGenerator) -> Tensor {
    precondition(images.rank == 4, "random crop: expects images [n, c, h, w], got shape \(images.shape)")
    let (n, c, h, w) = (images.shape[0], images.shape[1], images.shape[2], images.shape[3])
    precondition(size.height <= h + 2 * padding && size.width <= w + 2 * padding,
                 "random crop: \(size.height)×\(size.width) does not fit \(h)×\(w) images padded by \(padding)")
    var out = Tensor.zeros([n, c, size.height, size.width])
    images.withUnsafeBufferPointer { source in
        out.withUnsafeMutableBufferPointer { target in
            for image in 0..<n {
                // Top-left corner of the window in padded coordinates, then in the image's own.
                let top = randomIndex(below: h + 2 * padding - size.height + 1, using: &generator) - padding
                let left = randomIndex(below: w + 2 * padding - size.width + 1, using: &generator) - padding
                for channel in 0..<c {
                    let from = (image * c + channel) * h * w, to = (image * c + channel) * size.height * size.width
                    for y in 0..<size.height where (0..<h).contains(top + y) {
                        for x in 0..<size.width where (0..<w).contains(left + x) {
                            target[to + y * size.width + x] = source[from + (top + y) * w + left + x]
                        }
                    }
                }
            }
        }
    }
    return out
}
