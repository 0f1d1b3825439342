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
struct StateOwners {
    private var owners: [String: (identity: ObjectIdentifier?, shape: [Int])] = [:]

    /// Records `parameter` as the owner of `name`'s state; true when the state held so far belonged to
    /// another parameter (or, for a tensor that is not a parameter, to another shape) and must be dropped.
    mutating func claim(_ name: String, for parameter: Tensor) -> Bool {
        let identity = parameter.slot.map(ObjectIdentifier.init)
        // One lookup, and no write while the owner stays the same (every step but the first): each hash of
        // the name costs about as much as a small parameter's whole update.
        guard let index = owners.index(forKey: name) else {
            owners[name] = (identity, parameter.shape)
            return false
        }
        let previous = owners.values[index]
        if previous.identity == identity && previous.shape == parameter.shape { return false }
        owners.values[index] = (identity, parameter.shape)
        return true
    }
}
