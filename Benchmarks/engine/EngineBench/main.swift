import Engine
import Foundation

// Times the engine on the workloads of Benchmarks/README.md and prints one JSON object per line, which
// Benchmarks/engine/run.py joins with NumPy's (and PyTorch's, when installed) figures into ratio tables.
// Usage: EngineBench [gemm|mlp|cnn|tiny|digits|all]

let which = CommandLine.arguments.dropFirst().first ?? "all"
if which == "gemm" || which == "all" { benchmarkGEMM() }
if which == "mlp" || which == "all" { benchmarkMLP() }
if which == "cnn" || which == "all" { benchmarkCNN() }
if which == "tiny" || which == "all" { benchmarkTinyMLP() }
if which == "digits" || which == "all" { benchmarkDigits() }
