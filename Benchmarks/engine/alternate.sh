#!/bin/bash
# Runs two EngineBench binaries alternately, N times each, and prints each one's median and its runs: how to
# compare two builds on a shared machine, where a neighbour's burst moves single runs by 10–30 %.
# Usage: Benchmarks/engine/alternate.sh BEFORE AFTER [N=9] [MODE=tiny]   (a MODE printing {"ms": …} lines)
set -euo pipefail
before=$1 after=$2 n=${3:-9} mode=${4:-tiny}
for _ in $(seq "$n"); do "$before" "$mode"; "$after" "$mode"; done | python3 -c '
import json, statistics, sys
ms = [json.loads(line)["ms"] for line in sys.stdin if line.startswith("{")]
for name, runs in (("before", ms[0::2]), ("after", ms[1::2])):
    print(f"{name}: median {statistics.median(runs):.2f} ms  runs {sorted(round(r, 1) for r in runs)}")
'
