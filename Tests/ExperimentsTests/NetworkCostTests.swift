import Engine
import Lessons
import XCTest

@testable import Experiments

/// The network-cost experiment against the engine's own model and hand-counted AlexNet figures.
final class NetworkCostTests: XCTestCase {
    func testTheDigitsCNNCountsWhatTheEngineBuilds() {
        var generator = SeededGenerator(seed: 0)
        let model = CNNDigits.model(channels: [16, 32], classes: 10, using: &generator)
        let counted = NetworkCost.describe(.digitsCNN)
        XCTAssertEqual(counted.parameters, model.parameterCount)
        XCTAssertEqual(counted.parameters, 160 + 4640 + 1290)
        // The same multiply-adds as the budgets of train and cnn-digits: 64·9·16 + 16·9·16·32 + 128·10.
        XCTAssertEqual(Double(counted.multiplyAdds),
                       TrainClassifier.Parameters.cnnMultiplyAdds(pixels: 64, channels: [16, 32], dense: [], outputs: 10))
        XCTAssertEqual(counted.multiplyAdds, 9216 + 73_728 + 1280)
    }

    func testAlexNetByHand() throws {
        // Krizhevsky et al. 2012, counted in Python from the paper's shapes (grouped conv2, conv4, conv5):
        //   conv = [(96, 3*11*11, 55*55), (256, 48*25, 27*27), (384, 256*9, 169), (384, 192*9, 169), (256, 192*9, 169)]
        //   dense = [(9216, 4096), (4096, 4096), (4096, 1000)]
        //   sum(o*(f+1) for o, f, _ in conv) + sum(o*(i+1) for i, o in dense)   # 60965224
        //   sum(o*f*p for o, f, p in conv) + sum(i*o for i, o in dense)         # 724406816
        let alexnet = NetworkCost.describe(.alexnet)
        XCTAssertEqual(alexnet.parameters, 60_965_224)
        XCTAssertEqual(alexnet.multiplyAdds, 724_406_816)
        XCTAssertEqual(alexnet.layers.first { $0.name == "fc6" }?.parameters, 37_752_832)
        XCTAssertEqual(alexnet.layers.first { $0.name == "conv2" }?.parameters, 307_456)
        let result = try NetworkCost.run(NetworkCost.Parameters(), context: ExperimentContext(seed: 0))
        XCTAssertEqual(metricNumber(result, "alexnet.training_multiply_adds"), 3 * 724_406_816 * 1.2e6 * 90, accuracy: 1e3)
        // The dense layers hold 58,631,144 of the parameters; the convolutions do 665,784,864 of the multiply-adds.
        XCTAssertEqual(metricNumber(result, "alexnet.dense_parameter_share"), 58_631_144 / 60_965_224, accuracy: 1e-12)
        XCTAssertEqual(metricNumber(result, "alexnet.convolution_multiply_add_share"), 665_784_864 / 724_406_816, accuracy: 1e-12)
        XCTAssertEqual(metricNumber(result, "digits_cnn.images"), 1257)
    }

    func testLayerTablesOnlyWhenAsked() throws {
        var p = NetworkCost.Parameters()
        p.layers = false
        p.networks = [.alexnet]
        let result = try NetworkCost.run(p, context: ExperimentContext(seed: 0))
        XCTAssertEqual(result.items.count, 1)
        XCTAssertNil(result.metric(named: "digits_cnn.parameters"))
        XCTAssertEqual(try NetworkCost.run(NetworkCost.Parameters(), context: ExperimentContext(seed: 0)).items.count, 3)
    }

    func testANetworkTwiceConflicts() {
        var p = NetworkCost.Parameters()
        p.networks = [.alexnet, .alexnet]
        XCTAssertNotNil(p.conflict)
        XCTAssertNil(NetworkCost.Parameters().conflict)
    }
}
