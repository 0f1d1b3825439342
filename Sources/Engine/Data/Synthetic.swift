import Foundation

/// Small generated datasets for the lessons, each fixed by its seed.
public enum SyntheticData {
    /// Gaussian blobs: `pointsPerClass` points around each center, with standard deviation `std` (scikit-learn's
    /// `make_blobs`). Inputs [classes·pointsPerClass, dimensions], labels the center's index.
    public static func blobs(centers: [[Float]], pointsPerClass: Int, std: Float = 1, seed: UInt64) -> TensorDataset {
        precondition(!centers.isEmpty && centers.allSatisfy { $0.count == centers[0].count }, "blobs: centers must share one dimension")
        precondition(pointsPerClass > 0 && std >= 0, "blobs: points per class must be positive and std non-negative")
        var generator = SeededGenerator(seed: seed)
        var values: [Float] = [], labels: [Int] = []
        for (label, center) in centers.enumerated() {
            for _ in 0..<pointsPerClass {
                values += center.map { $0 + std * generator.nextNormalFloat() }
                labels.append(label)
            }
        }
        return TensorDataset(inputs: Tensor(values, shape: [labels.count, centers[0].count]), labels: labels, classCount: centers.count)
    }

    /// Two interleaving half circles (scikit-learn's `make_moons`): the upper moon is class 0, the lower,
    /// shifted one class 1, with normal noise of standard deviation `noise` on both coordinates.
    public static func twoMoons(pointsPerClass: Int, noise: Float = 0.1, seed: UInt64) -> TensorDataset {
        precondition(pointsPerClass > 1 && noise >= 0, "twoMoons: needs at least 2 points per class and non-negative noise")
        var generator = SeededGenerator(seed: seed)
        var values: [Float] = [], labels: [Int] = []
        for label in 0..<2 {
            for i in 0..<pointsPerClass {
                let t = Double.pi * Double(i) / Double(pointsPerClass - 1)
                let (x, y) = label == 0 ? (cos(t), sin(t)) : (1 - cos(t), 0.5 - sin(t))
                values += [Float(x) + noise * generator.nextNormalFloat(), Float(y) + noise * generator.nextNormalFloat()]
                labels.append(label)
            }
        }
        return TensorDataset(inputs: Tensor(values, shape: [labels.count, 2]), labels: labels, classCount: 2)
    }

    /// K interleaved spiral arms, one class each (the CS231n spiral): radius 0…1, angle over 4 radians per arm
    /// plus normal noise of standard deviation `noise` (in radians). Not linearly separable.
    public static func spirals(classes: Int = 3, pointsPerClass: Int, noise: Float = 0.2, seed: UInt64) -> TensorDataset {
        precondition(classes > 1 && pointsPerClass > 1 && noise >= 0, "spirals: needs 2+ classes, 2+ points each and non-negative noise")
        var generator = SeededGenerator(seed: seed)
        var values: [Float] = [], labels: [Int] = []
        for label in 0..<classes {
            for i in 0..<pointsPerClass {
                let fraction = Float(i) / Float(pointsPerClass - 1)
                let angle = Float(label * 4) + 4 * fraction + noise * generator.nextNormalFloat()
                values += [fraction * Foundation.sin(angle), fraction * Foundation.cos(angle)]
                labels.append(label)
            }
        }
        return TensorDataset(inputs: Tensor(values, shape: [labels.count, 2]), labels: labels, classCount: classes)
    }

    /// Points uniform in [−1, 1]², class 1 where exactly one coordinate is positive (XOR), with normal noise of
    /// standard deviation `noise` added after labelling.
    public static func xor(count: Int, noise: Float = 0, seed: UInt64) -> TensorDataset {
        precondition(count > 0 && noise >= 0, "xor: count must be positive and noise non-negative")
        var generator = SeededGenerator(seed: seed)
        var values: [Float] = [], labels: [Int] = []
        for _ in 0..<count {
            let (x, y) = (2 * generator.nextUnitFloat() - 1, 2 * generator.nextUnitFloat() - 1)
            labels.append((x > 0) != (y > 0) ? 1 : 0)
            values += [x + noise * generator.nextNormalFloat(), y + noise * generator.nextNormalFloat()]
        }
        return TensorDataset(inputs: Tensor(values, shape: [count, 2]), labels: labels, classCount: 2)
    }

    /// Noisy linear regression y = x·w + b + ε: inputs N(0, 1) of `features` columns, weights N(0, 1), bias
    /// `bias`, noise N(0, noise²). Returns the dataset (targets [count, 1]) and the true weights [features].
    public static func linearRegression(count: Int, features: Int, noise: Float = 0.1, bias: Float = 0,
                                        seed: UInt64) -> (dataset: TensorDataset, weights: Tensor) {
        precondition(features > 0, "linearRegression: features must be positive")
        var generator = SeededGenerator(seed: seed)
        let weights = Tensor.randn([features], using: &generator)
        return (regression(count: count, weights: weights, bias: bias, noise: noise, using: &generator), weights)
    }

    /// Few examples and many features, where only the first `informative` weights are non-zero (N(0, 1)) and
    /// an unregularized model can fit the noise exactly: the weight-decay lesson's data (e.g. 20 examples,
    /// 200 features). Returns the dataset (targets [count, 1]) and the true weights [features].
    public static func wideRegression(count: Int = 20, features: Int = 200, informative: Int = 5, noise: Float = 0.1,
                                      seed: UInt64) -> (dataset: TensorDataset, weights: Tensor) {
        precondition(features > 0 && informative >= 0 && informative <= features,
                     "wideRegression: needs 0 ≤ informative (\(informative)) ≤ features (\(features))")
        var generator = SeededGenerator(seed: seed)
        let drawn = Tensor.randn([informative], using: &generator).scalars
        let weights = Tensor(drawn + [Float](repeating: 0, count: features - informative))
        return (regression(count: count, weights: weights, bias: 0, noise: noise, using: &generator), weights)
    }

    private static func regression(count: Int, weights: Tensor, bias: Float, noise: Float,
                                   using generator: inout SeededGenerator) -> TensorDataset {
        precondition(count > 0 && noise >= 0, "regression: count must be positive and noise non-negative")
        let x = Tensor.randn([count, weights.count], using: &generator)
        let y = noGrad { x.matmul(weights.reshape([weights.count, 1])) + bias + Tensor.normal([count, 1], std: noise, using: &generator) }
        return TensorDataset(inputs: x, values: y)
    }
}
