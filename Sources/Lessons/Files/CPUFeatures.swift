import Foundation

/// The instruction sets this CPU has, so that a `learn` built for another CPU says so at start instead of
/// dying with an illegal instruction in the first matrix product.
///
/// The engine's kernels are compiled for the building machine: AVX2 and FMA everywhere on x86-64, AVX-512
/// when the building CPU had it (Package.swift). A build copied to an older CPU, or a CI image built on a
/// newer one, would otherwise stop with SIGILL.
public enum CPUFeatures {
    /// The feature flags the kernels need, by the names Linux's /proc/cpuinfo uses: every one that the
    /// compiler may use under `-march=x86-64-v3` (and `-v4` with AVX-512), not only the vector ones it
    /// is built for, since it may emit any of them anywhere. LZCNT is listed as `abm`, SSE3 as `pni`.
    public static func required(avx512: Bool) -> [String] {
        #if arch(x86_64)
        let v2 = ["cx16", "lahf_lm", "popcnt", "pni", "sse4_1", "sse4_2", "ssse3"]
        let v3 = ["avx", "avx2", "bmi1", "bmi2", "f16c", "fma", "abm", "movbe", "xsave"]
        let v4 = ["avx512f", "avx512bw", "avx512cd", "avx512dq", "avx512vl"]
        return v2 + v3 + (avx512 ? v4 : [])
        #else
        return []
        #endif
    }

    /// The flags of the first processor in a /proc/cpuinfo text; nil when it lists none.
    public static func flags(cpuinfo: String) -> Set<String>? {
        guard let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return nil }
        return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
    }

    /// What to say when `available` lacks some of `required`; nil when nothing is missing or the flags
    /// are unknown (a system without /proc/cpuinfo: nothing to check against).
    public static func problem(required: [String], available: Set<String>?) -> Diagnostic? {
        guard let available else { return nil }
        let missing = required.filter { !available.contains($0) }
        guard !missing.isEmpty else { return nil }
        let level = required.contains("avx512f") ? "x86-64-v4 (AVX-512)" : "x86-64-v3 (AVX2)"
        return Diagnostic("this learn was built for an \(level) CPU, and this CPU lacks \(missing.joined(separator: ", "))",
            hint: "Build it again on this machine: swift build -c release (the build picks the instructions this CPU has).")
    }

    /// Reads this machine's flags: `$LEARN_CPUINFO` names a file in /proc/cpuinfo's format to read instead
    /// (how the tests pretend to be another CPU).
    public static func current(environment: [String: String] = ProcessInfo.processInfo.environment) -> Set<String>? {
        #if os(Linux)
        let path = environment["LEARN_CPUINFO"].flatMap { $0.isEmpty ? nil : $0 } ?? "/proc/cpuinfo"
        return FileBytes.read(atPath: path, limit: 4 << 20).flatMap { flags(cpuinfo: String(decoding: $0, as: UTF8.self)) }
        #else
        return nil
        #endif
    }
}
