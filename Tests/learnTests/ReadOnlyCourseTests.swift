import Foundation
import XCTest

/// A course copy the student can't write (a shared folder, a read-only mount): `learn check`, `answer` and
/// `hint` give their verdicts and say that progress was not saved, instead of failing on the lock
/// (issue 18.7). Root may write anywhere, so as root the commands run as `nobody` through setpriv.
final class ReadOnlyCourseTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-readonly-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        chmod(folder.path, 0o755)
        try? FileManager.default.removeItem(at: folder)
    }

    /// How to run learn so that it can't write `folder`: as nobody when this is root, else after chmod.
    private func readOnly() throws -> [String] {
        if getuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { throw XCTSkip("root, and no setpriv to drop it") }
            chmod(folder.path, 0o755)
            return ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
        }
        XCTAssertEqual(chmod(folder.path, 0o555), 0)
        return []
    }

    func testChecksAndHintsWorkFromACopyThatCantBeWritten() throws {
        // The lessons are copied into the folder: as nobody, learn may not be able to read the checkout
        // (a clone in a folder only root may enter, as CI's may be).
        let lessons = folder.appendingPathComponent("lessons")
        try FileManager.default.createDirectory(at: lessons, withIntermediateDirectories: true)
        for name in ["course.yaml", "lesson-03-sgd-vs-momentum.md"] {
            try FileManager.default.copyItem(atPath: LearnProcess.lessons + "/" + name, toPath: lessons.appendingPathComponent(name).path)
        }
        let environment = ["LEARN_LESSONS": lessons.path, "HOME": folder.path]
        let answers = LearnProcess.answers("lesson-03", in: folder)
        try FileManager.default.createDirectory(at: answers.deletingLastPathComponent(), withIntermediateDirectories: true)
        try "effective-step: 10\n".write(to: answers, atomically: true, encoding: .utf8)
        let through = try readOnly()
        if getuid() != 0 { chmod(answers.deletingLastPathComponent().path, 0o555); chmod(answers.deletingLastPathComponent().deletingLastPathComponent().path, 0o555) }
        defer { chmod(answers.deletingLastPathComponent().path, 0o755); chmod(answers.deletingLastPathComponent().deletingLastPathComponent().path, 0o755) }

        let check = try LearnProcess.run(["check", "3", "--exercise", "effective-step", "--color", "never"], in: folder,
                                         environment: environment, through: through)
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.stdout.contains("effective-step  passed"), check.stdout)
        XCTAssertTrue(check.stderr.contains("progress was not saved"), check.stderr)
        XCTAssertFalse(check.stderr.contains("cannot lock"), check.stderr)

        let answer = try LearnProcess.run(["answer", "3", "largest-rate", "0.5", "--color", "never"], in: folder,
                                          environment: environment, through: through)
        XCTAssertTrue(answer.stderr.contains("the answer was not saved"), answer.stderr)
        XCTAssertTrue(answer.stdout.contains("largest-rate"), "the verdict is printed: \(answer.stdout)")
        XCTAssertFalse(answer.stdout.contains("Saved in"), answer.stdout)
        XCTAssertEqual(try String(contentsOf: answers, encoding: .utf8), "effective-step: 10\n", "the file is untouched")

        let hint = try LearnProcess.run(["hint", "3", "largest-rate", "--color", "never"], in: folder,
                                        environment: environment, through: through)
        XCTAssertEqual(hint.status, 0, hint.stderr)
        XCTAssertTrue(hint.stdout.hasPrefix("Hint 1"), hint.stdout)
        XCTAssertTrue(hint.stderr.contains("was not saved"), hint.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: LearnProcess.state(in: folder).path), "nothing written")
    }
}
