"""The peers of EngineBench: the same workloads in NumPy (OpenBLAS) and, when installed, PyTorch (CPU).
Prints one JSON object per line. Thread count comes from the environment (OPENBLAS_NUM_THREADS), set by run.py
before this process starts, because OpenBLAS reads it only once at import.
Usage: python3 peers.py gemm|mlp|tiny|cnn THREADS"""
import json, sys, time
import numpy as np

def median_seconds(repeats, body):
    body()
    times = []
    for _ in range(repeats):
        start = time.perf_counter(); body(); times.append(time.perf_counter() - start)
    return sorted(times)[len(times) // 2]

def report(**fields):
    print(json.dumps(fields, sort_keys=True), flush=True)

try:
    import torch
except ImportError:
    torch = None

which, threads = sys.argv[1], int(sys.argv[2])
if torch is not None:
    torch.set_num_threads(threads)

if which == "gemm":
    rng = np.random.default_rng(1)
    for n in [64, 128, 256, 512, 1024]:
        a = rng.standard_normal((n, n), dtype=np.float32); b = rng.standard_normal((n, n), dtype=np.float32)
        inner = max(1, 20_000_000 // (2 * n ** 3))
        s = median_seconds(7 if n >= 1024 else 15, lambda: [a @ b for _ in range(inner)]) / inner
        report(bench="gemm", peer="numpy", n=n, threads=threads, gflops=2 * n ** 3 / s / 1e9)
        if torch is not None:
            ta, tb = torch.from_numpy(a), torch.from_numpy(b)
            s = median_seconds(7 if n >= 1024 else 15, lambda: [ta @ tb for _ in range(inner)]) / inner
            report(bench="gemm", peer="torch", n=n, threads=threads, gflops=2 * n ** 3 / s / 1e9)

def numpy_mlp_step(sizes, batch, classes, repeats, steps=1, lr=0.01):
    """Forward, hand-written backward and SGD-momentum update of a ReLU MLP, all float32."""
    rng = np.random.default_rng(2)
    ws = [rng.uniform(-1, 1, (o, i)).astype(np.float32) / np.sqrt(i) for i, o in zip(sizes, sizes[1:])]
    bs = [np.zeros(o, np.float32) for o in sizes[1:]]
    vel = [np.zeros_like(p) for p in ws + bs]
    x = rng.standard_normal((batch, sizes[0]), dtype=np.float32); y = rng.integers(0, classes, batch)
    def step():
        for _ in range(steps):
            acts = [x]
            for k, (w, b) in enumerate(zip(ws, bs)):
                z = acts[-1] @ w.T + b
                acts.append(np.maximum(z, 0) if k < len(ws) - 1 else z)
            logits = acts[-1]
            p = np.exp(logits - logits.max(1, keepdims=True)); p /= p.sum(1, keepdims=True)
            g = p; g[np.arange(batch), y] -= 1; g /= batch
            grads_w, grads_b = [None] * len(ws), [None] * len(ws)
            for k in range(len(ws) - 1, -1, -1):
                grads_w[k] = g.T @ acts[k]; grads_b[k] = g.sum(0)
                if k > 0:
                    g = (g @ ws[k]) * (acts[k] > 0)
            for param, grad, v in zip(ws + bs, grads_w + grads_b, vel):
                v *= 0.9; v += grad; param -= lr * v
    return median_seconds(repeats, step)

def torch_mlp_step(sizes, batch, classes, repeats, steps=1):
    torch.manual_seed(0)
    layers = []
    for k, (i, o) in enumerate(zip(sizes, sizes[1:])):
        layers.append(torch.nn.Linear(i, o))
        if k < len(sizes) - 2: layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers); opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    x = torch.randn(batch, sizes[0]); y = torch.randint(0, classes, (batch,))
    def step():
        for _ in range(steps):
            opt.zero_grad(); torch.nn.functional.cross_entropy(model(x), y).backward(); opt.step()
    return median_seconds(repeats, step)

if which == "mlp":
    report(bench="mlp", peer="numpy", ms=numpy_mlp_step([784, 256, 256, 10], 64, 10, 51) * 1000)
    if torch is not None:
        report(bench="mlp", peer="torch", ms=torch_mlp_step([784, 256, 256, 10], 64, 10, 51) * 1000)

if which == "tiny":
    report(bench="tiny", peer="numpy", ms=numpy_mlp_step([2, 32, 32, 3], 300, 3, 5, steps=1000) * 1000)
    if torch is not None:
        report(bench="tiny", peer="torch", ms=torch_mlp_step([2, 32, 32, 3], 300, 3, 5, steps=1000) * 1000)

if which == "cnn" and torch is not None:
    torch.manual_seed(0)
    nn = torch.nn
    model = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Conv2d(8, 16, 3, padding=1), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
                          nn.Flatten(), nn.Linear(784, 10))
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    x = torch.randn(64, 1, 28, 28); y = torch.randint(0, 10, (64,))
    def step():
        opt.zero_grad(); torch.nn.functional.cross_entropy(model(x), y).backward(); opt.step()
    report(bench="cnn", peer="torch", ms=median_seconds(31, step) * 1000)
