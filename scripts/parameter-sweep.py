#!/usr/bin/env python3
"""Runs every experiment cell of every lesson with each parameter at the edges of its range.

For each cell (`learn run LESSON --params`) and each of its parameters (type and range as the
catalog documents them), one `learn run LESSON --set '#N.key=value'` per value:
  - a number or integer at its minimum and at its maximum;
  - a list as its shortest allowed list at the minimum and at the maximum, and its longest
    allowed list spread from the minimum to the maximum;
  - a choice, or a list of choices, set to each choice alone, and (lists) to every choice;
  - a flag true and false;
plus, for every cell, all parameters at their minimum at once and all at their maximum (with the
shortest lists, and with the longest: the most work a cell can ask for), and a few
combinations known to be risky (RISKY below: smallest data with the largest batch, batch norm
with a batch of one, the largest learning rate with every optimizer, ...). With --pairs it runs
instead every two parameters at every two of those values, in the first cell of each experiment
(about 5,000 runs).

A run is fine when it exits 0, or exits 1 with a diagnostic on stderr (over budget, a conflict).
It is a problem when it crashes (a signal, an exit status other than 0 or 1, or a stack trace
on stderr), hangs (runs past --timeout), exits 1 without saying why, or exits 0 with Swift's raw
spelling of a value in its output ("nan", "Optional("). Every run is written to
--out as one JSON line; the summary lists the problems, and the exit status is 1 if there were any.

    swift build -c release --scratch-path .build-sweep --product learn
    python3 scripts/parameter-sweep.py            # or --binary PATH, --only 9, --pairs

The lessons' other cells come from learn's result cache (kept in a scratch folder), so each run
computes only the cell it changes.
"""

import argparse
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

CRASH_MARKERS = ["Fatal error", "Program crashed", "Illegal instruction", "precondition",
                 "Backtrace", "Swift runtime failure", "Segmentation fault", "Aborted"]

# Combinations worth running besides each parameter alone: experiment -> [(name, {key: value})].
# Values are written as a lesson writes them (YAML flow).
RISKY = {
    "train": [
        ("smallest data, largest batch", {"points": "10", "batch_sizes": "[100000]"}),
        ("one training example, largest batch", {"train_examples": "1", "batch_sizes": "[100000]"}),
        ("one training example", {"train_examples": "1"}),
        ("two training examples, batch norm", {"train_examples": "2", "batch_norm": "[on]", "batch_sizes": "[1]"}),
        ("batch 1, batch norm", {"batch_sizes": "[1]", "batch_norm": "[on]"}),
        ("batch 1, batch norm, mlp", {"model": "mlp", "batch_sizes": "[1]", "batch_norm": "[on]"}),
        ("batch 2, batch norm, odd data", {"model": "mlp", "points": "11", "batch_sizes": "[2]", "batch_norm": "[on]"}),
        ("whole-set batch, batch norm", {"batch_sizes": "[0]", "batch_norm": "[off, on]"}),
        ("one example, whole-set batch, batch norm", {"train_examples": "1", "batch_sizes": "[0]", "batch_norm": "[on]"}),
        ("cnn digits, batch 1, batch norm", {"dataset": "digits", "model": "cnn", "batch_sizes": "[1]", "batch_norm": "[on]", "epochs": "1"}),
        ("cnn digits, one example", {"dataset": "digits", "model": "cnn", "train_examples": "1", "batch_norm": "[on]", "epochs": "1"}),
        ("cnn digits, widest", {"dataset": "digits", "model": "cnn", "channels": "[64, 64]", "epochs": "1"}),
        ("cnn digits, narrowest", {"dataset": "digits", "model": "cnn", "channels": "[1, 1]", "epochs": "1"}),
        ("wide-regression, batch norm", {"dataset": "wide-regression", "model": "mlp", "batch_norm": "[on]", "curves": "[train_loss, val_loss]"}),
        ("wide-regression, linear", {"dataset": "wide-regression", "model": "linear", "curves": "[val_loss]"}),
        ("wide-regression, one example", {"dataset": "wide-regression", "train_examples": "1", "curves": "[val_loss]"}),
        ("largest rate, every optimizer", {"learning_rates": "[1000]", "optimizers": "[sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw]"}),
        ("largest rate, every optimizer, batch norm", {"learning_rates": "[1000]", "batch_norm": "[on]", "optimizers": "[sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw]"}),
        ("largest rate, every optimizer, step loss by examples", {"learning_rates": "[1000]", "optimizers": "[sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw]", "curves": "[step_loss, train_accuracy, val_loss, val_accuracy]", "x_axis": "examples"}),
        ("largest rate, every schedule", {"learning_rates": "[1000]", "schedules": "[constant, step, exponential, inverse-time, cosine, warmup, warmup-cosine]"}),
        ("largest rate, early stopping", {"learning_rates": "[1000]", "patience": "[1]", "curves": "[train_loss, val_loss]"}),
        ("zero rate", {"learning_rates": "[0]", "patience": "[1]"}),
        ("zero dropout and decay", {"dropouts": "[0]", "weight_decays": "[0]"}),
        ("largest dropout and decay", {"dropouts": "[0.9]", "weight_decays": "[100]"}),
        ("largest decay, every optimizer", {"weight_decays": "[100]", "optimizers": "[sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw]"}),
        ("one epoch, warmup over all of it", {"epochs": "1", "schedules": "[warmup, warmup-cosine]", "warmup_fraction": "1"}),
        ("one epoch, no warmup", {"epochs": "1", "schedules": "[warmup, warmup-cosine, step, cosine]", "warmup_fraction": "0"}),
        ("one step in all", {"epochs": "1", "batch_sizes": "[0]", "schedules": "[constant, step, exponential, inverse-time, cosine, warmup, warmup-cosine]"}),
        ("no noise, one point scale", {"noise": "0", "feature_scales": "[0.001, 1000]"}),
        ("largest scales, largest rate", {"feature_scales": "[1000, 1000]", "learning_rates": "[1000]", "log_scale": "true"}),
        ("deepest, narrowest mlp", {"model": "mlp", "hidden": "[" + ", ".join(["1"] * 60) + "]", "epochs": "1"}),
        ("deepest mlp, sigmoid, small init", {"model": "mlp", "hidden": "[" + ", ".join(["2"] * 60) + "]", "activation": "sigmoid", "inits": "[small, normal]", "epochs": "2"}),
        ("early stopping at once, one epoch", {"patience": "[0, 1, 1000]", "epochs": "1", "curves": "[val_loss]"}),
        ("every curve, no curve", {"curves": "[none]"}),
        ("augment digits, every way", {"dataset": "digits", "model": "linear", "augmentations": "[none, shift, flip, noise]", "epochs": "1"}),
        ("augment toy data with noise", {"augmentations": "[noise]"}),
    ],
    "momentum-ravine": [
        ("largest rate, largest momentum, longest", {"learning_rates": "[10]", "momentums": "[0.999]", "steps": "100000", "path_steps": "100000"}),
        ("start at the minimum", {"start": "[0, 0]"}),
        ("far start, largest rate", {"start": "[100, 100]", "learning_rates": "[10]"}),
        ("zero rate", {"learning_rates": "[0]", "momentums": "[0]"}),
    ],
    "adaptive-ravine": [
        ("largest rate, every optimizer", {"learning_rates": "[10]", "optimizers": "[sgd, momentum, adagrad, rmsprop, adam]", "step_table": "true"}),
        ("extreme curvatures, largest rate", {"curvatures": "[0.000001, 1000000]", "learning_rates": "[10]", "steps": "100000", "step_table": "true"}),
        ("start at the minimum", {"start": "[0, 0]", "step_table": "true"}),
        ("rates fewer than optimizers", {"learning_rates": "[0.1, 0.2]", "optimizers": "[sgd, momentum, adam]"}),
        ("report steps past the run", {"steps": "1", "report_steps": "[1, 100000]", "step_table": "true"}),
    ],
    "schedules": [
        ("two steps, every report step", {"steps": "2", "report_steps": "[0, 1, 2, 100000]"}),
        ("warmup over none, all", {"warmup_fraction": "0", "schedules": "[warmup, warmup-cosine]"}),
        ("warmup over all", {"warmup_fraction": "1", "schedules": "[warmup, warmup-cosine]", "steps": "2", "report_steps": "[0, 1]"}),
    ],
    "softmax": [
        ("label past the logits", {"logits": "[1, 2]", "label": "15"}),
        ("huge logits, naive, curve", {"logits": "[10000, -10000]", "label": "1", "naive": "true", "curve": "true"}),
        ("equal huge logits", {"logits": "[10000, 10000]", "naive": "true", "curve": "true"}),
    ],
    "activations": [
        ("normal init, deepest, widest", {"inits": "[normal]", "depth": "200", "width": "1024", "batch": "4096"}),
        ("normal init, deepest, tanh and relu histograms", {"inits": "[normal, small]", "depth": "200", "histograms": "[1, 100, 200]", "depths": "[200]"}),
        ("depths past depth", {"depth": "1", "depths": "[200]", "histograms": "[200]"}),
        ("one input", {"batch": "1", "width": "2", "bins": "60"}),
    ],
    "decay-two-step": [
        ("largest rate and decay", {"learning_rate": "1", "weight_decay": "100", "steps": "5000"}),
        ("one example, one feature", {"examples": "1", "features": "1"}),
        ("more examples than features", {"examples": "1000", "features": "1"}),
    ],
    "dropout-modes": [
        ("largest probability, one sample", {"probability": "0.95", "samples": "1", "draws": "20"}),
        ("zero input", {"input": "[0]", "probability": "0"}),
    ],
    "batch-norm-activations": [
        ("largest rate", {"learning_rate": "100", "epochs": "3"}),
        ("whole set as a batch", {"batch_size": "1257", "epochs": "2"}),
        ("batch leaving one over", {"batch_size": "4", "epochs": "1", "batch_norm": "[on]"}),
        ("batch 1256", {"batch_size": "1256", "epochs": "1", "batch_norm": "[on]"}),
        ("show epochs past epochs", {"epochs": "1", "show_epochs": "[0, 200]"}),
        ("narrow, probe 2", {"hidden": "[1]", "probe": "2"}),
    ],
    "batch-norm-algebra": [
        ("constant batch", {"batch": "2", "features": "1", "bias_scale": "0"}),
        ("huge bias", {"bias_scale": "1000", "channels": "32"}),
    ],
    "feature-maps": [
        ("largest pool and shift", {"pool": "4", "shift": "3"}),
    ],
    "cnn-digits": [
        ("one example, largest batch", {"train_examples": "1", "batch_size": "2000"}),
        ("batch 1", {"batch_size": "1", "epochs": "1"}),
        ("largest rate", {"learning_rate": "100"}),
        ("no mistakes to draw", {"misclassified": "40", "train_examples": "1"}),
    ],
    "fine-tune": [
        ("one example per class, largest rate", {"examples_per_class": "[1]", "learning_rate": "100"}),
        ("zero rate, unfrozen", {"learning_rate": "0", "backbones": "[unfrozen]"}),
        ("narrowest", {"channels": "[1, 1]", "examples_per_class": "[1, 100]"}),
    ],
}


def run(command, cwd, timeout):
    """Runs command; returns (status or None on timeout, stdout, stderr, seconds)."""
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL, start_new_session=True)
    try:
        out, err = process.communicate(timeout=timeout)
        status = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
        status = None
    return status, out.decode("utf-8", "replace"), err.decode("utf-8", "replace"), time.monotonic() - started


def number(text):
    value = float(text)
    return int(value) if value == int(value) and abs(value) < 1e15 else value


def show(value):
    return str(value) if isinstance(value, int) else repr(value)


def flow(values):
    return "[" + ", ".join(values) + "]"


def parse_type(description):
    """The catalog's type text ("list of numbers, 1 to 16 values, each from 0 to 10") as a dict."""
    kind, _, rule = description.partition(", ")
    spec = {"kind": kind}
    if kind.startswith("list of "):
        count = re.match(r"(?:exactly (\d+) values|(\d+) to (\d+) values)(?:, )?(.*)", rule)
        if count.group(1):
            spec["count"] = (int(count.group(1)), int(count.group(1)))
        else:
            spec["count"] = (int(count.group(2)), int(count.group(3)))
        rule = count.group(4)
    bounds = re.match(r"(?:each )?(?:from )?(-?[\d.e+-]+) to (-?[\d.e+-]+)$", rule)
    if bounds:
        spec["range"] = (number(bounds.group(1)), number(bounds.group(2)))
    choices = re.match(r"(?:each )?one of (.*)$", rule)
    if choices:
        spec["choices"] = choices.group(1).split(", ")
    return spec


def edge_values(spec):
    """(case name, value as a lesson writes it) for the edges of one parameter."""
    kind = spec["kind"]
    if kind == "true or false":
        return [("true", "true"), ("false", "false")]
    if kind == "text":
        return [(c, c) for c in spec["choices"]]
    if kind in ("number", "integer"):
        low, high = spec["range"]
        return [("min", show(low)), ("max", show(high))]
    shortest, longest = spec["count"]
    if kind == "list of texts":
        choices = spec["choices"]
        cases = [(c, flow([c] * max(shortest, 1))) for c in choices]
        every = (choices * longest)[:longest]
        if len(every) >= shortest:
            cases.append(("every choice", flow(every)))
        if shortest == 0:
            cases.append(("empty", "[]"))
        return cases
    low, high = spec["range"]
    cases = []
    if shortest == 0:
        cases.append(("empty", "[]"))
    count = max(shortest, 1)
    cases += [("shortest at min", flow([show(low)] * count)), ("shortest at max", flow([show(high)] * count))]
    if longest > count:
        spread = [low + (high - low) * i / (longest - 1) for i in range(longest)]
        spread = [show(round(v)) if kind == "list of integers" else show(number(repr(v))) for v in spread]
        cases.append(("longest, min to max", flow(spread)))
    return cases


def bound_value(spec, high, longest=False):
    """Every parameter at one end: the shortest (or longest) list at that bound, or the first or last choice."""
    kind = spec["kind"]
    if kind == "true or false":
        return "true" if high else "false"
    if kind == "text":
        return spec["choices"][-1 if high else 0]
    if kind in ("number", "integer"):
        return show(spec["range"][1 if high else 0])
    count = spec["count"][1] if longest else max(spec["count"][0], 1)
    if kind == "list of texts":
        return flow([spec["choices"][-1 if high else 0]] * count)
    return flow([show(spec["range"][1 if high else 0])] * count)


def catalog(binary):
    """Experiment name -> {parameter: type spec}, from `learn experiments --markdown`."""
    status, out, err, _ = run([binary, "experiments", "--markdown"], None, 60)
    if status != 0:
        sys.exit(f"learn experiments failed: {err}")
    experiments, current = {}, None
    for line in out.splitlines():
        if line.startswith("## "):
            current = experiments.setdefault(line[3:].strip(), {})
        elif current is not None and line.startswith("| `"):
            cells = [c.strip() for c in line.strip("|").split(" | ")]
            current[cells[0].strip("`")] = parse_type(cells[1])
    return experiments


def cells(binary, lesson, lessons, work):
    """[(cell number, experiment name)] of one lesson, from `learn run LESSON --params`."""
    status, out, err, _ = run([binary, "run", lesson, "--lessons", lessons, "--params", "--ascii",
                               "--color", "never", "--width", "80"], work, 60)
    if status != 0:
        sys.exit(f"learn run {lesson} --params failed: {err}")
    return [(int(m.group(1)), m.group(2)) for m in re.finditer(r"^#(\d+)\s+experiment (\S+)", out, re.M)]


def cases_for(experiment, parameters):
    """(case name, {key: value}) for one cell."""
    cases = []
    for key, spec in parameters.items():
        cases += [(f"{key}={name}", {key: value}) for name, value in edge_values(spec)]
    cases.append(("all at min", {k: bound_value(s, False) for k, s in parameters.items()}))
    cases.append(("all at max", {k: bound_value(s, True) for k, s in parameters.items()}))
    cases.append(("all at max, longest lists", {k: bound_value(s, True, longest=True) for k, s in parameters.items()}))
    cases += RISKY.get(experiment, [])
    return cases


def pair_cases(parameters):
    """(case name, {key: value}) for every two parameters at every two of their edge values."""
    edges = [(key, edge_values(spec)) for key, spec in parameters.items()]
    cases = []
    for i, (key1, values1) in enumerate(edges):
        for key2, values2 in edges[i + 1:]:
            cases += [(f"{key1}={name1}, {key2}={name2}", {key1: value1, key2: value2})
                      for name1, value1 in values1 for name2, value2 in values2]
    return cases


def classify(status, stderr, stdout=""):
    """None when the run is fine, else what is wrong."""
    if status is None:
        return "hang"
    marker = next((m for m in CRASH_MARKERS if m in stderr), None)
    if status < 0 or status > 2 or marker:
        return f"crash ({'signal ' + str(-status) if status < 0 else 'exit ' + str(status)}{', ' + marker if marker else ''})"
    if status == 2:
        return "bad usage (a bug in this script?)"
    if status == 1 and "error:" not in stderr:
        return "exit 1 without a diagnostic"
    if status == 0 and unexplained(stderr):
        return "exit 0 with stderr"
    # learn writes NaN as "NaN" and never shows an optional: Swift's own spelling means raw output.
    garbage = re.search(r"\b-?nan\b|Optional\(", stdout)
    if status == 0 and garbage:
        return f"exit 0 with '{garbage.group(0)}' in the output"
    return None


def unexplained(stderr):
    """stderr less the lesson's warnings (a claim that no longer holds with other values is fine)."""
    lines, in_warning = [], False
    for line in stderr.splitlines():
        if ": warning: " in line:
            in_warning = True
        elif not (in_warning and line.startswith("  ")):
            in_warning = False
            if line.strip():
                lines.append(line)
    return lines


def cause(stderr):
    """The failure's message and the first frame in the project's sources, from a Swift backtrace."""
    message = re.search(r"(Fatal error.*|Swift runtime failure: .*?)(?: \*\*\*)?$", stderr, re.M)
    frame = re.search(r" in learn at (?:.*/)?(Sources/\S+)", stderr)
    found = [m.group(1) for m in (message, frame) if m]
    return " at ".join(found) if found else (unexplained(stderr) or [""])[0][:200]


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", default=os.path.join(root, ".build-sweep/release/learn"),
                        help="the release learn to run (default: .build-sweep/release/learn)")
    parser.add_argument("--lessons", default=os.path.join(root, "lessons"))
    parser.add_argument("--timeout", type=float, default=120, help="seconds before a run counts as hung")
    parser.add_argument("--only", action="append", help="only this lesson (repeatable): 3 or lesson-03")
    parser.add_argument("--experiment", action="append", help="only cells of this experiment (repeatable)")
    parser.add_argument("--out", default=os.path.join(root, ".build-sweep/parameter-sweep.jsonl"),
                        help="one JSON line per run (default: .build-sweep/parameter-sweep.jsonl)")
    parser.add_argument("--pairs", action="store_true",
                        help="instead: every two parameters at every two edge values, in each experiment's first cell")
    args = parser.parse_args()
    binary = os.path.abspath(args.binary)
    lessons = os.path.abspath(args.lessons)

    specs = catalog(binary)
    names = sorted(f[:9] for f in os.listdir(lessons) if re.match(r"lesson-\d\d-.*\.md$", f))
    if args.only:
        names = [n for n in names if any(n == (f"lesson-{int(o):02d}" if o.isdigit() else o) for o in args.only)]

    common = ["--lessons", lessons, "--format", "text", "--color", "never", "--width", "100"]
    problems, total, started, paired = [], 0, time.monotonic(), set()
    # work: the result cache of the unchanged cells, removed however the sweep ends.
    with tempfile.TemporaryDirectory(prefix="learn-sweep-") as work, open(args.out, "w") as log:
        for lesson in names:
            status, _, err, _ = run([binary, "run", lesson] + common, work, args.timeout)
            if status != 0:
                print(f"{lesson} as written: exit {status}\n{err}", file=sys.stderr)
            for cell, experiment in cells(binary, lesson, lessons, work):
                if args.experiment and experiment not in args.experiment:
                    continue
                if args.pairs and experiment in paired:
                    continue
                paired.add(experiment)
                cases = pair_cases(specs[experiment]) if args.pairs else cases_for(experiment, specs[experiment])
                for case, values in cases:
                    sets = [f"#{cell}.{key}={value}" for key, value in values.items()]
                    command = [binary, "run", lesson] + common
                    for s in sets:
                        command += ["--set", s]
                    status, out, err, seconds = run(command, work, args.timeout)
                    problem = classify(status, err, out)
                    total += 1
                    record = {"lesson": lesson, "cell": cell, "experiment": experiment, "case": case,
                              "set": sets, "status": status, "seconds": round(seconds, 2),
                              "problem": problem, "stderr": err[:6000] if problem else err[:300]}
                    log.write(json.dumps(record) + "\n")
                    log.flush()
                    mark = problem or ("refused" if status == 1 else "ok")
                    print(f"{seconds:7.2f}s  {mark:<12.40}  {lesson} #{cell} {experiment}: {case}", flush=True)
                    if problem:
                        problems.append(record)

    print(f"\n{total} runs in {time.monotonic() - started:.0f} s; {len(problems)} problems")
    for p in problems:
        print(f"  {p['problem']}: {p['lesson']} #{p['cell']} {p['experiment']} {' '.join(p['set'])}")
        print(f"      {cause(p['stderr'])}")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
