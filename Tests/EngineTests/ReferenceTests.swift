import XCTest
@testable import Engine

/// conv2d, max-pool, batch-norm and cross-entropy, with their gradients, against reference values.
///
/// PyTorch is not installed on this machine, so the references come from NumPy in float64, written from the
/// operations' definitions (PyTorch's documented semantics): Benchmarks/engine/reference/references.py
/// printed every array below (`python3 Benchmarks/engine/reference/references.py`).
final class ReferenceTests: XCTestCase {
    /// The script's input pattern: ((i·a) mod b − ⌊b/2⌋) / (b/2), as float32.
    func pattern(_ shape: [Int], _ a: Int, _ b: Int) -> Tensor {
        let count = shape.reduce(1, *)
        return Tensor((0..<count).map { Float(Double(($0 * a) % b - b / 2) / (Double(b) / 2)) }, shape: shape)
    }

    func testConv2dMatchesReference() {
        let x = pattern([2, 2, 4, 4], 7, 11).requiringGrad()
        let w = pattern([3, 2, 3, 3], 5, 13).requiringGrad()
        let b = pattern([3], 1, 3).requiringGrad()
        let out = conv2d(x, weight: w, bias: b, stride: 2, padding: 1)
        assertClose(out, Self.convOutput, shape: [2, 3, 2, 2], accuracy: 1e-5)
        (out * pattern(out.shape, 3, 7)).sum().backward()
        assertClose(x.grad!, Self.convInputGrad, accuracy: 1e-5)
        assertClose(w.grad!, Self.convWeightGrad, accuracy: 1e-5)
        assertClose(b.grad!, Self.convBiasGrad, accuracy: 1e-5)
    }

    func testMaxPoolMatchesReference() {
        let x = pattern([2, 2, 4, 4], 7, 11).requiringGrad()
        let out = maxPool2d(x, kernelSize: 2)
        assertClose(out, Self.poolOutput, shape: [2, 2, 2, 2])
        (out * pattern(out.shape, 5, 9)).sum().backward()
        assertClose(x.grad!, Self.poolInputGrad)
    }

    func testBatchNormMatchesReference() {
        let x = pattern([2, 2, 4, 4], 7, 11).requiringGrad()
        let gamma = Tensor([1.5, -0.5]).requiringGrad(), beta = Tensor([0.25, 0]).requiringGrad()
        let (out, statistics) = batchNorm(x, weight: gamma, bias: beta)
        assertClose(out, Self.normOutput, accuracy: 1e-5, relative: 1e-5)
        assertClose(statistics.mean, Self.normMean, accuracy: 1e-6)
        assertClose(statistics.unbiasedVariance, Self.normUnbiasedVariance, accuracy: 1e-6)
        (out * pattern(x.shape, 9, 17)).sum().backward()
        assertClose(x.grad!, Self.normInputGrad, accuracy: 1e-4, relative: 1e-4)
        assertClose(gamma.grad!, Self.normWeightGrad, accuracy: 1e-5)
        assertClose(beta.grad!, Self.normBiasGrad, accuracy: 1e-5)
    }

    func testCrossEntropyWithLabelSmoothingMatchesReference() {
        let logits = (pattern([4, 5], 7, 9) * 3).detach().requiringGrad()
        let loss = crossEntropy(logits: logits, labels: [0, 3, 4, 1], labelSmoothing: 0.1)
        assertClose(loss, Self.crossEntropyLoss, accuracy: 1e-5)
        loss.backward()
        assertClose(logits.grad!, Self.crossEntropyGrad, accuracy: 1e-6, relative: 1e-5)
    }

    // Printed by Benchmarks/engine/reference/references.py.
    static let convOutput: [Float] = [0.06060605, 1.235431, 0.06060604, -1.226107, -0.3076923, 1.846154, -0.1678322, -1.286713, -0.6759907, 2.456877, -0.3962704, -0.2564103, -0.8065268, -1.785548, -2.708625, -1.282051, 0.3076923, 0.4755245, -1.286713, 1.398601, 1.421911, 2.736597, 0.1351981, 3.715618]
    static let convInputGrad: [Float] = [-0.1318681, -0.7032967, -0.1318681, 0.08791209, -0.3076923, 0.3516484, -5.239969e-09, 0.923077, 0.1758242, 1.142857, -0.1318681, -0.5714286, 0.4395604, -1.054945, -0.3076923, 1.538462, 1.318681, -0.1318681, 0.1318681, -0.2197802, 0.7912088, -0.5274725, -0.8351648, 0.08791209, -0.7472528, -0.3076923, -0.08791206, 0.04395605, -0.4835165, -0.2197802, 0.3076923, -0.1318681, -0.1318681, 1.142857, 0.1758242, -0.4835165, -5.239969e-09, 0.3516484, -0.3076923, -0.7472528, -0.1318681, -0.7032967, -0.1318681, 0.08791209, -0.2197802, -0.1318682, -0.04395605, 1.318681, 1.538462, -0.2637363, -1.186813, 0.4395604, -0.8791209, -0.4835165, 0.8791209, -0.1318681, 1.318681, -0.1318681, 0.1318681, -0.2197802, 0.08791209, -0.1318681, -0.3516483, -0.1318681]
    static let convWeightGrad: [Float] = [0.1558442, -0.8311689, -0.6233766, -0.4155844, 0.4155844, 1.454546, 0.1558442, -3.251163e-08, -0.1038961, 0.05194806, 1.350649, -0.7272728, -0.4155844, -0.1038961, 0.935065, 0.1558442, 1.194805, -1.194805, 0.3636364, 0.2597403, -0.4675325, 1.625581e-08, -0.935065, -0.3636364, 0.3636364, -0.3636364, -0.935065, -0.1558442, 0.6233766, 0.4675325, -0.8311689, -0.935065, 0.7792208, -0.4675325, 0.7792208, 0.7792208, -0.1558442, -0.1038961, 0.7792208, 0.7792208, -0.1038961, -3.251163e-08, -0.5194805, 1.454546, 0.4155844, 0.3636364, -0.8311689, -0.5194805, 1.298701, 0.4155844, -1.194805, 0, -1.454546, 0.935065]
    static let convBiasGrad: [Float] = [-1.428571, 0, 1.428571]
    static let poolOutput: [Float] = [0.3636364, 0.9090909, 0.5454546, 0.9090909, 0.7272727, 0.3636364, 0.9090909, 0.5454546, 0.9090909, 0.7272727, 0.3636364, 0.9090909, 0.5454546, 0.7272727, 0.7272727, 0.9090909]
    static let poolInputGrad: [Float] = [0, -0.8888889, 0, 0.2222222, 0, 0, 0, 0, 0, -0.6666667, 0, 0, 0, 0, 0.4444444, 0, 0, -0.4444444, 0, 0, 0, 0, 0, 0.6666667, 0, -0.2222222, 0, 0, 0, 0, 0, 0.8888889, 0, 0, 0, 0, 0, 0, 0, -0.8888889, 0, 0, 0, 0, 0, 0.2222222, 0, -0.6666667, 0, 0, -0.4444444, 0, 0, 0.4444444, 0, 0, 0, 0, -0.2222222, 0, 0, 0.6666667, 0, 0]
    static let normOutput: [Float] = [-2.057659, 1.173064, -0.6730637, 2.557659, 0.7115319, -1.134596, 2.096127, 0.25, -1.596127, 1.634596, -0.2115319, -2.057659, 1.173064, -0.6730637, 2.557659, 0.7115319, 0.4704634, -0.6506409, -0.01000986, 0.6306212, -0.4904831, 0.1501479, 0.7907789, -0.3303254, 0.3103057, -0.8107986, -0.1701676, 0.4704634, -0.6506409, -0.01000986, 0.6306212, -0.4904831, -0.2115319, -2.057659, 1.173064, -0.6730637, 2.557659, 0.7115319, -1.134596, 2.096127, 0.25, -1.596127, 1.634596, -0.2115319, -2.057659, 1.173064, -0.6730637, 2.557659, -0.1701676, 0.4704634, -0.6506409, -0.01000986, 0.6306212, -0.4904831, 0.1501479, 0.7907789, -0.3303254, 0.3103057, -0.8107986, -0.1701676, 0.4704634, -0.6506409, -0.01000986, 0.6306212]
    static let normInputGrad: [Float] = [-2.292416, 0.2468969, -2.057391, 0.4819217, -1.822366, 0.9501957, -1.587342, 1.185221, -1.119068, 1.420245, -0.8840427, 1.888519, -0.6490179, 2.123544, -0.4139931, 2.358569, -0.001787487, 0.7157654, -0.1532043, 0.7395614, -0.3046211, 0.5881446, -0.2808251, 0.4367278, -0.4322419, 0.285311, -0.5836587, 0.309107, -0.7350754, 0.1576902, -0.7112795, 0.0062734, 2.400978, 0.09668993, -2.440847, 0.3317148, -2.205823, 0.5667396, -1.737549, 0.8017644, -1.502524, 1.270038, -1.267499, 1.505063, -0.7992248, 1.740088, -0.5642, 1.975113, 0.03813027, -0.8308394, -0.1132865, 0.7794791, -0.08949054, 0.6280623, -0.2409073, 0.6518583, -0.3923241, 0.5004415, -0.5437409, 0.3490247, -0.5199449, 0.1976079, -0.6713617, 0.2214039]
    static let normWeightGrad: [Float] = [0.8687658, -1.806485]
    static let normBiasGrad: [Float] = [0.1176471, -1.764706]
    static let normMean: [Float] = [0, -0.01136364]
    static let normUnbiasedVariance: [Float] = [0.3604372, 0.332578]
    static let crossEntropyLoss: [Float] = [3.053357]
    static let crossEntropyGrad: [Float] = [-0.2282724, 0.1787155, 0.04342688, 0.007765186, -0.001635134, 0.1793353, 0.04359026, 0.007808253, -0.2266238, -0.004110038, 0.07077755, 0.01497474, 0.0002652853, -0.003612086, -0.08240549, 0.07077755, -0.2100253, 0.0002652853, -0.003612086, 0.1425945]
}
