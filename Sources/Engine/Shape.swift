// Operations that move elements around: reshape, transpose and permute, squeeze/unsqueeze, slicing,
// concatenation and stacking, and picking elements by integer index. Each backward sends every gradient
// element back to where its value came from.

extension Tensor {
    /// The same elements in a new shape; one dimension may be -1 to be inferred.
    public func reshape(_ newShape: [Int]) -> Tensor {
        var target = newShape
        if let unknown = newShape.firstIndex(of: -1) {
            let known = newShape.enumerated().filter { $0.offset != unknown }.reduce(1) { $0 * $1.element }
            precondition(known > 0 && count % known == 0, "reshape: cannot reshape \(shape) into \(newShape)")
            target[unknown] = count / known
        }
        precondition(target.allSatisfy { $0 >= 0 } && target.reduce(1, *) == count,
                     "reshape: cannot reshape \(shape) (\(count) elements) into \(newShape)")
        var out = Tensor(shape: target, storage: storage)
        if Tensor.isRecording(self) {
            let shape = self.shape
            out.record(self) { g in [g.reshape(shape)] }
        }
        return out
    }

    /// Flattens dimensions `startDim…` into one (by default all but the batch dimension, like `nn.Flatten`).
    public func flatten(startDim: Int = 1) -> Tensor {
        let start = normalizedAxis(startDim, operation: "flatten")
        return reshape(Array(shape[..<start]) + [shape[start...].reduce(1, *)])
    }

    /// Inserts a dimension of size 1 at `axis`.
    public func unsqueeze(_ axis: Int) -> Tensor {
        var newShape = shape
        newShape.insert(1, at: normalizedAxis(axis, operation: "unsqueeze", rank: 1))
        return reshape(newShape)
    }

    /// Removes the dimension of size 1 at `axis`.
    public func squeeze(_ axis: Int) -> Tensor {
        let a = normalizedAxis(axis, operation: "squeeze")
        precondition(shape[a] == 1, "squeeze: dimension \(axis) of shape \(shape) is \(shape[a]), not 1")
        var newShape = shape
        newShape.remove(at: a)
        return reshape(newShape)
    }

    /// Removes every dimension of size 1.
    public func squeeze() -> Tensor { reshape(shape.filter { $0 != 1 }) }

    /// The dimensions reordered: dimension `i` of the result is dimension `axes[i]` of this tensor.
    public func permute(_ axes: [Int]) -> Tensor {
        let axes = axes.map { normalizedAxis($0, operation: "permute") }
        precondition(axes.count == rank && Set(axes).count == rank, "permute: \(axes) is not a permutation of the axes of \(shape)")
        let newShape = axes.map { shape[$0] }
        var out = Tensor(uninitializedShape: newShape)
        var inputStrides = [Int](repeating: 1, count: rank)
        for i in stride(from: rank - 2, through: 0, by: -1) { inputStrides[i] = inputStrides[i + 1] * shape[i + 1] }
        let strides = axes.map { inputStrides[$0] }
        let (px, po) = (storage.base, out.storage.base)
        if rank == 2 {
            let (rows, columns) = (newShape[0], newShape[1])
            for i in 0..<rows { for j in 0..<columns { po[i * columns + j] = px[i * strides[0] + j * strides[1]] } }
        } else if count > 0 {
            var index = [Int](repeating: 0, count: rank)
            var from = 0
            for o in 0..<count {
                po[o] = px[from]
                var d = rank - 1
                while d >= 0 {
                    index[d] += 1
                    from += strides[d]
                    if index[d] < newShape[d] { break }
                    from -= strides[d] * newShape[d]
                    index[d] = 0
                    d -= 1
                }
            }
        }
        if Tensor.isRecording(self) {
            var inverse = [Int](repeating: 0, count: rank)
            for (i, a) in axes.enumerated() { inverse[a] = i }
            out.record(self) { g in [g.permute(inverse)] }
        }
        return out
    }

    /// Swaps two dimensions.
    public func transpose(_ axis0: Int, _ axis1: Int) -> Tensor {
        var axes = Array(0..<rank)
        axes.swapAt(normalizedAxis(axis0, operation: "transpose"), normalizedAxis(axis1, operation: "transpose"))
        return permute(axes)
    }

    /// The transpose of a matrix (PyTorch's `.T` for 2-D tensors).
    public var T: Tensor {
        precondition(rank == 2, "T: expects a matrix, got shape \(shape)")
        return transpose(0, 1)
    }

    /// The elements whose index along `axis` lies in `range` (PyTorch's `narrow`, NumPy's `x[a:b]`).
    public func slice(_ range: Range<Int>, axis: Int = 0) -> Tensor {
        let a = normalizedAxis(axis, operation: "slice")
        precondition(range.lowerBound >= 0 && range.upperBound <= shape[a],
                     "slice: range \(range) is out of bounds for dimension \(a) of shape \(shape)")
        let (outer, n, inner) = split(at: a)
        var newShape = shape
        newShape[a] = range.count
        var out = Tensor(uninitializedShape: newShape)
        let (px, po) = (storage.base, out.storage.base)
        let chunk = range.count * inner
        for o in 0..<outer { (po + o * chunk).update(from: px + (o * n + range.lowerBound) * inner, count: chunk) }
        if Tensor.isRecording(self) {
            let shape = self.shape
            out.record(self) { g in
                let grad = Tensor.zeros(shape)
                let (pg, pd) = (g.storage.base, grad.storage.base)
                for o in 0..<outer { (pd + (o * n + range.lowerBound) * inner).update(from: pg + o * chunk, count: chunk) }
                return [grad]
            }
        }
        return out
    }

    /// Joins tensors along an existing axis; their other dimensions must match (PyTorch's `cat`).
    public static func concatenate(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        precondition(!tensors.isEmpty, "concatenate: no tensors")
        let first = tensors[0]
        let a = first.normalizedAxis(axis, operation: "concatenate")
        for t in tensors {
            var (x, y) = (t.shape, first.shape)
            precondition(x.count == y.count, "concatenate: shapes \(y) and \(x) have different ranks")
            (x[a], y[a]) = (0, 0)
            precondition(x == y, "concatenate: shapes \(first.shape) and \(t.shape) differ outside axis \(a)")
        }
        let sizes = tensors.map { $0.shape[a] }
        var newShape = first.shape
        newShape[a] = sizes.reduce(0, +)
        var out = Tensor(uninitializedShape: newShape)
        let (outer, total, inner) = out.split(at: a)
        var offset = 0
        for (t, size) in zip(tensors, sizes) {
            let (px, po) = (t.storage.base, out.storage.base)
            for o in 0..<outer { (po + (o * total + offset) * inner).update(from: px + o * size * inner, count: size * inner) }
            offset += size
        }
        if isRecording(tensors) {
            out.record(tensors) { g in
                var start = 0
                return sizes.map { size in
                    defer { start += size }
                    return g.slice(start..<(start + size), axis: a)
                }
            }
        }
        return out
    }

    /// Joins tensors of one shape along a new axis.
    public static func stack(_ tensors: [Tensor], axis: Int = 0) -> Tensor {
        precondition(!tensors.isEmpty, "stack: no tensors")
        precondition(tensors.allSatisfy { $0.shape == tensors[0].shape }, "stack: shapes differ: \(tensors.map(\.shape))")
        return concatenate(tensors.map { $0.unsqueeze(axis) }, axis: axis)
    }

    /// The rows (entries along axis 0) at `indices`, in that order, repeats allowed (PyTorch's
    /// `index_select(0, …)`); how a data loader makes a batch.
    public func indexSelect(_ indices: [Int]) -> Tensor {
        precondition(rank >= 1, "indexSelect: needs at least one dimension, got shape \(shape)")
        let rows = shape[0]
        let width = count / Swift.max(rows, 1)
        var newShape = shape
        newShape[0] = indices.count
        var out = Tensor(uninitializedShape: newShape)
        let (px, po) = (storage.base, out.storage.base)
        for (i, index) in indices.enumerated() {
            precondition(index >= 0 && index < rows, "indexSelect: index \(index) is out of range for shape \(shape)")
            (po + i * width).update(from: px + index * width, count: width)
        }
        if Tensor.isRecording(self) {
            let shape = self.shape
            out.record(self) { g in
                let grad = Tensor.zeros(shape)
                let (pg, pd) = (g.storage.base, grad.storage.base)
                for (i, index) in indices.enumerated() { for j in 0..<width { pd[index * width + j] += pg[i * width + j] } }
                return [grad]
            }
        }
        return out
    }

    /// For a matrix of shape [n, c] and n integer labels, the n elements `self[i, labels[i]]` (PyTorch's
    /// `gather(1, labels.unsqueeze(1)).squeeze(1)`).
    public func gather(_ labels: [Int]) -> Tensor {
        precondition(rank == 2 && labels.count == shape[0],
                     "gather: expects a matrix [n, c] and n labels, got shape \(shape) and \(labels.count) labels")
        let columns = shape[1]
        var out = Tensor(uninitializedShape: [labels.count])
        let (px, po) = (storage.base, out.storage.base)
        for (i, label) in labels.enumerated() {
            precondition(label >= 0 && label < columns, "gather: label \(label) is out of range for \(columns) classes")
            po[i] = px[i * columns + label]
        }
        if Tensor.isRecording(self) {
            let shape = self.shape
            out.record(self) { g in
                let grad = Tensor.zeros(shape)
                let (pg, pd) = (g.storage.base, grad.storage.base)
                for (i, label) in labels.enumerated() { pd[i * columns + label] = pg[i] }
                return [grad]
            }
        }
        return out
    }

    static func isRecording(_ inputs: [Tensor]) -> Bool {
        let tape = ThreadContext.current.tape
        return tape.isRecording && inputs.contains { $0.isTracked(on: tape) }
    }
}
