import XCTest
@testable import Engine

/// The capstone CNN's fast routes give the same bytes as the plain ones: a convolution of one input channel
/// computed directly against the patches and the product (with each kernel's vector width), batch norm fused
/// with ReLU against batch norm then ReLU, and both on one thread against two.
final class FusedRouteTests: XCTestCase {
    func bits(_ t: Tensor?) -> [UInt32] { t?.scalars.map(\.bitPattern) ?? [] }

    /// Output and gradients (input, weight, bias) of a convolution, with the seeded upstream gradient.
    func convolution(_ x: Tensor, _ w: Tensor, _ b: Tensor?, padding: Int, kernel: GEMMKernel, direct: Bool) -> [[UInt32]] {
        let (x, w, b) = (x.requiringGrad(), w.requiringGrad(), b?.requiringGrad())
        let y = conv2d(x, weight: w, bias: b, stride: 1, padding: padding, kernel: kernel, direct: direct)
        y.backward(gradient: random(y.shape, seed: 99))
        return [bits(y), bits(x.grad), bits(w.grad), bits(b?.grad)]
    }

    func testDirectConvolutionOfOneChannelMatchesThePatchProduct() {
        // Kernel sizes, paddings and widths that leave ragged vectors with 8 and 16 lanes; with and without bias.
        let cases = [(3, 1, 28, 16, true), (3, 1, 28, 16, false), (3, 0, 9, 5, true), (5, 2, 13, 3, false), (1, 0, 7, 4, true),
                     (3, 3, 6, 2, true)]
        for (index, (k, padding, side, outChannels, hasBias)) in cases.enumerated() {
            let seed = UInt64(10 * index)
            let x = random([3, 1, side, side], seed: seed), w = random([outChannels, 1, k, k], seed: seed + 1)
            let b = hasBias ? random([outChannels], seed: seed + 2) : nil
            let expected = convolution(x, w, b, padding: padding, kernel: .simd8, direct: false)
            for kernel in GEMMKernel.allCases {
                XCTAssertEqual(convolution(x, w, b, padding: padding, kernel: kernel, direct: true), expected, "case \(index), \(kernel)")
                XCTAssertEqual(convolution(x, w, b, padding: padding, kernel: kernel, direct: false), expected, "case \(index), \(kernel)")
            }
            // Unrecorded (evaluation), the direct route makes no patches at all.
            let plain = noGrad { conv2d(x, weight: w, bias: b, padding: padding) }
            XCTAssertEqual(bits(plain), expected[0], "case \(index), not recorded")
        }
    }

    /// Output and gradients (input, γ, β) of batch norm then ReLU, fused or as two operations.
    func normalization(_ x: Tensor, fused: Bool, training: Bool) -> [[UInt32]] {
        let c = x.shape[1]
        let (x, gamma, beta) = (x.requiringGrad(), random([c], seed: 5).requiringGrad(), random([c], seed: 6).requiringGrad())
        let (mean, variance) = (random([c], seed: 7), random([c], seed: 8) * random([c], seed: 8) + 0.1)
        let y: Tensor
        if training {
            y = fused ? batchNormReLU(x, weight: gamma, bias: beta).output : batchNorm(x, weight: gamma, bias: beta).output.relu()
        } else {
            y = fused ? batchNormReLU(x, mean: mean, variance: variance, weight: gamma, bias: beta)
                      : batchNorm(x, mean: mean, variance: variance, weight: gamma, bias: beta).relu()
        }
        y.backward(gradient: random(y.shape, seed: 9))
        let unrecorded = noGrad {
            training ? batchNormReLU(x, weight: gamma, bias: beta).output : batchNormReLU(x, mean: mean, variance: variance, weight: gamma, bias: beta)
        }
        XCTAssertEqual(bits(unrecorded), bits(y), "the unrecorded form")
        return [bits(y), bits(x.grad), bits(gamma.grad), bits(beta.grad)]
    }

    func testBatchNormFusedWithReLUMatchesTheTwoOperations() {
        for shape in [[64, 16, 28, 28], [5, 3, 3, 3], [64, 128], [7, 3]] {
            for training in [true, false] {
                let x = random(shape, seed: UInt64(shape.reduce(0, +)))
                XCTAssertEqual(normalization(x, fused: true, training: training), normalization(x, fused: false, training: training),
                               "\(shape), training: \(training)")
            }
        }
    }

    func testOneThreadAndTwoGiveTheSameBytes() {
        let x = random([64, 4, 14, 14], seed: 1), w = random([8, 4, 3, 3], seed: 2)
        func run() -> [[UInt32]] {
            let (x, w) = (x.requiringGrad(), w.requiringGrad())
            let h = maxPool2d(batchNormReLU(conv2d(x, weight: w, padding: 1), weight: nil, bias: nil).output, kernelSize: 2)
            h.backward(gradient: random(h.shape, seed: 3))
            return [bits(h), bits(x.grad), bits(w.grad)]
        }
        let two = run()
        let saved = Engine.threadCount
        Engine.threadCount = 1
        defer { Engine.threadCount = saved }
        XCTAssertEqual(run(), two)
    }
}
