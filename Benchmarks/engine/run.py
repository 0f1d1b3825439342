"""Runs EngineBench and its peers (NumPy, and PyTorch when installed) side by side and prints ratio tables.
Usage (from the repository root): python3 Benchmarks/engine/run.py [--rounds N] [--scratch PATH]
It builds EngineBench in release first (in PATH, default .build-release-engine). OpenBLAS runs with its own
choice of kernel for this CPU: OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed from the peers' environment,
and OPENBLAS_NUM_THREADS sets their thread count; PyTorch gets the same count from torch.set_num_threads.
With --rounds N every workload runs N times, engine and peers alternating, and each cell is the median of the
N medians, so that a neighbour's burst of work on a shared machine moves one round, not the table."""
import argparse, json, os, statistics, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
here = os.path.join(root, "Benchmarks", "engine")
options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
options.add_argument("--rounds", type=int, default=1, help="runs of every workload; cells are medians over runs")
options.add_argument("--scratch", default=".build-release-engine", help="SwiftPM scratch path for the release build")
args = options.parse_args()
scratch = os.path.join(root, args.scratch)
subprocess.run(["swift", "build", "-c", "release", "--scratch-path", scratch, "--product", "EngineBench"], cwd=root, check=True,
               stdout=subprocess.DEVNULL)
bench = os.path.join(scratch, "release", "EngineBench")

def lines(command, env=None):
    out = subprocess.run(command, cwd=root, env=env, check=True, capture_output=True, text=True).stdout
    return [json.loads(l) for l in out.splitlines() if l.startswith("{")]

def peer_env(threads):
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE")}
    env["OPENBLAS_NUM_THREADS"] = env["OMP_NUM_THREADS"] = str(threads)
    return env

def peers(which, threads):
    return lines([sys.executable, os.path.join(here, "peers.py"), which, str(threads)], peer_env(threads))

try:
    import torch
    has_torch = True
    print(f"PyTorch {torch.__version__} (CPU, {torch.get_num_threads()} threads by default; set to the engine's count)")
except ImportError:
    has_torch = False
    print("PyTorch is not installed: its columns are skipped (pip install torch to add them).")
print("Engine kernel:", subprocess.run([bench, "kernel"], capture_output=True, text=True).stdout.strip())

def collect(which, peer_threads, key, value):
    """{(source, key): median over rounds of `value`} for the engine and its peers."""
    samples = {}
    for _ in range(args.rounds):
        rows = [dict(r, peer="engine") for r in lines([bench, which])]
        for threads in peer_threads:
            rows += peers(which, threads)
        for r in rows:
            samples.setdefault((r["peer"], key(r)), []).append(r[value])
    return {k: statistics.median(v) for k, v in samples.items()}

def ratio_cells(figures, k, engine, higher_is_better):
    cells = ""
    for name in ["numpy"] + (["torch"] if has_torch else []):
        peer = figures.get((name, k))
        if peer is None:
            cells += f" {'—':>8} {'':>6}"
        else:
            cells += f" {peer:>8.2f} {(engine / peer if higher_is_better else peer / engine):>6.2f}"
    return cells

header = f"{'numpy':>8} {'ratio':>6}" + (f" {'torch':>8} {'ratio':>6}" if has_torch else "")
print(f"\nGEMM, n×n·n×n, GFLOPS (median; higher is better; ratio = engine / peer)")
figures = collect("gemm", [1, 2], lambda r: (r["n"], r["threads"]), "gflops")
print(f"{'n':>5} {'threads':>7} {'engine':>8} " + header)
for threads in [1, 2]:
    for n in [64, 128, 256, 512, 1024]:
        engine = figures[("engine", (n, threads))]
        print(f"{n:>5} {threads:>7} {engine:>8.1f}" + ratio_cells(figures, (n, threads), engine, True))

print(f"\nNarrow products of the CNN and MLP, one thread, GFLOPS of useful work (ratio = engine / peer)")
figures = collect("narrow", [1], lambda r: r["name"], "gflops")
print(f"{'product':<42} {'engine':>8} " + header)
for (source, name), engine in figures.items():
    if source == "engine":
        print(f"{name:<42} {engine:>8.1f}" + ratio_cells(figures, name, engine, True))

print("\nTraining, 2 threads, ms (median; lower is better; ratio = peer time / engine time, >1 means the engine is faster)")
names = {"mlp": "MLP 784-256-256-10 step, batch 64", "cnn": "CNN 2×(conv-BN-ReLU-pool)+linear step, b64",
         "tiny": "2-32-32-3 MLP, 1000 full-batch steps"}
print(f"{'workload':<44} {'engine':>8} " + header)
for which in ["mlp", "cnn", "tiny"]:
    figures = collect(which, [2], lambda r: which, "ms")
    engine = figures[("engine", which)]
    print(f"{names[which]:<44} {engine:>8.2f}" + ratio_cells(figures, which, engine, False))
print("(numpy: hand-written forward/backward/update with OpenBLAS matmuls, no autograd; no NumPy CNN.)")
