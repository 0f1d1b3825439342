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
