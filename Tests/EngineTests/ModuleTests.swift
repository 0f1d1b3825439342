import XCTest
@testable import Engine

/// Modules: parameter names and counts, modes, replacing layers, freezing, and that models are values.
final class ModuleTests: XCTestCase {
    func testSequentialNamesParametersLikePyTorch() throws {
        var rng = SeededGenerator(seed: 0)
        let model = try Sequential(Conv2d(1, 4, kernelSize: 3, using: &rng), BatchNorm2d(4), ReLU(), MaxPool2d(kernelSize: 2),
                               Flatten(), Dropout(probability: 0.5, seed: 1), Linear(4, 10, bias: false, using: &rng))
        XCTAssertEqual(model.namedParameters.map(\.name), ["0.weight", "0.bias", "1.weight", "1.bias", "6.weight"])
        XCTAssertEqual(model.namedBuffers.map(\.name), ["1.running_mean", "1.running_var"])
        XCTAssertEqual(model.parameterCount, 4 * 9 + 4 + 4 + 4 + 40)
        XCTAssertTrue(model.parameters.allSatisfy(\.requiresGrad))
    }

    func testLayersComputeTheirFunctions() {
        var rng = SeededGenerator(seed: 0)
        var linear = Linear(weight: Tensor([[1, 2], [3, 4]]), bias: Tensor([0.5, -0.5]))
        XCTAssertEqual(linear(Tensor([[1, 1]])), Tensor([[3.5, 6.5]]))
        var model = Sequential(Tanh(), Sigmoid())
        XCTAssertEqual(model(Tensor([0])), Tensor([0.5]))
        var pool = Sequential(AvgPool2d(kernelSize: 2), Flatten())
        XCTAssertEqual(pool(Tensor([1, 2, 3, 6], shape: [1, 1, 2, 2])), Tensor([[3]]))
        var conv = Conv2d(2, 3, kernelSize: 3, stride: 2, padding: 1, using: &rng)
        XCTAssertEqual(conv(.zeros([1, 2, 5, 5])).shape, [1, 3, 3, 3])
    }

    func testDropoutDropsInTrainingOnlyAndIsSeeded() throws {
        var model = try Sequential(Dropout(probability: 0.5, seed: 3))
        let x = Tensor.ones([1000])
        let dropped = model(x)
        XCTAssertTrue(dropped.scalars.allSatisfy { $0 == 0 || $0 == 2 })
        XCTAssertEqual(Float(dropped.scalars.filter { $0 == 0 }.count), 500, accuracy: 60)
        XCTAssertNotEqual(model(x), dropped, "the generator advances between calls")
        var again = try Sequential(Dropout(probability: 0.5, seed: 3))
        XCTAssertEqual(again(x), dropped, "the same seed gives the same mask")
        model.eval()
        XCTAssertEqual(model(x), x)
        XCTAssertThrowsError(try Dropout(probability: 1, seed: 0)) { XCTAssertEqual("\($0)", "Dropout: probability 1.0 must be in [0, 1)") }
        XCTAssertThrowsError(try BatchNorm2d(4, momentum: 1.5)) { XCTAssertEqual("\($0)", "BatchNorm2d: momentum 1.5 must be in [0, 1]") }
    }

    func testEvaluatedLeavesTheModelInItsModeAndStatisticsUnchanged() throws {
        var model = try Sequential(BatchNorm1d(2))
        let x = Tensor([[1, 2], [3, 8]])
        let before = model.namedBuffers.map(\.tensor)
        XCTAssertEqual(model.evaluated(x), model.evaluated(x))
        XCTAssertEqual(model.namedBuffers.map(\.tensor), before)
        _ = model(x)
        XCTAssertNotEqual(model.namedBuffers.map(\.tensor), before, "training mode moves the running statistics")
    }

    func testModelsAreValues() throws {
        var rng = SeededGenerator(seed: 0)
        var model = Sequential(Linear(2, 2, using: &rng))
        let snapshot = model
        let original = model.parameters[0].scalars
        model.zeroGrad()
        (model(Tensor([[1, 1]])).sum()).backward()
        var sgd = try SGD(learningRate: 0.5)
        sgd.step(&model)
        XCTAssertNotEqual(model.parameters[0], snapshot.parameters[0], "the optimizer changed the model")
        XCTAssertEqual(snapshot.parameters[0].scalars, original, "and not the copy")
    }

    /// `Sequential` runs each `Linear` followed by `ReLU` as `linearReLU`: the same output and gradients as
    /// the layers applied one by one. A `ReLU` after a layer with no fused form (`Tanh`), or at the start, runs
    /// on its own.
    func testSequentialFusesLinearAndReLUWithTheSameBytes() {
        var rng = SeededGenerator(seed: 3)
        var model = Sequential(ReLU(), Linear(2, 32, using: &rng), ReLU(), Linear(32, 32, using: &rng), ReLU(), Tanh(), ReLU(),
                               Linear(32, 3, using: &rng))
        let x = random([300, 2], seed: 4, low: -3, high: 3)
        let labels = (0..<300).map { $0 % 3 }
        crossEntropy(logits: model(x), labels: labels).backward()
        let fusedGradients = model.parameters.map { $0.grad!.scalars.map(\.bitPattern) }
        let fusedOutput = model.evaluated(x).scalars.map(\.bitPattern)
        model.zeroGrad()
        XCTAssertTrue(model.parameters.allSatisfy { $0.grad == nil })
        var h = x
        for i in model.layers.indices { h = model.layers[i](h) }
        crossEntropy(logits: h, labels: labels).backward()
        XCTAssertEqual(h.scalars.map(\.bitPattern), fusedOutput)
        XCTAssertEqual(model.parameters.map { $0.grad!.scalars.map(\.bitPattern) }, fusedGradients)
        XCTAssertNotNil(model.layers[1].fusedWithReLU(x))
        XCTAssertNil(model.layers[5].fusedWithReLU(x))
    }

    /// `zeroGrad()` walks every layer kind's parameters (`forEachParameter`), buffers left alone.
    func testZeroGradClearsEveryParameter() throws {
        var rng = SeededGenerator(seed: 5)
        var model = try Sequential(Conv2d(1, 2, kernelSize: 3, using: &rng), BatchNorm2d(2), ReLU(), Flatten(),
                                   Linear(18, 4, using: &rng), BatchNorm1d(4))
        model(random([3, 1, 5, 5], seed: 6)).sum().backward()
        XCTAssertEqual(model.parameters.filter { $0.grad != nil }.count, 8)
        var visited: [ObjectIdentifier] = []
        model.forEachParameter { visited.append(ObjectIdentifier($0.slot!)) }
        XCTAssertEqual(visited, model.namedParameters.map { ObjectIdentifier($0.tensor.slot!) }, "the same parameters in the same order")
        model.zeroGrad()
        XCTAssertTrue(model.parameters.allSatisfy { $0.grad == nil })
    }

    func testReplacingAHeadAndFreezing() {
        var rng = SeededGenerator(seed: 0)
        var model = Sequential(Linear(3, 4, using: &rng), ReLU(), Linear(4, 10, using: &rng))
        model.replaceLayer(at: 2, with: Linear(4, 2, using: &rng))
        XCTAssertEqual(model(Tensor.ones([5, 3])).shape, [5, 2])
        model.setRequiresGrad(false)
        XCTAssertFalse(model.parameters.contains(where: \.requiresGrad))
        model.setRequiresGrad(true)
        XCTAssertTrue(model.parameters.allSatisfy(\.requiresGrad))
    }
}

/// Optimizer state follows the parameter, not only its name.
final class OptimizerStateTests: XCTestCase {
    func testANewHeadUnderTheSameNameStartsFromFreshState() throws {
        var rng = SeededGenerator(seed: 0)
        var model = Sequential(Linear(3, 4, using: &rng), ReLU(), Linear(4, 10, using: &rng))
        var adam = try Adam(learningRate: 0.01)
        var sgd = try SGD(learningRate: 0.01, momentum: 0.9)
        let x = Tensor.ones([2, 3])
        for _ in 0..<2 {
            model.zeroGrad()
            model(x).sum().backward()
            adam.step(&model)
            var copy = model
            sgd.step(&copy)
        }
        XCTAssertEqual(adam.state["2.weight"]?.step, 2)
        model.replaceLayer(at: 2, with: Linear(4, 2, using: &rng))
        model.zeroGrad()
        model(x).sum().backward()
        adam.step(&model)
        sgd.step(&model)
        XCTAssertEqual(adam.state["2.weight"]?.step, 1, "the new head's state starts over")
        XCTAssertEqual(adam.state["2.weight"]?.firstMoment.shape, [2, 4])
        XCTAssertEqual(adam.state["0.weight"]?.step, 3, "the kept layer's state goes on")
        XCTAssertEqual(sgd.momentumBuffers["2.weight"]?.shape, [2, 4])
    }

    /// Names keep their positions whatever order they come in; the in-order fast path and the table agree.
    func testStateOwnersGiveEachNameOnePosition() {
        var owners = StateOwners()
        let (a, b, c) = (Tensor([1]).requiringGrad(), Tensor([2]).requiringGrad(), Tensor([3, 4]).requiringGrad())
        XCTAssertEqual(owners.claim("a", for: a).position, 0)
        XCTAssertEqual(owners.claim("b", for: b).position, 1)
        XCTAssertEqual(owners.claim("c", for: c).position, 2)
        for (name, tensor, position) in [("a", a, 0), ("b", b, 1), ("c", c, 2), ("c", c, 2), ("a", a, 0), ("b", b, 1), ("b", b, 1)] {
            let claim = owners.claim(name, for: tensor)
            XCTAssertEqual(claim.position, position, name)
            XCTAssertFalse(claim.isNewOwner, name)
        }
        XCTAssertTrue(owners.claim("b", for: Tensor([5]).requiringGrad()).isNewOwner, "another parameter under b")
        XCTAssertEqual(owners.claim("c", for: c).position, 2)
        XCTAssertTrue(owners.claim("z", for: Tensor([6])) == (3, false), "a new name goes last")
        XCTAssertTrue(owners.claim("z", for: Tensor([6, 7])).isNewOwner, "a plain tensor of another shape")
        XCTAssertEqual((0..<4).map(owners.name(at:)), ["a", "b", "c", "z"])
    }

    /// SGD's momentum buffers, read by name, are b = g after the first step and μ·b + g after the second.
    func testSGDMomentumBuffersByName() throws {
        var model = Sequential(Linear(weight: Tensor([[1, 2]]), bias: Tensor([0.5])))
        var sgd = try SGD(learningRate: 0.1, momentum: 0.5)
        let x = Tensor([[1, -1], [2, 3]])
        model(x).sum().backward()   // d/dW = [3, 2], d/db = [2]
        sgd.step(&model)
        XCTAssertEqual(sgd.momentumBuffers.mapValues(\.scalars), ["0.weight": [3, 2], "0.bias": [2]])
        model.zeroGrad()
        model(x).sum().backward()
        sgd.step(&model)
        XCTAssertEqual(sgd.momentumBuffers.mapValues(\.scalars), ["0.weight": [4.5, 3], "0.bias": [3]])
        XCTAssertTrue(try SGD(learningRate: 0.1).momentumBuffers.isEmpty)
    }
}
