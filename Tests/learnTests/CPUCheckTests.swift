import Foundation
import Lessons
import XCTest

/// A build started on a CPU without the instructions its engine was compiled for says what to do, before
/// any kernel runs, instead of dying with an illegal instruction. The CPU is faked with a cpuinfo file.
final class CPUCheckTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("learn-cpu-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder)
    }

    private func cpuinfo(_ flags: String) throws -> String {
        let path = folder.appendingPathComponent("cpuinfo").path
        try "processor\t: 0\nvendor_id\t: Fake\nflags\t\t: \(flags)\n\nprocessor\t: 1\n".write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func testAnOldCPUIsToldToRebuildBeforeAnythingRuns() throws {
        #if arch(x86_64) && os(Linux)
        let path = try cpuinfo("fpu sse sse2 ssse3 sse4_1 sse4_2 popcnt")
        let result = try LearnProcess.run(["run", "3", "--fresh"], in: folder,
                                          environment: ["LEARN_CPUINFO": path, "LEARN_LESSONS": LearnProcess.lessons])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stdout, "", "nothing ran")
        XCTAssertTrue(result.stderr.contains("this CPU lacks avx2, fma"), result.stderr)
        XCTAssertTrue(result.stderr.contains("swift build -c release"), result.stderr)
        #else
        throw XCTSkip("the kernels need no CPU features here")
        #endif
    }

    func testACPUWithEveryFeatureRuns() throws {
        let path = try cpuinfo("fpu sse2 avx avx2 fma avx512f avx512bw")
        let result = try LearnProcess.run(["run", "1", "--format", "text"], in: folder,
                                          environment: ["LEARN_CPUINFO": path, "LEARN_LESSONS": LearnProcess.lessons])
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testTheCheckNamesWhatIsMissing() {
        XCTAssertEqual(CPUFeatures.flags(cpuinfo: "processor: 0\nflags : a b  c\n"), ["a", "b", "c"])
        XCTAssertNil(CPUFeatures.flags(cpuinfo: "no flags here"))
        XCTAssertNil(CPUFeatures.problem(required: ["avx2"], available: nil), "no cpuinfo, nothing to check against")
        XCTAssertNil(CPUFeatures.problem(required: ["avx2", "fma"], available: ["avx2", "fma", "sse2"]))
        let problem = CPUFeatures.problem(required: ["avx2", "fma", "avx512f"], available: ["avx2", "fma"])
        XCTAssertEqual(problem?.message, "this learn was built for a CPU with avx2, fma, avx512f, and this CPU lacks avx512f")
    }
}
