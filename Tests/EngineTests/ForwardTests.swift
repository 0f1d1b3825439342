import XCTest
@testable import Engine

/// Forward values of the operations, computed by hand.
final class ForwardTests: XCTestCase {
    let m = Tensor([[1, -2, 3], [-4, 5, -6]])

    func testCreation() {
        XCTAssertEqual(Tensor.zeros([2, 2]).scalars, [0, 0, 0, 0])
        XCTAssertEqual(Tensor.full([3], 2.5).scalars, [2.5, 2.5, 2.5])
        XCTAssertEqual(Tensor.arange(5).scalars, [0, 1, 2, 3, 4])
        XCTAssertEqual(Tensor.arange(1, 2, step: 0.25).scalars, [1, 1.25, 1.5, 1.75])
        XCTAssertEqual(Tensor.eye(2).scalars, [1, 0, 0, 1])
        XCTAssertEqual(m[1, 2], -6)
        XCTAssertEqual(Tensor(3).shape, [])
    }

    func testSeededRandomnessIsReproducible() {
        var g1 = SeededGenerator(seed: 7), g2 = SeededGenerator(seed: 7), g3 = SeededGenerator(seed: 8)
        let x = Tensor.randn([1000], using: &g1)
        XCTAssertEqual(x, Tensor.randn([1000], using: &g2))
        XCTAssertNotEqual(x, Tensor.randn([1000], using: &g3))
        XCTAssertEqual(x.mean().item, 0, accuracy: 0.1)
        XCTAssertEqual(x.variance(axis: 0).item, 1, accuracy: 0.15)
        let u = Tensor.uniform([1000], low: 2, high: 3, using: &g1)
        XCTAssertTrue(u.scalars.allSatisfy { $0 >= 2 && $0 < 3 })
    }

    func testElementwiseAndBroadcasting() {
        XCTAssertEqual((m + Tensor([10, 20, 30])).scalars, [11, 18, 33, 6, 25, 24])
        XCTAssertEqual((m * Tensor([[2], [-1]])).scalars, [2, -4, 6, 4, -5, 6])
        XCTAssertEqual((Tensor([[1], [2]]) - Tensor([1, 2, 3])).shape, [2, 3])
        XCTAssertEqual((Tensor([[1], [2]]) - Tensor([1, 2, 3])).scalars, [0, -1, -2, 1, 0, -1])
        XCTAssertEqual((1 / Tensor([2, 4])).scalars, [0.5, 0.25])
        XCTAssertEqual(Tensor.pow(Tensor([2, 3]), Tensor([3, 2])).scalars, [8, 9])
        XCTAssertEqual(m.relu().scalars, [1, 0, 3, 0, 5, 0])
        XCTAssertEqual(m.leakyRelu(negativeSlope: 0.5).scalars, [1, -1, 3, -2, 5, -3])
        XCTAssertEqual(m.abs().scalars, [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(m.clamp(min: -1, max: 2).scalars, [1, -1, 2, -1, 2, -1])
        XCTAssertEqual(Tensor.maximum(m, Tensor(0)).scalars, [1, 0, 3, 0, 5, 0])
        XCTAssertEqual(Tensor.minimum(m, Tensor(0)).scalars, [0, -2, 0, -4, 0, -6])
        assertClose(Tensor([0, 1]).exp(), [1, 2.7182817])
        assertClose(Tensor([1, 100]).log(), [0, 4.6051702])
        assertClose(Tensor([4, 9]).sqrt(), [2, 3])
        assertClose(Tensor([0, 100, -100]).sigmoid(), [0.5, 1, 0])
        assertClose(Tensor([0, 1]).tanh(), [0, 0.7615942])
        XCTAssertEqual((m .> 0).scalars, [1, 0, 1, 0, 1, 0])
        XCTAssertEqual((m .<= Tensor([1, 5, 3])).scalars, [1, 1, 1, 1, 1, 1])
        XCTAssertEqual(Tensor.where(m .> 0, m, Tensor(-.infinity)).scalars, [1, -.infinity, 3, -.infinity, 5, -.infinity])
    }

    func testInPlaceUpdateKeepsParameterIdentity() {
        var w = Tensor([1, 2]).requiringGrad()
        let copy = w
        noGrad { w -= Tensor([0.5, 0.5]) }
        XCTAssertEqual(w.scalars, [0.5, 1.5])
        XCTAssertEqual(copy.scalars, [1, 2], "copy on write: the copy keeps its values")
        XCTAssertTrue(w.requiresGrad)
        (w * w).sum().backward()
        XCTAssertEqual(copy.grad?.scalars, [1, 3], "copies of a parameter share its gradient")
    }

    func testReductions() {
        XCTAssertEqual(m.sum().item, -3)
        XCTAssertEqual(m.sum(axis: 0).scalars, [-3, 3, -3])
        XCTAssertEqual(m.sum(axis: 1, keepDims: true).shape, [2, 1])
        XCTAssertEqual(m.mean(axis: 1).scalars, [2.0 / 3, -5.0 / 3])
        XCTAssertEqual(m.max(axis: 1).scalars, [3, 5])
        XCTAssertEqual(m.max().item, 5)
        XCTAssertEqual(m.argmax(axis: 0).scalars, [0, 1, 0])
        XCTAssertEqual(Tensor([1, 2, 3, 4]).variance(axis: 0).item, 5.0 / 3, accuracy: 1e-6)
        XCTAssertEqual(Tensor([1, 2, 3, 4]).variance(axis: 0, unbiased: false).item, 1.25, accuracy: 1e-6)
        XCTAssertEqual(Tensor([[0, 0], [1, 1]]).logSumExp(axis: 1).scalars[1], 1 + Foundation.log(2), accuracy: 1e-6)
    }

    func testShapes() {
        XCTAssertEqual(m.reshape([3, -1]).shape, [3, 2])
        XCTAssertEqual(m.T.scalars, [1, -4, -2, 5, 3, -6])
        let cube = Tensor.arange(24).reshape([2, 3, 4])
        XCTAssertEqual(cube.permute([2, 0, 1]).shape, [4, 2, 3])
        XCTAssertEqual(cube.permute([2, 0, 1])[3, 1, 2], cube[1, 2, 3])
        XCTAssertEqual(cube.slice(1..<3, axis: 2).scalars.prefix(4), [1, 2, 5, 6])
        XCTAssertEqual(m.unsqueeze(0).shape, [1, 2, 3])
        XCTAssertEqual(m.unsqueeze(-1).shape, [2, 3, 1])
        XCTAssertEqual(m.unsqueeze(0).squeeze(0).shape, [2, 3])
        XCTAssertEqual(cube.flatten().shape, [2, 12])
        XCTAssertEqual(Tensor.concatenate([m, m * 0], axis: 1).scalars, [1, -2, 3, 0, 0, 0, -4, 5, -6, 0, 0, 0])
        XCTAssertEqual(Tensor.stack([Tensor([1, 2]), Tensor([3, 4])], axis: 1).scalars, [1, 3, 2, 4])
        XCTAssertEqual(m.gather([2, 0]).scalars, [3, -4])
        XCTAssertEqual(m.indexSelect([1, 1, 0]).scalars, [-4, 5, -6, -4, 5, -6, 1, -2, 3])
    }

    func testPrinting() {
        XCTAssertEqual(Tensor([[1, 2.5], [3, -4]]).description, "[[1., 2.5],\n [3., -4.]]")
        XCTAssertEqual(Tensor(2).description, "2.")
    }

    func testConvolutionPoolingByHand() {
        // A 3×3 image of 1…9 with a 2×2 kernel of ones sums each 2×2 block.
        let image = Tensor.arange(1, 10).reshape([1, 1, 3, 3])
        XCTAssertEqual(conv2d(image, weight: Tensor.ones([1, 1, 2, 2])).scalars, [12, 16, 24, 28])
        XCTAssertEqual(conv2d(image, weight: Tensor.ones([1, 1, 3, 3]), bias: Tensor([1]), padding: 1).scalars,
                       [13, 22, 17, 28, 46, 34, 25, 40, 29])
        XCTAssertEqual(maxPool2d(image, kernelSize: 2, stride: 1).scalars, [5, 6, 8, 9])
        XCTAssertEqual(avgPool2d(image, kernelSize: 2, stride: 1).scalars, [3, 4, 6, 7])
        XCTAssertEqual(linear(Tensor([[1, 2]]), weight: Tensor([[1, 0], [1, 1], [0, -1]]), bias: Tensor([0, 0, 10])).scalars, [1, 3, 8])
    }

    func testDropoutIsSeededAndScaled() {
        var g1 = SeededGenerator(seed: 3), g2 = SeededGenerator(seed: 3)
        let x = Tensor.ones([1000])
        let y = dropout(x, probability: 0.25, using: &g1)
        XCTAssertEqual(y, dropout(x, probability: 0.25, using: &g2))
        XCTAssertTrue(y.scalars.allSatisfy { $0 == 0 || Swift.abs($0 - 4.0 / 3) < 1e-6 })
        XCTAssertEqual(Float(y.scalars.filter { $0 == 0 }.count) / 1000, 0.25, accuracy: 0.05)
        XCTAssertEqual(dropout(x, probability: 0.5, training: false, using: &g1), x)
    }

    func testShapeErrorsNameTheOperationAndBothShapes() {
        XCTAssertThrowsError(try Shapes.matmul([2, 3], [4, 5])) {
            XCTAssertEqual("\($0)", "matmul: shapes [2, 3] and [4, 5] do not match for a matrix product")
        }
        XCTAssertThrowsError(try Shapes.broadcast([2, 3], [4], operation: "add")) {
            XCTAssertEqual("\($0)", "add: shapes [2, 3] and [4] cannot be broadcast together")
        }
        XCTAssertThrowsError(try Shapes.conv2d(input: [1, 3, 8, 8], weight: [4, 1, 3, 3])) {
            XCTAssertEqual("\($0)", "conv2d: input of shape [1, 3, 8, 8] has 3 channels but weight of shape [4, 1, 3, 3] expects 1")
        }
        XCTAssertEqual(try Shapes.conv2d(input: [2, 1, 28, 28], weight: [8, 1, 3, 3], padding: 1), [2, 8, 28, 28])
        XCTAssertEqual(try Shapes.matmul([5, 2, 3], [3, 4]), [5, 2, 4])
    }
}
