import Foundation
import XCTest
@testable import Lessons

/// The student's state files and the course folder, hostile or read-only (issue 18.5 and 18.7): a FIFO in
/// the cache, a thousand set-aside progress files, a course copy that can't be written, a file named
/// like a lesson that learn would skip, and JSON that must stay JSON.
final class StateFileTests: XCTestCase {
    private var folder: String!
    private let lesson = try! Fixture.parse(text: """
        ---
        title: State
        ---

        ```exercise effective-step
        question: "How many times?"
        answer: 10
        hints: [Divide., Multiply.]
        solution: Ten.
        ```

        """, file: "lesson-04-state.md")

    override func setUpWithError() throws {
        folder = NSTemporaryDirectory() + "learn-state-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        ProgressStore.warn = nil
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs `body` off the test's thread and fails, rather than hanging the suite, if it blocks.
    private func finishes(_ what: String, _ body: @escaping @Sendable () -> Void) {
        let done = expectation(description: what)
        Thread.detachNewThread { body(); done.fulfill() }
        wait(for: [done], timeout: 30)
    }

    func testAFIFONamedLikeACacheEntryIsNeverOpened() throws {
        let cache = ResultCache(folder: folder, programIdentity: "test", byteLimit: 1)
        let cell = try XCTUnwrap(Fixture.parse(text: "---\ntitle: T\n---\n\n```experiment toy-descent\n```\n").experiments.first)
        let key = cache.key(for: cell, seed: 1)
        XCTAssertEqual(mkfifo(folder + "/\(key.name).json", 0o644), 0)
        XCTAssertEqual(mkfifo(folder + "/other.json", 0o644), 0)
        finishes("a lookup and a trim with FIFOs in the folder") {
            XCTAssertNil(cache.result(for: key), "a FIFO is no entry")
            cache.trim()
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder + "/other.json"), "not an entry, so not trimmed either")
    }

    func testAfterAThousandSetAsidesAnUnreadableFileIsLeftWhereItIs() throws {
        let path = folder + "/progress.json"
        try "garbage".write(toFile: path, atomically: true, encoding: .utf8)
        for number in 1...ProgressStore.maximumSetAside {
            let aside = path + (number == 1 ? ".unreadable" : ".unreadable.\(number)")
            try "set aside \(number)".write(toFile: aside, atomically: false, encoding: .utf8)
        }
        let store = ProgressStore(path: path)
        let (progress, warning) = store.load()
        XCTAssertEqual(progress, Progress())
        XCTAssertTrue(warning?.message.contains("nor set aside") ?? false, "\(String(describing: warning))")
        XCTAssertThrowsError(try store.update { $0["lesson-01"].ran = true }, "nothing is written over it")
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "garbage")
        XCTAssertEqual(try String(contentsOfFile: path + ".unreadable.1000", encoding: .utf8), "set aside 1000")
    }

    func testASetAsideTakesTheFirstFreeNumber() throws {
        let path = folder + "/progress.json"
        try "old".write(toFile: path + ".unreadable", atomically: false, encoding: .utf8)
        try "garbage".write(toFile: path, atomically: false, encoding: .utf8)
        let warning = ProgressStore(path: path).load().warning
        XCTAssertTrue(warning?.hint?.contains("progress.json.unreadable.2") ?? false, "\(String(describing: warning))")
        XCTAssertEqual(try String(contentsOfFile: path + ".unreadable", encoding: .utf8), "old")
    }

    private func workspace(readOnly: Bool) -> Workspace {
        var workspace = Workspace(folder: folder, course: Course(id: "state-test", origin: .folderName(folder)), catalog: testCatalog)
        if readOnly { workspace.unwritable = { "\(($0 as NSString).lastPathComponent) can't be written (Permission denied)" } }
        return workspace
    }

    private func warnings() -> () -> [Diagnostic] {
        final class Box: @unchecked Sendable { var items: [Diagnostic] = [] }
        let box = Box()
        ProgressStore.warn = { box.items.append($0) }
        return { box.items }
    }

    func testAReadOnlyCourseChecksAnswersWithoutSavingAndSaysSo() throws {
        let writable = workspace(readOnly: false)
        try writable.answer(lesson, "effective-step", "9")
        let before = try String(contentsOfFile: writable.answersPath(lesson), encoding: .utf8)
        let readOnly = workspace(readOnly: true)
        let warned = warnings()
        let checker = ExerciseChecker(seed: 1, codeRunner: nil)
        XCTAssertEqual(try readOnly.check(lesson, checker: checker).map(\.status), [.failed], "the file's answer, 9")
        XCTAssertFalse(try readOnly.answer(lesson, "effective-step", "10"), "not saved")
        XCTAssertEqual(try readOnly.check(lesson, only: "effective-step", checker: checker, typed: ("effective-step", "10")).map(\.status),
                       [.passed], "the typed answer is the one checked")
        XCTAssertEqual(try String(contentsOfFile: writable.answersPath(lesson), encoding: .utf8), before, "the file is untouched")
        XCTAssertFalse(FileManager.default.fileExists(atPath: readOnly.progress.path), "no progress written")
        let messages = warned().map(\.message)
        XCTAssertTrue(messages.contains { $0.hasPrefix("progress was not saved: ") && $0.contains("Permission denied") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasPrefix("the answer was not saved") }, "\(messages)")
        let hint = try readOnly.nextHint(lesson, "effective-step")
        XCTAssertEqual(hint.number, 1)
        XCTAssertEqual(try readOnly.nextHint(lesson, "effective-step").number, 1, "nothing recorded, so the same hint again")
    }

    func testTheLockMessageNamesTheLockFile() throws {
        let blocked = folder + "/lesson.yaml.lock"
        try FileManager.default.createDirectory(atPath: blocked, withIntermediateDirectories: true)
        XCTAssertThrowsError(try AtomicFile.withLock(folder + "/lesson.yaml") {}) { error in
            XCTAssertEqual((error as? Diagnostic)?.file, blocked, "\(error)")
        }
    }

    func testTheSolutionReportsAProgressFileSetAside() throws {
        let workspace = workspace(readOnly: false)
        try FileManager.default.createDirectory(atPath: workspace.stateFolder, withIntermediateDirectories: true)
        try "garbage".write(toFile: workspace.progress.path, atomically: false, encoding: .utf8)
        let warned = warnings()
        XCTAssertEqual(try workspace.solution(lesson, "effective-step", force: true), "Ten.")
        XCTAssertEqual(warned().map(\.message), ["the progress file could not be read; progress starts over"])
    }

    func testAFileNamedLikeALessonThatLearnSkipsIsAnError() throws {
        for name in ["lesson-01-a.md", "lesson-123456-x.md", "lesson-1-short.md", "lesson-notes.md"] {
            try "---\ntitle: T\n---\n\nProse.\n".write(toFile: folder + "/" + name, atomically: false, encoding: .utf8)
        }
        let library = try LessonLibrary(folder: folder)
        XCTAssertEqual(library.entries.map(\.id.description), ["lesson-01"])
        XCTAssertEqual(library.misnamed.map { ($0 as NSString).lastPathComponent }, ["lesson-1-short.md", "lesson-123456-x.md"])
        let found = LessonLinter(parser: LessonParser(catalog: testCatalog)).lint(library.entries.map(\.path), library: library)
        XCTAssertEqual(found.filter { $0.severity == .error }.compactMap(\.file).map { ($0 as NSString).lastPathComponent },
                       ["lesson-1-short.md", "lesson-123456-x.md"])
    }

    func testJSONEscapesWhatTheTerminalFilterWould() throws {
        let text = "a\u{7F}b\u{85}c\u{9B}d\u{202E}e\u{2066}f"
        let encoded = String(decoding: try JSONEncoder().encode([text]), as: UTF8.self)
        let escaped = TerminalSafe.jsonEscaped(encoded)
        XCTAssertEqual(escaped, #"["a\u007fb\u0085c\u009bd\u202ee\u2066f"]"#)
        XCTAssertEqual(try JSONDecoder().decode([String].self, from: Data(escaped.utf8)), [text], "still the same JSON value")
        XCTAssertEqual(TerminalSafe.filtered(escaped), escaped, "nothing left for the output filter to change")
    }
}
