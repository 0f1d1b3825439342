"""Checks that a checkpoint the engine writes loads in Python: with the `safetensors` package, into the same
CNN built in PyTorch with `load_state_dict(strict=True)`, and that PyTorch then computes the same logits and
the same test accuracy as the engine.

Run from the repository root (needs `pip install safetensors torch`):
    python3 Benchmarks/engine/reference/check_safetensors.py
It builds EngineBench in release, runs `EngineBench checkpoint DIR`, and exits non-zero on any mismatch.
"""
import json
import os
import subprocess
import sys
import tempfile

import torch
from safetensors import safe_open
from safetensors.torch import load_file

root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
scratch = os.path.join(root, ".build-release-engine")
subprocess.run(["swift", "build", "-c", "release", "--scratch-path", scratch, "--product", "EngineBench"], cwd=root, check=True)

with tempfile.TemporaryDirectory() as folder:
    line = subprocess.run([os.path.join(scratch, "release", "EngineBench"), "checkpoint", folder],
                          check=True, capture_output=True, text=True).stdout.strip().splitlines()[-1]
    engine = json.loads(line)
    path = os.path.join(folder, "digits-cnn.safetensors")
    with safe_open(path, framework="pt") as f:
        metadata = f.metadata()
    state = load_file(path)
    test = load_file(os.path.join(folder, "digits-test.safetensors"))

model = torch.nn.Sequential(
    torch.nn.Conv2d(1, 16, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
    torch.nn.Conv2d(16, 32, 3, padding=1), torch.nn.ReLU(), torch.nn.MaxPool2d(2),
    torch.nn.Flatten(), torch.nn.Linear(128, 10))
model.load_state_dict(state, strict=True)
model.eval()
with torch.no_grad():
    logits = model(test["images"])
accuracy = (logits.argmax(1) == test["labels"].long()).float().mean().item()
first = logits[:3].flatten()
difference = (first - torch.tensor(engine["first_logits"])).abs().max().item()

print(f"tensors: {sorted(state)}; metadata: {metadata}")
print(f"test accuracy: engine {engine['test_accuracy']:.6f}, PyTorch on the engine's weights {accuracy:.6f}")
print(f"largest logit difference on three test images: {difference:.2e}")
ok = metadata == {"model": "digits-cnn"} and abs(accuracy - engine["test_accuracy"]) < 1e-6 and difference < 1e-4
print("OK" if ok else "MISMATCH")
sys.exit(0 if ok else 1)
