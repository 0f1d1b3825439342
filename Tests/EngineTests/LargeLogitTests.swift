import XCTest
@testable import Engine

/// Log-softmax and cross-entropy at logits near 1000, where a Float's spacing is 6·10⁻⁵: subtracting the largest
/// logit m before anything is added, (x − m) − log Σ e^(x − m), keeps the small results' digits, as PyTorch does;
/// x − (m + log Σ …) rounded m + log Σ … to four decimals first (−0.31323 for −0.31326). Reference values from
/// PyTorch 2.13.0 (CPU), in float32 and float64, by this script:
///
///     import torch
///     import torch.nn.functional as F
///
///     z = torch.tensor([[1000.0, 999.0, -1000.0], [1000.5, 1000.25, 999.0], [-3.0, 1003.0, 1002.0]])
///     y = torch.tensor([0, 1, 2])
///     print(F.log_softmax(z, dim=1).flatten().tolist())
///     print(F.log_softmax(z.double(), dim=1).flatten().tolist())
///     print(F.cross_entropy(z, y).item(), F.cross_entropy(z.double(), y).item())
final class LargeLogitTests: XCTestCase {
    private let logits = Tensor([[1000, 999, -1000], [1000.5, 1000.25, 999], [-3, 1003, 1002]])

    static let pytorchFloat: [Float] = [
        -0.31326165795326233, -1.31326162815094, -2000.313232421875, -0.6941121816635132, -0.9441121816635132,
        -2.1941123008728027, -1006.313232421875, -0.31326165795326233, -1.31326162815094,
    ]
    static let pytorchDouble: [Double] = [
        -0.31326168751822286, -1.3132616875182228, -2000.3132616875182, -0.6941121864019144, -0.9441121864019144,
        -2.1941121864019144, -1006.3132616875182, -0.31326168751822286, -1.3132616875182228,
    ]
    static let crossEntropyDouble = 0.8568785204794535

    /// Within two of a Float's steps of the exact value, and of PyTorch's float32 result: the old order was 2.9e-5
    /// (about 1,000 steps at 0.31) off.
    func testLogSoftmaxKeepsTheDigitsOfSmallResultsAtLargeLogits() {
        let result = logits.logSoftmax(axis: 1).scalars
        for (index, value) in result.enumerated() {
            let exact = Self.pytorchDouble[index]
            let step = Double(Float(exact).ulp)
            XCTAssertLessThanOrEqual(abs(Double(value) - exact), 2 * step, "entry \(index): \(value) vs \(exact)")
            XCTAssertLessThanOrEqual(abs(value - Self.pytorchFloat[index]), 2 * Float(exact).ulp, "entry \(index) against PyTorch's float32")
        }
    }

    /// The narrow-row path (eight rows or more, gathered column by column) gives the same digits.
    func testTheColumnPathKeepsThemToo() {
        let many = Tensor.concatenate(Array(repeating: logits, count: 4), axis: 0)
        let expected = Array(repeating: Self.pytorchDouble, count: 4).flatMap { $0 }
        for (index, value) in many.logSoftmax(axis: 1).scalars.enumerated() {
            XCTAssertLessThanOrEqual(abs(Double(value) - expected[index]), 2 * Double(Float(expected[index]).ulp), "entry \(index)")
        }
    }

    func testCrossEntropyAndSoftmaxAtLargeLogits() {
        let loss = crossEntropy(logits: logits, labels: [0, 1, 2]).item
        XCTAssertEqual(Double(loss), Self.crossEntropyDouble, accuracy: 2e-7)
        let single = crossEntropy(logits: Tensor([[1000, 999, -1000]]), labels: [0]).item
        XCTAssertEqual(Double(single), 0.31326168751822286, accuracy: 1e-7)
        // softmax is exp of the log-softmax: its largest entry of the first row is 1 / (1 + e⁻¹) to a Float's precision.
        XCTAssertEqual(Double(logits.softmax(axis: 1).scalars[0]), 1 / (1 + exp(-1.0)), accuracy: 1e-7)
    }
}
