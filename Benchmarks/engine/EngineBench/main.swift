import Engine
import Foundation

// Times the engine on the workloads of Benchmarks/README.md and prints one JSON object per line, which
// Benchmarks/engine/run.py joins with NumPy's (and PyTorch's, when installed) figures into ratio tables.
// Usage: EngineBench [gemm|narrow|mlp|cnn|tiny|digits|all|kernel]
//        EngineBench capstone   (the Fashion-MNIST capstone CNN's training step; not in "all")
//        EngineBench capstone-profile [STEPS]   (untimed capstone steps for a profiler, with a checksum)
//        EngineBench tiny-profile [STEPS]   (untimed tiny-MLP steps for a profiler, with a checksum)
//        EngineBench tiny-phases   (median µs of each operation of a tiny-MLP step, and of backward and the update)
//        EngineBench checkpoint FOLDER   (writes the files check_safetensors.py loads in PyTorch)

let which = CommandLine.arguments.dropFirst().first ?? "all"
if which == "kernel" { print(Engine.kernelName) }
if which == "gemm" || which == "all" { benchmarkGEMM() }
if which == "narrow" || which == "all" { benchmarkNarrowGEMM() }
if which == "mlp" || which == "all" { benchmarkMLP() }
if which == "cnn" || which == "all" { benchmarkCNN() }
if which == "tiny" || which == "all" { benchmarkTinyMLP() }
if which == "digits" || which == "all" { benchmarkDigits() }
if which == "capstone" { benchmarkCapstone() }
if which == "capstone-phases" { profileCapstonePhases() }
if which == "capstone-profile" { profileCapstone(steps: Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 50) }
if which == "tiny-phases" { profileTinyMLPPhases() }
if which == "tiny-profile" { profileTinyMLP(steps: Int(CommandLine.arguments.dropFirst(2).first ?? "") ?? 1000) }
if which == "checkpoint" {
    guard let folder = CommandLine.arguments.dropFirst(2).first else {
        FileHandle.standardError.write(Data("usage: EngineBench checkpoint FOLDER\n".utf8))
        exit(2)
    }
    writeDigitsCheckpoint(to: URL(fileURLWithPath: folder))
}
