// swift-tools-version:6.0
import Foundation
import PackageDescription

// The engine's SIMD kernels need a CPU target: without one, Swift lowers `SIMD8.addingProduct`
// to calls to `fmaf` and the GEMM kernel runs about 150× slower. The engine is also always built
// optimized, even in debug builds, so that tests and lessons never wait on a -Onone engine.
// Students build from source on their own machine, so the kernel is chosen here, at build time: on a
// Linux x86-64 CPU that lists `avx512f` the engine gets the AVX-512 kernel (`LEARN_AVX512`, 16-wide
// vectors), elsewhere the AVX2 one. Both give the same bytes (Tests/EngineTests/KernelAgreementTests.swift).
#if arch(x86_64)
let hostHasAVX512: Bool = {
    // LEARN_KERNEL=avx2 builds the AVX2 kernel on any CPU: valgrind (callgrind's instruction counts are
    // immune to a busy machine) does not decode AVX-512.
    if ProcessInfo.processInfo.environment["LEARN_KERNEL"] == "avx2" { return false }
    #if os(Linux)
    let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
        .split(separator: "\n").first { $0.hasPrefix("flags") } ?? ""
    return flags.split(separator: " ").contains("avx512f")
    #else
    return false
    #endif
}()
let engineFlags: [SwiftSetting] = hostHasAVX512
    ? [.unsafeFlags(["-O", "-Xcc", "-march=x86-64-v4"]), .define("LEARN_AVX512")]
    : [.unsafeFlags(["-O", "-Xcc", "-march=x86-64-v3"])]
// `learn` itself is built for any x86-64: it checks at start that this CPU has what the engine was built for.
let commandFlags: [SwiftSetting] = hostHasAVX512 ? [.define("LEARN_AVX512")] : []
#else
let engineFlags: [SwiftSetting] = [.unsafeFlags(["-O"])]
let commandFlags: [SwiftSetting] = []
#endif

let package = Package(
    name: "learn",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "learn", targets: ["learn"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", exact: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", exact: "6.2.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"])]
        ),
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(name: "Engine", resources: [.copy("Resources")], swiftSettings: engineFlags),
        // File formats the course reads (IDX, gzip): apart from the engine, which depends on nothing.
        .target(name: "FileFormats", dependencies: ["CZlib"]),
        .target(name: "TextPlot"),
        .target(
            name: "Lessons",
            dependencies: [
                "CCmark", "TextPlot",
                .product(name: "Yams", package: "Yams"),
            ],
            // The message catalogs are embedded as Swift by scripts/embed-catalogs.sh, not read at run time.
            exclude: ["Catalogs"]
        ),
        // The code exercises students write are a package of their own, Sources/Exercises, which
        // `learn check` builds: neither `learn` nor the tests link the student's code.
        .target(name: "Experiments", dependencies: ["Lessons", "TextPlot", "Engine", "FileFormats"]),
        .executableTarget(
            name: "learn",
            dependencies: [
                "Lessons", "Experiments", "FileFormats",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: commandFlags
        ),
        .executableTarget(name: "EngineBench", dependencies: ["Engine"], path: "Benchmarks/engine/EngineBench"),
        // The capstone CNN on Fashion-MNIST through the `train` experiment, timed per epoch (Benchmarks/fashion).
        .executableTarget(name: "FashionBench", dependencies: ["Experiments", "Lessons", "Engine"],
                          path: "Benchmarks/fashion/FashionBench"),
        .testTarget(name: "EngineTests", dependencies: ["Engine"]),
        .testTarget(name: "FileFormatsTests", dependencies: ["FileFormats", "CZlib"]),
        .testTarget(name: "TextPlotTests", dependencies: ["TextPlot"], resources: [.copy("Golden")]),
        .testTarget(name: "LessonsTests", dependencies: ["Lessons"], resources: [.copy("Fixtures")]),
        // Builds a copy of the exercise package, with the broken solutions of Tests/CheckFixtures as
        // extra targets, once in a temporary folder, and checks them as `learn check` does.
        .testTarget(name: "ExercisesTests", dependencies: ["Experiments", "Lessons"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments"]),
        .testTarget(name: "learnTests", dependencies: ["learn", "Lessons", "Experiments"], resources: [.copy("Golden")]),
        // libFuzzer targets (Fuzz/run.sh builds them with -sanitize=fuzzer and -DFUZZING). In a normal
        // build each is a small program that replays the files it is given, so it compiles harmlessly.
        .target(name: "FuzzSupport", dependencies: ["Lessons", "Experiments"], path: "Fuzz/Support"),
        .executableTarget(name: "LessonFuzz", dependencies: ["FuzzSupport", "Lessons"], path: "Fuzz/LessonFuzz"),
        .executableTarget(name: "AnswersFuzz", dependencies: ["FuzzSupport", "Lessons"], path: "Fuzz/AnswersFuzz"),
        .executableTarget(name: "DataFuzz", dependencies: ["FuzzSupport", "Lessons", "FileFormats"], path: "Fuzz/DataFuzz"),
    ]
)
