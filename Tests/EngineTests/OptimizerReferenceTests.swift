import XCTest
@testable import Engine

/// A model that is one parameter tensor, for driving optimizers on fixed values.
struct SingleParameter: Module {
    var weight: Tensor
    func callAsFunction(_ input: Tensor) -> Tensor { input }
    mutating func visitTensors(_ visitor: (_ name: String, _ kind: TensorKind, _ tensor: inout Tensor) -> Void) {
        visitor("weight", .parameter, &weight)
    }
}

/// The input pattern of the reference scripts: ((i·a) mod b − ⌊b/2⌋) / (b/2), as float32.
func referencePattern(_ shape: [Int], _ a: Int, _ b: Int) -> Tensor {
    let count = shape.reduce(1, *)
    return Tensor((0..<count).map { Float(Double(($0 * a) % b - b / 2) / (Double(b) / 2)) }, shape: shape)
}

/// Four steps of each optimizer against PyTorch's, on a parameter p [2, 3] minimizing Σ (½·c·p² + d·p).
///
/// The references were computed with PyTorch 2.15 (CPU, float32) by
/// Benchmarks/engine/reference/training_references.py, which printed the arrays below: the parameter after
/// each of the four steps, concatenated.
final class OptimizerReferenceTests: XCTestCase {
    /// Runs four steps of `optimizer` and compares the parameter after each with `expected`.
    func assertMatchesReference<O: Optimizer>(_ optimizer: inout O, _ expected: [Float], accuracy: Float = 2e-6,
                                              file: StaticString = #filePath, line: UInt = #line) {
        let c = referencePattern([2, 3], 5, 7) + 1.5, d = referencePattern([2, 3], 3, 11)
        var model = SingleParameter(weight: referencePattern([2, 3], 7, 9).requiringGrad())
        var steps: [Float] = []
        for _ in 0..<4 {
            model.zeroGrad()
            (0.5 * c * model.weight * model.weight + d * model.weight).sum().backward()
            optimizer.step(&model)
            steps += model.weight.scalars
        }
        assertClose(Tensor(steps), expected, accuracy: accuracy, relative: 1e-5, file: file, line: line)
    }

    func testSGD() throws {
        var sgd = try SGD(learningRate: 0.1)
        assertMatchesReference(&sgd, Self.sgd)
    }

    func testSGDWithMomentumDampeningAndWeightDecay() throws {
        var sgd = try SGD(learningRate: 0.1, momentum: 0.9, dampening: 0.1, weightDecay: 0.01)
        assertMatchesReference(&sgd, Self.sgdMomentum)
        XCTAssertEqual(sgd.momentumBuffers.keys.sorted(), ["weight"])
    }

    func testSGDNesterov() throws {
        var sgd = try SGD(learningRate: 0.1, momentum: 0.9, weightDecay: 0.01, nesterov: true)
        assertMatchesReference(&sgd, Self.sgdNesterov)
    }

    func testAdaGrad() throws {
        var adagrad = try AdaGrad(learningRate: 0.1, learningRateDecay: 0.01, weightDecay: 0.01)
        assertMatchesReference(&adagrad, Self.adagrad)
        XCTAssertEqual(adagrad.steps["weight"], 4)
    }

    func testRMSProp() throws {
        var rmsprop = try RMSProp(learningRate: 0.01)
        assertMatchesReference(&rmsprop, Self.rmsprop)
    }

    func testRMSPropCenteredWithMomentumAndWeightDecay() throws {
        var rmsprop = try RMSProp(learningRate: 0.01, alpha: 0.9, weightDecay: 0.01, momentum: 0.5, centered: true)
        assertMatchesReference(&rmsprop, Self.rmspropCenteredMomentum)
    }

    func testAdamAndItsEffectiveStepSizes() throws {
        var adam = try Adam(learningRate: 0.1)
        XCTAssertNil(adam.effectiveStepSizes(of: "weight"))
        assertMatchesReference(&adam, Self.adam)
        XCTAssertEqual(adam.state["weight"]?.step, 4)
        assertClose(adam.effectiveStepSizes(of: "weight")!, Self.adamEffectiveStepSizes, accuracy: 1e-6)
    }

    func testAdamWithL2WeightDecay() throws {
        var adam = try Adam(learningRate: 0.1, weightDecay: 0.1)
        assertMatchesReference(&adam, Self.adamWeightDecay)
    }

    func testAdamWDecouplesWeightDecay() throws {
        var adamW = try AdamW(learningRate: 0.1, weightDecay: 0.1)
        assertMatchesReference(&adamW, Self.adamW)
    }

    func testInvalidHyperparametersAreErrorsWithMessages() {
        XCTAssertThrowsError(try SGD(learningRate: -0.1)) { error in
            XCTAssertEqual("\(error)", "SGD: learning rate -0.1 must be non-negative and finite")
        }
        XCTAssertThrowsError(try SGD(learningRate: 0.1, nesterov: true)) { error in
            XCTAssertEqual("\(error)", "SGD: Nesterov momentum needs a momentum above 0 and zero dampening")
        }
        XCTAssertThrowsError(try Adam(beta1: 1)) { XCTAssertEqual("\($0)", "Adam: beta1 1.0 must be in [0, 1)") }
        XCTAssertThrowsError(try AdamW(weightDecay: -1)) { XCTAssertEqual("\($0)", "AdamW: weight decay -1.0 must be non-negative") }
        XCTAssertThrowsError(try RMSProp(alpha: 2))
        XCTAssertThrowsError(try AdaGrad(learningRate: .nan))
    }

    func testStepSkipsParametersWithoutGradients() throws {
        var model = SingleParameter(weight: Tensor([1, 2]).requiringGrad())
        var sgd = try SGD(learningRate: 1)
        sgd.step(&model)
        XCTAssertEqual(model.weight.scalars, [1, 2])
    }

    // Printed by Benchmarks/engine/reference/training_references.py.
    static let sgd: [Float] = [-0.740836918, 0.564935088, 0.170707062, -0.274314582, -0.436796516, 0.748340547, -0.602302611, 0.484276474, 0.12691918, -0.3215698, -0.261110067, 0.632890105, -0.472674072, 0.420325696, 0.0896994844, -0.364437014, -0.126835421, 0.538055837, -0.351378798, 0.369621873, 0.0580627434, -0.40332371, -0.0242112167, 0.460156262]
    static let sgdMomentum: [Float] = [-0.739948034, 0.56426841, 0.170484841, -0.274092346, -0.436129868, 0.747451663, -0.48060587, 0.399133652, 0.0843886733, -0.363077044, -0.0702778399, 0.51572293, -0.137140721, 0.208470508, -0.0209299345, -0.477948189, 0.339415699, 0.240182534, 0.261854053, 0.030548472, -0.129235938, -0.606413782, 0.701284349, -0.0302571189]
    static let sgdNesterov: [Float] = [-0.605901301, 0.472109973, 0.123921201, -0.320775449, -0.22864674, 0.620158136, -0.237374216, 0.271552294, 0.0119154761, -0.44376865, 0.199105382, 0.328550339, 0.179052785, 0.108462542, -0.0936491564, -0.575149536, 0.518548965, 0.0724148676, 0.608588517, 0.00602107495, -0.178351879, -0.701039791, 0.687972367, -0.111533701]
    static let adagrad: [Float] = [-0.788888872, 0.566666663, 0.122222222, -0.322222233, -0.566666663, 0.788888872, -0.72046423, 0.504970074, 0.0650031194, -0.384959042, -0.500541687, 0.723773301, -0.665927172, 0.459394664, 0.0253968462, -0.431929529, -0.449042082, 0.673618376, -0.619669378, 0.423281491, -0.00399892963, -0.469630212, -0.406195343, 0.632295012]
    static let rmsprop: [Float] = [-0.788888931, 0.566666722, 0.122222245, -0.322222203, -0.566666722, 0.788888931, -0.719583333, 0.504178405, 0.0642004684, -0.385901093, -0.499689102, 0.722938716, -0.663656831, 0.457508504, 0.0236090124, -0.434199929, -0.446894825, 0.671539485, -0.615643561, 0.420174479, -0.00675159134, -0.473424017, -0.402464479, 0.628719866]
    static let rmspropCenteredMomentum: [Float] = [-0.855555594, 0.633333325, 0.188888893, -0.25555557, -0.633333325, 0.855555534, -0.813576937, 0.592043102, 0.148008823, -0.296945959, -0.591601551, 0.813928068, -0.770457804, 0.550751209, 0.10784965, -0.338509649, -0.549126506, 0.771728992, -0.728387535, 0.511873126, 0.0710287318, -0.377873272, -0.508161187, 0.731244087]
    static let adam: [Float] = [-0.788888872, 0.566666663, 0.12222223, -0.322222233, -0.566666663, 0.788888931, -0.689029157, 0.467890173, 0.0245190859, -0.421239197, -0.467093706, 0.689471066, -0.589412451, 0.371698231, -0.0677573383, -0.518247724, -0.368312418, 0.591166079, -0.490148634, 0.280039072, -0.149737, -0.611836255, -0.270759791, 0.494640768]
    static let adamEffectiveStepSizes: [Float] = [0.209803224, 0.390174747, 0.86454767, 0.734004974, 0.148083851, 0.251585931]
    static let adamWeightDecay: [Float] = [-0.788888931, 0.566666722, 0.12222223, -0.322222233, -0.566666722, 0.788888931, -0.689044654, 0.467857301, 0.024616234, -0.420972049, -0.467101634, 0.689465225, -0.589471221, 0.371551991, -0.0672883093, -0.517071843, -0.368344188, 0.591141939, -0.490292639, 0.279622048, -0.148334175, -0.608510315, -0.270842135, 0.494576573]
    static let adamW: [Float] = [-0.779999971, 0.560000002, 0.120000005, -0.319999993, -0.560000002, 0.779999971, -0.672355473, 0.455764502, 0.0211925656, -0.415851921, -0.454868078, 0.672861338, -0.566055298, 0.35547021, -0.0710048079, -0.508843005, -0.351652831, 0.568062305, -0.461204797, 0.261276811, -0.151713282, -0.597725928, -0.250808507, 0.466343969]
}
