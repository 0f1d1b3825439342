import Foundation
import Lessons
import XCTest

/// Answers, progress and the result cache survive `kill -9` at any moment of a write, and several
/// `learn` processes in one folder don't lose each other's changes.
///
/// The kill loops run a few rounds by default; `LEARN_KILL_ROUNDS=100 swift test --filter
/// CrashSafetyTests` (what `scripts/kill-test.sh` runs) runs them 100 times in a row.
final class CrashSafetyTests: XCTestCase {
    private var workspace: URL!
    private let rounds = Int(ProcessInfo.processInfo.environment["LEARN_KILL_ROUNDS"] ?? "") ?? 4
    private var answers: URL { LearnProcess.answers("lesson-03", in: workspace) }

    override func setUpWithError() throws {
        workspace = FileManager.default.temporaryDirectory.appendingPathComponent("learn-crash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workspace, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: workspace)
    }

    /// Starts `learn arguments` in the workspace without waiting for it.
    private func start(_ arguments: [String]) throws -> Process {
        let process = Process()
        process.executableURL = LearnProcess.binary
        process.arguments = arguments
        process.currentDirectoryURL = workspace
        process.environment = LearnProcess.cleanEnvironment(["LEARN_LESSONS": LearnProcess.lessons])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Runs `learn arguments` to the end, timing it.
    @discardableResult
    private func finish(_ arguments: [String]) throws -> TimeInterval {
        let started = Date()
        let process = try start(arguments)
        process.waitUntilExit()
        return Date().timeIntervalSince(started)
    }

    /// Runs `arguments(0)` to the end (to time it), then `arguments(1)` … `arguments(rounds)`,
    /// each killed with SIGKILL at a random moment of that time, and calls `check` after each kill.
    private func killLoop(_ arguments: (Int) -> [String], check: (Int) throws -> Void) throws {
        let duration = try finish(arguments(0))
        var generator = SystemRandomNumberGenerator()
        for round in 1...rounds {
            let process = try start(arguments(round))
            usleep(UInt32.random(in: 0...UInt32(max(duration, 0.01) * 1_000_000), using: &generator))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try check(round)
        }
        // A write after the kills clears the temporaries they left (their writer is gone).
        try finish(arguments(rounds + 1))
        let state = ".learn/courses/\(LearnProcess.courseID)"
        for folder in ["answers/\(LearnProcess.courseID)", state, state + "/cache"] {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: workspace.appendingPathComponent(folder).path)) ?? []
            XCTAssertEqual(names.filter { $0.hasSuffix(".tmp") }, [], "left in \(folder)")
        }
    }

    func testKilledAnswerLeavesTheOldOrTheNewAnswer() throws {
        var previous = "0"
        var kept = 0, replaced = 0
        try killLoop({ ["answer", "3", "effective-step", "\($0)"] }) { round in
            let value = try XCTUnwrap(try AnswersFile(path: answers.path).answers()["effective-step"]?.text, "round \(round)")
            XCTAssertTrue([previous, "\(round)"].contains(value), "round \(round): \(value), not \(previous) or \(round)")
            if value == previous { kept += 1 } else { replaced += 1 }
            previous = value
        }
        if rounds >= 50 {
            // The kills fell both before and after the rename, so they also fell around it.
            XCTAssertGreaterThan(kept, 0)
            XCTAssertGreaterThan(replaced, 0)
        }
    }

    func testKilledHintLeavesTheProgressFileWhole() throws {
        let store = ProgressStore(path: LearnProcess.state(in: workspace).appendingPathComponent("progress.json").path)
        var previous = 1   // the first run, to the end, showed one hint
        try killLoop({ _ in ["hint", "3", "effective-step"] }) { round in
            let (progress, warning) = store.load()
            XCTAssertNil(warning, "round \(round): \(warning.map(\.description) ?? "")")
            let shown = progress["lesson-03"].hintsShown["effective-step"] ?? 0
            XCTAssertTrue(shown == previous || shown == min(previous + 1, 4), "round \(round): \(shown) after \(previous)")
            previous = shown
        }
    }

    func testKilledRunLeavesOnlyWholeCacheEntries() throws {
        let folder = LearnProcess.state(in: workspace).appendingPathComponent("cache").path
        try killLoop({ _ in ["run", "3", "--fresh", "--format", "text"] }) { round in
            let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".json") }
            XCTAssertFalse(names.isEmpty)
            let cache = ResultCache(folder: folder, programIdentity: "any")
            for name in names {
                XCTAssertTrue(cache.isWhole(String(name.dropLast(5))), "round \(round): \(name) is damaged")
            }
        }
    }

    func testParallelAnswersAllLand() throws {
        // The challenge's rate is out of its range: saved, and refused by the check without a run.
        let values = ["cosine-quarter": "0.09", "inverse-time-end": "0.045", "why-anneal": "b", "warmup-rescue": "{learning_rates: [70]}"]
        try finish(["check", "4"])   // the file with its blanks, as a student has it
        for _ in 0..<2 {
            let processes = try values.map { try start(["answer", "4", $0.key, $0.value]) }
            for process in processes { process.waitUntilExit() }
            let found = try AnswersFile(path: LearnProcess.answers("lesson-04", in: workspace).path).answers()
            for (id, value) in values {
                if value.hasPrefix("{") {
                    XCTAssertEqual(found[id]?.isBlank, false, "the answer to \(id) was lost")
                    XCTAssertTrue(try String(contentsOf: LearnProcess.answers("lesson-04", in: workspace), encoding: .utf8)
                        .contains("\n\(id): \(value)\n"), "the answer to \(id) was lost")
                } else {
                    XCTAssertEqual(found[id]?.text, value, "the answer to \(id) was lost")
                }
            }
        }
    }

    func testParallelHintsAllCount() throws {
        let ids = ["effective-step", "largest-rate", "rescue-by-momentum", "momentum-step"]
        let processes = try ids.map { try start(["hint", "3", $0]) }
        for process in processes { process.waitUntilExit() }
        let progress = ProgressStore(path: LearnProcess.state(in: workspace).appendingPathComponent("progress.json").path).load().progress
        XCTAssertEqual(progress["lesson-03"].hintsShown, Dictionary(uniqueKeysWithValues: ids.map { ($0, 1) }))
    }
}
