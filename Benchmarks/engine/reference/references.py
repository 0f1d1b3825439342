"""Reference values for ReferenceTests.swift, computed with NumPy in float64 from the definitions
(PyTorch is not installed here). Run: python3 Benchmarks/engine/reference/references.py
Inputs are pattern(n, a, b) = ((i * a) % b - b // 2) / (b / 2), i = 0..<n, the same formula as in the Swift test,
rounded to float32 before use."""
import numpy as np

def pattern(n, a, b):
    i = np.arange(n)
    return (((i * a) % b - b // 2) / (b / 2)).astype(np.float32).astype(np.float64)

def show(name, values):
    print(f"let {name}: [Float] = [" + ", ".join(f"{v:.7g}" for v in np.ravel(values)) + "]")

# conv2d: x [2, 2, 4, 4], w [3, 2, 3, 3], bias [3], stride 2, padding 1; loss = sum(out * u), u = pattern.
x = pattern(64, 7, 11).reshape(2, 2, 4, 4)
w = pattern(54, 5, 13).reshape(3, 2, 3, 3)
b = pattern(3, 1, 3)
stride, pad = 2, 1
xp = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
oh = (4 + 2 * pad - 3) // stride + 1
out = np.zeros((2, 3, oh, oh))
for n in range(2):
    for o in range(3):
        for i in range(oh):
            for j in range(oh):
                out[n, o, i, j] = np.sum(xp[n, :, i*stride:i*stride+3, j*stride:j*stride+3] * w[o]) + b[o]
u = pattern(out.size, 3, 7).reshape(out.shape)
dxp = np.zeros_like(xp); dw = np.zeros_like(w); db = u.sum(axis=(0, 2, 3))
for n in range(2):
    for o in range(3):
        for i in range(oh):
            for j in range(oh):
                dxp[n, :, i*stride:i*stride+3, j*stride:j*stride+3] += u[n, o, i, j] * w[o]
                dw[o] += u[n, o, i, j] * xp[n, :, i*stride:i*stride+3, j*stride:j*stride+3]
show("convOutput", out); show("convInputGrad", dxp[:, :, pad:-pad, pad:-pad]); show("convWeightGrad", dw); show("convBiasGrad", db)

# max-pool 2x2 stride 2 on x [2, 2, 4, 4] (no ties in this pattern within a window is not required: first max wins).
mp = np.zeros((2, 2, 2, 2)); dmp = np.zeros_like(x); um = pattern(16, 5, 9).reshape(2, 2, 2, 2)
for n in range(2):
    for c in range(2):
        for i in range(2):
            for j in range(2):
                win = x[n, c, 2*i:2*i+2, 2*j:2*j+2]
                k = int(np.argmax(win))  # first maximum, like PyTorch
                mp[n, c, i, j] = win.flat[k]
                dmp[n, c, 2*i + k // 2, 2*j + k % 2] += um[n, c, i, j]
show("poolOutput", mp); show("poolInputGrad", dmp)

# batch norm (training) on x [2, 2, 4, 4], gamma, beta; loss = sum(y * u2).
gamma = np.array([1.5, -0.5]); beta = np.array([0.25, 0.0]); eps = 1e-5
mean = x.mean(axis=(0, 2, 3), keepdims=True); var = x.var(axis=(0, 2, 3), keepdims=True)
h = (x - mean) / np.sqrt(var + eps)
y = h * gamma.reshape(1, 2, 1, 1) + beta.reshape(1, 2, 1, 1)
u2 = pattern(64, 9, 17).reshape(x.shape)
m = 32
dbeta = u2.sum(axis=(0, 2, 3)); dgamma = (u2 * h).sum(axis=(0, 2, 3))
dx = (gamma.reshape(1, 2, 1, 1) / np.sqrt(var + eps) / m) * (m * u2 - dbeta.reshape(1, 2, 1, 1) - h * dgamma.reshape(1, 2, 1, 1))
show("normOutput", y); show("normInputGrad", dx); show("normWeightGrad", dgamma); show("normBiasGrad", dbeta)
show("normMean", mean); show("normUnbiasedVariance", x.var(axis=(0, 2, 3), ddof=1))

# cross-entropy with label smoothing 0.1 on logits [4, 5] * 3, labels [0, 3, 4, 1].
logits = pattern(20, 7, 9).reshape(4, 5) * 3; labels = [0, 3, 4, 1]; eps_ls = 0.1
logp = logits - np.log(np.exp(logits - logits.max(1, keepdims=True)).sum(1, keepdims=True)) - logits.max(1, keepdims=True)
target = np.full((4, 5), eps_ls / 5); target[np.arange(4), labels] += 1 - eps_ls
show("crossEntropyLoss", [-(target * logp).sum(1).mean()])
show("crossEntropyGrad", (np.exp(logp) - target) / 4)
