import Engine
import Lessons

/// What autograd computes, checked against numbers anyone can compute: a linear classifier's loss
/// L = crossEntropy(x·W + b, labels) on a small random batch, its gradient with respect to every element of W
/// and b by `backward()`, and the same slopes by finite differences of the loss (nudge one element by ±h,
/// evaluate the loss again).
///
/// It also calls `backward()` twice without clearing the gradients, and once more after `zeroGrad()`, to
/// show that gradients accumulate: what `optimizer.zero_grad()` is for.
public struct AutogradTrace: Experiment {
    public static let name = "autograd-trace"
    public static let summary = "A linear classifier's loss: autograd's gradient beside finite differences; gradients accumulate until zeroGrad."

    /// The sizes of the batch and of the classifier, and the finite-difference step.
    public struct Parameters: ExperimentParameters {
        /// Examples in the batch.
        public var batch = 4
        /// Inputs per example.
        public var features = 3
        /// Outputs (classes) of the classifier.
        public var classes = 3
        /// The step h of the finite differences.
        public var step = 0.01

        public init() {}

        public static var parameters: [Parameter<Self>] {
            [
                .integer("batch", \.batch, in: 1...16, "Examples in the random batch x."),
                .integer("features", \.features, in: 1...6, "Inputs per example: W is [features, classes]."),
                .integer("classes", \.classes, in: 2...5, "Classes: the columns of W and the length of b."),
                .number("step", \.step, in: 1e-7...1, "The step h of the finite differences (L(θ + h) − L(θ − h)) / 2h."),
            ]
        }
    }

    public static func run(_ p: Parameters, context: ExperimentContext) throws -> ExperimentResult {
        var generator = SeededGenerator(seed: context.seed)
        let x = Tensor.randn([p.batch, p.features], using: &generator)
        let labels = (0..<p.batch).map { _ in Int.random(in: 0..<p.classes, using: &generator) }
        let weight = (Tensor.randn([p.features, p.classes], using: &generator) * 0.5).requiringGrad()
        let bias = (Tensor.randn([p.classes], using: &generator) * 0.1).requiringGrad()
        func loss(_ w: Tensor, _ b: Tensor) -> Tensor { crossEntropy(logits: x.matmul(w) + b, labels: labels) }

        var result = ExperimentResult()
        let logits = noGrad { x.matmul(weight) + bias }
        let value = loss(weight, bias)
        result.figure(Table(title: "The forward pass",
                            columns: [.init("tensor"), .init("shape"), .init("first values")],
                            rows: [["x (input)", shape(x), first(x)], ["W (parameter)", shape(weight), first(weight)],
                                   ["b (parameter)", shape(bias), first(bias)], ["z = x·W + b", shape(logits), first(logits)],
                                   ["L = crossEntropy(z, labels)", shape(value), first(value)]],
                            caption: "labels: \(Phrase(verbatim: labels.map(String.init).joined(separator: ", "))); "
                                + "only W and b require gradients."))
        value.backward()
        let gradients = (weight.grad?.scalars ?? []) + (bias.grad?.scalars ?? [])

        // The same slopes by finite differences: the loss again with one element nudged, nothing recorded.
        let h = Float(p.step)
        let base = value.item
        var central: [Float] = [], oneSided: [Float] = []
        noGrad {
            let parameters = [weight, bias]
            for (which, tensor) in parameters.enumerated() {
                for index in 0..<tensor.count {
                    func nudged(_ delta: Float) -> Float {
                        var values = tensor.scalars
                        values[index] += delta
                        let moved = Tensor(values, shape: tensor.shape)
                        return which == 0 ? loss(moved, bias).item : loss(weight, moved).item
                    }
                    let (up, down) = (nudged(h), nudged(-h))
                    central.append((up - down) / (2 * h))
                    oneSided.append((up - base) / h)
                }
            }
        }
        var table = Table(title: "∂L/∂θ by autograd and by finite differences",
                          columns: [.init("θ"), .init("value", format: .fixed(3)), .init("autograd", format: .fixed(5)),
                                    .init("central", format: .fixed(5)), .init("|autograd − central|", format: .scientific(1)),
                                    .init("one-sided", format: .fixed(5))],
                          caption: "central: (L(θ + h) − L(θ − h)) / 2h; one-sided: (L(θ + h) − L(θ)) / h; h = \(format(p.step)).")
        let names = element("W", weight.shape) + element("b", bias.shape)
        let values = weight.scalars + bias.scalars
        for i in names.indices {
            table.append([.text(Phrase(verbatim: names[i])), .number(Double(values[i])), .number(Double(gradients[i])),
                          .number(Double(central[i])), .number(Double(abs(gradients[i] - central[i]))), .number(Double(oneSided[i]))])
        }
        result.figure(table)
        result.metric("loss", Double(base))
        result.metric("parameters", Double(values.count))
        result.metric("largest_gradient", Double(gradients.map(abs).max() ?? .nan))
        result.metric("central_error", largestDifference(gradients, central))
        result.metric("one_sided_error", largestDifference(gradients, oneSided))

        accumulation(weight, bias, firstGradient: gradients, loss: loss, into: &result)
        return result
    }

    /// `backward()` again without clearing, then `zeroGrad()` and once more: the gradient doubles, then is back.
    static func accumulation(_ weight: Tensor, _ bias: Tensor, firstGradient: [Float], loss: (Tensor, Tensor) -> Tensor,
                             into result: inout ExperimentResult) {
        func current() -> [Float] { (weight.grad?.scalars ?? []) + (bias.grad?.scalars ?? []) }
        loss(weight, bias).backward()
        let second = current()
        weight.zeroGrad()
        bias.zeroGrad()
        let cleared = weight.grad == nil && bias.grad == nil
        loss(weight, bias).backward()
        let third = current()
        let size = norm(firstGradient)
        let table = Table(title: "Gradients accumulate",
                          columns: [.init("after"), .init("‖∂L/∂θ‖", format: .significant(4)), .init("÷ first", format: .fixed(3))],
                          rows: [["backward() once", .number(size), 1.0],
                                 ["backward() again, no zeroGrad()", .number(norm(second)), .number(norm(second) / size)],
                                 ["zeroGrad(), then backward()", .number(norm(third)), .number(norm(third) / size)]],
                          caption: "backward() adds into .grad; zeroGrad() (PyTorch's zero_grad()) clears it.")
        result.figure(table)
        result.metric("accumulated_ratio", norm(second) / size)
        result.metric("after_zero_grad_ratio", norm(third) / size)
        result.metric("zero_grad_clears", cleared)
    }

    static func norm(_ values: [Float]) -> Double { values.reduce(0) { $0 + Double($1) * Double($1) }.squareRoot() }

    static func largestDifference(_ a: [Float], _ b: [Float]) -> Double {
        zip(a, b).map { Double(abs($0 - $1)) }.max() ?? .nan
    }

    /// "W[0,1]" … for every element of a tensor of rank 1 or 2, row-major.
    static func element(_ name: String, _ shape: [Int]) -> [String] {
        guard shape.count == 2 else { return (0..<(shape.first ?? 1)).map { "\(name)[\($0)]" } }
        return (0..<shape[0]).flatMap { row in (0..<shape[1]).map { "\(name)[\(row),\($0)]" } }
    }

    static func shape(_ tensor: Tensor) -> Table.Cell {
        .text(Phrase(verbatim: tensor.shape.isEmpty ? "scalar" : ModuleParameters.shape(tensor)))
    }

    /// Up to four values, three decimals each.
    static func first(_ tensor: Tensor) -> Table.Cell {
        let values = tensor.scalars
        let shown = values.prefix(4).map { NumberFormat.fixed(3).format(Double($0)) }.joined(separator: ", ")
        return .text(Phrase(verbatim: shown + (values.count > 4 ? ", …" : "")))
    }
}

extension AutogradTrace {
    /// One classifier, no runs.
    public static let metrics: MetricDeclaration? = MetricDeclaration([
        .init("loss"), .init("parameters"), .init("largest_gradient"), .init("central_error"), .init("one_sided_error"),
        .init("accumulated_ratio"), .init("after_zero_grad_ratio"), .init("zero_grad_clears"),
    ])
}
