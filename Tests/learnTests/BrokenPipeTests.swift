import Foundation
import XCTest

/// A reader that goes away ends `learn` quietly, as a closed pipe ends any command, even when the process
/// that started it ignores SIGPIPE (review finding F7: Foundation's `FileHandle.write` crashed there).
final class BrokenPipeTests: XCTestCase {
    func testAClosedPipeEndsLearnQuietlyWithSIGPIPEIgnored() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-pipe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        // `trap '' PIPE` makes bash, and so learn, start with SIGPIPE ignored; head reads 10 bytes and leaves.
        process.arguments = ["-c", "trap '' PIPE; \"$LEARN\" run 1 --lessons \"$LESSONS\" --format text --fresh | head -c 10 > /dev/null; echo \"status ${PIPESTATUS[0]}\""]
        process.environment = LearnProcess.cleanEnvironment(["LEARN": LearnProcess.binary.path, "LESSONS": LearnProcess.lessons])
        process.currentDirectoryURL = folder
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertFalse(stderr.contains("Fatal error"), stderr)
        XCTAssertEqual(stderr, "", "a closed pipe is not an error to report")
        // Ended by SIGPIPE (128 + 13), as `yes | head` ends, or done before the pipe closed.
        XCTAssertTrue(stdout == "status 141\n" || stdout == "status 0\n", stdout)
    }
}
