"""PyTorch's side of the Fashion-MNIST CNN benchmark: the same model, initialization and recipe as the
engine's `train` experiment with the capstone's settings (Benchmarks/fashion/FashionBench/main.swift).

    python3 Benchmarks/fashion/peer.py [EPOCHS] [SEED] [THREADS]     (defaults 2, 0, 2)

Prints one JSON line with the same fields as FashionBench. What matches the engine, and where it is read:
- data (Sources/Experiments/Training/FashionData.swift): the installed files, pixels / 255 standardized with
  the mean and (population) standard deviation of all 60,000 training pixels; 5,000 validation and 55,000
  training pictures drawn at random from the 60,000 with the seed (a different draw from the engine's
  SplitMix generator: same sizes, not the same pictures); the 10,000 test pictures.
- model (TrainingRecipe.model): Conv 1→16 3×3 pad 1 no bias, BN2d, ReLU, MaxPool 2; Conv 16→32 the same;
  Flatten; Linear 1568→128 no bias, BN1d, ReLU; Linear 128→10. Kaiming normal (fan in, ReLU gain) for every
  weight, the last bias zero; BN γ 1, β 0, momentum 0.1, eps 1e-5, running variance unbiased.
- recipe (TrainingRecipe.run / schedule, Engine/Training/Training.swift): shuffled batches of 64, the last
  short batch kept (860 steps an epoch); each picture flipped left-right with probability 0.5; cross-entropy;
  SGD with Nesterov momentum 0.9 and weight decay 5e-4 added to the gradient of every parameter (PyTorch's
  and the engine's SGD do the same arithmetic); the learning rate set before each step t = 0, 1, …:
  0.1 × (0.01 + 0.99 t / W) for t < W, then 0.1 × (1 + cos(π (t − W) / (S − W))) / 2, with S the run's steps
  and W = round(0.1 S); the validation set evaluated after each epoch (inside the epoch's time, as the
  engine's `train` does), the test set once at the end.
"""
import gzip
import json
import math
import os
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

FOLDER = os.environ.get("FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist")


def read_idx(name):
    with gzip.open(os.path.join(FOLDER, name), "rb") as f:
        data = f.read()
    dims = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load(seed):
    train_pixels = read_idx("train-images-idx3-ubyte.gz")
    train_labels = read_idx("train-labels-idx1-ubyte.gz")
    test_pixels = read_idx("t10k-images-idx3-ubyte.gz")
    test_labels = read_idx("t10k-labels-idx1-ubyte.gz")
    # The moments from a count of each byte value, as the engine computes them (no 47-million-value copy).
    counts = np.bincount(train_pixels.ravel(), minlength=256).astype(np.float64)
    values = np.arange(256) / 255
    mean = (counts * values).sum() / counts.sum()
    std = math.sqrt(max((counts * values * values).sum() / counts.sum() - mean * mean, 1e-12))
    table = ((np.arange(256) / 255 - mean) / std).astype(np.float32)

    def tensors(pixels, labels, indices):
        x = torch.from_numpy(table[pixels[indices]]).reshape(len(indices), 1, 28, 28)
        return x, torch.from_numpy(labels[indices].astype(np.int64))

    order = np.random.default_rng(seed).permutation(len(train_labels))
    validation, train = order[:5000], order[5000:]
    return (tensors(train_pixels, train_labels, train), tensors(train_pixels, train_labels, validation),
            tensors(test_pixels, test_labels, np.arange(len(test_labels))))


def model():
    net = nn.Sequential(
        nn.Conv2d(1, 16, 3, padding=1, bias=False), nn.BatchNorm2d(16), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(16, 32, 3, padding=1, bias=False), nn.BatchNorm2d(32), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(),
        nn.Linear(32 * 7 * 7, 128, bias=False), nn.BatchNorm1d(128), nn.ReLU(),
        nn.Linear(128, 10),
    )
    for layer in net:
        if isinstance(layer, (nn.Conv2d, nn.Linear)):
            nn.init.kaiming_normal_(layer.weight, mode="fan_in", nonlinearity="relu")
            if layer.bias is not None:
                nn.init.zeros_(layer.bias)
    return net


def learning_rate(t, steps, peak=0.1, warmup_fraction=0.1):
    warmup = max(1, round(max(steps, 1) * warmup_fraction))
    if t < warmup:
        return peak * (0.01 + 0.99 * min(t, warmup) / warmup)
    period = max(steps - warmup, 1)
    t -= warmup
    return 0.0 if t >= period else peak * (1 + math.cos(math.pi * t / period)) / 2


def evaluate(net, x, y, batch=256):
    net.eval()
    correct, total = 0, 0.0
    with torch.no_grad():
        for start in range(0, len(y), batch):
            out = net(x[start:start + batch])
            total += F.cross_entropy(out, y[start:start + batch], reduction="sum").item()
            correct += (out.argmax(1) == y[start:start + batch]).sum().item()
    return total / len(y), correct / len(y)


def main():
    epochs = int(sys.argv[1]) if len(sys.argv) > 1 else 2
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 2
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    start = time.perf_counter()
    torch.manual_seed(seed)
    (x, y), (vx, vy), (tx, ty) = load(seed)
    net = model()
    optimizer = torch.optim.SGD(net.parameters(), lr=0.1, momentum=0.9, nesterov=True, weight_decay=5e-4)
    batch = 64
    steps_per_epoch = math.ceil(len(y) / batch)
    steps = epochs * steps_per_epoch
    generator = torch.Generator().manual_seed(seed)
    step, ends = 0, []
    loss_sum = 0.0
    for _ in range(epochs):
        net.train()
        order = torch.randperm(len(y), generator=generator)
        loss_sum, seen = 0.0, 0
        for first in range(0, len(y), batch):
            indices = order[first:first + batch]
            inputs, targets = x[indices], y[indices]
            flip = torch.rand(len(indices), generator=generator) < 0.5
            inputs = torch.where(flip[:, None, None, None], inputs.flip(3), inputs)
            for group in optimizer.param_groups:
                group["lr"] = learning_rate(step, steps)
            step += 1
            optimizer.zero_grad(set_to_none=False)
            loss = F.cross_entropy(net(inputs), targets)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(indices)
            seen += len(indices)
        evaluate(net, vx, vy)
        ends.append(time.perf_counter())
    _, val_accuracy = evaluate(net, vx, vy)
    _, test_accuracy = evaluate(net, tx, ty)
    end = time.perf_counter()
    epoch_seconds = [b - a for a, b in zip([start] + ends, ends)]
    print(json.dumps({
        "side": "pytorch", "version": torch.__version__, "threads": torch.get_num_threads(), "seed": seed,
        "epochs": epochs, "epoch_seconds": [round(s, 3) for s in epoch_seconds],
        "after_last_epoch_seconds": round(end - ends[-1], 3), "total_seconds": round(end - start, 3),
        "val_accuracy": val_accuracy, "test_accuracy": test_accuracy,
    }))


if __name__ == "__main__":
    main()
