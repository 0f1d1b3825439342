/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight decay,
/// following PyTorch's `torch.optim.SGD` exactly (Sutskever et al., ICML 2013, for its form of momentum):
///
///     g ← g + λ·θ                       (weight decay, added to the gradient)
///     b ← g  on the first step, else  b ← μ·b + (1 − τ)·g
///     g ← g + μ·b  (Nesterov)  or  g ← b
///     θ ← θ − η·g
public struct SGD: Optimizer {
    /// η.
    public var learningRate: Float
    /// μ; 0 turns momentum off.
    public let momentum: Float
    /// τ, the fraction of each new gradient held back from the momentum buffer.
    public let dampening: Float
    /// λ, the L2 penalty's coefficient, added to the gradient.
    public let weightDecay: Float
    /// Whether to use Nesterov's look-ahead form.
    public let nesterov: Bool
    /// Each parameter's momentum buffer b, by name (empty without momentum).
    public var momentumBuffers: [String: Tensor] {
        var byName: [String: Tensor] = [:]
        for (position, buffer) in buffers.enumerated() { if let buffer { byName[owners.name(at: position)] = buffer } }
        return byName
    }
    /// The momentum buffers by the position `owners` gives each name.
    private var buffers: [Tensor?] = []
    private var owners = StateOwners()

    /// Checks the hyperparameters as PyTorch does: all non-negative, and Nesterov only with momentum and no
    /// dampening.
    public init(learningRate: Float, momentum: Float = 0, dampening: Float = 0, weightDecay: Float = 0, nesterov: Bool = false) throws {
        try checkCommon("SGD", learningRate: learningRate, weightDecay: weightDecay)
        try require(momentum.isFinite && momentum >= 0, "SGD", "momentum \(momentum) must be non-negative")
        try require(dampening.isFinite && dampening >= 0 && dampening <= 1, "SGD", "dampening \(dampening) must be in [0, 1]")
        try require(!nesterov || (momentum > 0 && dampening == 0), "SGD", "Nesterov momentum needs a momentum above 0 and zero dampening")
        (self.learningRate, self.momentum, self.dampening, self.weightDecay, self.nesterov) = (learningRate, momentum, dampening, weightDecay, nesterov)
    }

    /// One step of the rule above for one parameter.
    public mutating func update(_ parameter: inout Tensor, gradient: Tensor, name: String) {
        checkGradient(gradient, for: parameter, name: name, optimizer: "SGD")
        let (position, isNewOwner) = owners.claim(name, for: parameter)
        if position == buffers.count { buffers.append(nil) }
        if isNewOwner { buffers[position] = nil }
        let (lr, mu, tau, decay) = (learningRate, momentum, dampening, weightDecay)
        parameter.makeUnique()
        let (p, g, n) = (parameter.storage.base, gradient.storage.base, parameter.count)
        guard mu != 0 else {
            for i in 0..<n { p[i] -= lr * (g[i] + decay * p[i]) }
            return
        }
        let isFirst = buffers[position] == nil
        if isFirst { buffers[position] = Tensor.zeros(parameter.shape) }
        buffers[position]!.withUnsafeMutableBufferPointer { buffer in
            let b = buffer.baseAddress!
            // The usual case (momentum after the first step, no Nesterov) in a loop of its own, which the
            // compiler vectorizes; with the choices inside, it ran one value at a time. Same arithmetic.
            if !isFirst && !nesterov {
                let keep = 1 - tau
                for i in 0..<n {
                    let grad = g[i] + decay * p[i]
                    b[i] = mu * b[i] + keep * grad
                    p[i] -= lr * b[i]
                }
                return
            }
            for i in 0..<n {
                let grad = g[i] + decay * p[i]
                b[i] = isFirst ? grad : mu * b[i] + (1 - tau) * grad
                p[i] -= lr * (nesterov ? grad + mu * b[i] : b[i])
            }
        }
    }
}
