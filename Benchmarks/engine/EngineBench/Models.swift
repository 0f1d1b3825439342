import Engine
import Foundation

/// Parameters updated by the engine's `SGD` with momentum, the counterpart of the peers' `torch.optim.SGD`:
/// one pass per parameter (b ← μ·b + g, θ ← θ − η·b).
struct MomentumSGD {
    var parameters: [Tensor]
    private var optimizer: SGD
    /// The names the optimizer keys its momentum buffers by, made once rather than every step.
    private let names: [String]

    init(_ parameters: [Tensor], learningRate: Float = 0.01, momentum: Float = 0.9) {
        self.parameters = parameters.map { $0.requiringGrad() }
        optimizer = try! SGD(learningRate: learningRate, momentum: momentum)
        names = parameters.indices.map { String($0) }
    }

    mutating func step() {
        noGrad {
            for i in parameters.indices {
                optimizer.update(&parameters[i], gradient: parameters[i].grad!, name: names[i])
                parameters[i].zeroGrad()
            }
        }
    }
}

/// Kaiming-uniform-like weights of shape [out, in…] and zero biases, as a list for `MomentumSGD`.
func layer(_ shape: [Int], using rng: inout SeededGenerator) -> [Tensor] {
    let fanIn = shape.dropFirst().reduce(1, *)
    let bound = 1 / Float(fanIn).squareRoot()
    return [Tensor.uniform(shape, low: -bound, high: bound, using: &rng), Tensor.zeros([shape[0]])]
}

func randomLabels(_ count: Int, classes: Int, using rng: inout SeededGenerator) -> [Int] {
    (0..<count).map { _ in Int.random(in: 0..<classes, using: &rng) }
}

/// One training step (forward, backward, SGD-momentum update) of an MLP 784-256-256-10 with ReLU, batch 64.
func benchmarkMLP() {
    var rng = SeededGenerator(seed: 2)
    var sgd = MomentumSGD(layer([256, 784], using: &rng) + layer([256, 256], using: &rng) + layer([10, 256], using: &rng))
    let x = Tensor.randn([64, 784], using: &rng)
    let labels = randomLabels(64, classes: 10, using: &rng)
    let seconds = medianSeconds(repeats: 51) {
        threeLayerLoss(sgd.parameters, x, labels).backward()
        sgd.step()
    }
    report(["bench": "mlp", "ms": seconds * 1000])
}

/// One training step of conv(1→8)-BN-ReLU-pool → conv(8→16)-BN-ReLU-pool → linear(784→10), batch 64.
func benchmarkCNN() {
    var rng = SeededGenerator(seed: 3)
    let conv1 = layer([8, 1, 3, 3], using: &rng), conv2 = layer([16, 8, 3, 3], using: &rng), fc = layer([10, 784], using: &rng)
    let norms = [Tensor.ones([8]), Tensor.zeros([8]), Tensor.ones([16]), Tensor.zeros([16])]
    var sgd = MomentumSGD(conv1 + conv2 + fc + norms)
    let x = Tensor.randn([64, 1, 28, 28], using: &rng)
    let labels = randomLabels(64, classes: 10, using: &rng)
    let seconds = medianSeconds(repeats: 31) {
        let p = sgd.parameters
        var h = conv2d(x, weight: p[0], bias: p[1], padding: 1)
        h = maxPool2d(batchNorm(h, weight: p[6], bias: p[7]).output.relu(), kernelSize: 2)
        h = conv2d(h, weight: p[2], bias: p[3], padding: 1)
        h = maxPool2d(batchNorm(h, weight: p[8], bias: p[9]).output.relu(), kernelSize: 2)
        crossEntropy(logits: linear(h.flatten(), weight: p[4], bias: p[5]), labels: labels).backward()
        sgd.step()
    }
    report(["bench": "cnn", "ms": seconds * 1000])
}

/// The tiny MLP as a lesson builds it (and as PyTorch's side of the benchmark does): a `Sequential` of
/// 2→32, ReLU, 32→32, ReLU, 32→3, trained full-batch on 300 points with SGD (momentum 0.9) through
/// `SGD.step(&model)`.
struct TinyMLP {
    let x: Tensor
    let labels: [Int]
    var model: Sequential
    var optimizer = try! SGD(learningRate: 0.1, momentum: 0.9)

    init() {
        var rng = SeededGenerator(seed: 4)
        x = Tensor.randn([300, 2], using: &rng)
        labels = randomLabels(300, classes: 3, using: &rng)
        model = Sequential(Linear(2, 32, using: &rng), ReLU(), Linear(32, 32, using: &rng), ReLU(), Linear(32, 3, using: &rng))
    }

    /// One step of PyTorch's canonical loop; returns the loss.
    mutating func step() -> Float {
        model.zeroGrad()
        let loss = crossEntropy(logits: model(x), labels: labels)
        loss.backward()
        optimizer.step(&model)
        return loss.item
    }
}

/// 1,000 full-batch steps of the tiny MLP: a lesson's typical run.
func benchmarkTinyMLP() {
    let initial = TinyMLP()
    let seconds = medianSeconds(repeats: 5) {
        var run = initial
        for _ in 0..<1000 { _ = run.step() }
    }
    report(["bench": "tiny", "ms": seconds * 1000])
}

/// `steps` steps of the tiny MLP with no warm-up or timing, for a profiler (`valgrind --tool=callgrind`
/// counts instructions, which the machine's load does not change). Prints the last loss and a checksum of the
/// parameters' bits, so a change meant to keep every byte can be checked to have kept them.
func profileTinyMLP(steps: Int) {
    var run = TinyMLP()
    var loss: Float = 0
    for _ in 0..<steps { loss = run.step() }
    var checksum: UInt64 = 0
    for parameter in run.model.parameters {
        for value in parameter.scalars { checksum = (checksum &* 1_000_003) ^ UInt64(value.bitPattern) }
    }
    report(["bench": "tiny-profile", "steps": steps, "loss": loss, "checksum": String(checksum, radix: 16)])
}

/// Where a step of the tiny MLP spends its time: the median microseconds of each forward operation (the
/// operations `Sequential` runs), of `backward()`, of the optimizer step and of zeroing the gradients, over
/// 2,000 steps after 1,000 of warm-up. Each phase is timed on its own, so the clock reads (about 20 ns each)
/// are in the figures; the sum comes out a little above the `tiny` benchmark's time per step.
func profileTinyMLPPhases() {
    var run = TinyMLP()
    let names = ["linearReLU 2→32", "linearReLU 32→32", "linear 32→3", "cross-entropy", "backward", "sgd step", "zero grad"]
    var samples = [[Double]](repeating: [], count: names.count)
    for step in 0..<3000 {
        let p = run.model.parameters
        var clock = DispatchTime.now().uptimeNanoseconds
        var phase = 0
        func lap() {
            let now = DispatchTime.now().uptimeNanoseconds
            if step >= 1000 { samples[phase].append(Double(now - clock) / 1000) }
            (clock, phase) = (now, phase + 1)
        }
        let h1 = linearReLU(run.x, weight: p[0], bias: p[1]); lap()
        let h2 = linearReLU(h1, weight: p[2], bias: p[3]); lap()
        let logits = linear(h2, weight: p[4], bias: p[5]); lap()
        let loss = crossEntropy(logits: logits, labels: run.labels); lap()
        loss.backward(); lap()
        run.optimizer.step(&run.model); lap()
        run.model.zeroGrad(); lap()
    }
    var fields: [String: Any] = ["bench": "tiny-phases"]
    for (name, times) in zip(names, samples) { fields[name] = times.sorted()[times.count / 2] }
    report(fields)
}

/// Cross-entropy of a three-layer ReLU MLP whose weights and biases are `p[0…5]`.
func threeLayerLoss(_ p: [Tensor], _ x: Tensor, _ labels: [Int]) -> Tensor {
    let h1 = linear(x, weight: p[0], bias: p[1]).relu()
    let h2 = linear(h1, weight: p[2], bias: p[3]).relu()
    return crossEntropy(logits: linear(h2, weight: p[4], bias: p[5]), labels: labels)
}

