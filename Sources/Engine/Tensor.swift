/// An n-dimensional array of `Float` values in contiguous row-major order, with reverse-mode autograd.
///
/// `Tensor` is a value: copies share one storage until one of them is written (copy on write). A tensor made
/// from tensors that require gradients records how it was made, so `backward()` can send gradients back.
///
/// ```swift
/// var rng = SeededGenerator(seed: 42)
/// let w = Tensor.randn([3, 2], using: &rng).requiringGrad()
/// let x = Tensor([[1, 2, 3]])
/// let loss = x.matmul(w).relu().sum()
/// loss.backward()
/// print(w.grad!)   // d loss / d w, shape [3, 2]
/// ```
public struct Tensor {
    /// The size of each dimension; `[]` for a scalar.
    public internal(set) var shape: [Int]
    var storage: TensorStorage
    /// This tensor's node on its thread's tape, valid only while the tape's epoch is `epoch`.
    var node: Int32 = -1
    var epoch: UInt32 = 0
    /// Set on leaf tensors that require gradients (parameters); copies share it, and so share `grad`.
    var slot: GradientSlot?

    init(shape: [Int], storage: TensorStorage) {
        self.shape = shape
        self.storage = storage
    }

    /// A tensor of the given shape whose elements are not yet initialized; kernels fill it.
    init(uninitializedShape shape: [Int]) {
        self.init(shape: shape, storage: TensorStorage(uninitializedCount: shape.reduce(1, *)))
    }

    /// A tensor with the given elements in row-major order.
    /// - Precondition: `scalars.count` equals the product of `shape`.
    public init(_ scalars: [Float], shape: [Int]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor(_:shape:): negative dimension in shape \(shape)")
        precondition(scalars.count == shape.reduce(1, *),
                     "Tensor(_:shape:): \(scalars.count) values do not fill shape \(shape)")
        self.init(shape: shape, storage: scalars.withUnsafeBufferPointer { TensorStorage(copying: $0) })
    }

    /// A one-dimensional tensor.
    public init(_ scalars: [Float]) { self.init(scalars, shape: [scalars.count]) }

    /// A scalar (rank 0) tensor.
    public init(_ scalar: Float) { self.init(shape: [], storage: TensorStorage(count: 1, repeating: scalar)) }

    /// A matrix from its rows. - Precondition: all rows have the same length.
    public init(_ rows: [[Float]]) {
        let width = rows.first?.count ?? 0
        precondition(rows.allSatisfy { $0.count == width }, "Tensor(_ rows:): rows have different lengths")
        self.init(rows.flatMap { $0 }, shape: [rows.count, width])
    }

    /// A tensor of the given shape with every element equal to `value`.
    public init(shape: [Int], repeating value: Float) {
        precondition(shape.allSatisfy { $0 >= 0 }, "Tensor(shape:repeating:): negative dimension in shape \(shape)")
        self.init(shape: shape, storage: TensorStorage(count: shape.reduce(1, *), repeating: value))
    }

    /// The number of elements.
    public var count: Int { storage.count }
    /// The number of dimensions.
    public var rank: Int { shape.count }

    /// The elements in row-major order.
    public var scalars: [Float] { Array(UnsafeBufferPointer(storage.buffer)) }

    /// The only element of a one-element tensor (PyTorch's `item()`).
    public var item: Float {
        precondition(count == 1, "item: tensor of shape \(shape) has \(count) elements, not 1")
        return storage.base[0]
    }

    /// The element at a full index, one integer per dimension.
    public subscript(_ index: Int...) -> Float {
        get { storage.base[offset(of: index)] }
        set {
            let at = offset(of: index)
            makeUnique()
            storage.base[at] = newValue
        }
    }

    private func offset(of index: [Int]) -> Int {
        precondition(index.count == rank, "subscript: \(index.count) indices for a tensor of shape \(shape)")
        var offset = 0
        for (i, (position, size)) in zip(index, shape).enumerated() {
            precondition(position >= 0 && position < size, "subscript: index \(position) out of range for dimension \(i) of shape \(shape)")
            offset = offset * size + position
        }
        return offset
    }

    /// Copies the storage if another tensor shares it, so that writing to it cannot change that tensor.
    mutating func makeUnique() {
        if !isKnownUniquelyReferenced(&storage) {
            storage = TensorStorage(copying: UnsafeBufferPointer(storage.buffer))
        }
    }

    /// Read access to the elements.
    @inline(__always)
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Float>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(storage.buffer))
    }

    /// Write access to the elements (copying them first if they are shared). Not recorded by autograd.
    @inline(__always)
    public mutating func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Float>) throws -> R) rethrows -> R {
        makeUnique()
        return try body(storage.buffer)
    }
}

extension Tensor: CustomStringConvertible {
    /// The values, nested by dimension like NumPy's printing, followed by the shape when it is not a scalar.
    public var description: String {
        if rank == 0 { return formatScalar(storage.base[0]) }
        if count > 1000 { return "Tensor(shape: \(shape))" }
        var text = ""
        func write(dimension: Int, offset: Int) {
            if dimension == rank - 1 {
                text += "[" + (0..<shape[dimension]).map { formatScalar(storage.base[offset + $0]) }.joined(separator: ", ") + "]"
                return
            }
            let stride = shape[(dimension + 1)...].reduce(1, *)
            text += "["
            for i in 0..<shape[dimension] {
                if i > 0 { text += ",\n" + String(repeating: " ", count: dimension + 1) }
                write(dimension: dimension + 1, offset: offset + i * stride)
            }
            text += "]"
        }
        write(dimension: 0, offset: 0)
        return text
    }
}

private func formatScalar(_ value: Float) -> String {
    if value == value.rounded() && abs(value) < 1e7 { return String(Int(value)) + "." }
    return "\(value)"
}

extension Tensor: Equatable {
    /// Same shape and the same element values (gradients and history are ignored).
    public static func == (lhs: Tensor, rhs: Tensor) -> Bool {
        lhs.shape == rhs.shape && lhs.withUnsafeBufferPointer { a in rhs.withUnsafeBufferPointer { b in a.elementsEqual(b) } }
    }
}
