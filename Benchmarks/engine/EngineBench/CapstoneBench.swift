import Engine
import Foundation

/// The capstone's CNN as `TrainingRecipe.model` builds it for the Fashion-MNIST cell (Benchmarks/fashion):
/// Conv 1→16 3×3 pad 1 no bias, BN2d, ReLU, MaxPool 2 → Conv 16→32 the same → Flatten → Linear 1568→128 no
/// bias, BN1d, ReLU → Linear 128→10, Kaiming normal weights, zero bias; Nesterov SGD, batch 64, on fixed
/// random 28×28 pictures (no data files, so a profiler can run it anywhere).
struct CapstoneStep {
    var model: Sequential
    var optimizer = try! SGD(learningRate: 0.05, momentum: 0.9, weightDecay: 5e-4, nesterov: true)
    let batches: [(Tensor, [Int])]

    init() {
        var rng = SeededGenerator(seed: 5)
        let kaiming = Initializer.kaimingNormal(nonlinearity: .relu)
        model = Sequential(
            Conv2d(1, 16, kernelSize: 3, padding: 1, bias: false, weightInitializer: kaiming, using: &rng), try! BatchNorm2d(16),
            ReLU(), MaxPool2d(kernelSize: 2),
            Conv2d(16, 32, kernelSize: 3, padding: 1, bias: false, weightInitializer: kaiming, using: &rng), try! BatchNorm2d(32),
            ReLU(), MaxPool2d(kernelSize: 2), Flatten(),
            Linear(1568, 128, bias: false, weightInitializer: kaiming, using: &rng), try! BatchNorm1d(128), ReLU(),
            Linear(128, 10, weightInitializer: kaiming, biasInitializer: .zeros, using: &rng))
        batches = (0..<4).map { _ in (Tensor.randn([64, 1, 28, 28], using: &rng), randomLabels(64, classes: 10, using: &rng)) }
    }

    /// One training step on batch `i` (of four, in turn); returns the loss.
    mutating func step(_ i: Int) -> Float {
        let (x, labels) = batches[i % batches.count]
        model.zeroGrad()
        let loss = crossEntropy(logits: model(x), labels: labels)
        loss.backward()
        optimizer.step(&model)
        return loss.item
    }
}

/// The median milliseconds of one capstone training step (forward, backward, update), and of one evaluation
/// forward pass of a batch of 1,000 (the validation pass's work).
func benchmarkCapstone() {
    var run = CapstoneStep()
    var i = 0
    let step = medianSeconds(repeats: 101) { _ = run.step(i); i += 1 }
    run.model.eval()
    var rng = SeededGenerator(seed: 6)
    let pictures = Tensor.randn([1000, 1, 28, 28], using: &rng)
    let evaluation = medianSeconds(repeats: 5) { _ = noGrad { run.model(pictures) } }
    report(["bench": "capstone", "ms": step * 1000, "eval-1000-ms": evaluation * 1000])
}

/// `steps` capstone steps with no warm-up or timing, for a profiler; prints the last loss and a checksum of
/// the parameters' and running statistics' bits (a change meant to keep every byte must keep it), and of one
/// evaluation forward pass.
func profileCapstone(steps: Int) {
    var run = CapstoneStep()
    var loss: Float = 0
    for s in 0..<steps { loss = run.step(s) }
    var checksum: UInt64 = 0
    run.model.visitTensors { _, _, tensor in
        for value in tensor.scalars { checksum = (checksum &* 1_000_003) ^ UInt64(value.bitPattern) }
    }
    run.model.eval()
    let logits = noGrad { run.model(run.batches[0].0) }
    for value in logits.scalars { checksum = (checksum &* 1_000_003) ^ UInt64(value.bitPattern) }
    report(["bench": "capstone-profile", "steps": steps, "loss": loss, "checksum": String(checksum, radix: 16)])
}

/// Where a capstone step's time goes: for each layer of the model (a `Linear` followed by `ReLU` as the one
/// operation `Sequential` makes of them), the median milliseconds of its forward pass (not recorded) on the input it sees in
/// a step, and of its forward and backward passes together; then the loss, the optimizer step and zeroing.
func profileCapstonePhases() {
    var run = CapstoneStep()
    for s in 0..<20 { _ = run.step(s) }
    var x = run.batches[0].0
    var fields: [String: Any] = ["bench": "capstone-phases"]
    var i = 0
    while i < run.model.layers.count {
        let fusesReLU = i + 1 < run.model.layers.count && run.model.layers[i + 1] is ReLU && run.model.layers[i] is Linear
        let name = "\(i) \(type(of: run.model.layers[i]))" + (fusesReLU ? "+ReLU" : "")
        var layer = run.model.layers[i]
        let input = i == 0 ? x : x.detach().requiringGrad()
        func forward() -> Tensor { fusesReLU ? layer.fusedWithReLU(input)! : layer(input) }
        let forwardTime = medianSeconds(repeats: 21) { _ = noGrad { forward() } }
        let output = noGrad { forward() }
        var rng = SeededGenerator(seed: 7)
        let gradient = Tensor.randn(output.shape, using: &rng)
        let bothTime = medianSeconds(repeats: 21) { forward().backward(gradient: gradient) }
        fields[name] = String(format: "forward %.3f, with backward %.3f", forwardTime * 1000, bothTime * 1000)
        x = output
        i += fusesReLU ? 2 : 1
    }
    let (inputs, labels) = run.batches[1]
    fields["loss+backward (whole step)"] = medianSeconds(repeats: 21) {
        run.model.zeroGrad()
        crossEntropy(logits: run.model(inputs), labels: labels).backward()
    } * 1000
    fields["optimizer"] = medianSeconds(repeats: 21) { run.optimizer.step(&run.model) } * 1000
    report(fields)
}
