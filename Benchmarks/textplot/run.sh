#!/bin/sh
# Builds the TextPlot benchmark in release (-O, whole module) with Sources/TextPlot and runs it.
# Usage, from the repository root: sh Benchmarks/textplot/run.sh
set -e
root=$(cd "$(dirname "$0")/../.." && pwd)
out="${TMPDIR:-/tmp}/textplot-bench"
swiftc -O -wmo -module-name TextPlotBench -o "$out" "$root"/Sources/TextPlot/*.swift "$root/Benchmarks/textplot/main.swift"
"$out"
