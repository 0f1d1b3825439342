import Foundation
import TextPlot

/// Seeded data for the chart tests: the same bytes on every machine.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A standard normal value (Box-Muller).
    mutating func normal() -> Double {
        let u1 = max(Double(next() >> 11) / Double(1 << 53), 1e-300)
        let u2 = Double(next() >> 11) / Double(1 << 53)
        return (-2 * log(u1)).squareRoot() * cos(2 * Double.pi * u2)
    }
}

enum Fixtures {
    /// The ravine f(x, y) = 0.05x² + 2y², steep across and shallow along.
    static let ravine: @Sendable (Double, Double) -> Double = { x, y in 0.05 * x * x + 2 * y * y }

    /// Plain gradient descent, or heavy-ball momentum when `momentum` > 0, from (-9, 1.5) on the ravine.
    static func descent(lr: Double, momentum: Double, steps: Int) -> [(Double, Double)] {
        var points = [(-9.0, 1.5)]
        var velocity = (0.0, 0.0)
        for _ in 0..<steps {
            let (x, y) = points.last!
            let gradient = (0.1 * x, 4 * y)
            velocity = (momentum * velocity.0 - lr * gradient.0, momentum * velocity.1 - lr * gradient.1)
            points.append((x + velocity.0, y + velocity.1))
        }
        return points
    }

    static func loss(_ path: [(Double, Double)]) -> [Double] { path.map { ravine($0.0, $0.1) } }

    static var ravineSurface: Surface {
        Surface(title: "Ravine f(x, y) = 0.05 x^2 + 2 y^2, 30 steps from S", x: -10...1, y: -2...2,
                paths: [.init("SGD lr 0.48", points: descent(lr: 0.48, momentum: 0, steps: 30)),
                        .init("momentum 0.6, lr 0.3", points: descent(lr: 0.3, momentum: 0.6, steps: 30))],
                function: ravine)
    }

    /// Losses of three runs: SGD, momentum (marked best), and one that diverges at step 40.
    static var lossChart: LineChart {
        let sgd = loss(descent(lr: 0.48, momentum: 0, steps: 100))
        let momentum = loss(descent(lr: 0.3, momentum: 0.6, steps: 100))
        var diverged = loss(descent(lr: 0.52, momentum: 0, steps: 60))
        for index in 40..<diverged.count { diverged[index] = index % 2 == 0 ? .infinity : .nan }
        return LineChart(title: "Loss on the ravine", xLabel: "step", yLabel: "loss", yScale: .log,
                         series: [.init("SGD lr 0.48", sgd), .init("momentum 0.6, lr 0.3", momentum, best: .lowest),
                                  .init("SGD lr 0.52", diverged)])
    }

    static var accuracyChart: LineChart {
        let epochs = (1...12).map(Double.init)
        return LineChart(title: "Accuracy per epoch", xLabel: "epoch", yLabel: "accuracy %", series: [
            .init("train", x: epochs, y: [31, 55, 70, 78, 84, 88, 90, 92, 93, 94, 95, 96]),
            .init("val", x: epochs, y: [30, 52, 66, 73, 77, 79, 80, 80.5, 80.2, 80.7, 80.1, 79.5], best: .highest),
        ])
    }

    /// Activations of a deep tanh network whose spread shrinks layer by layer.
    static var activations: [Histogram.Group] {
        var generator = SplitMix64(seed: 42)
        return (1...3).map { layer in
            let spread = [1.0, 0.55, 0.25][layer - 1]
            return .init("layer \(layer)", (0..<2000).map { _ in tanh(spread * generator.normal()) })
        }
    }

    /// 8×8 digit-like images: a ring (0) and a bar (1), with captions.
    static var digits: [ImageGrid.Image] {
        let zero: [[Double]] = (0..<8).map { r in (0..<8).map { c in
            let d = ((Double(r) - 3.5) * (Double(r) - 3.5) / 9 + (Double(c) - 3.5) * (Double(c) - 3.5) / 4).squareRoot()
            return max(0, 1 - abs(d - 1.6) * 1.6)
        } }
        let one: [[Double]] = (0..<8).map { r in (0..<8).map { c in c == 4 || (c == 3 && r < 2) ? 1 : (c == 3 ? 0.4 : 0) } }
        let filter: [[Double]] = [[-1, 0, 1], [-2, 0, 2], [-1, 0, 1]]
        return [.init(pixels: zero, caption: "pred 0 / true 0"), .init(pixels: one, caption: "pred 7 / true 1"),
                .init(pixels: filter, caption: "Sobel x filter")]
    }
}
