import Experiments
import Foundation
import Lessons
import XCTest

/// A syntax error, a trap and an endless loop in each exercise file of the (shared, temporary)
/// exercise package: `learn run` of every lesson and `learn list` still work, and `learn check`
/// reports each fault with its cause and position.
final class CodeExerciseFaultTests: XCTestCase {
    override func tearDownWithError() throws {
        try SharedExercises.restoreStubs()
    }

    @discardableResult
    private func learn(_ arguments: String...) throws -> LearnProcess.Result {
        try LearnProcess.run(arguments, in: SharedExercises.workspace, environment: ["LEARN_LESSONS": LearnProcess.lessons])
    }

    /// One fault, put where each stub calls `notWritten()`, and what `learn check` must say of it
    /// at that line (`line` is 0 for the stub's `notWritten()` line itself).
    private struct Fault {
        var name: String
        var code: String
        var line: Int
        var verdict: String
        var position: String
    }

    private let faults = [
        Fault(name: "a syntax error", code: "    let x = = 1", line: 0,
              verdict: "failed: does not compile", position: "  "),
        Fault(name: "a trap", code: "    let empty: [Int] = []\n    _ = empty[1]\n    notWritten()", line: 1,
              verdict: "failed: crashed: Fatal error: Index out of range", position: "at:    "),
        Fault(name: "an endless loop", code: "    var step = 0\n    while step >= 0 { step = (step + 1) % 7 }\n    notWritten()", line: 1,
              verdict: "failed: too slow: it used its 1 s of CPU time without finishing (an endless loop?)", position: "at:    "),
    ]

    func testEachFaultInEachExerciseIsReportedAndNeverStopsTheRest() throws {
        let exercises = experimentCatalogForTests.codeExercises
        // The capstone has no code exercise and trains for minutes: CI computes it once, in ResultFormatTests.
        let lessons = try FileManager.default.contentsOfDirectory(atPath: LearnProcess.lessons)
            .filter { $0.hasSuffix(".md") && !$0.contains("capstone") }.sorted()
        for fault in faults {
            var lines: [String: Int] = [:]
            for exercise in exercises {
                let stubLine = exercise.stub.split(separator: "\n", omittingEmptySubsequences: false)
                    .firstIndex { $0 == "    notWritten()" }.map { $0 + 1 } ?? 0
                lines[exercise.id] = stubLine + fault.line
                try exercise.stub.replacingOccurrences(of: "    notWritten()", with: fault.code)
                    .write(to: SharedExercises.file(exercise), atomically: true, encoding: .utf8)
            }
            for lesson in lessons {
                let run = try learn("run", LearnProcess.lessons + "/" + lesson, "--color", "never")
                XCTAssertEqual(run.status, 0, "learn run \(lesson) with \(fault.name) in every exercise: \(run.stderr)")
            }
            XCTAssertEqual(try learn("list").status, 0, "learn list with \(fault.name) in every exercise")

            let check = try learn("check", "--cpu-seconds", "1", "--color", "never", "--width", "300")
            XCTAssertEqual(check.status, 1)
            XCTAssertEqual(check.stderr, "", "the verdicts say it all")
            for exercise in exercises {
                let report = verdict(of: exercise.id, in: check.stdout)
                let file = "Sources/Exercises/\(exercise.product).swift"
                XCTAssertTrue(report.first?.hasSuffix("  " + fault.verdict) == true,
                              "\(fault.name) in \(exercise.id):\n\(report.joined(separator: "\n"))")
                // (An endless loop may be caught on an instruction without a line: then its function says where.)
                XCTAssertTrue(report.contains { $0.contains(fault.position + file + ":\(lines[exercise.id]!):") }
                              || fault.name.contains("loop") && report.contains { $0.contains(fault.position + file + ", in ") },
                              "\(fault.name) in \(exercise.id) is reported at its line \(lines[exercise.id]!):\n\(report.joined(separator: "\n"))")
                if fault.line > 0 {
                    XCTAssertTrue(report.contains { $0.contains("input: ") }, "\(fault.name) in \(exercise.id) names its input")
                }
            }
        }
    }

    /// A compile error in one exercise never blocks another's check, nor gets a word in it.
    func testOneExercisesErrorNeverTouchesAnothersCheck() throws {
        try "public func momentumStep(\n".write(to: SharedExercises.file(MomentumStepExercise.self), atomically: true, encoding: .utf8)
        try KaimingStdExercise.stub.replacingOccurrences(of: "notWritten()", with: "(2 / Float(fanIn)).squareRoot()")
            .write(to: SharedExercises.file(KaimingStdExercise.self), atomically: true, encoding: .utf8)
        let kaiming = try learn("check", "6", "--exercise", "kaiming-std", "--color", "never")
        XCTAssertEqual(kaiming.status, 0, kaiming.stdout)
        XCTAssertTrue(kaiming.stdout.contains("✓ kaiming-std  passed"), kaiming.stdout)
        XCTAssertEqual(kaiming.stderr, "")
        // Lesson 1's answer exercise builds nothing, and no other exercise's file is mentioned.
        let answer = try learn("check", "1", "--exercise", "uniform-loss", "--color", "never")
        XCTAssertEqual(answer.stderr, "")
        XCTAssertFalse(answer.stdout.contains("MomentumStep"), answer.stdout)
    }

    /// From another folder, the package is the one beside the lessons folder (or $LEARN_EXERCISES).
    func testThePackageIsFoundBesideTheLessonsWhenLearnRunsElsewhere() throws {
        let lessons = SharedExercises.workspace.appendingPathComponent("lessons")
        if !FileManager.default.fileExists(atPath: lessons.path) {
            try FileManager.default.copyItem(at: URL(fileURLWithPath: LearnProcess.lessons), to: lessons)
        }
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("learn-elsewhere-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let file = SharedExercises.file(MomentumStepExercise.self).path
        let beside = try LearnProcess.run(["check", "3", "--exercise", "momentum-step", "--width", "300"], in: elsewhere,
                                          environment: ["LEARN_LESSONS": lessons.path])
        XCTAssertTrue(beside.stdout.contains("not tried: write it in \(file)"), beside.stdout)
        let none = try LearnProcess.run(["check", "3", "--exercise", "momentum-step", "--width", "300"], in: elsewhere,
                                        environment: ["LEARN_LESSONS": LearnProcess.lessons, "LEARN_EXERCISES": elsewhere.path])
        XCTAssertEqual(none.status, 1)
        XCTAssertTrue(none.stdout.contains("! momentum-step  error: no exercise package"), none.stdout)
    }

    /// The lines `learn check` printed for exercise `id`: its verdict and the indented lines below it.
    private func verdict(of id: String, in output: String) -> [String] {
        let lines = output.split(separator: "\n").map(String.init)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("  ") && $0.contains(" \(id)  ") }) else { return [] }
        return [lines[start]] + lines[(start + 1)...].prefix { $0.hasPrefix("     ") }
    }
}
