"""Runs EngineBench and its peers (NumPy, and PyTorch when installed) side by side and prints ratio tables.
Usage (from the repository root): python3 Benchmarks/engine/run.py
It builds EngineBench in release first. OpenBLAS runs with its own choice of kernel for this CPU:
OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE are removed from the peers' environment, and OPENBLAS_NUM_THREADS
sets their thread count."""
import json, os, subprocess, sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
here = os.path.join(root, "Benchmarks", "engine")
scratch = os.path.join(root, ".build-release-engine")
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
    import torch  # noqa: F401
    has_torch = True
except ImportError:
    has_torch = False
    print("PyTorch is not installed: its columns are skipped (pip install torch to add them).")

print("\nGEMM, n×n·n×n, GFLOPS (median; higher is better)")
ours = lines([bench, "gemm"])
theirs = peers("gemm", 1) + peers("gemm", 2)
print(f"{'n':>5} {'threads':>7} {'engine':>8} {'numpy':>8} {'ratio':>6}" + (f" {'torch':>8} {'ratio':>6}" if has_torch else ""))
for row in ours:
    def peer(name):
        return next((p["gflops"] for p in theirs if p["peer"] == name and p["n"] == row["n"] and p["threads"] == row["threads"]), None)
    line = f"{row['n']:>5} {row['threads']:>7} {row['gflops']:>8.1f} {peer('numpy'):>8.1f} {row['gflops'] / peer('numpy'):>6.2f}"
    if has_torch:
        line += f" {peer('torch'):>8.1f} {row['gflops'] / peer('torch'):>6.2f}"
    print(line)

print("\nTraining, ms (median; lower is better; ratio = peer time / engine time, >1 means the engine is faster)")
print(f"{'workload':<44} {'engine':>9} {'numpy':>9} {'ratio':>6} {'torch':>9} {'ratio':>6}")
names = {"mlp": "MLP 784-256-256-10 step, batch 64", "cnn": "CNN 2×(conv-BN-ReLU-pool)+linear step, b64",
         "tiny": "2-32-32-3 MLP, 1000 full-batch steps"}
for which in ["mlp", "cnn", "tiny"]:
    engine = lines([bench, which])[0]["ms"]
    others = {p["peer"]: p["ms"] for p in peers(which, 2)}
    def cell(name):
        if name not in others:
            return f"{'skipped':>9} {'':>6}"
        return f"{others[name]:>9.2f} {others[name] / engine:>6.2f}"
    print(f"{names[which]:<44} {engine:>9.2f} {cell('numpy')} {cell('torch')}")
if not has_torch:
    print("(numpy: hand-written forward/backward/update with OpenBLAS matmuls, no autograd; no NumPy CNN.)")
