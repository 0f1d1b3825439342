// swift-tools-version:6.0
import PackageDescription

// The engine's SIMD kernels need a CPU target: without one, Swift lowers `SIMD8.addingProduct`
// to calls to `fmaf` and the GEMM kernel runs about 150× slower. The engine is also always built
// optimized, even in debug builds, so that tests and lessons never wait on a -Onone engine.
#if arch(x86_64)
let engineFlags: [SwiftSetting] = [.unsafeFlags(["-O", "-Xcc", "-march=x86-64-v3"])]
#else
let engineFlags: [SwiftSetting] = [.unsafeFlags(["-O"])]
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
        .target(name: "Engine", resources: [.copy("Resources")], swiftSettings: engineFlags),
        .target(name: "TextPlot"),
        .target(
            name: "Lessons",
            dependencies: [
                "CCmark", "TextPlot", "Engine",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(name: "Exercises", dependencies: ["Engine"]),
        .target(name: "Experiments", dependencies: ["Lessons", "Exercises", "TextPlot", "Engine"]),
        .executableTarget(
            name: "learn",
            dependencies: [
                "Lessons", "Experiments", "Exercises",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "EngineBench", dependencies: ["Engine"], path: "Benchmarks/engine/EngineBench"),
        .testTarget(name: "EngineTests", dependencies: ["Engine"]),
        .testTarget(name: "TextPlotTests", dependencies: ["TextPlot"], resources: [.copy("Golden")]),
        .testTarget(name: "LessonsTests", dependencies: ["Lessons"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ExercisesTests", dependencies: ["Exercises"]),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments"]),
        .testTarget(name: "learnTests", dependencies: ["learn"], resources: [.copy("Golden")]),
    ]
)
