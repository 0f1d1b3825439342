#!/usr/bin/env python3
"""Times every lesson end to end with a release build of `learn`.

Usage: python3 Benchmarks/lessons/run.py [--rounds N] [--scratch PATH] [--cache]

Builds `learn` in release (into PATH, default .build-release-lessons), then runs
`learn run lessons/FILE --color never --fresh` N times (never from the cache) per lesson (default 3), output discarded,
and prints each lesson's median wall time, the total of the medians, and whether the
budgets hold (issue 16): every lesson fresh under 60 s, except the capstone (a lesson whose
slug says "capstone" or "real-image-classifier"), which has 12 minutes. Exits 1 when a budget
is broken or a lesson fails. Measure with the AVX2 kernel too (LEARN_KERNEL=avx2, another
--scratch), the slower case the budgets are set for.

With --cache it also times each lesson rerun from the results cache (the course's
.learn/courses/ID/cache, filled by the fresh runs) and prints both medians side by side.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LESSON_BUDGET, CAPSTONE_BUDGET = 60.0, 12 * 60.0


def budget(lesson):
    """The capstone trains a real classifier on full Fashion-MNIST; every other lesson stays within a minute."""
    return CAPSTONE_BUDGET if "capstone" in lesson or "real-image-classifier" in lesson else LESSON_BUDGET


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scratch", default=".build-release-lessons")
    parser.add_argument("--cache", action="store_true", help="also time reruns served from the cache")
    args = parser.parse_args()

    subprocess.run(["swift", "build", "-c", "release", "--product", "learn", "--scratch-path", args.scratch],
                   cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    binary = os.path.join(ROOT, args.scratch, "release", "learn")
    lessons = sorted(f for f in os.listdir(os.path.join(ROOT, "lessons")) if f.startswith("lesson-") and f.endswith(".md"))

    ok = True
    rows = []
    cached = {}

    def timed(lesson, *extra):
        start = time.perf_counter()
        run = subprocess.run([binary, "run", os.path.join("lessons", lesson), "--color", "never", *extra], cwd=ROOT,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        return time.perf_counter() - start, run

    for lesson in lessons:
        times = []
        for _ in range(args.rounds):
            seconds, run = timed(lesson, "--fresh")
            times.append(seconds)
            if run.returncode != 0 or "claim not held" in run.stderr:
                ok = False
                print(f"{lesson}: exit {run.returncode}\n{run.stderr}", file=sys.stderr)
        rows.append((lesson, statistics.median(times)))
        if args.cache:
            cached[lesson] = statistics.median(timed(lesson)[0] for _ in range(args.rounds))

    width = max(len(name) for name, _ in rows)
    print(f"{'lesson'.ljust(width)}  median s  (of {args.rounds})" + ("  cached rerun s" if args.cache else ""))
    for name, seconds in rows:
        flag = "" if seconds < budget(name) else f"  over the {budget(name):.0f} s budget"
        ok = ok and seconds < budget(name)
        again = f"  {cached[name]:14.3f}" if args.cache else ""
        print(f"{name.ljust(width)}  {seconds:8.2f}{again}{flag}")
    total = sum(seconds for _, seconds in rows)
    again = f"  {sum(cached.values()):14.3f}" if args.cache else ""
    print(f"{'total'.ljust(width)}  {total:8.2f}{again}")
    print("budgets hold" if ok else "BUDGET BROKEN or a lesson failed")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
