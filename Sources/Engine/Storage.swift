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

/// Freed tensor buffers kept for reuse, by exact element count, in a pool per thread.
///
/// A training step makes the same shapes step after step. Without reuse, every large buffer came fresh from
/// the system (glibc serves them with `mmap`), and the first write to each page faulted: page faults took
/// about 15 % of an MLP step. Buffers of a kilobyte or more come from the pool too: glibc serves those from
/// its large-chunk path, which first consolidates its free small chunks (a 3-class output layer's [300, 3]
/// tensors and 32×32 gradients each paid for that at every step). Smaller ones skip the pool: malloc serves
/// them from memory it already holds.
/// Each thread keeps its own pool (in its `ThreadContext`), so taking or keeping a buffer is a short scan of
/// the sizes that thread has used, with no lock and no hashing: one pool shared by all threads took a lock
/// and a dictionary lookup per buffer, about 3 % of a tiny MLP's step. A buffer freed on another thread than
/// the one that made it joins the freeing thread's pool (or goes back to the allocator if that thread has
/// never used the engine, or is exiting). Pools are bounded, so a program that stops training
/// gives most of its memory back, and a thread's pool is freed when the thread exits.
enum StoragePool {
    /// Buffers smaller than this many elements (1 KB) go straight to and from the allocator.
    static let minimumCount = 256
    /// Buffers smaller than this many elements (256 bytes) are 16-byte aligned, the rest 64.
    static let smallCount = 64
    /// A thread keeps at most this many bytes, at most `perSize` buffers of one size and `sizeLimit` sizes.
    static let capacityBytes = 256 << 20
    static let perSize = 16
    static let sizeLimit = 64

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
        return ThreadContext.withCurrent { $0.buffers.take(count) }
    }

    /// Keeps `buffer` for reuse, or frees it when it is small, the pool is full, or the thread is exiting.
    static func give(_ buffer: UnsafeMutablePointer<Float>, count: Int) {
        if count >= minimumCount, ThreadContext.withExisting({ $0.buffers.keep(buffer, count: count) }) == true { return }
        buffer.deallocate()
    }
}

/// One thread's freed buffers: a stack per size, found by a linear scan (a training loop uses a handful of
/// large sizes, and a scan of a few integers costs less than hashing one).
final class BufferPool {
    private var sizes: [Int] = []
    private var stacks: [[UnsafeMutablePointer<Float>]] = []
    private var heldBytes = 0

    func take(_ count: Int) -> UnsafeMutablePointer<Float>? {
        guard let i = sizes.firstIndex(of: count), let buffer = stacks[i].popLast() else { return nil }
        heldBytes -= count * MemoryLayout<Float>.stride
        return buffer
    }

    /// Keeps `buffer`; false (keeping nothing) when the pool is full.
    func keep(_ buffer: UnsafeMutablePointer<Float>, count: Int) -> Bool {
        let bytes = count * MemoryLayout<Float>.stride
        guard heldBytes + bytes <= StoragePool.capacityBytes else { return false }
        if let i = sizes.firstIndex(of: count) {
            guard stacks[i].count < StoragePool.perSize else { return false }
            stacks[i].append(buffer)
        } else {
            if sizes.count >= StoragePool.sizeLimit {
                // Sizes seen once (a one-off evaluation batch) must not slow every later scan.
                let kept = sizes.indices.filter { !stacks[$0].isEmpty }
                (sizes, stacks) = (kept.map { sizes[$0] }, kept.map { stacks[$0] })
                if sizes.count >= StoragePool.sizeLimit { return false }
            }
            sizes.append(count)
            stacks.append([buffer])
        }
        heldBytes += bytes
        return true
    }

    deinit {
        for stack in stacks { for buffer in stack { buffer.deallocate() } }
    }
}
