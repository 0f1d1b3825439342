/// RMSProp (Hinton, Coursera lecture 6e, 2012), following PyTorch's `torch.optim.RMSprop`: each step is
/// divided by a running root mean square of recent gradients.
///
///     g ← g + λ·θ;   v ← α·v + (1 − α)·g²
///     centered:  ḡ ← α·ḡ + (1 − α)·g,  d = √(v − ḡ²) + ε;   otherwise  d = √v + ε
///     momentum:  b ← μ·b + g/d,  θ ← θ − η·b;                otherwise  θ ← θ − η·g/d
public struct RMSProp: Optimizer {
    /// η.
    public var learningRate: Float
    /// α, the smoothing constant of the running mean square.
    public let alpha: Float
    /// ε, added to the denominator.
    public let eps: Float
    /// λ, the L2 penalty's coefficient, added to the gradient.
    public let weightDecay: Float
    /// μ; 0 turns momentum off.
    public let momentum: Float
    /// Whether to divide by an estimate of the gradient's variance rather than its mean square.
    public let centered: Bool
    /// Each parameter's running mean square v, by name.
    public private(set) var meanSquares: [String: Tensor] = [:]
    /// Each parameter's running mean gradient ḡ, by name (centered only).
    public private(set) var meanGradients: [String: Tensor] = [:]
    /// Each parameter's momentum buffer b, by name (with momentum only).
    public private(set) var momentumBuffers: [String: Tensor] = [:]
    private var owners = StateOwners()

    /// Checks the hyperparameters (all non-negative) as PyTorch does.
    public init(learningRate: Float = 0.01, alpha: Float = 0.99, eps: Float = 1e-8, weightDecay: Float = 0,
                momentum: Float = 0, centered: Bool = false) throws {
        try checkCommon("RMSProp", learningRate: learningRate, weightDecay: weightDecay)
        try require(alpha >= 0 && alpha <= 1, "RMSProp", "alpha \(alpha) must be in [0, 1]")
        try require(eps >= 0, "RMSProp", "eps \(eps) must be non-negative")
        try require(momentum >= 0, "RMSProp", "momentum \(momentum) must be non-negative")
        (self.learningRate, self.alpha, self.eps, self.weightDecay) = (learningRate, alpha, eps, weightDecay)
        (self.momentum, self.centered) = (momentum, centered)
    }

    /// One step of the rule above for one parameter.
    public mutating func update(_ parameter: inout Tensor, gradient: Tensor, name: String) {
        checkGradient(gradient, for: parameter, name: name, optimizer: "RMSProp")
        if owners.claim(name, for: parameter).isNewOwner { (meanSquares[name], meanGradients[name], momentumBuffers[name]) = (nil, nil, nil) }
        var square = meanSquares.removeValue(forKey: name) ?? Tensor.zeros(parameter.shape)
        var mean = meanGradients.removeValue(forKey: name) ?? Tensor.zeros(parameter.shape)
        var buffer = momentumBuffers.removeValue(forKey: name) ?? Tensor.zeros(parameter.shape)
        parameter.makeUnique()
        square.makeUnique()
        mean.makeUnique()
        buffer.makeUnique()
        let (p, g, v, m, b) = (parameter.storage.base, gradient.storage.base, square.storage.base, mean.storage.base, buffer.storage.base)
        let (lr, a, mu, decay) = (learningRate, alpha, momentum, weightDecay)
        for i in 0..<parameter.count {
            let grad = g[i] + decay * p[i]
            v[i] = a * v[i] + (1 - a) * grad * grad
            var denominator: Float
            if centered {
                m[i] += (1 - a) * (grad - m[i])
                denominator = (v[i] - m[i] * m[i]).squareRoot() + eps
            } else {
                denominator = v[i].squareRoot() + eps
            }
            if mu > 0 {
                b[i] = mu * b[i] + grad / denominator
                p[i] -= lr * b[i]
            } else {
                p[i] -= lr * grad / denominator
            }
        }
        meanSquares[name] = square
        if centered { meanGradients[name] = mean }
        if mu > 0 { momentumBuffers[name] = buffer }
    }
}
