import XCTest
@testable import Engine

/// Initializers' statistics against theory, within sampling tolerance. With n samples, the sample standard
/// deviation's relative error is about 1/√(2n); for n = 131,072 that is 0.2 %, so 2 % is over 9 standard errors.
final class InitializerTests: XCTestCase {
    func statistics(_ t: Tensor) -> (mean: Float, std: Float, min: Float, max: Float) {
        let v = t.scalars.map(Double.init)
        let mean = v.reduce(0, +) / Double(v.count)
        let variance = v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count)
        return (Float(mean), Float(variance.squareRoot()), Float(v.min()!), Float(v.max()!))
    }

    func assertStatistics(_ initializer: Initializer, shape: [Int], std expected: Float, bound: Float? = nil,
                          file: StaticString = #filePath, line: UInt = #line) {
        var rng = SeededGenerator(seed: 7)
        let s = statistics(initializer(shape, using: &rng))
        XCTAssertEqual(s.mean, 0, accuracy: 0.05 * expected, "mean of \(initializer.name)", file: file, line: line)
        XCTAssertEqual(s.std, expected, accuracy: 0.02 * expected, "std of \(initializer.name)", file: file, line: line)
        if let bound {
            XCTAssertGreaterThanOrEqual(s.min, -bound, file: file, line: line)
            XCTAssertLessThanOrEqual(s.max, bound, file: file, line: line)
            XCTAssertGreaterThan(s.max, 0.99 * bound, "a uniform sample reaches near its bound", file: file, line: line)
        }
    }

    func testKaimingNormalHasStdSqrtTwoOverFanIn() {
        assertStatistics(.kaimingNormal(), shape: [256, 512], std: (2 / 512 as Float).squareRoot())
        assertStatistics(.kaimingNormal(mode: .fanOut), shape: [256, 512], std: (2 / 256 as Float).squareRoot())
        // A convolution's fan-in counts its receptive field: 32 channels × 3 × 3.
        assertStatistics(.kaimingNormal(nonlinearity: .tanh), shape: [512, 32, 3, 3], std: 5.0 / 3 / Float(288).squareRoot())
    }

    func testKaimingUniformBoundIsGainTimesSqrtThreeOverFan() {
        let bound = Float(2).squareRoot() * (3 / 512 as Float).squareRoot()
        assertStatistics(.kaimingUniform(), shape: [256, 512], std: bound / Float(3).squareRoot(), bound: bound)
    }

    func testXavier() {
        let bound = (6 / Float(256 + 512)).squareRoot()
        assertStatistics(.xavierUniform(), shape: [256, 512], std: bound / Float(3).squareRoot(), bound: bound)
        assertStatistics(.xavierNormal(gain: 2), shape: [256, 512], std: 2 * (2 / Float(256 + 512)).squareRoot())
    }

    func testPyTorchDefaultsOfLinearAndConv2d() {
        var rng = SeededGenerator(seed: 1)
        let linear = Linear(400, 300, using: &rng)
        let bound = 1 / Float(400).squareRoot()
        assertStatistics(.pytorchDefaultWeight, shape: [300, 400], std: bound / Float(3).squareRoot(), bound: bound)
        XCTAssertLessThanOrEqual(statistics(linear.bias!).max, bound)
        XCTAssertGreaterThan(statistics(linear.bias!).max, 0.8 * bound)
        let conv = Conv2d(4, 8, kernelSize: 5, using: &rng)
        XCTAssertLessThanOrEqual(max(statistics(conv.weight).max, -statistics(conv.weight).min), 1 / Float(100).squareRoot())
    }

    func testNaiveNormalConstantAndZeros() {
        assertStatistics(.normal(std: 0.01), shape: [256, 512], std: 0.01)
        var rng = SeededGenerator(seed: 0)
        XCTAssertEqual(Initializer.zeros([2, 2], using: &rng), .zeros([2, 2]))
        XCTAssertEqual(Initializer.constant(0.5)([3], using: &rng), Tensor([0.5, 0.5, 0.5]))
        let u = statistics(Initializer.uniform(low: 2, high: 3)([10_000], using: &rng))
        XCTAssertTrue(u.min >= 2 && u.max < 3)
    }

    func testGainsAndFans() {
        XCTAssertEqual(Nonlinearity.relu.gain, Float(2).squareRoot())
        XCTAssertEqual(Nonlinearity.tanh.gain, 5.0 / 3)
        XCTAssertEqual(Nonlinearity.leakyRelu(negativeSlope: 0.2).gain, (2 / 1.04 as Float).squareRoot())
        XCTAssertEqual(Nonlinearity.sigmoid.gain, 1)
        XCTAssertTrue(fans(of: [8, 4, 3, 3]) == (36, 72))
        XCTAssertTrue(fans(of: [10, 20]) == (20, 10))
    }

    func testSameSeedSameWeights() {
        var a = SeededGenerator(seed: 5), b = SeededGenerator(seed: 5)
        XCTAssertEqual(Initializer.kaimingNormal()([4, 4], using: &a), Initializer.kaimingNormal()([4, 4], using: &b))
        XCTAssertNotEqual(Initializer.kaimingNormal()([4, 4], using: &a), Initializer.kaimingNormal()([4, 4], using: &b).detach() * 2)
    }
}
