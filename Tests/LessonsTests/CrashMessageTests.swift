import XCTest

@testable import Lessons

/// What `learn check` says when a student's code crashed in the child process.
final class CrashMessageTests: XCTestCase {
    func testReleaseBuildTrapNamesTheKindTheLikelyCauseAndTheStudentsLine() {
        // Standard error of a release-built `learn __check-code momentum-step` whose loop ran past the end.
        let stderr = """

            *** Signal 4: Backtracing from 0x555a6df3e30e... done ***

            *** Program crashed: Illegal instruction at 0x0000555a6df3e30e ***

            Platform: x86_64 Linux (Debian GNU/Linux 12 (bookworm))

            Thread 0 "learn" crashed:

              0 [inlined] [system]      0x0000555a6df3e30e specialized Array.subscript.getter in learn at //<compiler-generated>
              1                         0x0000555a6df3e30e momentumStep(parameters:velocity:gradient:learningRate:momentum:) + 238 in learn at /tmp/student/Sources/Exercises/MomentumStep.swift:5:51
              2 [ra] [inlined]          0x0000555a6df713cd closure #1 in static MomentumStepExercise.checkStudent(seed:) in learn at /tmp/student/Sources/Experiments/CodeExercises/MomentumStepExercise.swift:14:17
            """
        XCTAssertEqual(IsolatedRunner.crashMessage(stderr, signal: SIGILL),
                       "a runtime trap (Illegal instruction) in an array subscript: an index out of range? at Sources/Exercises/MomentumStep.swift:5:51")
    }

    func testDebugBuildFatalErrorKeepsSwiftsMessage() {
        let stderr = "Sources/Exercises/KaimingStd.swift:14: Fatal error: not sure\n"
        XCTAssertEqual(IsolatedRunner.crashMessage(stderr, signal: SIGILL), "Fatal error: not sure")
    }

    func testNothingOnStandardErrorStillSaysWhatHappened() {
        XCTAssertEqual(IsolatedRunner.crashMessage("", signal: SIGSEGV), "stopped by signal \(SIGSEGV)")
        XCTAssertEqual(IsolatedRunner.crashMessage("", signal: nil), "the check process ended without a result")
    }
}
