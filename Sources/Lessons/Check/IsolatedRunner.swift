import Foundation

/// Runs a code check in a child process with a CPU-time limit, so the student's code can trap,
/// loop forever or exhaust memory without taking `learn` down.
public struct IsolatedRunner: Sendable {
    /// The executable to run (this `learn`), and the arguments before the exercise id.
    public var executable: String
    public var arguments: [String]
    /// CPU seconds the child may use; past that the kernel stops it (SIGXCPU), which is
    /// independent of how busy the machine is, unlike a wall-clock timeout.
    public var cpuSeconds: Int
    /// Wall-clock seconds after which the child is killed anyway (a child that sleeps).
    public var wallSeconds: Double
    /// The exit status of a stub that is still in place.
    public var notWrittenStatus: Int32

    /// Creates a runner that calls `executable arguments… ID --seed S`.
    public init(executable: String, arguments: [String], notWrittenStatus: Int32, cpuSeconds: Int = 10, wallSeconds: Double = 60) {
        self.executable = executable
        self.arguments = arguments
        self.notWrittenStatus = notWrittenStatus
        self.cpuSeconds = cpuSeconds
        self.wallSeconds = wallSeconds
    }

    /// Runs the check of exercise `id` and reads its outcome; any way the child can fail is an outcome.
    public func check(_ id: String, seed: UInt64) -> CodeCheckOutcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments + [id, "--seed", "\(seed)", "--cpu-seconds", "\(cpuSeconds)"]
        // No backtrace on a crash: only the "Fatal error" line is read, and Swift's backtracer is a
        // grandchild that keeps the pipes open after the child is killed, so a backtracer that
        // hangs (it does under AddressSanitizer) would hang `learn check` past its wall-clock limit.
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        do { try process.run() } catch {
            return .crashed(message: "could not start the check process: \(error.localizedDescription)")
        }
        let deadline = DispatchTime.now() + wallSeconds
        let killer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: deadline, execute: killer)
        let outReader = PipeReader(out), errReader = PipeReader(err)
        process.waitUntilExit()
        killer.cancel()
        // A process the child started may hold the pipes open after the child is gone: what it
        // would still write is not worth hanging for.
        let grace = DispatchTime.now() + 2
        let outData = outReader.collected(waitingUntil: grace)
        let errData = errReader.collected(waitingUntil: grace)
        let stderr = String(decoding: errData, as: UTF8.self)
        if process.terminationReason == .uncaughtSignal {
            switch process.terminationStatus {
            case SIGXCPU, SIGKILL:
                return .tooSlow(detail: "it used its \(cpuSeconds) s of CPU time without finishing (an endless loop?)")
            case SIGTERM:
                return .tooSlow(detail: "it did not finish within \(Int(wallSeconds)) s")
            default:
                return .crashed(message: Self.crashMessage(stderr, signal: process.terminationStatus))
            }
        }
        if process.terminationStatus == notWrittenStatus, stderr.contains("exercise not written yet") {
            let file = stderr.components(separatedBy: "exercise not written yet: ").last?
                .split(separator: "\n").first.map(String.init) ?? "Sources/Exercises"
            return .notWritten(file: file.range(of: "Sources/Exercises/").map { String(file[$0.lowerBound...]) } ?? file)
        }
        let line = String(decoding: outData, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        guard let outcome = try? JSONDecoder().decode(CodeCheckOutcome.self, from: Data(line.utf8)) else {
            return .crashed(message: Self.crashMessage(stderr, signal: nil))
        }
        return outcome
    }

    /// The child's side: caps its CPU time, runs the check and prints the outcome as one line of
    /// JSON for the parent to read.
    public static func runChild(cpuSeconds: Int, _ check: () -> CodeCheckOutcome) throws {
        var limit = rlimit(rlim_cur: rlim_t(cpuSeconds), rlim_max: rlim_t(cpuSeconds + 1))
        #if os(Linux)
        setrlimit(__rlimit_resource_t(RLIMIT_CPU.rawValue), &limit)
        #else
        setrlimit(RLIMIT_CPU, &limit)
        #endif
        let line = String(decoding: try JSONEncoder().encode(check()), as: UTF8.self) + "\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    }

    /// What a crashed child's standard error says, in one line: Swift's "Fatal error: …" when there is
    /// one (debug builds), else the kind of crash and the trapping function (release builds trap
    /// without a message), and where in `Sources/Exercises` it happened, from the backtrace.
    static func crashMessage(_ stderr: String, signal: Int32?) -> String {
        let lines = stderr.split(separator: "\n").map(String.init)
        var message: String
        if let fatal = lines.first(where: { $0.contains("Fatal error") }) {
            // "…/File.swift:12: Fatal error: Index out of range" → keep from "Fatal error".
            message = String(fatal[fatal.range(of: "Fatal error")!.lowerBound...])
        } else if let crashed = lines.first(where: { $0.contains("Program crashed:") }) {
            let kind = crashed.components(separatedBy: "Program crashed:").last?
                .components(separatedBy: " at 0x").first?.trimmingCharacters() ?? "a trap"
            message = "a runtime trap (\(kind))"
            if let frame = lines.first(where: { $0.hasPrefix("  0 ") || $0.hasPrefix("0 ") }) {
                if frame.contains("subscript") { message += " in an array subscript: an index out of range?" }
                else if frame.contains("unwrap") { message += ": a nil unwrapped with '!'?" }
            }
        } else if let last = lines.last(where: { !$0.isEmpty }) {
            message = last
        } else if let signal {
            message = "stopped by signal \(signal)" + (signal == SIGILL || signal == SIGTRAP ? " (a Swift runtime trap)" : "")
        } else {
            message = "the check process ended without a result"
        }
        // The first frame in the student's own code says where to look.
        if let frame = lines.first(where: { $0.contains(" at ") && $0.contains("Sources/Exercises/") && !$0.contains("NotWritten") }),
           let range = frame.range(of: "Sources/Exercises/") {
            let location = frame[range.lowerBound...].split(separator: " ").first.map(String.init) ?? ""
            if !location.isEmpty { message += " at \(location)" }
        }
        return message
    }
}

/// Reads a pipe to its end on a thread of its own, so that the parent can stop waiting for that
/// end when a grandchild keeps the pipe open.
private final class PipeReader: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private let finished = DispatchSemaphore(value: 0)

    init(_ pipe: Pipe) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            while case let chunk = handle.availableData, !chunk.isEmpty {
                lock.withLock { data.append(chunk) }
            }
            finished.signal()
        }
    }

    /// What the pipe delivered, after waiting until `deadline` at the latest for its end.
    func collected(waitingUntil deadline: DispatchTime) -> Data {
        _ = finished.wait(timeout: deadline)
        return lock.withLock { data }
    }
}
