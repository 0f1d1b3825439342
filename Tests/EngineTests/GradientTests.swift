import XCTest
@testable import Engine

/// Every differentiable operation against central differences, broadcast shapes included.
final class GradientTests: XCTestCase {
    let a = random([2, 3], seed: 1)
    let b = random([2, 3], seed: 2)
    let row = random([3], seed: 3)
    let column = random([2, 1], seed: 4)
    let positive = random([2, 3], seed: 5, low: 0.5, high: 2)

    func testBinaryOperationsWithBroadcasting() {
        checkGradients([a, b]) { $0[0] + $0[1] }
        checkGradients([a, row]) { $0[0] - $0[1] }
        checkGradients([column, row]) { $0[0] * $0[1] }
        checkGradients([a, positive]) { $0[0] / $0[1] }
        checkGradients([row, column]) { $0[0] / ($0[1] + 3) }
        checkGradients([positive, column]) { Tensor.pow($0[0], $0[1]) }
        checkGradients([distinct([2, 3], seed: 30), distinct([2, 3], seed: 31) + 0.035]) { Tensor.maximum($0[0], $0[1]) }
        checkGradients([distinct([2, 3], seed: 32), distinct([3], seed: 33) + 0.021]) { Tensor.minimum($0[0], $0[1]) }
        checkGradients([a, column]) { Tensor.where(a .> 0, $0[0], $0[1]) }
        checkGradients([a]) { 2 - $0[0] * 3 + 1 }
    }

    func testUnaryOperations() {
        checkGradients([a]) { -$0[0] }
        checkGradients([a]) { $0[0].exp() }
        checkGradients([positive]) { $0[0].log() }
        checkGradients([positive]) { $0[0].sqrt() }
        checkGradients([a]) { $0[0].abs() }
        checkGradients([positive]) { $0[0].pow(2.5) }
        checkGradients([a]) { $0[0].pow(2) }
        checkGradients([a]) { $0[0].clamp(min: -0.3, max: 0.4) }
        checkGradients([a]) { $0[0].relu() }
        checkGradients([a]) { $0[0].leakyRelu(negativeSlope: 0.1) }
        checkGradients([a]) { $0[0].sigmoid() }
        checkGradients([a]) { $0[0].tanh() }
    }

    func testReductions() {
        let x = distinct([2, 3, 4], seed: 6)
        checkGradients([x]) { $0[0].sum() }
        checkGradients([x]) { $0[0].sum(axes: [0, 2]) }
        checkGradients([x]) { $0[0].sum(axis: 1, keepDims: true) }
        checkGradients([x]) { $0[0].mean() }
        checkGradients([x]) { $0[0].mean(axis: -1) }
        checkGradients([x]) { $0[0].max(axis: 1) }
        checkGradients([x]) { $0[0].max() }
        checkGradients([x]) { $0[0].variance(axis: 2) }
        checkGradients([x]) { $0[0].variance(axes: [0, 2], unbiased: false, keepDims: true) }
        checkGradients([x]) { $0[0].logSumExp(axis: 1) }
    }

    func testShapeOperations() {
        let x = random([2, 3, 4], seed: 7)
        checkGradients([x]) { $0[0].reshape([4, -1]) }
        checkGradients([x]) { $0[0].permute([2, 0, 1]) }
        checkGradients([x]) { $0[0].transpose(0, 2) }
        checkGradients([a]) { $0[0].T }
        checkGradients([x]) { $0[0].unsqueeze(1).squeeze(1).flatten() }
        checkGradients([x]) { $0[0].slice(1..<3, axis: 1) }
        checkGradients([a, b]) { Tensor.concatenate([$0[0], $0[1], $0[0]], axis: 1) }
        checkGradients([a, b]) { Tensor.stack([$0[0], $0[1]], axis: 1) }
        checkGradients([a]) { $0[0].gather([2, 0]) }
        checkGradients([a]) { $0[0].indexSelect([1, 1, 0]) }
    }

    func testMatrixProducts() {
        let x = random([4, 3], seed: 8), y = random([3, 5], seed: 9)
        checkGradients([x, y]) { $0[0].matmul($0[1]) }
        let batch = random([2, 4, 3], seed: 10)
        checkGradients([batch, y]) { $0[0].matmul($0[1]) }
        checkGradients([batch, random([2, 3, 2], seed: 11)]) { $0[0].matmul($0[1]) }
        checkGradients([x, random([5, 3], seed: 12), random([5], seed: 13)]) { linear($0[0], weight: $0[1], bias: $0[2]) }
    }

    func testSoftmaxAndLosses() {
        let logits = random([3, 4], seed: 14, low: -3, high: 3)
        checkGradients([logits]) { $0[0].softmax(axis: 1) }
        checkGradients([logits]) { $0[0].logSoftmax(axis: 0) }
        checkGradients([logits]) { crossEntropy(logits: $0[0], labels: [1, 0, 3]) }
        checkGradients([logits]) { crossEntropy(logits: $0[0], labels: [1, 0, 3], labelSmoothing: 0.2) }
        checkGradients([logits]) { nllLoss(logProbabilities: $0[0].logSoftmax(), labels: [2, 2, 0]) }
        checkGradients([logits, random([3, 4], seed: 15)]) { mseLoss($0[0], $0[1]) }
    }

    func testConvolutionPoolingAndNormalization() {
        let image = random([2, 2, 5, 5], seed: 16)
        let kernel = random([3, 2, 3, 3], seed: 17)
        checkGradients([image, kernel, random([3], seed: 18)]) { conv2d($0[0], weight: $0[1], bias: $0[2], padding: 1) }
        checkGradients([image, kernel]) { conv2d($0[0], weight: $0[1], stride: 2) }
        let separated = distinct([2, 2, 5, 5], seed: 22)
        checkGradients([separated]) { maxPool2d($0[0], kernelSize: 2) }
        checkGradients([separated]) { maxPool2d($0[0], kernelSize: 3, stride: 2, padding: 1) }
        checkGradients([image]) { avgPool2d($0[0], kernelSize: 2, stride: 1) }
        checkGradients([image]) { avgPool2d($0[0], kernelSize: 3, stride: 2, padding: 1) }
        let gamma = random([2], seed: 19, low: 0.5, high: 1.5), beta = random([2], seed: 20)
        checkGradients([image, gamma, beta]) { batchNorm($0[0], weight: $0[1], bias: $0[2]).output }
        checkGradients([random([5, 2], seed: 21)]) { batchNorm($0[0], weight: nil, bias: nil).output }
        checkGradients([image, gamma]) {
            batchNorm($0[0], mean: Tensor([0.1, -0.2]), variance: Tensor([0.5, 2]), weight: $0[1], bias: nil)
        }
        var generator = SeededGenerator(seed: 5)
        let mask = dropout(Tensor.ones([2, 3]), probability: 0.5, using: &generator)
        checkGradients([a]) { $0[0] * mask }
    }
}
