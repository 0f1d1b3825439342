"""Writes the safetensors fixture that Tests/EngineTests/CheckpointTests.swift embeds as hex
(`pythonFixtureHex`), with Python's own `safetensors` package (0.8.0, installed with `pip install safetensors`).

Run: python3 Benchmarks/engine/reference/safetensors_fixture.py   (prints the file's length and its bytes in hex)
"""
import numpy as np
from safetensors.numpy import save

tensors = {
    "layer.weight": (np.arange(6, dtype=np.float32).reshape(2, 3) - 2.5) / 4,
    "layer.bias": np.array([0.5, -1.25], dtype=np.float32),
    "scale": np.array(3.0, dtype=np.float32),
}
data = save(tensors, metadata={"source": "python"})
print(len(data))
print(data.hex())

# The second fixture (`pythonMixedTypesHex`): the integer and float64 types PyTorch state dicts hold, e.g.
# BatchNorm's num_batches_tracked.
mixed = save({"bn.num_batches_tracked": np.array(7, dtype=np.int64), "d": np.array([0.5, -2], dtype=np.float64),
              "i": np.array([-3], dtype=np.int32)})
print(mixed.hex())
