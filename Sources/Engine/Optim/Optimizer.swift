import Foundation

/// An update rule for a model's parameters from their gradients (PyTorch's `torch.optim`).
///
/// An optimizer holds only its hyperparameters and its per-parameter state (momentum buffers, moment
/// estimates), keyed by the parameter's name, so that a lesson can show that state. It changes a model passed
/// `inout`: `optimizer.step(&model)` after `loss.backward()`, like PyTorch's `optimizer.step()`.
public protocol Optimizer {
    /// The step size; a schedule sets it before each step.
    var learningRate: Float { get set }

    /// Updates one parameter in place from its gradient, keeping state under `name`.
    mutating func update(_ parameter: inout Tensor, gradient: Tensor, name: String)
}

extension Optimizer {
    /// Updates every parameter of `model` that has a gradient (those without one, e.g. frozen or unused, are
    /// left alone, as in PyTorch). Call `model.zeroGrad()` before the next backward pass.
    public mutating func step<M: Module>(_ model: inout M) {
        noGrad {
            model.updateParameters { name, parameter in
                guard let gradient = parameter.grad else { return }
                update(&parameter, gradient: gradient, name: name)
            }
        }
    }
}

/// A hyperparameter outside its valid range, named with its value and the range.
public struct HyperparameterError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// What is wrong and what is allowed, e.g. "SGD: learning rate -0.1 must be non-negative".
    public var message: String
    /// The message.
    public var description: String { message }
    /// The message, for `localizedDescription`.
    public var errorDescription: String? { message }
}

/// Throws unless `condition` holds, with "`owner`: `message`".
func require(_ condition: Bool, _ owner: String, _ message: @autoclosure () -> String) throws {
    if !condition { throw HyperparameterError(message: "\(owner): \(message())") }
}

/// Checks the hyperparameters every optimizer shares.
func checkCommon(_ owner: String, learningRate: Float, weightDecay: Float) throws {
    try require(learningRate.isFinite && learningRate >= 0, owner, "learning rate \(learningRate) must be non-negative and finite")
    try require(weightDecay.isFinite && weightDecay >= 0, owner, "weight decay \(weightDecay) must be non-negative")
}

/// Stops with a message when a gradient does not fit its parameter: the update loops index both alike.
func checkGradient(_ gradient: Tensor, for parameter: Tensor, name: String, optimizer: String) {
    precondition(gradient.shape == parameter.shape,
                 "\(optimizer): gradient of shape \(gradient.shape) for parameter \(name) of shape \(parameter.shape)")
}

/// Which parameter each name's state belongs to. State is keyed by name so a lesson can read it, but a layer
/// replaced under the same name (a new head) is a new parameter and must start from fresh state, as in
/// PyTorch, where state is keyed by the parameter object; its shape may differ, too.
///
/// Each name also gets a position (in the order names were first seen) where an optimizer can keep its state
/// without hashing the name. A model visits its parameters in the same order every step, so the name after
/// the last one claimed (or the first, at a new step) is tried before the table: hashing a name cost about as
/// much as a small parameter's whole update.
struct StateOwners {
    private var entries: [(name: String, identity: ObjectIdentifier?, shape: [Int])] = []
    private var positions: [String: Int] = [:]
    private var next = 0

    /// Records `parameter` as the owner of `name`'s state. Returns the name's position and whether the state
    /// held so far belonged to another parameter (or, for a tensor that is not a parameter, to another shape)
    /// and must be dropped.
    mutating func claim(_ name: String, for parameter: Tensor) -> (position: Int, isNewOwner: Bool) {
        let identity = parameter.slot.map(ObjectIdentifier.init)
        let position: Int
        if next < entries.count && entries[next].name == name {
            position = next
        } else if entries.first?.name == name {
            position = 0
        } else if let known = positions[name] {
            position = known
        } else {
            positions[name] = entries.count
            entries.append((name, identity, parameter.shape))
            next = entries.count
            return (entries.count - 1, false)
        }
        next = position + 1
        if entries[position].identity == identity && entries[position].shape == parameter.shape { return (position, false) }
        (entries[position].identity, entries[position].shape) = (identity, parameter.shape)
        return (position, true)
    }

    /// The name at `position`.
    func name(at position: Int) -> String { entries[position].name }
}
