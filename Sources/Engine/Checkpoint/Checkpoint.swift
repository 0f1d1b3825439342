import Foundation

/// A checkpoint that cannot be read, written or loaded into a model, with what to do about it.
public enum CheckpointError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// The bytes are not a valid safetensors file.
    case malformed(reason: String)
    /// A tensor's element type is not one the engine reads.
    case unsupportedType(name: String, dtype: String)
    /// The file could not be read or written.
    case io(path: String, reason: String)
    /// The model has a tensor the checkpoint lacks.
    case missing(names: [String])
    /// The checkpoint has tensors the model lacks.
    case unexpected(names: [String])
    /// A tensor's shape differs between the model and the checkpoint.
    case shapeMismatch(name: String, model: [Int], checkpoint: [Int])
    /// Any of the above, in a named file.
    indirect case inFile(path: String, error: CheckpointError)

    func at(_ path: String) -> CheckpointError { .inFile(path: path, error: self) }

    /// What went wrong and what to do.
    public var description: String {
        switch self {
        case .malformed(let reason): return "not a safetensors file: \(reason)"
        case .unsupportedType(let name, let dtype):
            return "tensor '\(name)' has element type \(dtype); the engine reads F32, F64, BF16, I64 and I32 (convert it with tensor.float() in Python)"
        case .io(let path, let reason): return "\(path): \(reason)"
        case .missing(let names): return "the checkpoint lacks \(names.joined(separator: ", ")) (load with strict: false to keep the model's own)"
        case .unexpected(let names): return "the model has no \(names.joined(separator: ", ")) (load with strict: false to ignore them)"
        case .shapeMismatch(let name, let model, let checkpoint):
            return "'\(name)' is \(checkpoint) in the checkpoint but \(model) in the model: build the model with the checkpoint's sizes, load, then replace the layer"
        case .inFile(let path, let error): return "\(path): \(error)"
        }
    }

    /// The description, for `localizedDescription`.
    public var errorDescription: String? { description }
}

/// What a non-strict load left out.
public struct LoadReport: Equatable, Sendable {
    /// Model tensors the checkpoint lacked, which kept their values.
    public var missing: [String]
    /// Checkpoint tensors the model lacks, which were ignored.
    public var unexpected: [String]
}

extension Module {
    /// Every parameter and buffer by name (PyTorch's `state_dict()`), e.g. "0.weight", "1.running_var".
    public var stateDict: [String: Tensor] {
        var copy = self
        var result: [String: Tensor] = [:]
        copy.visitTensors { name, _, tensor in result[name] = tensor.detach() }
        return result
    }

    /// Copies the values of `stateDict` into this model's tensors, keeping them parameters (PyTorch's
    /// `load_state_dict`). Shapes must match; with `strict`, so must the sets of names.
    @discardableResult
    public mutating func loadStateDict(_ stateDict: [String: Tensor], strict: Bool = true) throws -> LoadReport {
        let own = self.stateDict
        let report = LoadReport(missing: own.keys.filter { stateDict[$0] == nil }.sorted(),
                                unexpected: stateDict.keys.filter { own[$0] == nil }.sorted())
        if strict && !report.missing.isEmpty { throw CheckpointError.missing(names: report.missing) }
        if strict && !report.unexpected.isEmpty { throw CheckpointError.unexpected(names: report.unexpected) }
        for (name, tensor) in own.sorted(by: { $0.key < $1.key }) {
            if let loaded = stateDict[name], loaded.shape != tensor.shape {
                throw CheckpointError.shapeMismatch(name: name, model: tensor.shape, checkpoint: loaded.shape)
            }
        }
        visitTensors { name, _, tensor in
            guard let loaded = stateDict[name] else { return }
            loaded.withUnsafeBufferPointer { source in
                tensor.withUnsafeMutableBufferPointer { target in _ = target.update(fromContentsOf: source) }
            }
        }
        return report
    }

    /// Saves every parameter and buffer to a safetensors file that PyTorch loads with
    /// `model.load_state_dict(safetensors.torch.load_file(path))` when the architectures match.
    public func save(to url: URL, metadata: [String: String] = [:]) throws {
        try SafeTensors.save(stateDict, metadata: metadata, to: url)
    }

    /// Loads parameters and buffers saved by `save(to:)` (or by Python's `safetensors`).
    @discardableResult
    public mutating func load(from url: URL, strict: Bool = true) throws -> LoadReport {
        let tensors = try SafeTensors.load(from: url).tensors
        do { return try loadStateDict(tensors, strict: strict) } catch let error as CheckpointError { throw error.at(url.path) }
    }

    /// Stops (or restarts) gradients for every parameter, as when a pretrained backbone is frozen for
    /// fine-tuning (PyTorch's `requires_grad_(False)`): optimizers then leave those parameters alone.
    public mutating func setRequiresGrad(_ requiresGrad: Bool) {
        updateParameters { _, parameter in parameter.requiresGrad = requiresGrad }
    }
}
