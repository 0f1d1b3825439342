import Foundation

/// The memory behind a tensor: a contiguous run of `Float`s, 64-byte aligned unless it is tiny.
///
/// `Tensor` is a value type that shares one `TensorStorage` between copies and copies it only when a shared
/// copy is written (copy on write). Hot loops work on the raw pointer, never on an array.
final class TensorStorage: @unchecked Sendable {
    /// The first element; 64-byte aligned (from 64 elements up) so SIMD loads never split a cache line.
    let base: UnsafeMutablePointer<Float>
    /// The number of elements.
    let count: Int

    /// Allocates `count` elements without initializing them (reusing a freed buffer of the same size when
    /// the pool holds one).
    init(uninitializedCount count: Int) {
        self.count = count
        base = StoragePool.take(count) ?? StoragePool.allocate(count)
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

    deinit { StoragePool.give(base, count: count) }

    /// The elements as a buffer.
    var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: base, count: count) }
}

/// Freed tensor buffers kept for reuse, by exact element count.
///
/// A training step makes the same shapes step after step. Without reuse, every large buffer came fresh from
/// the system (glibc serves them with `mmap`), and the first write to each page faulted: page faults took
/// about 15 % of an MLP step. Small buffers skip the pool: malloc serves them from memory it already holds.
/// The pool is shared by all threads (a tensor may be freed on another thread than made it) and bounded, so
/// a program that stops training gives most of its memory back.
enum StoragePool {
    /// Buffers smaller than this many elements (16 KB) go straight to and from the allocator.
    static let minimumCount = 4096
    /// Buffers smaller than this many elements (256 bytes) are 16-byte aligned, the rest 64.
    static let smallCount = 64
    /// At most this many bytes are kept, and at most `perSize` buffers of one size.
    static let capacityBytes = 256 << 20
    static let perSize = 16

    private static let lock = NSLock()
    nonisolated(unsafe) private static var free: [Int: [UnsafeMutablePointer<Float>]] = [:]
    nonisolated(unsafe) private static var heldBytes = 0

    static func allocate(_ count: Int) -> UnsafeMutablePointer<Float> {
        // A 64-byte alignment costs an aligned allocation (posix_memalign, about three times malloc's work):
        // worth it for rows that SIMD loops stream through, not for a scalar or a bias of a few values.
        let alignment = count >= smallCount ? 64 : 16
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * MemoryLayout<Float>.stride, alignment: alignment)
        return raw.bindMemory(to: Float.self, capacity: max(count, 1))
    }

    /// A pooled buffer of exactly `count` elements, or nil.
    static func take(_ count: Int) -> UnsafeMutablePointer<Float>? {
        if count < minimumCount { return nil }
        lock.lock()
        defer { lock.unlock() }
        guard let buffer = free[count]?.popLast() else { return nil }
        heldBytes -= count * MemoryLayout<Float>.stride
        return buffer
    }

    /// Keeps `buffer` for reuse, or frees it when it is small or the pool is full.
    static func give(_ buffer: UnsafeMutablePointer<Float>, count: Int) {
        if count >= minimumCount {
            let bytes = count * MemoryLayout<Float>.stride
            lock.lock()
            if heldBytes + bytes <= capacityBytes, free[count, default: []].count < perSize {
                free[count, default: []].append(buffer)
                heldBytes += bytes
                lock.unlock()
                return
            }
            lock.unlock()
        }
        buffer.deallocate()
    }
}
