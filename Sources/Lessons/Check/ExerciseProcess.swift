import Foundation

/// The student's function running in a child process: the exercise package's product, built from
/// the student's file and its check's glue (`Sources/Exercises/Checks`).
///
/// Each `call` sends one input as a line of JSON on the child's standard input and waits for the
/// one-line JSON reply on the child's channel (its original standard output; what the student
/// prints goes to standard error, see `Harness/ExerciseHarness.swift`). When the child stops
/// instead of answering, `call` throws `Stopped` and `IsolatedRunner` says why, from the exit
/// signal and the backtracer's JSON report, naming the input that was being computed.
public final class ExerciseProcess: @unchecked Sendable {
    /// Thrown by `call` when the child does not answer: it trapped, ran out of time, exited, or
    /// reached the stub.
    public struct Stopped: Error {
        /// The stub's file, when the child said it reached `notWritten()`.
        var notWritten: String?
        /// What the child said it could not do (an input it could not read).
        var problem: String?
        /// Whether the wall-clock limit ran out while waiting.
        var timedOut = false
        /// Whether the child said its CPU time ran out (it then aborts, for the backtracer).
        var outOfTime = false
    }

    let process = Process()
    private let input = Pipe(), replies = Pipe(), errors = Pipe()
    private let replyLines: LineReader
    private let errorText: LineReader
    private let deadline: DispatchTime
    /// The input being computed, as the check described it: what a crash happened on.
    private(set) var inFlight: String?

    /// Starts `executable --cpu-seconds N`; the backtracer writes its JSON report of a crash to `crashReport`.
    init(executable: String, cpuSeconds: Int, wallSeconds: Double, crashReport: String) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--cpu-seconds", "\(cpuSeconds)"]
        var environment = ProcessInfo.processInfo.environment
        // The backtracer is a grandchild that may keep the pipes open after the child is killed;
        // `LineReader.collected` stops waiting for them (it hangs under AddressSanitizer).
        environment["SWIFT_BACKTRACE"] = "enable=yes,interactive=no,format=json,output-to=\(crashReport),"
            + "threads=crashed,registers=none,images=none,sanitize=no"
        process.environment = environment
        process.standardInput = input
        process.standardOutput = replies
        process.standardError = errors
        try process.run()
        replyLines = LineReader(replies)
        errorText = LineReader(errors, keepingLast: 200)
        deadline = .now() + wallSeconds
    }

    /// Calls the student's function on `value` and decodes its result. `description` says what the
    /// input is, for a crash or an endless loop on it.
    public func call<Output: Decodable>(_ value: some Encodable, describedAs description: String) throws -> Output {
        inFlight = description
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            try input.fileHandleForWriting.write(contentsOf: try encoder.encode(value) + Data("\n".utf8))
        } catch {
            throw Stopped()
        }
        guard let line = replyLines.nextLine(before: deadline) else {
            throw Stopped(timedOut: DispatchTime.now() >= deadline)
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let reply = try? decoder.decode(Reply<Output>.self, from: Data(line.utf8))
        if let output = reply?.output {
            inFlight = nil
            return output
        }
        if reply?.outOfTime == true { throw Stopped(outOfTime: true) }
        throw Stopped(notWritten: reply?.notWritten,
                      problem: reply?.problem ?? (reply == nil ? "an unreadable reply: \(Diagnostic.abbreviated(line, limit: 80))" : nil))
    }

    /// Closes the child's input, so that it exits, and waits for it.
    func finish() {
        try? input.fileHandleForWriting.close()
        waitForExit(terminating: false)
    }

    /// Waits for the child to end, stopping it first when `terminating`; then its standard error.
    @discardableResult
    func waitForExit(terminating: Bool) -> String {
        if terminating && process.isRunning { process.terminate() }
        // Past the wall-clock limit the child is stopped however it got there.
        let killer = DispatchWorkItem { [process] in if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: deadline, execute: killer)
        process.waitUntilExit()
        killer.cancel()
        // A process the child started (the backtracer) may hold the pipes open after the child is
        // gone: what it would still write is not worth hanging for.
        return errorText.collected(waitingUntil: .now() + 2)
    }

    struct Reply<Output: Decodable>: Decodable {
        var output: Output?
        var notWritten: String?
        var problem: String?
        var outOfTime: Bool?
    }
}

/// Reads a pipe on a thread of its own, line by line, so that the parent can wait for a line with
/// a deadline, and stop waiting for the pipe's end when a grandchild keeps it open.
final class LineReader: @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = Data()
    private var lines: [String] = []
    private var ended = false
    private let arrived = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    /// Reads `pipe`, keeping only the last `limit` lines (a child that prints in an endless loop
    /// must not fill `learn`'s memory).
    init(_ pipe: Pipe, keepingLast limit: Int = .max) {
        let handle = pipe.fileHandleForReading
        Thread.detachNewThread { [self] in
            while case let chunk = handle.availableData, !chunk.isEmpty {
                lock.withLock {
                    buffer.append(chunk)
                    while let end = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                        lines.append(String(decoding: buffer[buffer.startIndex..<end], as: UTF8.self))
                        buffer.removeSubrange(buffer.startIndex...end)
                        if lines.count > limit { lines.removeFirst(lines.count - limit) }
                        arrived.signal()
                    }
                    if limit < .max && buffer.count > 65_536 { buffer.removeFirst(buffer.count - 65_536) }
                }
            }
            lock.withLock { ended = true }
            arrived.signal()
            finished.signal()
        }
    }

    /// The next whole line, or nil when the pipe ended or `deadline` passed first.
    func nextLine(before deadline: DispatchTime) -> String? {
        while true {
            let next: String?? = lock.withLock {
                if !lines.isEmpty { return .some(lines.removeFirst()) }
                return ended ? .some(nil) : nil
            }
            if let next { return next }
            if arrived.wait(timeout: deadline) == .timedOut { return nil }
        }
    }

    /// Everything the pipe delivered, after waiting until `deadline` at the latest for its end.
    func collected(waitingUntil deadline: DispatchTime) -> String {
        _ = finished.wait(timeout: deadline)
        return lock.withLock { (lines + [String(decoding: buffer, as: UTF8.self)]).joined(separator: "\n") }
    }
}
