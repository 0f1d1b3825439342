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
        XCTAssertTrue(result.stderr.contains("this CPU lacks cx16, lahf_lm, pni, avx, avx2, bmi1, bmi2, f16c, fma, abm, movbe, xsave"), result.stderr)
        XCTAssertTrue(result.stderr.contains("swift build -c release"), result.stderr)
        #else
        throw XCTSkip("the kernels need no CPU features here")
        #endif
    }

    /// The flags of an x86-64-v4 CPU (this machine's, less the ones the build needs not).
    private static let everyFeature = "fpu sse2 cx16 lahf_lm popcnt pni sse4_1 sse4_2 ssse3 avx avx2 bmi1 bmi2 f16c fma abm movbe xsave "
        + "avx512f avx512bw avx512cd avx512dq avx512vl"

    func testACPUWithEveryFeatureRuns() throws {
        let path = try cpuinfo(Self.everyFeature)
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
        XCTAssertEqual(problem?.message, "this learn was built for an x86-64-v4 (AVX-512) CPU, and this CPU lacks avx512f")
    }

    /// `-march=x86-64-v3` lets the compiler use BMI, F16C, LZCNT and MOVBE anywhere, and `-v4` every
    /// AVX-512 subset it names, not only AVX2, FMA and AVX512F: a CPU lacking one is told so.
    func testEveryFeatureTheTargetLevelAllowsIsRequired() throws {
        #if arch(x86_64)
        let all = Set(Self.everyFeature.split(separator: " ").map(String.init))
        XCTAssertNil(CPUFeatures.problem(required: CPUFeatures.required(avx512: true), available: all))
        for (flag, avx512) in [("bmi2", false), ("f16c", false), ("abm", false), ("movbe", false), ("bmi1", false),
                               ("avx512bw", true), ("avx512cd", true), ("avx512dq", true), ("avx512vl", true)] {
            let problem = CPUFeatures.problem(required: CPUFeatures.required(avx512: avx512), available: all.subtracting([flag]))
            XCTAssertTrue(problem?.message.hasSuffix("this CPU lacks \(flag)") ?? false, "\(flag): \(String(describing: problem))")
        }
        XCTAssertNil(CPUFeatures.problem(required: CPUFeatures.required(avx512: false), available: all.subtracting(["avx512vl"])),
                     "an AVX2 build runs without AVX-512")
        #else
        throw XCTSkip("the kernels need no CPU features here")
        #endif
    }
}
