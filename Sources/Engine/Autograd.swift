import Foundation

/// The shared gradient of a leaf tensor that requires gradients (a parameter).
final class GradientSlot {
    /// The accumulated gradient, or nil when zeroed.
    var grad: Tensor?
    /// This leaf's node on the tape, valid for one tape epoch, so each leaf is recorded once per graph.
    var node: Int32 = -1
    var epoch: UInt32 = 0
}

/// The tape indices of an operation's inputs, -1 for inputs that need no gradient. Up to three (every
/// operation but concatenation, stacking, convolution and batch normalization) are held inline: an array per
/// node cost an allocation and its release at every operation of every step.
struct NodeInputs {
    private var inline: (Int32, Int32, Int32) = (-1, -1, -1)
    private var overflow: [Int32]?
    /// The number of inputs.
    private(set) var count = 0

    init() {}
    init(_ a: Int32) { (inline.0, count) = (a, 1) }
    init(_ a: Int32, _ b: Int32) { (inline.0, inline.1, count) = (a, b, 2) }
    init(_ a: Int32, _ b: Int32, _ c: Int32) { (inline, count) = ((a, b, c), 3) }
    init(_ indices: [Int32]) { (overflow, count) = (indices, indices.count) }

    /// The tape index of input `i`.
    subscript(i: Int) -> Int32 {
        if let overflow { return overflow[i] }
        switch i {
        case 0: return inline.0
        case 1: return inline.1
        default: return inline.2
        }
    }
}

/// One recorded operation: the nodes of its inputs and how to turn its output's gradient into theirs.
struct TapeNode {
    /// Tape indices of the inputs, -1 for inputs that need no gradient.
    var inputs: NodeInputs
    /// Given d(loss)/d(output), returns d(loss)/d(input) for each input (nil where not needed). It owns the
    /// gradient it is given, so it may write its result over it (ReLU's mask does).
    var backward: ((consuming Tensor) -> [Tensor?])?
    /// Set on leaf nodes: where the gradient accumulates.
    var slot: GradientSlot?
}

/// The record of operations made on one thread since the last `backward()`.
///
/// Nodes live in one array and refer to their inputs by index, never by reference: a chain of thousands of
/// parent-linked objects costs an allocation each and overflowed the stack when released, while an array of
/// structs costs a tenth and frees flat. A node is always appended after its inputs, so the array order is
/// already a topological order and `backward()` is one loop from the output down, with no recursion.
final class Tape {
    var nodes: [TapeNode] = []
    var epoch: UInt32 = Tape.nextEpoch()
    /// False inside `noGrad`.
    var isRecording = true

    private static let epochLock = NSLock()
    nonisolated(unsafe) private static var epochCounter: UInt32 = 0

    /// A number no other tape on any thread has used, so stale node indices are never mistaken for live ones.
    static func nextEpoch() -> UInt32 {
        epochLock.lock()
        defer { epochLock.unlock() }
        epochCounter &+= 1
        return epochCounter
    }

    /// Forgets the graph (PyTorch frees it after `backward()` the same way).
    func reset() {
        nodes.removeAll(keepingCapacity: true)
        epoch = Tape.nextEpoch()
    }

    /// The node index of `tensor` on this tape, recording a leaf node for a parameter's first use; -1 if the
    /// tensor needs no gradient.
    func index(of tensor: Tensor) -> Int32 {
        if tensor.node >= 0 && tensor.epoch == epoch { return tensor.node }
        guard let slot = tensor.slot else { return -1 }
        if slot.node >= 0 && slot.epoch == epoch { return slot.node }
        slot.node = Int32(nodes.count)
        slot.epoch = epoch
        nodes.append(TapeNode(inputs: NodeInputs(), backward: nil, slot: slot))
        return slot.node
    }
}

extension Tensor {
    /// Whether operations on this tensor are recorded for `backward()`: true for leaves marked with
    /// `requiresGrad` and for results of operations on them (outside `noGrad`).
    public var requiresGrad: Bool {
        get { slot != nil || (node >= 0 && epoch == ThreadContext.current.tape.epoch) }
        set {
            node = -1
            slot = newValue ? (slot ?? GradientSlot()) : nil
        }
    }

    /// This tensor as a leaf that requires gradients (PyTorch's `requires_grad_()`).
    public func requiringGrad() -> Tensor {
        var copy = self
        copy.requiresGrad = true
        return copy
    }

    /// The gradient accumulated by `backward()` into this leaf; nil before the first backward or after
    /// `zeroGrad()`. Copies of a leaf share it.
    public var grad: Tensor? {
        get { slot?.grad }
        nonmutating set {
            precondition(slot != nil || newValue == nil, "grad: only a tensor that requires gradients has one")
            slot?.grad = newValue
        }
    }

    /// Clears the accumulated gradient (PyTorch's `zero_grad(set_to_none=True)`).
    public func zeroGrad() { slot?.grad = nil }

    /// The same values, cut off from the graph: no gradient flows through the result.
    public func detach() -> Tensor { Tensor(shape: shape, storage: storage) }

    /// Records this tensor as the output of an operation on `inputs`, if any of them requires gradients.
    /// Call only when `Tensor.isRecording(inputs)` is true. `backward` returns one gradient per input, in order.
    mutating func record(_ inputs: [Tensor], backward: @escaping (consuming Tensor) -> [Tensor?]) {
        let tape = ThreadContext.current.tape
        append(to: tape, inputs: NodeInputs(inputs.map { tape.index(of: $0) }), backward: backward)
    }

    // The same for one, two and three inputs, with no array of them: each tensor in an array is a retain and a
    // release per part, at every operation.

    /// Records this tensor as the output of an operation on `a`.
    mutating func record(_ a: Tensor, backward: @escaping (consuming Tensor) -> [Tensor?]) {
        ThreadContext.withCurrent { append(to: $0.tape, inputs: NodeInputs($0.tape.index(of: a)), backward: backward) }
    }

    /// Records this tensor as the output of an operation on `a` and `b`.
    mutating func record(_ a: Tensor, _ b: Tensor, backward: @escaping (consuming Tensor) -> [Tensor?]) {
        ThreadContext.withCurrent { record(on: $0.tape, a, b, backward: backward) }
    }

    /// Records this tensor as the output of an operation on `a` and `b`, on the thread's `tape`.
    mutating func record(on tape: Tape, _ a: Tensor, _ b: Tensor, backward: @escaping (consuming Tensor) -> [Tensor?]) {
        append(to: tape, inputs: NodeInputs(tape.index(of: a), tape.index(of: b)), backward: backward)
    }

    /// Records this tensor as the output of an operation on `a`, `b` and `c`, on the thread's `tape`.
    mutating func record(on tape: Tape, _ a: Tensor, _ b: Tensor, _ c: Tensor, backward: @escaping (consuming Tensor) -> [Tensor?]) {
        append(to: tape, inputs: NodeInputs(tape.index(of: a), tape.index(of: b), tape.index(of: c)), backward: backward)
    }

    /// Records this tensor as the output of an operation on `a`, `b` and `c`.
    mutating func record(_ a: Tensor, _ b: Tensor, _ c: Tensor, backward: @escaping (consuming Tensor) -> [Tensor?]) {
        ThreadContext.withCurrent { record(on: $0.tape, a, b, c, backward: backward) }
    }

    private mutating func append(to tape: Tape, inputs: NodeInputs, backward: @escaping (consuming Tensor) -> [Tensor?]) {
        node = Int32(tape.nodes.count)
        epoch = tape.epoch
        tape.nodes.append(TapeNode(inputs: inputs, backward: backward, slot: nil))
    }

    /// Whether this tensor is a parameter or the result of an operation recorded on `tape`.
    @inline(__always)
    func isTracked(on tape: Tape) -> Bool { slot != nil || (node >= 0 && epoch == tape.epoch) }

    // Whether an operation on its inputs must be recorded. Fixed arities rather than variadic `Tensor...`,
    // which built an array of the inputs (an allocation and a retain per input) at every operation; and a
    // constant (no slot, never recorded) is answered without looking up the thread's tape.

    /// Whether an operation on `a` must be recorded.
    @inline(__always)
    static func isRecording(_ a: Tensor) -> Bool {
        if a.slot == nil && a.node < 0 { return false }
        return ThreadContext.withCurrent { $0.tape.isRecording && a.isTracked(on: $0.tape) }
    }

    /// Whether an operation on `a` and `b` must be recorded.
    @inline(__always)
    static func isRecording(_ a: Tensor, _ b: Tensor) -> Bool {
        if a.slot == nil && a.node < 0 && b.slot == nil && b.node < 0 { return false }
        return ThreadContext.withCurrent { $0.tape.isRecording && (a.isTracked(on: $0.tape) || b.isTracked(on: $0.tape)) }
    }

    /// Whether an operation on `a`, `b` and `c` must be recorded.
    @inline(__always)
    static func isRecording(_ a: Tensor, _ b: Tensor, _ c: Tensor) -> Bool {
        ThreadContext.withCurrent { $0.tape.isRecording && (a.isTracked(on: $0.tape) || b.isTracked(on: $0.tape) || c.isTracked(on: $0.tape)) }
    }

    /// Computes the gradient of this tensor with respect to every leaf that requires gradients, adding it to
    /// their `grad`; then frees the graph unless `retainGraph`.
    /// - Parameter gradient: d(loss)/d(self); defaults to ones, which for a scalar loss is the usual seed.
    public func backward(gradient: Tensor? = nil, retainGraph: Bool = false) {
        let tape = ThreadContext.current.tape
        let seed = gradient ?? Tensor(shape: shape, repeating: 1)
        precondition(seed.shape == shape, "backward: gradient of shape \(seed.shape) for a tensor of shape \(shape)")
        if let slot, node < 0 || epoch != tape.epoch {
            slot.grad = slot.grad.map { $0 + seed } ?? seed
            return
        }
        precondition(node >= 0 && epoch == tape.epoch,
                     "backward: this tensor does not require gradients (no input required them, it was made in noGrad, or its graph was freed by an earlier backward)")
        var grads = [Tensor?](repeating: nil, count: Int(node) + 1)
        grads[Int(node)] = seed
        // The nodes are moved out of the tape for the walk (nothing is recorded inside `noGrad`), so reading
        // one costs no access check on the tape. Gradients are moved, never copied: each copy of a tensor is
        // a retain and a release per part. Unless the graph is kept, each node's backward is dropped once run,
        // which frees the tensors it kept at once: a later step of the walk then reuses their memory while it
        // is still in cache, as PyTorch frees saved tensors during its backward.
        var nodes: [TapeNode] = []
        swap(&nodes, &tape.nodes)
        noGrad {
            for index in stride(from: Int(node), through: 0, by: -1) {
                guard let outputGrad = grads[index].take() else { continue }
                if let slot = nodes[index].slot {
                    if slot.grad == nil { slot.grad = consume outputGrad } else { slot.grad!.addInPlace(outputGrad) }
                    continue
                }
                guard let backward = retainGraph ? nodes[index].backward : nodes[index].backward.take() else { continue }
                var inputGrads = backward(consume outputGrad)
                let inputs = nodes[index].inputs
                for position in 0..<Swift.min(inputGrads.count, inputs.count) {
                    let input = Int(inputs[position])
                    guard input >= 0, let inputGrad = inputGrads[position].take() else { continue }
                    if grads[input] == nil { grads[input] = consume inputGrad } else { grads[input]!.addInPlace(inputGrad) }
                }
            }
        }
        swap(&nodes, &tape.nodes)
        if !retainGraph { tape.reset() }
    }

    /// Adds `other` (same shape) into this tensor's storage, copying it first if shared. Not recorded.
    mutating func addInPlace(_ other: Tensor) {
        precondition(shape == other.shape, "gradient accumulation: shape \(other.shape) into \(shape)")
        makeUnique()
        let target = storage.base
        other.withUnsafeBufferPointer { source in
            for i in 0..<source.count { target[i] += source[i] }
        }
    }
}

/// Runs `body` without recording operations for autograd: for evaluation and for optimizer updates
/// (PyTorch's `torch.no_grad()`).
public func noGrad<T>(_ body: () throws -> T) rethrows -> T {
    let tape = ThreadContext.current.tape
    let was = tape.isRecording
    tape.isRecording = false
    defer { tape.isRecording = was }
    return try body()
}

/// Whether operations on this thread are being recorded (false inside `noGrad`).
public var isGradEnabled: Bool { ThreadContext.current.tape.isRecording }
