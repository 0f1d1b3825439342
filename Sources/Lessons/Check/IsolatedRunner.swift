import Foundation

/// Runs a code check with the student's function in a child process with a CPU-time limit, so the
/// student's code can trap, loop forever or exhaust memory without taking `learn` down.
///
/// The verdict never comes from the child's crash text: a result comes as a structured reply, a
/// stop from the exit signal, and where a trap happened from the JSON report of Swift's backtracer.
public struct IsolatedRunner: Sendable {
    /// CPU seconds the child may use; past that the kernel stops it (SIGXCPU), which is
    /// independent of how busy the machine is, unlike a wall-clock timeout.
    public var cpuSeconds: Int
    /// Wall-clock seconds after which the child is stopped anyway (a child that sleeps).
    public var wallSeconds: Double

    /// Creates a runner.
    public init(cpuSeconds: Int = 10, wallSeconds: Double = 60) {
        self.cpuSeconds = cpuSeconds
        self.wallSeconds = wallSeconds
    }

    /// Runs `exercise`'s check on the program at `executable` (its exercise product); any way the
    /// child can fail is an outcome. Paths in the outcome are shown with `display`.
    public func check(
        _ exercise: any CodeExercise.Type, executable: String, seed: UInt64,
        display: @Sendable (String) -> String = { $0 }
    ) -> CodeCheckOutcome {
        let crashReport = FileManager.default.temporaryDirectory
            .appendingPathComponent("learn-crash-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: crashReport) }
        // A child that dies while `learn` writes to it must not take `learn` down with SIGPIPE;
        // afterwards a closed standard output (`learn check | head`) ends `learn` quietly again.
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        let child: ExerciseProcess
        do {
            child = try ExerciseProcess(executable: executable, cpuSeconds: cpuSeconds, wallSeconds: wallSeconds,
                                        crashReport: crashReport)
        } catch {
            return .notChecked(reason: "could not start \(display(executable)): \(error.localizedDescription)")
        }
        do {
            let outcome = try exercise.checkStudent(child, seed: seed)
            child.finish()
            return outcome
        } catch let stop as ExerciseProcess.Stopped {
            return outcome(of: child, stop, crashReport: crashReport, display: display)
        } catch {
            child.waitForExit(terminating: true)
            return .notChecked(reason: "the check failed: \(error)")
        }
    }

    /// Why the child stopped before answering.
    private func outcome(
        of child: ExerciseProcess, _ stop: ExerciseProcess.Stopped, crashReport: String, display: (String) -> String
    ) -> CodeCheckOutcome {
        let stderr = child.waitForExit(terminating: stop.timedOut || stop.problem != nil)
        let process = child.process
        if let file = stop.notWritten { return .notWritten(file: display(file)) }
        if let problem = stop.problem {
            return .notChecked(reason: "the exercise's program could not follow the check (\(problem)); "
                + "are the exercise package and learn of the same version?")
        }
        if stop.timedOut {
            return .tooSlow(detail: "it did not finish within \(Int(wallSeconds)) s", location: nil, input: child.inFlight)
        }
        let report = (try? Data(contentsOf: URL(fileURLWithPath: crashReport)))
            .flatMap { try? JSONDecoder().decode(CrashReport.self, from: $0) }
        let location = report?.studentFrame.map { display($0) }
        if stop.outOfTime || (process.terminationReason == .uncaughtSignal && [SIGXCPU, SIGKILL].contains(process.terminationStatus)) {
            return .tooSlow(detail: "it used its \(cpuSeconds) s of CPU time without finishing (an endless loop?)",
                            location: location, input: child.inFlight)
        }
        if process.terminationReason == .uncaughtSignal {
            if process.terminationStatus == SIGTERM {
                return .tooSlow(detail: "it did not finish within \(Int(wallSeconds)) s", location: nil, input: child.inFlight)
            }
            let message = Self.runtimeMessage(stderr) ?? report?.cause ?? "stopped by signal \(process.terminationStatus)"
            return .crashed(message: message, location: location, input: child.inFlight)
        }
        let status = process.terminationStatus
        return .crashed(message: status == 0 ? "it exited before it returned a result"
                            : "it exited with status \(status) before it returned a result",
                        location: nil, input: child.inFlight)
    }

    /// The Swift runtime's own message of a trap (`Fatal error: Index out of range`), which it
    /// writes only as text, just before it stops the process; nil when there is none.
    static func runtimeMessage(_ stderr: String) -> String? {
        guard let line = stderr.split(separator: "\n").last(where: { $0.contains("Fatal error") }),
              let start = line.range(of: "Fatal error") else { return nil }
        return String(line[start.lowerBound...])
    }
}

/// The JSON report Swift's backtracer writes of a crash (`SWIFT_BACKTRACE=format=json`): the
/// crashed thread's frames, with the source location of those that have debug information.
struct CrashReport: Decodable {
    struct Thread: Decodable {
        var crashed: Bool?
        var frames: [Frame]
    }

    struct Frame: Decodable {
        var description: String?
        var sourceLocation: Location?
    }

    struct Location: Decodable {
        var file: String
        var line: Int
        var column: Int?
    }

    /// "Illegal instruction", "Segmentation fault" …
    var description: String?
    var threads: [Thread]

    private var frames: [Frame] { (threads.first { $0.crashed == true } ?? threads.first)?.frames ?? [] }

    /// The index of the innermost frame in the student's code: a source file of the exercise
    /// package that is neither the harness nor a check's glue.
    private var studentIndex: Int? {
        frames.firstIndex { frame in
            guard let file = frame.sourceLocation?.file, file.hasPrefix("/"), file.hasSuffix(".swift") else { return false }
            return !file.contains("/Harness/") && !file.contains("/Checks/")
        }
    }

    /// `FILE:LINE:COLUMN` of the innermost frame in the student's code; `FILE, in FUNCTION` when
    /// the code there has no line (the jump of an empty loop, `while true {}`).
    var studentFrame: String? {
        guard let index = studentIndex, let location = frames[index].sourceLocation else { return nil }
        guard location.line > 0 else {
            let function = frames[index].description?.components(separatedBy: " + ").first ?? "?"
            return "\(location.file), in \(function)"
        }
        return "\(location.file):\(location.line)" + (location.column.map { $0 > 0 ? ":\($0)" : "" } ?? "")
    }

    /// What trapped, from the frames: the runtime check that failed, or the kind of crash.
    var cause: String {
        let descriptions = frames.prefix(studentIndex.map { $0 + 1 } ?? frames.count).compactMap(\.description)
        if let failure = descriptions.first(where: { $0.hasPrefix("Swift runtime failure: ") }) {
            return String(failure.dropFirst("Swift runtime failure: ".count))
        }
        let kind = description ?? "a crash"
        if descriptions.contains(where: { $0.contains("subscript") }) { return "\(kind) in a subscript: an index out of range?" }
        if descriptions.contains(where: { $0.contains("unwrap") || $0.contains("UnexpectedNil") }) {
            return "\(kind): a nil unwrapped with '!'?"
        }
        return kind
    }
}
