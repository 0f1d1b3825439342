import Foundation
import XCTest

/// Runs the built `learn` binary and captures what it prints.
struct LearnProcess {
    /// What one run printed and how it ended.
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The repository's top folder (three levels above this file).
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The repository's lessons folder.
    static var lessons: String { repository.appendingPathComponent("lessons").path }

    /// The folder SwiftPM put the products in (the test bundle sits beside `learn`).
    static var binary: URL {
        #if os(macOS)
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            return bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("learn")
        }
        fatalError("couldn't find the products directory")
        #else
        return Bundle.main.bundleURL.appendingPathComponent("learn")
        #endif
    }

    /// A fixed environment plus `extra`: no NO_COLOR, COLUMNS or LEARN_LESSONS leaking in from the
    /// developer's shell, but the sanitizers' options (scripts/sanitize.sh), so that a `learn`
    /// built with a sanitizer runs with the same options as the tests.
    static func cleanEnvironment(_ extra: [String: String]) -> [String: String] {
        let inherited = ProcessInfo.processInfo.environment
        var environment = ["PATH": inherited["PATH"] ?? "/usr/bin:/bin", "LANG": "C.UTF-8"]
        for key in ["ASAN_OPTIONS", "TSAN_OPTIONS", "LSAN_OPTIONS"] { environment[key] = inherited[key] }
        return environment.merging(extra) { $1 }
    }

    /// Runs `learn` with `arguments` in `directory`, with `environment` added to a clean one.
    static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:]
    ) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory ?? repository
        process.environment = cleanEnvironment(environment)
        // Never the terminal `swift test` may run in: `learn reset` would wait for an answer.
        process.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting, so a large output can't fill a pipe and block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: outData, as: UTF8.self),
                      stderr: String(decoding: errData, as: UTF8.self))
    }
}

/// Compares `actual` with a golden file under Tests/learnTests/Golden; `LEARN_RECORD=1` rewrites it.
func assertGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let url = LearnProcess.repository.appendingPathComponent("Tests/learnTests/Golden/\(name)")
    if ProcessInfo.processInfo.environment["LEARN_RECORD"] == "1" {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        XCTFail("missing golden file \(name); run the tests with LEARN_RECORD=1 to write it", file: file, line: line)
        return
    }
    if actual != expected {
        let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let index = Array(zip(actualLines, expectedLines)).firstIndex { $0 != $1 } ?? min(actualLines.count, expectedLines.count)
        XCTFail("""
            output differs from golden \(name) at line \(index + 1):
              expected: \(index < expectedLines.count ? String(expectedLines[index]) : "<end>")
              actual:   \(index < actualLines.count ? String(actualLines[index]) : "<end>")
            (LEARN_RECORD=1 rewrites the golden after a deliberate change)
            """, file: file, line: line)
    }
}
