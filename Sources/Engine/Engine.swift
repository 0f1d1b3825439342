import Foundation

/// Settings of the engine's kernels.
public enum Engine {
    /// How many threads a large GEMM may use (1 or 2). Results are the same bytes for every value.
    nonisolated(unsafe) public static var threadCount: Int = min(2, ProcessInfo.processInfo.activeProcessorCount)

    /// Below this many floating-point operations a GEMM stays on one thread: the hand-off would cost more than
    /// it saves.
    nonisolated(unsafe) public static var parallelThreshold: Double = 1_000_000
}

extension Engine {
    /// The matrix kernel this build runs: chosen in Package.swift from the CPU that builds it.
    public static var kernelName: String {
        GEMMKernel.native == .simd16 ? "6×32 SIMD16<Float> (AVX-512)" : "6×16 SIMD8<Float> (AVX2 + FMA)"
    }

    /// The GFLOPS below which `selfCheck()` warns. A correctly built kernel does 80–130 on one core with AVX2
    /// and 200–250 with AVX-512 (AMD EPYC here, half that in its first milliseconds), while a build without
    /// the CPU target flag falls about 150× below; the bar sits well under the first and far above the last.
    public static var expectedMinimumGFLOPS: Double { GEMMKernel.native == .simd16 ? 50 : 20 }

    /// The measured speed of a 256×256 matrix product on one thread, in GFLOPS (takes a few milliseconds).
    public static func measureGFLOPS() -> Double {
        let n = 256
        var generator = SeededGenerator(seed: 0)
        let a = Tensor.uniform([n, n], using: &generator), b = Tensor.uniform([n, n], using: &generator)
        var c = [Float](repeating: 0, count: n * n)
        var best = Double.infinity
        for _ in 0..<5 {
            let start = DispatchTime.now().uptimeNanoseconds
            c.withUnsafeMutableBufferPointer { out in
                gemm(m: n, n: n, k: n, a: MatrixView(a.storage.base, columns: n), b: MatrixView(b.storage.base, columns: n),
                     c: out.baseAddress!, ldc: n, accumulate: false, threads: 1)
            }
            best = Swift.min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return 2 * Double(n * n * n) / best / 1e9
    }

    /// Checks that the engine's matrix kernel runs at its expected speed. Returns nil when it does, or a
    /// warning a person can act on when it runs far below (a build without the CPU target flag, or a
    /// badly overloaded machine).
    public static func selfCheck() -> String? {
        let gflops = measureGFLOPS()
        if gflops >= expectedMinimumGFLOPS { return nil }
        let flag = GEMMKernel.native == .simd16 ? "-Xcc -march=x86-64-v4" : "-Xcc -march=x86-64-v3"
        return "warning: the engine's matrix kernel (\(kernelName)) runs at \(String(format: "%.1f", gflops)) GFLOPS, "
            + "far below the expected \(Int(expectedMinimumGFLOPS)) or more. Build in release (swift build -c release) with "
            + "the flags in Package.swift (\(flag) on x86-64), or check whether other programs are using the CPU."
    }
}

extension Engine {
    /// The engine's version. Results cached by `learn` are keyed by it (and by the build itself).
    public static let version = "0.1.0"
}
