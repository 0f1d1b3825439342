"""The digits CNN benchmark: trains the same CNN on the 8×8 digits with the engine (EngineBench digits) and
with PyTorch (CPU), and prints test accuracy and the median time of a whole training run for both.

Workload: conv(1→16, 3×3, pad 1)-ReLU-maxpool(2) → conv(16→32, 3×3, pad 1)-ReLU-maxpool(2) → linear(128→10);
Adam (lr 0.01), 10 epochs of shuffled batches of 32 over 1,257 training images; test accuracy on 360 images.
PyTorch uses PyTorch's own default initialization and its own shuffled 1,257/180/360 split of the same file,
so its accuracy differs from the engine's by a few test images; the time is what is compared.

Usage (from the repository root): python3 Benchmarks/engine/digits.py [THREADS]   (PyTorch threads, default 2)
"""
import json, os, subprocess, sys, time

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
scratch = os.path.join(root, ".build-release-engine")
subprocess.run(["swift", "build", "-c", "release", "--scratch-path", scratch, "--product", "EngineBench"], cwd=root, check=True,
               stdout=subprocess.DEVNULL)
out = subprocess.run([os.path.join(scratch, "release", "EngineBench"), "digits"], cwd=root, check=True,
                     capture_output=True, text=True).stdout
engine = json.loads(out.strip().splitlines()[-1])

try:
    import torch
except ImportError:
    torch = None

rows = [("engine", engine["test_accuracy"], engine["seconds"])]
if torch is not None:
    threads = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    torch.set_num_threads(threads)
    alphabet = "0123456789abcdefg"
    with open(os.path.join(root, "Sources", "Engine", "Resources", "digits.txt")) as f:
        lines = [l.split() for l in f if l.strip()]
    images = torch.tensor([[alphabet.index(c) / 16 for c in p] for _, p in lines]).reshape(-1, 1, 8, 8)
    labels = torch.tensor([int(l) for l, _ in lines])
    order = torch.randperm(len(labels), generator=torch.Generator().manual_seed(0))
    train, test = order[:1257], order[1437:]

    def run():
        torch.manual_seed(1)
        model = torch.nn.Sequential(
            torch.nn.Conv2d(1, 16, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
            torch.nn.Conv2d(16, 32, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
            torch.nn.Flatten(), torch.nn.Linear(128, 10))
        optimizer = torch.optim.Adam(model.parameters(), lr=0.01)
        for epoch in range(10):
            permutation = train[torch.randperm(len(train))]
            for start in range(0, len(permutation), 32):
                batch = permutation[start:start + 32]
                optimizer.zero_grad()
                torch.nn.functional.cross_entropy(model(images[batch]), labels[batch]).backward()
                optimizer.step()
        model.eval()
        with torch.no_grad():
            return (model(images[test]).argmax(1) == labels[test]).float().mean().item()

    run()   # warm-up, as EngineBench does
    results = []
    for _ in range(5):
        start = time.perf_counter()
        accuracy = run()
        results.append((time.perf_counter() - start, accuracy))
    seconds, accuracy = sorted(results)[2]
    rows.append((f"PyTorch {torch.__version__} ({threads} threads)", accuracy, seconds))
else:
    print("PyTorch is not installed: its row is skipped (pip install torch to add it).")

print(f"\nDigits CNN, 10 epochs on 1,257 images, median of 5 whole training runs")
print(f"{'':<36} {'test accuracy':>13} {'seconds':>8} {'ratio':>6}")
for name, accuracy, seconds in rows:
    print(f"{name:<36} {accuracy:>13.4f} {seconds:>8.3f} {seconds / engine['seconds']:>6.2f}")
print("(ratio = time / engine time; above 1 means the engine is faster)")
