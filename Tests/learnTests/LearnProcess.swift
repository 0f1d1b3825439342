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

    /// The id in `lessons/course.yaml`: answers of the project's lessons are in
    /// `answers/image-classifiers/`, progress and cache in `.learn/courses/image-classifiers/`.
    static let courseID = "image-classifiers"

    /// Where a student's state for the project's course is, in a working folder.
    static func answers(_ lesson: String, in folder: URL) -> URL {
        folder.appendingPathComponent("answers/\(courseID)/\(lesson).yaml")
    }

    /// The project course's state folder (progress, cache) in a working folder.
    static func state(in folder: URL) -> URL {
        folder.appendingPathComponent(".learn/courses/\(courseID)")
    }

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

    /// The working folder of runs that name none: a temporary folder (one per test process),
    /// never the checkout, so that no test writes answers, progress or cache into it. It holds
    /// `lessons`, a link to the repository's lessons, so `learn run 3` and `lessons/….md` work
    /// as they do in the repository.
    static let scratch: URL = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-scratch-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try! FileManager.default.createSymbolicLink(at: folder.appendingPathComponent("lessons"),
                                                    withDestinationURL: URL(fileURLWithPath: lessons))
        scratchToRemove = folder.path
        atexit { if let path = LearnProcess.scratchToRemove { try? FileManager.default.removeItem(atPath: path) } }
        return folder
    }()
    nonisolated(unsafe) private static var scratchToRemove: String?

    /// Runs `learn` with `arguments` in `directory` (default: `scratch`), with `environment`
    /// added to a clean one; `through` is a command that runs it (`setpriv …`), if any.
    static func run(
        _ arguments: [String], in directory: URL? = nil, environment: [String: String] = [:], through: [String] = []
    ) throws -> Result {
        let process = Process()
        process.executableURL = through.first.map { URL(fileURLWithPath: $0) } ?? binary
        process.arguments = through.isEmpty ? arguments : Array(through.dropFirst()) + [binary.path] + arguments
        process.currentDirectoryURL = directory ?? scratch
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
