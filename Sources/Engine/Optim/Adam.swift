import Foundation

/// Adam (Kingma and Ba, ICLR 2015), following PyTorch's `torch.optim.Adam`: steps scaled per element by
/// running estimates of the gradient's first and second moments, corrected for their zero start.
///
///     g ← g + λ·θ              (L2 weight decay, added to the gradient)
///     m ← β₁·m + (1 − β₁)·g;   v ← β₂·v + (1 − β₂)·g²
///     θ ← θ − η/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
///
/// With `amsgrad` (Reddi, Kale and Kumar, ICLR 2018) the denominator uses the largest v seen so far,
/// v̂ ← max(v̂, v), so that an element's step size never grows back (PyTorch's `amsgrad=True`).
///
/// `AdamW` is the same with the weight decay taken out of the gradient and applied to θ directly.
public struct Adam: Optimizer {
    /// η.
    public var learningRate: Float
    /// β₁, the decay of the first-moment (mean) estimate.
    public let beta1: Float
    /// β₂, the decay of the second-moment (uncentered variance) estimate.
    public let beta2: Float
    /// ε, added to the denominator.
    public let eps: Float
    /// λ: an L2 penalty added to the gradient (Adam) or a decay of the weights themselves (AdamW).
    public let weightDecay: Float
    /// True for AdamW's decoupled weight decay θ ← θ·(1 − η·λ).
    public let decoupledWeightDecay: Bool
    /// True for AMSGrad: the step divides by the largest second moment seen so far.
    public let amsgrad: Bool
    /// Each parameter's moment estimates and step count, by name.
    public private(set) var state: [String: AdamState] = [:]
    private var owners = StateOwners()

    /// Checks the hyperparameters as PyTorch does (betas in [0, 1), all others non-negative).
    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, eps: Float = 1e-8,
                weightDecay: Float = 0, amsgrad: Bool = false) throws {
        try self.init(owner: "Adam", learningRate: learningRate, beta1: beta1, beta2: beta2, eps: eps,
                      weightDecay: weightDecay, decoupled: false, amsgrad: amsgrad)
    }

    init(owner: String, learningRate: Float, beta1: Float, beta2: Float, eps: Float, weightDecay: Float, decoupled: Bool,
         amsgrad: Bool = false) throws {
        try checkCommon(owner, learningRate: learningRate, weightDecay: weightDecay)
        try require(beta1 >= 0 && beta1 < 1, owner, "beta1 \(beta1) must be in [0, 1)")
        try require(beta2 >= 0 && beta2 < 1, owner, "beta2 \(beta2) must be in [0, 1)")
        try require(eps >= 0, owner, "eps \(eps) must be non-negative")
        (self.learningRate, self.beta1, self.beta2, self.eps) = (learningRate, beta1, beta2, eps)
        (self.weightDecay, decoupledWeightDecay, self.amsgrad) = (weightDecay, decoupled, amsgrad)
    }

    /// One step of the rule above for one parameter.
    public mutating func update(_ parameter: inout Tensor, gradient: Tensor, name: String) {
        checkGradient(gradient, for: parameter, name: name, optimizer: "Adam")
        if owners.claim(name, for: parameter).isNewOwner { state[name] = nil }
        var entry = state.removeValue(forKey: name) ?? AdamState(shape: parameter.shape)
        entry.step += 1
        parameter.makeUnique()
        entry.firstMoment.makeUnique()
        entry.secondMoment.makeUnique()
        let (p, g, m, v) = (parameter.storage.base, gradient.storage.base, entry.firstMoment.storage.base, entry.secondMoment.storage.base)
        let (lr, b1, b2, decay) = (learningRate, beta1, beta2, weightDecay)
        // Computed in Double and rounded once, as PyTorch does with Python floats.
        let stepSize = Float(Double(lr) / (1 - pow(Double(b1), Double(entry.step))))
        let correction2 = Float((1 - pow(Double(b2), Double(entry.step))).squareRoot())
        let shrink = 1 - lr * decay
        if amsgrad {
            if entry.largestSecondMoment == nil { entry.largestSecondMoment = .zeros(parameter.shape) }
            entry.largestSecondMoment!.makeUnique()
            let largest = entry.largestSecondMoment!.storage.base
            for i in 0..<parameter.count {
                var grad = g[i]
                if decoupledWeightDecay { p[i] *= shrink } else { grad += decay * p[i] }
                m[i] += (1 - b1) * (grad - m[i])
                v[i] = b2 * v[i] + (1 - b2) * grad * grad
                largest[i] = Swift.max(largest[i], v[i])
                p[i] -= stepSize * m[i] / (largest[i].squareRoot() / correction2 + eps)
            }
        } else {
            for i in 0..<parameter.count {
                var grad = g[i]
                if decoupledWeightDecay { p[i] *= shrink } else { grad += decay * p[i] }
                m[i] += (1 - b1) * (grad - m[i])
                v[i] = b2 * v[i] + (1 - b2) * grad * grad
                p[i] -= stepSize * m[i] / (v[i].squareRoot() / correction2 + eps)
            }
        }
        state[name] = entry
    }

    /// For each element of the named parameter, the factor its first-moment estimate m was multiplied by in
    /// the last step, η/(1 − β₁ᵗ) / (√v/√(1 − β₂ᵗ) + ε): Adam's per-element effective step size. Nil before the
    /// parameter's first step.
    public func effectiveStepSizes(of name: String) -> Tensor? {
        guard let entry = state[name] else { return nil }
        let stepSize = Float(Double(learningRate) / (1 - pow(Double(beta1), Double(entry.step))))
        let correction2 = Float((1 - pow(Double(beta2), Double(entry.step))).squareRoot())
        return noGrad { stepSize / ((entry.largestSecondMoment ?? entry.secondMoment).sqrt() / correction2 + eps) }
    }
}

/// Adam's state for one parameter.
public struct AdamState {
    /// t, the number of steps taken.
    public var step = 0
    /// m, the running mean of the gradient.
    public var firstMoment: Tensor
    /// v, the running mean of the squared gradient.
    public var secondMoment: Tensor
    /// v̂, the largest v seen so far (AMSGrad only).
    public var largestSecondMoment: Tensor?

    init(shape: [Int]) {
        firstMoment = .zeros(shape)
        secondMoment = .zeros(shape)
    }
}

/// AdamW (Loshchilov and Hutter, ICLR 2019), following PyTorch's `torch.optim.AdamW`: Adam with decoupled
/// weight decay, θ ← θ·(1 − η·λ) before the Adam step, instead of an L2 term in the gradient.
public struct AdamW: Optimizer {
    /// The Adam rule with decoupled decay; its state is inspectable as `adam.state`.
    public private(set) var adam: Adam

    /// Checks the hyperparameters as PyTorch does; the weight decay defaults to PyTorch's 0.01.
    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999, eps: Float = 1e-8,
                weightDecay: Float = 0.01, amsgrad: Bool = false) throws {
        adam = try Adam(owner: "AdamW", learningRate: learningRate, beta1: beta1, beta2: beta2, eps: eps,
                        weightDecay: weightDecay, decoupled: true, amsgrad: amsgrad)
    }

    /// η.
    public var learningRate: Float {
        get { adam.learningRate }
        set { adam.learningRate = newValue }
    }

    /// One step: decay θ, then Adam's update.
    public mutating func update(_ parameter: inout Tensor, gradient: Tensor, name: String) {
        adam.update(&parameter, gradient: gradient, name: name)
    }
}
