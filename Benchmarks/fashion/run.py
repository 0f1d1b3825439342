"""Runs the capstone's CNN on Fashion-MNIST with the engine (FashionBench) and with PyTorch (peer.py),
alternately, on the same machine and thread count, and prints a table: seconds per epoch, test accuracy
after the same number of epochs over several seeds, and each process's peak resident memory.

    python3 Benchmarks/fashion/run.py [--seeds 0 1 2] [--epochs 8] [--timing-rounds 2] [--timing-epochs 3]

Two phases, each alternating its programs run by run:
1. accuracy: for each seed, FashionBench EPOCHS SEED (the kernel this CPU builds, AVX-512 here) then
   peer.py EPOCHS SEED THREADS. Test accuracy is the mean ± standard deviation over the seeds; the epochs
   after the first of these runs also give each side's seconds per epoch.
2. kernels: --timing-rounds rounds of FashionBench TIMING_EPOCHS with the native kernel and with the AVX2
   kernel (LEARN_KERNEL=avx2, built in .build-avx2), for seconds per epoch with each.

Seconds per epoch are medians over every epoch but the first of each run (the first includes loading the
data inside the experiment, and PyTorch's warm-up). An epoch is the training steps plus the validation pass
after them, on both sides. Peak RSS is the child's ru_maxrss from wait4 (the whole process: loading,
every epoch, the final evaluations). The engine uses two threads (the caller and one worker,
Sources/Engine/Parallel.swift), so PyTorch gets torch.set_num_threads(2) unless --threads says otherwise.
Every result line is appended to --log (default Benchmarks/fashion/results.jsonl, not committed).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILDS = {"native": ".build", "avx2": ".build-avx2"}


def build(kernel):
    env = dict(os.environ)
    if kernel == "avx2":
        env["LEARN_KERNEL"] = "avx2"
    else:
        env.pop("LEARN_KERNEL", None)
    subprocess.run(["swift", "build", "-c", "release", "--product", "FashionBench", "--scratch-path", BUILDS[kernel]],
                   cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(ROOT, BUILDS[kernel], "release", "FashionBench")


def run(command, label, log):
    """Runs one child; returns its JSON line with its peak RSS (MB) and the load average before it."""
    load = os.getloadavg()[0]
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True)
    output = child.stdout.read()
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"{label}: exit {child.returncode}")
    result = json.loads(output.strip().splitlines()[-1])
    result.update(label=label, peak_rss_mb=usage.ru_maxrss / 1024, load_before=load,
                  at=time.strftime("%H:%M:%S", time.gmtime()))
    with open(log, "a") as f:
        f.write(json.dumps(result) + "\n")
    print(f"  {result['at']} {label} seed {result['seed']}: epochs {result['epoch_seconds']} s, "
          f"test {result['test_accuracy']:.4f}, peak RSS {result['peak_rss_mb']:.0f} MB, load {load:.2f}", flush=True)
    return result


def later_epochs(results):
    return [s for r in results for s in r["epoch_seconds"][1:]]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="*", default=[0, 1, 2])
    parser.add_argument("--epochs", type=int, default=8, help="epochs of each accuracy run")
    parser.add_argument("--timing-rounds", type=int, default=2)
    parser.add_argument("--timing-epochs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2, help="PyTorch's threads (the engine uses 2)")
    parser.add_argument("--log", default=os.path.join(ROOT, "Benchmarks", "fashion", "results.jsonl"))
    parser.add_argument("--no-build", action="store_true", help="use the FashionBench binaries already built")
    args = parser.parse_args()

    binaries = {kernel: os.path.join(ROOT, folder, "release", "FashionBench") for kernel, folder in BUILDS.items()}
    if not args.no_build:
        binaries = {kernel: build(kernel) for kernel in BUILDS}
    peer = [sys.executable, os.path.join(ROOT, "Benchmarks", "fashion", "peer.py")]
    loads = [os.getloadavg()]
    print(f"load average at start: {loads[0][0]:.2f} {loads[0][1]:.2f} {loads[0][2]:.2f}", flush=True)

    engine, pytorch = [], []
    if args.seeds:
        print(f"accuracy: {args.epochs} epochs, seeds {args.seeds}, engine and PyTorch alternating", flush=True)
    for seed in args.seeds:
        engine.append(run([binaries["native"], str(args.epochs), str(seed)], "engine", args.log))
        pytorch.append(run(peer + [str(args.epochs), str(seed), str(args.threads)], "pytorch", args.log))
    kernels = {"native": [], "avx2": []}
    if args.timing_rounds:
        print(f"kernels: {args.timing_rounds} rounds of {args.timing_epochs} epochs, native and AVX2 alternating", flush=True)
    for _ in range(args.timing_rounds):
        for kernel in ("native", "avx2"):
            kernels[kernel].append(run([binaries[kernel], str(args.timing_epochs), "0"], f"engine-{kernel}", args.log))
    loads.append(os.getloadavg())
    print(f"load average at end: {loads[1][0]:.2f} {loads[1][1]:.2f} {loads[1][2]:.2f}\n")

    def seconds(results):
        epochs = later_epochs(results)
        return f"{statistics.median(epochs):.2f} (n = {len(epochs)})" if epochs else "—"

    def accuracy(results):
        values = [100 * r["test_accuracy"] for r in results]
        if not values:
            return "—"
        spread = statistics.stdev(values) if len(values) > 1 else 0.0
        return f"{statistics.mean(values):.2f} ± {spread:.2f}"

    def rss(results):
        return f"{max(r['peak_rss_mb'] for r in results):.0f}" if results else "—"

    kernel_names = {r["kernel"] for r in engine + kernels["native"]}
    print("| run | s / epoch, median | test accuracy %, mean ± sd | peak RSS, MB |")
    print("|---|---:|---:|---:|")
    print(f"| engine, {', '.join(sorted(kernel_names))}, {len(engine)} × {args.epochs} epochs | {seconds(engine)} "
          f"| {accuracy(engine)} | {rss(engine)} |")
    print(f"| PyTorch {pytorch[0]['version'] if pytorch else ''}, {args.threads} threads, {len(pytorch)} × {args.epochs} epochs "
          f"| {seconds(pytorch)} | {accuracy(pytorch)} | {rss(pytorch)} |")
    for kernel in ("native", "avx2"):
        if kernels[kernel]:
            name = kernels[kernel][0]["kernel"]
            print(f"| engine, {name}, {len(kernels[kernel])} × {args.timing_epochs} epochs | {seconds(kernels[kernel])} "
                  f"| — | {rss(kernels[kernel])} |")
    if engine and pytorch:
        ratio = statistics.median(later_epochs(engine)) / statistics.median(later_epochs(pytorch))
        print(f"\nengine time / PyTorch time: {ratio:.2f} (target ≤ 0.7); accuracy difference "
              f"{statistics.mean(100 * r['test_accuracy'] for r in engine) - statistics.mean(100 * r['test_accuracy'] for r in pytorch):+.2f} points (target within 1)")
    if kernels["native"] and kernels["avx2"]:
        print(f"AVX2 kernel time / native kernel time: "
              f"{statistics.median(later_epochs(kernels['avx2'])) / statistics.median(later_epochs(kernels['native'])):.2f}")


if __name__ == "__main__":
    main()
