import Engine

/// GFLOPS of an n×n·n×n product on 1 and 2 threads.
func benchmarkGEMM() {
    var rng = SeededGenerator(seed: 1)
    for threads in [1, 2] {
        Engine.threadCount = threads
        for n in [64, 128, 256, 512, 1024] {
            let a = Tensor.randn([n, n], using: &rng)
            let b = Tensor.randn([n, n], using: &rng)
            let inner = max(1, 20_000_000 / (2 * n * n * n))
            let seconds = medianSeconds(repeats: n >= 1024 ? 7 : 15) {
                for _ in 0..<inner { _ = a.matmul(b) }
            } / Double(inner)
            report(["bench": "gemm", "n": n, "threads": threads, "gflops": 2.0 * Double(n * n * n) / seconds / 1e9])
        }
    }
    Engine.threadCount = 2
}

/// The narrow products of the CNN and MLP benchmarks, on one thread, in GFLOPS of useful work (2·m·n·k):
/// ten outputs, conv(1→8) with nine taps, conv(8→16) with 72.
func benchmarkNarrowGEMM() {
    var rng = SeededGenerator(seed: 5)
    Engine.threadCount = 1
    let shapes: [(name: String, m: Int, k: Int, n: Int, transposeB: Bool)] = [
        ("linear 256→10 fwd, batch 64", 64, 256, 10, true),
        ("linear 784→10 weight grad", 10, 64, 784, false),
        ("conv 1→8 fwd [8,9]·[9,50176]", 8, 9, 50176, false),
        ("conv 1→8 weight grad [8,50176]·[50176,9]", 8, 50176, 9, true),
        ("conv 8→16 fwd [16,72]·[72,12544]", 16, 72, 12544, false),
    ]
    for shape in shapes {
        let a = Tensor.randn([shape.m, shape.k], using: &rng)
        let b = Tensor.randn(shape.transposeB ? [shape.n, shape.k] : [shape.k, shape.n], using: &rng)
        let seconds = medianSeconds(repeats: 31) {
            _ = shape.transposeB ? linear(a, weight: b) : a.matmul(b)
        }
        report(["bench": "narrow", "name": shape.name, "m": shape.m, "k": shape.k, "n": shape.n, "transposeB": shape.transposeB,
                "gflops": 2.0 * Double(shape.m * shape.n * shape.k) / seconds / 1e9])
    }
    Engine.threadCount = 2
}
