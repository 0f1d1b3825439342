import Foundation

/// AdaGrad (Duchi, Hazan and Singer, JMLR 2011), following PyTorch's `torch.optim.Adagrad`: each parameter's
/// step shrinks with the sum of its squared gradients.
///
///     g ← g + λ·θ;   η_t = η / (1 + (t − 1)·decay)
///     s ← s + g²;    θ ← θ − η_t · g / (√s + ε)
public struct AdaGrad: Optimizer {
    /// η.
    public var learningRate: Float
    /// How fast the learning rate itself decays per step (PyTorch's `lr_decay`).
    public let learningRateDecay: Float
    /// λ, the L2 penalty's coefficient, added to the gradient.
    public let weightDecay: Float
    /// ε, added to the denominator.
    public let eps: Float
    /// The value the sums of squares start from.
    public let initialAccumulatorValue: Float
    /// Each parameter's sum of squared gradients s, by name.
    public private(set) var sumOfSquares: [String: Tensor] = [:]
    /// Each parameter's step count t, by name.
    public private(set) var steps: [String: Int] = [:]
    private var owners = StateOwners()

    /// Checks that every hyperparameter is non-negative (PyTorch's checks).
    public init(learningRate: Float = 0.01, learningRateDecay: Float = 0, weightDecay: Float = 0,
                initialAccumulatorValue: Float = 0, eps: Float = 1e-10) throws {
        try checkCommon("AdaGrad", learningRate: learningRate, weightDecay: weightDecay)
        try require(learningRateDecay >= 0, "AdaGrad", "learning rate decay \(learningRateDecay) must be non-negative")
        try require(initialAccumulatorValue >= 0, "AdaGrad", "initial accumulator value \(initialAccumulatorValue) must be non-negative")
        try require(eps >= 0, "AdaGrad", "eps \(eps) must be non-negative")
        (self.learningRate, self.learningRateDecay, self.weightDecay) = (learningRate, learningRateDecay, weightDecay)
        (self.initialAccumulatorValue, self.eps) = (initialAccumulatorValue, eps)
    }

    /// One step of the rule above for one parameter.
    public mutating func update(_ parameter: inout Tensor, gradient: Tensor, name: String) {
        checkGradient(gradient, for: parameter, name: name, optimizer: "AdaGrad")
        if owners.claim(name, for: parameter).isNewOwner { (sumOfSquares[name], steps[name]) = (nil, nil) }
        let step = (steps[name] ?? 0) + 1
        steps[name] = step
        let rate = Float(Double(learningRate) / (1 + Double(step - 1) * Double(learningRateDecay)))
        var sum = sumOfSquares.removeValue(forKey: name) ?? Tensor.full(parameter.shape, initialAccumulatorValue)
        parameter.makeUnique()
        sum.makeUnique()
        let (p, g, s) = (parameter.storage.base, gradient.storage.base, sum.storage.base)
        for i in 0..<parameter.count {
            let grad = g[i] + weightDecay * p[i]
            s[i] += grad * grad
            p[i] -= rate * grad / (s[i].squareRoot() + eps)
        }
        sumOfSquares[name] = sum
    }
}
