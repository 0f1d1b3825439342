/// The memory behind a tensor: a contiguous, 64-byte aligned run of `Float`s.
///
/// `Tensor` is a value type that shares one `TensorStorage` between copies and copies it only when a shared
/// copy is written (copy on write). Hot loops work on the raw pointer, never on an array.
final class TensorStorage: @unchecked Sendable {
    /// The first element; 64-byte aligned so SIMD loads never split a cache line.
    let base: UnsafeMutablePointer<Float>
    /// The number of elements.
    let count: Int

    /// Allocates `count` elements without initializing them.
    init(uninitializedCount count: Int) {
        self.count = count
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Float>.stride, alignment: 64)
        base = raw.bindMemory(to: Float.self, capacity: max(count, 1))
    }

    /// Allocates `count` elements all equal to `value`.
    convenience init(count: Int, repeating value: Float) {
        self.init(uninitializedCount: count)
        base.initialize(repeating: value, count: count)
    }

    /// Allocates a copy of `source`.
    convenience init(copying source: UnsafeBufferPointer<Float>) {
        self.init(uninitializedCount: source.count)
        if let from = source.baseAddress { base.initialize(from: from, count: source.count) }
    }

    deinit { base.deallocate() }

    /// The elements as a buffer.
    var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: base, count: count) }
}
