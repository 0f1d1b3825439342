import XCTest
@testable import Engine

/// Asserts that every element of `actual` is within `accuracy` (absolute) plus `relative`·|expected| of
/// `expected`, reporting the caller's line.
func assertClose(_ actual: Tensor, _ expected: [Float], shape: [Int]? = nil, accuracy: Float = 1e-5, relative: Float = 1e-5,
                 _ message: String = "", file: StaticString = #filePath, line: UInt = #line) {
    if let shape { XCTAssertEqual(actual.shape, shape, "shape \(message)", file: file, line: line) }
    XCTAssertEqual(actual.count, expected.count, "count \(message)", file: file, line: line)
    for (i, (a, e)) in zip(actual.scalars, expected).enumerated() where !(Swift.abs(a - e) <= accuracy + relative * Swift.abs(e)) {
        XCTFail("element \(i): \(a) is not within tolerance of \(e) \(message)", file: file, line: line)
        return
    }
}

/// Compares the gradients `backward()` gives for `inputs` with central differences, computed in Double, of
/// the scalar Σ f(inputs)·R, where R is a fixed random weighting so that every output element matters.
func checkGradients(_ inputs: [Tensor], step: Double = 1e-2, tolerance: Double = 2e-3,
                    file: StaticString = #filePath, line: UInt = #line, _ f: ([Tensor]) -> Tensor) {
    let leaves = inputs.map { $0.detach().requiringGrad() }
    let output = f(leaves)
    var generator = SeededGenerator(seed: 99)
    let weights = Tensor.uniform(output.shape, low: 0.5, high: 1.5, using: &generator)
    (output * weights).sum().backward()

    func objective(_ values: [Tensor]) -> Double {
        let out = noGrad { f(values) }
        return zip(out.scalars, weights.scalars).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
    }
    for (k, leaf) in leaves.enumerated() {
        guard let analytic = leaf.grad else {
            XCTFail("input \(k) got no gradient", file: file, line: line)
            continue
        }
        XCTAssertEqual(analytic.shape, leaf.shape, "gradient shape of input \(k)", file: file, line: line)
        for i in 0..<leaf.count {
            var values = leaves.map { $0.detach() }
            let original = values[k].scalars[i]
            values[k].withUnsafeMutableBufferPointer { $0[i] = original + Float(step) }
            let up = objective(values)
            values[k].withUnsafeMutableBufferPointer { $0[i] = original - Float(step) }
            let down = objective(values)
            let numeric = (up - down) / (2 * step)
            let value = Double(analytic.scalars[i])
            if Swift.abs(numeric - value) > tolerance * Swift.max(1, Swift.abs(numeric)) {
                XCTFail("input \(k) element \(i): backward gives \(value), central difference \(numeric)", file: file, line: line)
                return
            }
        }
    }
}

/// A seeded random tensor for tests.
func random(_ shape: [Int], seed: UInt64, low: Float = -1, high: Float = 1) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    return Tensor.uniform(shape, low: low, high: high, using: &generator)
}

/// A seeded random arrangement of well-separated values (steps of 0.07), so that no two are within a
/// finite-difference step of each other or of a kink at zero.
func distinct(_ shape: [Int], seed: UInt64) -> Tensor {
    var generator = SeededGenerator(seed: seed)
    let count = shape.reduce(1, *)
    return Tensor((0..<count).shuffled(using: &generator).map { Float($0) * 0.07 - Float(count) * 0.035 + 0.013 }, shape: shape)
}
