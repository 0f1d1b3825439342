import Foundation
import Lessons
import XCTest

@testable import Experiments

/// The exercise package, built apart from `learn` in a temporary folder: the shipped stubs, every
/// lesson's worked solution, and broken solutions (Tests/CheckFixtures), each checked in a child
/// process as `learn check` checks a student's.
final class ExercisePackageTests: XCTestCase {
    nonisolated(unsafe) private static var shared: FixturePackage?

    override class func setUp() {
        shared = try? FixturePackage()
    }

    override class func tearDown() {
        shared?.remove()
        shared = nil
    }

    private var fixtures: FixturePackage {
        get throws { try XCTUnwrap(Self.shared, "the exercise package could not be copied into a temporary folder") }
    }

    private var quick: IsolatedRunner { IsolatedRunner(cpuSeconds: 1, wallSeconds: 20) }

    // MARK: The shipped package

    func testEveryShippedStubBuildsOnItsOwnAndReadsAsNotWritten() throws {
        let fixtures = try fixtures
        for exercise in experimentCatalog.codeExercises {
            let outcome = CodeRunner(package: fixtures.package, runner: quick).check(exercise, seed: 1)
            XCTAssertEqual(outcome, .notWritten(file: "Sources/Exercises/\(exercise.product).swift"), exercise.id)
        }
    }

    /// The files as committed (a student's edits in the checkout are theirs, not a failure).
    func testShippedStubsMatchWhatResetRestores() throws {
        for exercise in experimentCatalog.codeExercises {
            let git = Process()
            git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            git.arguments = ["git", "-C", FixturePackage.repository.path, "show", "HEAD:\(exercise.file)"]
            let output = Pipe()
            git.standardOutput = output
            git.standardError = FileHandle.nullDevice
            guard (try? git.run()) != nil else { throw XCTSkip("no git to read the committed stubs with") }
            let shipped = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            git.waitUntilExit()
            guard git.terminationStatus == 0 else { throw XCTSkip("the checkout is not a git repository") }
            XCTAssertEqual(shipped, exercise.stub, "\(exercise.file) as committed differs from \(exercise.id)'s stub")
        }
    }

    /// Each lesson's worked solution, put in place of the stub's `notWritten()`, passes in the child.
    func testEveryLessonsWorkedSolutionPasses() throws {
        let fixtures = try fixtures
        let parser = LessonParser(catalog: experimentCatalog)
        let lessons = FixturePackage.repository.appendingPathComponent("lessons")
        var checked = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: lessons.path).sorted() where name.hasSuffix(".md") {
            let lesson = try parser.parse(contentsOf: lessons.appendingPathComponent(name).path)
            for exercise in lesson.exercises {
                guard case .code(let code) = exercise.kind, let solution = exercise.solution else { continue }
                let body = solution.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
                let file = "import Foundation\n" + code.stub.replacingOccurrences(of: "    notWritten()", with: body)
                let path = fixtures.package.source(of: code)
                try file.write(toFile: path, atomically: true, encoding: .utf8)
                defer { try? code.stub.write(toFile: path, atomically: true, encoding: .utf8) }
                let outcome = CodeRunner(package: fixtures.package).check(code, seed: lesson.metadata.seed ?? 0)
                XCTAssertTrue(outcome.passed, "\(name) \(exercise.id): \(outcome.explanation)")
                checked += 1
            }
        }
        XCTAssertEqual(checked, experimentCatalog.codeExercises.count)
    }

    func testACompileErrorInOneExerciseNeverBlocksAnother() throws {
        let fixtures = try fixtures
        let kaiming = fixtures.package.source(of: KaimingStdExercise.self)
        try "public func kaimingStd(fanIn: Int) -> Float {\n    (2 / Float(fanIn)).squareRot()\n}\n"
            .write(toFile: kaiming, atomically: true, encoding: .utf8)
        defer { try? KaimingStdExercise.stub.write(toFile: kaiming, atomically: true, encoding: .utf8) }
        let runner = CodeRunner(package: fixtures.package, runner: quick)
        guard case .doesNotCompile(let errors) = runner.check(KaimingStdExercise.self, seed: 1) else {
            return XCTFail("expected a compile error")
        }
        XCTAssertEqual(errors.first, "Sources/Exercises/KaimingStd.swift:2:24: value of type 'Float' has no member 'squareRot'")
        XCTAssertEqual(runner.check(WeightDecayStepExercise.self, seed: 1),
                       .notWritten(file: "Sources/Exercises/WeightDecayStep.swift"))
    }

    func testAFunctionRenamedAwayFromTheStubIsExplained() throws {
        let fixtures = try fixtures
        let kaiming = fixtures.package.source(of: KaimingStdExercise.self)
        try "public func kaimingSTD(fanIn: Int) -> Float {\n    (2 / Float(fanIn)).squareRoot()\n}\n"
            .write(toFile: kaiming, atomically: true, encoding: .utf8)
        defer { try? KaimingStdExercise.stub.write(toFile: kaiming, atomically: true, encoding: .utf8) }
        let outcome = CodeRunner(package: fixtures.package, runner: quick).check(KaimingStdExercise.self, seed: 1)
        guard case .doesNotCompile(let errors) = outcome else { return XCTFail("expected a compile error: \(outcome)") }
        XCTAssertTrue(errors.first?.hasPrefix("Sources/Exercises/Checks/KaimingStdCheck.swift:") == true, "\(errors)")
        XCTAssertEqual(errors.last, "note: the check calls your function as the stub declares it: keep its name, parameters and result type")
    }

    // MARK: Broken solutions

    func testACompileErrorIsAFailedCheckWithFileLineAndColumn() throws {
        let outcome = try fixtures.check(fixture: "CompileError", runner: quick)
        XCTAssertEqual(outcome, .doesNotCompile(errors: [
            "Sources/Exercises/Fixtures/CompileError/MomentumStep.swift:8:36: cannot find 'vv' in scope",
        ]))
        XCTAssertFalse(outcome.passed)
        XCTAssertTrue(outcome.explanation.hasPrefix("does not compile\n  Sources/Exercises/Fixtures/CompileError/MomentumStep.swift:8:36:"),
                      outcome.explanation)
    }

    func testATrapSaysWhatWhereAndOnWhichInput() throws {
        guard case .crashed(let message, let location, let input) = try fixtures.check(fixture: "IndexOutOfRange", runner: quick) else {
            return XCTFail("expected a crash")
        }
        XCTAssertEqual(message, "Fatal error: Index out of range")
        XCTAssertEqual(location, "Sources/Exercises/Fixtures/IndexOutOfRange/MomentumStep.swift:7:28")
        XCTAssertEqual(input, firstMomentumInput(seed: 1), "the fixture traps on the first input")
    }

    func testFatalErrorKeepsItsMessage() throws {
        guard case .crashed(let message, let location, _) = try fixtures.check(fixture: "FatalError", runner: quick) else {
            return XCTFail("expected a crash")
        }
        XCTAssertEqual(message, "Fatal error: I give up on this exercise")
        XCTAssertEqual(location, "Sources/Exercises/Fixtures/FatalError/MomentumStep.swift:5:5")
    }

    func testAnEndlessLoopIsStoppedByItsCPULimitAndNamesTheInput() throws {
        // 3 s, not the quick runner's 1: the backtracer that finds the location is a process the child
        // starts, and it inherits the child's CPU limit; on a loaded machine 1 s of CPU did not always
        // see its report written (twice today, "no location"; it passed alone).
        let outcome = try fixtures.check(fixture: "EndlessLoop", runner: IsolatedRunner(cpuSeconds: 3, wallSeconds: 30))
        guard case .tooSlow(let detail, let location, let input) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(detail, "it used its 3 s of CPU time without finishing (an endless loop?)")
        // Where the CPU time ran out: a line of the loop, or the function when that instruction has
        // no line of its own (compiler-made code, such as a release).
        let file = "Sources/Exercises/Fixtures/EndlessLoop/MomentumStep.swift"
        XCTAssertTrue((7...9).contains { location?.hasPrefix("\(file):\($0):") == true } || location?.hasPrefix(file + ", in momentumStep(") == true,
                      "where it loops (lines 7 to 9): \(location ?? "no location")")
        XCTAssertTrue(input?.hasPrefix("parameters: [") == true, "\(input ?? "no input")")
    }

    func testAChildThatSleepsIsStoppedByTheWallClock() throws {
        let outcome = try fixtures.check(fixture: "Sleeps", runner: IsolatedRunner(cpuSeconds: 10, wallSeconds: 2))
        guard case .tooSlow(let detail, _, let input) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(detail, "it did not finish within 2 s")
        XCTAssertNotNil(input)
    }

    func testAWrongValueComesFromTheChildsReply() throws {
        let outcome = try fixtures.check(fixture: "WrongValue", runner: quick)
        guard case .wrongValue(let input, let expected, let actual) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertTrue(input.hasPrefix("parameters: ["), input)
        XCTAssertTrue(expected.hasPrefix("velocity[0] = "), expected)
        XCTAssertNotEqual(expected, actual)
    }

    func testWhatTheStudentPrintsNeverReadsAsAReply() throws {
        XCTAssertEqual(try fixtures.check(fixture: "PrintsWhileItWorks", runner: quick), .passed(cases: 30))
    }

    func testExitingInsteadOfReturningFails() throws {
        let outcome = try fixtures.check(fixture: "ExitsEarly", runner: quick)
        guard case .crashed(let message, nil, let input?) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(message, "it exited before it returned a result")
        XCTAssertTrue(input.hasPrefix("parameters: ["), input)
    }

    func testTheStubReadsAsNotWrittenWithItsFile() throws {
        XCTAssertEqual(try fixtures.check(fixture: "NotWritten", runner: quick),
                       .notWritten(file: "Sources/Exercises/Fixtures/NotWritten/MomentumStep.swift"))
    }

    func testAGrandchildHoldingThePipesDoesNotHangTheCheck() throws {
        let fixtures = try fixtures
        guard case .executable = fixtures.build(fixture: "GrandchildHoldsPipes") else { return XCTFail("the fixture did not build") }
        let started = Date()
        let outcome = fixtures.check(fixture: "GrandchildHoldsPipes", runner: quick)
        guard case .crashed(let message, _, _) = outcome else { return XCTFail("\(outcome)") }
        XCTAssertEqual(message, "Fatal error: gone, but my grandchild still holds the pipes")
        XCTAssertLessThan(Date().timeIntervalSince(started), 15, "the check returns while the grandchild sleeps on")
    }

    /// How the momentum-step check describes its first input for `seed`.
    private func firstMomentumInput(seed: UInt64) -> String? {
        struct Enough: Error {}
        nonisolated(unsafe) var first: String?
        _ = try? MomentumStepExercise.check({ p, v, g, lr, m in
            first = MomentumStepExercise.describe(p, v, g, lr, m)
            throw Enough()
        }, seed: seed)
        return first
    }
}
