import XCTest
@testable import Engine

/// BatchNorm1d and BatchNorm2d layers against PyTorch: two training batches (batch statistics, running
/// averages with momentum 0.1 and the unbiased variance), then evaluation with the running statistics.
/// References from Benchmarks/engine/reference/training_references.py (PyTorch 2.15, float32).
final class BatchNormLayerTests: XCTestCase {
    func check<Layer: BatchNormLayer>(_ layer: inout Layer, shape: [Int], train: [Float], second: [Float], mean: [Float],
                                      variance: [Float], evaluation: [Float], file: StaticString = #filePath, line: UInt = #line) {
        let c = shape[1]
        noGrad {
            layer.state.weight.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: (referencePattern([c], 1, 5) + 1).scalars) }
            layer.state.bias.withUnsafeMutableBufferPointer { _ = $0.update(fromContentsOf: referencePattern([c], 2, 5).scalars) }
        }
        layer.train()
        assertClose(layer(referencePattern(shape, 7, 11)), train, accuracy: 1e-5, file: file, line: line)
        assertClose(layer(referencePattern(shape, 5, 13) * 2), second, accuracy: 1e-5, file: file, line: line)
        assertClose(layer.state.runningMean, mean, accuracy: 1e-6, file: file, line: line)
        assertClose(layer.state.runningVariance, variance, accuracy: 1e-6, file: file, line: line)
        layer.eval()
        let before = layer.state.runningMean
        assertClose(layer(referencePattern(shape, 3, 7)), evaluation, accuracy: 1e-5, file: file, line: line)
        XCTAssertEqual(layer.state.runningMean, before, "evaluation must not move the running statistics", file: file, line: line)
    }

    func testBatchNorm1dMatchesPyTorch() throws {
        var layer = try BatchNorm1d(3)
        check(&layer, shape: [4, 3], train: Self.bn1dTrainOutput, second: Self.bn1dSecondOutput, mean: Self.bn1dRunningMean,
              variance: Self.bn1dRunningVar, evaluation: Self.bn1dEvalOutput)
    }

    func testBatchNorm2dMatchesPyTorch() throws {
        var layer = try BatchNorm2d(2)
        check(&layer, shape: [2, 2, 3, 3], train: Self.bn2dTrainOutput, second: Self.bn2dSecondOutput, mean: Self.bn2dRunningMean,
              variance: Self.bn2dRunningVar, evaluation: Self.bn2dEvalOutput)
    }

    func testNamesFollowPyTorchStateDict() throws {
        var model = try Sequential(BatchNorm1d(3))
        XCTAssertEqual(model.namedParameters.map(\.name), ["0.weight", "0.bias"])
        XCTAssertEqual(model.namedBuffers.map(\.name), ["0.running_mean", "0.running_var"])
        XCTAssertEqual(model.parameterCount, 6)
        model.eval()
        XCTAssertEqual(model(Tensor([[1, 2, 3]])), Tensor([[1, 2, 3]].map { $0.map { Float($0 / (1 + 1e-5).squareRoot()) } }))
    }

    // Printed by Benchmarks/engine/reference/training_references.py.
    static let bn1dTrainOutput: [Float] = [-1.1408416, 0.804887176, 2.14147854, -0.63589102, 0.268295735, 1.2471596, -0.686386108, -0.268295735, 0.352840602, -0.736881137, -0.804887176, -0.541478336]
    static let bn1dSecondOutput: [Float] = [-1.06832528, -0.804975986, 1.55925477, -0.889441788, -0.268325329, 1.99311459, -0.710558236, 0.268325269, -0.393114537, -0.531674683, 0.804975927, 0.0407453142]
    static let bn1dRunningMean: [Float] = [-0.0636713356, 0.0697202832, -0.0418881178]
    static let bn1dRunningVar: [Float] = [0.935347736, 0.878075004, 1.0832032]
    static let bn1dEvalOutput: [Float] = [-0.964086354, -0.0446418449, 1.66380894, -0.845917463, 0.321243465, 0.291205764, -0.727748632, -0.593469799, 0.840247035, -0.609579742, -0.227584496, 1.38928831]
    static let bn2dTrainOutput: [Float] = [-1.10193145, -0.664651394, -0.914525747, -0.477245688, -0.727119982, -0.976994336, -0.539714277, -0.789588571, -1.03946292, 0.593960643, -0.169703037, -0.933366716, 0.403044701, -0.360618949, 0.975792468, 0.212128788, -0.551534891, 0.784876525, -0.789588571, -1.03946292, -0.602182806, -0.852057159, -1.10193145, -0.664651394, -0.914525747, -0.477245688, -0.727119982, -0.551534891, 0.784876525, 0.0212128796, -0.742450774, 0.593960643, -0.169703037, -0.933366716, 0.403044701, -0.360618949]
    static let bn2dSecondOutput: [Float] = [-1.08734012, -0.838680446, -0.590020716, -0.987876236, -0.739216506, -0.490556806, -0.888412356, -0.639752626, -1.03760815, 0, 0.866021693, -0.519612968, 0.346408665, -1.03922594, -0.173204333, 0.69281733, -0.69281733, 0.173204333, -0.490556806, -0.888412356, -0.639752626, -1.03760815, -0.788948476, -0.540288746, -0.938144326, -0.689484596, -1.08734012, -0.173204333, 0.69281733, -0.69281733, 0.173204333, 1.03922594, -0.346408665, 0.519612968, -0.866021693, 0]
    static let bn2dRunningMean: [Float] = [-0.00956488028, -0.00181818183]
    static let bn2dRunningVar: [Float] = [1.00441217, 0.961405575]
    static let bn2dEvalOutput: [Float] = [-0.96914202, -0.798091233, -0.627040446, -0.855108142, -0.684057355, -0.912125111, -0.741074324, -0.96914202, -0.798091233, 0.525616705, -0.173722133, 0.350782037, -0.348556846, 0.175947309, -0.523391545, 0.00111258449, 0.525616705, -0.173722133, -0.684057355, -0.912125111, -0.741074324, -0.96914202, -0.798091233, -0.627040446, -0.855108142, -0.684057355, -0.912125111, 0.175947309, -0.523391545, 0.00111258449, 0.525616705, -0.173722133, 0.350782037, -0.348556846, 0.175947309, -0.523391545]
}
