import Foundation
#if canImport(Synchronization)
import Synchronization
#endif

/// Runs two halves of a job on two cores: one on the caller, one on a persistent worker thread.
///
/// Why not `DispatchQueue.concurrentPerform`: its hand-off cost kept a 128×128 GEMM at 45 GFLOPS here. The
/// worker spins for a short while after each job, so a training step's back-to-back GEMMs hand over in well
/// under a microsecond, then sleeps on a condition so an idle engine burns no CPU.
enum Parallel {
    /// Runs `worker` on the worker thread and `caller` on this thread, and returns when both are done; returns
    /// false without running anything when the worker is unavailable (busy with another thread's job, or a
    /// platform without atomics), so the caller does the whole job itself.
    static func run(worker: () -> Void, caller: () -> Void) -> Bool {
        #if canImport(Synchronization)
        if #available(macOS 15.0, *) {
            return withoutActuallyEscaping(worker) { job in WorkerThread.shared.run(job, alongside: caller) }
        }
        #endif
        return false
    }

    /// Below this many values touched, a pass over memory stays on one thread.
    static let passThreshold = 16_384

    /// Runs `body` over `0..<count` in two halves, one on each thread, when the pass touches at least
    /// `passThreshold` values (`work`) and the worker is free; otherwise over the whole range on this thread.
    /// Each index is handled by exactly one call, so a body whose indices write disjoint memory (channels,
    /// pictures, planes) gives the same bytes either way.
    static func split(_ count: Int, work: Int, _ body: (Range<Int>) -> Void) {
        if count > 1, work >= passThreshold, Engine.threadCount > 1 {
            let half = (count + 1) / 2
            if run(worker: { body(half..<count) }, caller: { body(0..<half) }) { return }
        }
        body(0..<count)
    }
}

#if canImport(Synchronization)
@available(macOS 15.0, *)
final class WorkerThread: @unchecked Sendable {
    static let shared = WorkerThread()

    /// How many times the worker polls for a new job before it sleeps (a few tens of microseconds).
    private static let spinLimit = 40_000

    private let posted = Atomic<Int>(0)
    private let finished = Atomic<Int>(0)
    private let busy = Atomic<Bool>(false)
    private let wake = NSCondition()
    /// Written by the caller before `posted` is released and read by the worker after acquiring it.
    private var job: (() -> Void)?

    private init() {
        let thread = Thread { [unowned self] in self.loop() }
        thread.name = "learn.engine.worker"
        thread.start()
    }

    func run(_ work: () -> Void, alongside caller: () -> Void) -> Bool {
        guard busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else { return false }
        defer { busy.store(false, ordering: .releasing) }
        withoutActuallyEscaping(work) { escaping in
            job = escaping
            let generation = posted.wrappingAdd(1, ordering: .releasing).newValue
            wake.lock()
            wake.signal()
            wake.unlock()
            caller()
            var spins = 0
            while finished.load(ordering: .acquiring) != generation {
                spins += 1
                if spins > 1000 { sched_yield() }
            }
            job = nil
        }
        return true
    }

    private func loop() {
        var seen = 0
        while true {
            var spins = 0
            while posted.load(ordering: .acquiring) == seen {
                spins += 1
                if spins > Self.spinLimit {
                    wake.lock()
                    while posted.load(ordering: .acquiring) == seen { wake.wait() }
                    wake.unlock()
                }
            }
            seen = posted.load(ordering: .acquiring)
            job?()
            finished.store(seen, ordering: .releasing)
        }
    }
}
#endif
