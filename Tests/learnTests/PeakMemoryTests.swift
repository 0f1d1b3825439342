import Foundation
import XCTest

/// Reading and drawing a lesson takes memory within a small multiple of its size, whatever its shape
/// (issue 18: a 1.6 MB lesson of short paragraphs took 700 MB, 440 times its size, because each of its
/// 500,000 paragraphs was kept in a cell as large as an experiment cell). Measured without timing: each
/// run's peak resident size, as the kernel reports it for that one child (`wait4`), less the peak of the
/// same command on a tiny lesson.
final class PeakMemoryTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-memory-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    /// How many times its size a lesson of 1 MB or more may take above a tiny lesson's peak, and the
    /// most any lesson may take above it (docs/limits.md gives the measured figures: at most about 21
    /// times, and 41 MB, in a release build).
    static let bound = 30, absoluteBound = 64 << 20

    /// Lessons of about 1.5 MB, each a shape that costs much memory: deep lists, one long paragraph,
    /// wide tables; and the costliest elements, as many as the markup bound admits (links) or past it
    /// (short paragraphs, a block every 3 bytes; emphasis, an inline every 4), which are refused.
    static let shapes: [(name: String, body: String, status: Int32)] = [
        ("deep lists", String(repeating: (0..<40).map { String(repeating: "  ", count: $0) + "- item \($0) of a list that goes on for a while, as real items do\n" }.joined() + "\n",
                              count: 1_500_000 / 4_100), 0),
        ("one paragraph", String(repeating: "words of a long paragraph that never ends ", count: 36_000) + "\n", 0),
        ("wide tables", String(repeating: "| " + (0..<30).map { "h\($0)" }.joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: 30) + "\n"
                               + String(repeating: "| " + (0..<30).map { _ in "cell" }.joined(separator: " | ") + " |\n", count: 40) + "\n",
                               count: 1_500_000 / 8_000), 0),
        ("links", String(repeating: "[a](b) ", count: 59_000) + "\n", 0),
        ("short paragraphs", String(repeating: "a\n\n", count: 500_000), 1),
        ("emphasis", String(repeating: "*a* ", count: 375_000) + "\n", 1),
    ]

    func testPeakMemoryIsASmallMultipleOfTheLesson() throws {
        let tiny = try write("tiny", body: "A tiny lesson.\n")
        for command in [["lint"], ["run", "--color", "never", "--fresh"]] {
            let baseline = try peakKilobytes(command, tiny, status: 0)
            for (name, body, status) in Self.shapes {
                let path = try write(name.replacingOccurrences(of: " ", with: "-"), body: body)
                let size = try FileManager.default.attributesOfItem(atPath: path)[.size] as! Int
                let above = (try peakKilobytes(command, path, status: status) - baseline) * 1024
                let message = "learn \(command[0]) on \(name) (\(size >> 10) KB): \(above >> 20) MB above the baseline"
                XCTAssertLessThanOrEqual(above, Self.absoluteBound, message)
                if size >= 1 << 20 { XCTAssertLessThanOrEqual(above, Self.bound * size, message) }
            }
        }
    }

    private func write(_ name: String, body: String) throws -> String {
        let path = folder.appendingPathComponent("\(name).md").path
        try ("---\ntitle: \(name)\n---\n\n" + body).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// The peak resident size, in KB, of one run of `learn` with `arguments` and `lesson`, its output
    /// thrown away. Spawned and reaped here (not with `Process`) so that `wait4` reports this child alone.
    private func peakKilobytes(_ arguments: [String], _ lesson: String, status expected: Int32) throws -> Int {
        // Through sh for its `cd` (a run keeps its cache in the working folder), which then execs learn
        // in the same process: the peak is learn's.
        let argv = ["/bin/sh", "-c", #"cd "$1" && shift && exec "$@""#, "sh", folder.path, LearnProcess.binary.path] + arguments + [lesson]
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        for descriptor: Int32 in [0, 1, 2] {
            posix_spawn_file_actions_addopen(&actions, descriptor, "/dev/null", descriptor == 0 ? O_RDONLY : O_WRONLY, 0)
        }
        let environment = LearnProcess.cleanEnvironment([:]).map { "\($0.key)=\($0.value)" }
        var cArguments = argv.map { strdup($0) } + [nil]
        var cEnvironment = environment.map { strdup($0) } + [nil]
        defer { (cArguments + cEnvironment).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, argv[0], &actions, nil, &cArguments, &cEnvironment)
        guard spawned == 0 else { throw POSIXError(POSIXErrorCode(rawValue: spawned) ?? .EIO) }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        // The exit status, from wait4's status word (WEXITSTATUS).
        XCTAssertEqual((status >> 8) & 0xFF, expected, "learn \(arguments.joined(separator: " ")) \(lesson): status word \(status)")
        return usage.ru_maxrss
    }
}
