#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Per-thread state of the engine: the autograd tape, the GEMM packing workspace and the pool of freed buffers.
///
/// Each thread gets its own, so two threads can train two models at once (as parallel tests do) without
/// sharing a tape, and the GEMM never allocates its packing buffers after the first call.
final class ThreadContext {
    /// The tape that records operations made on this thread.
    let tape = Tape()
    /// Scratch space for packed panels of A and B, grown on demand and kept.
    let packA = Workspace()
    let packB = Workspace()
    /// Scratch space for a loss's columns (`logSoftmax`): a fresh allocation of a few kilobytes each step went
    /// to the allocator's large-chunk path, which first consolidates its free small chunks.
    let lossScratch = Workspace()
    /// Scratch space for one picture of a convolution: its padded copy (the direct route) or its patches'
    /// gradient (the backward pass).
    let convolutionScratch = Workspace()
    /// Freed tensor buffers kept for reuse by this thread (`StoragePool`).
    let buffers = BufferPool()
    /// Matrix shapes made on this thread, shared by the tensors that have them.
    let shapes = ShapeCache()

    /// The calling thread's context, created on first use and released when the thread exits.
    static var current: ThreadContext {
        if let raw = pthread_getspecific(contextKey) {
            return Unmanaged<ThreadContext>.fromOpaque(raw).takeUnretainedValue()
        }
        let context = ThreadContext()
        pthread_setspecific(contextKey, Unmanaged.passRetained(context).toOpaque())
        return context
    }

    // The same lookups with the context lent to `body` rather than returned: the thread's slot keeps it
    // alive, and a returned reference cost a retain and a release at each of the fifty-odd lookups of a
    // small MLP's step (making and freeing tensors, recording, every product).

    /// `body` of the calling thread's context, created on first use.
    @inline(__always)
    static func withCurrent<Result>(_ body: (ThreadContext) -> Result) -> Result {
        guard let raw = pthread_getspecific(contextKey) else { return body(current) }
        return Unmanaged<ThreadContext>.fromOpaque(raw)._withUnsafeGuaranteedRef(body)
    }

    /// `body` of the calling thread's context, or nil if it has none: also once the thread's exit has begun
    /// releasing it (POSIX clears the slot before running its destructor), so freeing a tensor then never
    /// makes a new context.
    @inline(__always)
    static func withExisting<Result>(_ body: (ThreadContext) -> Result) -> Result? {
        guard let raw = pthread_getspecific(contextKey) else { return nil }
        return Unmanaged<ThreadContext>.fromOpaque(raw)._withUnsafeGuaranteedRef(body)
    }
}

/// Matrix shapes made before (the first 16 distinct ones, then replaced in turn), so that a product's result
/// shares its shape array with the results of earlier steps: a training step makes the same few shapes at
/// every step, and each new `[Int]` was an allocation (a sixth of a small MLP's allocations). Arrays are values:
/// a tensor that changes its shape copies the array first.
final class ShapeCache {
    private var recent: [[Int]] = []
    private var next = 0
    private static let capacity = 16

    /// `[rows, columns]`.
    func matrix(_ rows: Int, _ columns: Int) -> [Int] {
        for i in recent.indices where recent[i][0] == rows && recent[i][1] == columns { return recent[i] }
        let shape = [rows, columns]
        if recent.count < ShapeCache.capacity {
            recent.append(shape)
        } else {
            recent[next] = shape
            next = (next + 1) % ShapeCache.capacity
        }
        return shape
    }
}

/// A growable, 64-byte aligned scratch buffer that keeps its memory between uses.
final class Workspace {
    private(set) var base: UnsafeMutablePointer<Float>?
    private var capacity = 0

    /// A buffer of at least `count` floats; its contents are unspecified.
    func reserve(_ count: Int) -> UnsafeMutablePointer<Float> {
        if let base, capacity >= count { return base }
        base?.deallocate()
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 16) * 4, alignment: 64)
        let pointer = raw.bindMemory(to: Float.self, capacity: max(count, 16))
        base = pointer
        capacity = max(count, 16)
        return pointer
    }

    deinit { base?.deallocate() }
}

#if os(Linux)
private let contextKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { raw in
        if let raw { Unmanaged<ThreadContext>.fromOpaque(raw).release() }
    }
    return key
}()
#else
private let contextKey: pthread_key_t = {
    var key = pthread_key_t()
    pthread_key_create(&key) { raw in Unmanaged<ThreadContext>.fromOpaque(raw).release() }
    return key
}()
#endif
