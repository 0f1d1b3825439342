"""Reference values for Tests/EngineTests/OptimizerReferenceTests.swift, BatchNormLayerTests.swift and
ScheduleTests.swift, computed with PyTorch (CPU, float32): the optimizers' update rules, BatchNorm1d/2d in
training and evaluation mode, and the learning-rate schedulers.

Run: python3 Benchmarks/engine/reference/training_references.py   (printed with torch 2.15.0)
"""
import math
import torch


def pattern(shape, a, b):
    """((i·a) mod b − ⌊b/2⌋) / (b/2) as float32, the same inputs the Swift tests build."""
    n = math.prod(shape)
    return torch.tensor([((i * a) % b - b // 2) / (b / 2) for i in range(n)], dtype=torch.float64).float().reshape(shape)


def show(name, tensor):
    values = ", ".join(f"{v:.9g}" for v in tensor.detach().flatten().tolist())
    print(f"    static let {name}: [Float] = [{values}]")


# Optimizers: a parameter p of shape [2, 3] minimizing loss = Σ (½·c·p² + d·p), so that the gradient c·p + d
# depends on p (as weight decay and momentum need), for 4 steps; the parameter after each step is printed.
OPTIMIZERS = {
    "sgd": lambda p: torch.optim.SGD([p], lr=0.1),
    "sgdMomentum": lambda p: torch.optim.SGD([p], lr=0.1, momentum=0.9, dampening=0.1, weight_decay=0.01),
    "sgdNesterov": lambda p: torch.optim.SGD([p], lr=0.1, momentum=0.9, nesterov=True, weight_decay=0.01),
    "adagrad": lambda p: torch.optim.Adagrad([p], lr=0.1, lr_decay=0.01, weight_decay=0.01),
    "rmsprop": lambda p: torch.optim.RMSprop([p], lr=0.01),
    "rmspropCenteredMomentum": lambda p: torch.optim.RMSprop([p], lr=0.01, alpha=0.9, momentum=0.5, centered=True, weight_decay=0.01),
    "adam": lambda p: torch.optim.Adam([p], lr=0.1),
    "adamWeightDecay": lambda p: torch.optim.Adam([p], lr=0.1, weight_decay=0.1),
    "adamW": lambda p: torch.optim.AdamW([p], lr=0.1, weight_decay=0.1),
}
c, d = pattern([2, 3], 5, 7) + 1.5, pattern([2, 3], 3, 11)
for name, make in OPTIMIZERS.items():
    p = pattern([2, 3], 7, 9).clone().requires_grad_()
    optimizer = make(p)
    steps = []
    for _ in range(4):
        optimizer.zero_grad()
        (0.5 * c * p * p + d * p).sum().backward()
        optimizer.step()
        steps.append(p.detach().clone())
    show(name, torch.stack(steps))
    if name == "adam":
        state = optimizer.state[p]
        step = float(state["step"])
        bias1, bias2 = 1 - 0.9 ** step, 1 - 0.999 ** step
        show("adamEffectiveStepSizes", (0.1 / bias1) / (state["exp_avg_sq"].sqrt() / math.sqrt(bias2) + 1e-8))

# Batch normalization: two training batches, then evaluation on a third.
for name, layer, shape in [("bn1d", torch.nn.BatchNorm1d(3), [4, 3]), ("bn2d", torch.nn.BatchNorm2d(2), [2, 2, 3, 3])]:
    with torch.no_grad():
        layer.weight.copy_(pattern([shape[1]], 1, 5) + 1)
        layer.bias.copy_(pattern([shape[1]], 2, 5))
    layer.train()
    first = layer(pattern(shape, 7, 11))
    second = layer(pattern(shape, 5, 13) * 2)
    layer.eval()
    evaluation = layer(pattern(shape, 3, 7))
    show(f"{name}TrainOutput", first)
    show(f"{name}SecondOutput", second)
    show(f"{name}RunningMean", layer.running_mean)
    show(f"{name}RunningVar", layer.running_var)
    show(f"{name}EvalOutput", evaluation)


# Schedulers: the learning rate at t = 0…11 (t = number of scheduler.step() calls), initial rate 0.1.
def rates(make, count=12):
    optimizer = torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.1)
    scheduler = make(optimizer)
    out = []
    for _ in range(count):
        out.append(optimizer.param_groups[0]["lr"])
        optimizer.step()
        scheduler.step()
    return torch.tensor(out, dtype=torch.float64)


S = torch.optim.lr_scheduler
show("stepRates", rates(lambda o: S.StepLR(o, step_size=3, gamma=0.5)))
show("multiStepRates", rates(lambda o: S.MultiStepLR(o, milestones=[2, 5, 9], gamma=0.1)))
show("exponentialRates", rates(lambda o: S.ExponentialLR(o, gamma=0.8)))
show("cosineRates", rates(lambda o: S.CosineAnnealingLR(o, T_max=10, eta_min=0.001), count=11))
show("warmupRates", rates(lambda o: S.LinearLR(o, start_factor=0.25, total_iters=4)))
show("warmupCosineRates", rates(lambda o: S.SequentialLR(o, [S.LinearLR(o, start_factor=0.25, total_iters=4),
                                                              S.CosineAnnealingLR(o, T_max=6)], milestones=[4]), count=11))
