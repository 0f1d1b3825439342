import XCTest

@testable import Lessons

/// What `learn check` reads when a student's code crashed or did not compile: the backtracer's
/// JSON report and the compiler's diagnostics, never the crash's text.
final class CrashMessageTests: XCTestCase {
    /// The report of `SWIFT_BACKTRACE=format=json` for a debug-built exercise whose loop ran past the
    /// end (trimmed to the fields read).
    let indexOutOfRange = """
        {"kind": "crashReport", "description": "Illegal instruction", "threads": [
          {"name": "main", "frames": [{"description": "start"}]},
          {"name": "MomentumStep", "crashed": true, "frames": [
            {"kind": "programCounter", "description": "closure #1 in closure #1 in _assertionFailure(_:_:file:line:flags:) + 623", "image": "libswiftCore.so"},
            {"kind": "returnAddress", "description": "specialized Array.subscript.getter + 84", "image": "libswiftSwiftOnoneSupport.so"},
            {"kind": "returnAddress", "description": "momentumStep(parameters:velocity:gradient:learningRate:momentum:) + 40", "image": "MomentumStep",
             "sourceLocation": {"file": "/home/student/learn/Sources/Exercises/MomentumStep.swift", "line": 7, "column": 28}},
            {"kind": "returnAddress", "description": "closure #1 in static MomentumStepCheck.main() + 89", "image": "MomentumStep",
             "sourceLocation": {"file": "/home/student/learn/Sources/Exercises/Checks/MomentumStepCheck.swift", "line": 18, "column": 26}}
          ]}
        ]}
        """

    func testTheStudentsFrameAndTheTrapsKind() throws {
        let report = try JSONDecoder().decode(CrashReport.self, from: Data(indexOutOfRange.utf8))
        XCTAssertEqual(report.studentFrame, "/home/student/learn/Sources/Exercises/MomentumStep.swift:7:28")
        XCTAssertEqual(report.cause, "Illegal instruction in a subscript: an index out of range?")
    }

    func testARuntimeFailureNamesItself() throws {
        let json = """
            {"description": "Illegal instruction", "threads": [{"crashed": true, "frames": [
              {"description": "Swift runtime failure: arithmetic overflow"},
              {"description": "kaimingStd(fanIn:) + 12", "sourceLocation": {"file": "/w/Sources/Exercises/KaimingStd.swift", "line": 3, "column": 9}}
            ]}]}
            """
        let report = try JSONDecoder().decode(CrashReport.self, from: Data(json.utf8))
        XCTAssertEqual(report.cause, "arithmetic overflow")
        XCTAssertEqual(report.studentFrame, "/w/Sources/Exercises/KaimingStd.swift:3:9")
    }

    func testCodeWithoutALineIsPlacedByItsFunction() throws {
        let json = """
            {"description": "Illegal instruction", "threads": [{"crashed": true, "frames": [
              {"description": "closure #1 in static CPULimit.outOfCPUTime + 103", "sourceLocation": {"file": "/w/Sources/Exercises/Harness/CPULimit.swift", "line": 35, "column": 9}},
              {"description": "kaimingStd(fanIn:) + 32", "sourceLocation": {"file": "/w/Sources/Exercises/KaimingStd.swift", "line": 0, "column": 0}}
            ]}]}
            """
        let report = try JSONDecoder().decode(CrashReport.self, from: Data(json.utf8))
        XCTAssertEqual(report.studentFrame, "/w/Sources/Exercises/KaimingStd.swift, in kaimingStd(fanIn:)")
    }

    func testACrashOutsideTheStudentsCodeHasNoPosition() throws {
        let json = #"{"description": "Segmentation fault", "threads": [{"crashed": true, "frames": [{"description": "memcpy"}]}]}"#
        let report = try JSONDecoder().decode(CrashReport.self, from: Data(json.utf8))
        XCTAssertNil(report.studentFrame)
        XCTAssertEqual(report.cause, "Segmentation fault")
    }

    func testTheRuntimesMessageIsQuotedFromItsFatalErrorLine() {
        let stderr = "theta: [1.0]\nSources/Exercises/KaimingStd.swift:14: Fatal error: not sure\n\n*** Signal 4: Backtracing ***\n"
        XCTAssertEqual(IsolatedRunner.runtimeMessage(stderr), "Fatal error: not sure")
        XCTAssertNil(IsolatedRunner.runtimeMessage("*** Signal 11: Backtracing ***\n"))
    }

    func testCompilerErrorsAreReadAsFileLineColumnEachOnce() {
        let package = ExercisePackage(folder: "/w/Sources/Exercises", workspace: "/w")
        let output = [
            "Building for debugging...",
            "/w/Sources/Exercises/MomentumStep.swift:8:36: error: cannot find 'vv' in scope",
            " 8 |         theta[i] -= learningRate * vv[i]",
            "   |                                    `- error: cannot find 'vv' in scope",
            "/w/Sources/Exercises/MomentumStep.swift:8:36: error: cannot find 'vv' in scope",
            "/w/Sources/Exercises/MomentumStep.swift:2:1: warning: var 'x' was never used",
            "/elsewhere/Other.swift:1:2: error: expected expression",
            "error: fatalError",
        ]
        XCTAssertEqual(package.compilerErrors(output), [
            "Sources/Exercises/MomentumStep.swift:8:36: cannot find 'vv' in scope",
            "/elsewhere/Other.swift:1:2: expected expression",
        ])
    }
}
