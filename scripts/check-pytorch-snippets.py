#!/usr/bin/env python3
"""Runs every lesson's "In PyTorch" snippets and checks what they print.

Every ```python block under a level-2 heading that names PyTorch (`## In PyTorch`) in lessons/*.md,
and in lessons/zh/*.md when that folder exists, is a complete program. Each one runs on its own, in a
fresh Python process (this interpreter) inside an empty temporary folder, with a timeout. A snippet
passes when it exits with 0 and every expected line it declares was printed.

Expected output: a comment `# expected: TEXT` (at the end of a line or on a line of its own) says
that the program prints a line reading TEXT. The expected lines of a snippet must appear in its
standard output in the order they are written, each as a whole line (runs of spaces count as one;
other lines may come between them). Write one only for a number the lesson prints too, computed the
same way (a loss of given logits, a schedule's rate, a step count of a deterministic descent): it
must then agree with the lesson to the digits shown. Numbers that depend on random training are
printed without such a comment.

Snippets that train on all of Fashion-MNIST read the environment variable SNIPPET_CHECK, which this
script sets to 1, and then train for one epoch instead of the lesson's number, so that a whole check
takes minutes. Fashion-MNIST is read from $LEARN_DATA or /usr/share/datasets/fashion-mnist (the
`dataset-fashion-mnist` package), as `learn` reads it.

    python3 scripts/check-pytorch-snippets.py                 # every lesson
    python3 scripts/check-pytorch-snippets.py 5 lesson-10     # some lessons (number, id or file)

Exit status: 0 when every snippet passed; 1 when any failed (an exit status other than 0, a
timeout, an expected line not printed); 2 when the check could not run: PyTorch or NumPy is not
installed (the script says so and checks nothing), or Fashion-MNIST is missing and the snippets that
need it were skipped while all others passed. Not part of CI's required path: PyTorch is large.
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXPECTED = re.compile(r"#\s*expected:\s*(.*?)\s*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})\s*([^`\s]*)")
FASHION_FOLDER = "/usr/share/datasets/fashion-mnist"
# `learn run` indents code by four columns, so in an 80-column terminal a longer line wraps.
LONGEST_LINE = 76


@dataclass
class Snippet:
    """One ```python block: where it stands and its code."""
    lesson: Path
    line: int
    code: str

    @property
    def expected(self):
        """The `# expected:` texts of the snippet, in the order they are written."""
        return [m.group(1) for m in map(EXPECTED.search, self.code.splitlines()) if m]


@dataclass
class Outcome:
    snippet: Snippet
    passed: bool = False
    skipped: bool = False
    seconds: float = 0
    problems: list = field(default_factory=list)


def snippets(path):
    """The ```python blocks under a level-2 heading that contains "PyTorch", up to the next level-2 heading."""
    found, in_section, fence, start, body = [], False, None, 0, []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if fence is not None:
            stripped = line.strip()
            if stripped.startswith(fence[0]) and set(stripped) == {fence[0]} and len(stripped) >= len(fence):
                if language == "python" and in_section:
                    found.append(Snippet(path, start, "\n".join(body) + "\n"))
                fence = None
            else:
                body.append(line)
            continue
        match = FENCE.match(line)
        if match:
            fence, language, start, body = match.group(1), match.group(2).lower(), number, []
        elif re.match(r"^##\s", line):
            in_section = "PyTorch" in line
        elif re.match(r"^#\s", line):
            in_section = False
    return found


def normalized(text):
    return " ".join(text.split())


def missing_expected(expected, output):
    """The expected lines not found in `output`, in order: each must match a later line than the previous one."""
    lines = [normalized(line) for line in output.splitlines()]
    missing, position = [], 0
    for text in expected:
        want = normalized(text)
        for index in range(position, len(lines)):
            if lines[index] == want:
                position = index + 1
                break
        else:
            missing.append(text)
    return missing


def needs_fashion(snippet):
    return "fashion" in snippet.code.lower() and "LEARN_DATA" in snippet.code


def fashion_available():
    folder = os.environ.get("LEARN_DATA") or FASHION_FOLDER
    return os.path.exists(os.path.join(folder, "train-images-idx3-ubyte.gz"))


def run(snippet, timeout, threads):
    outcome = Outcome(snippet)
    environment = dict(os.environ, SNIPPET_CHECK="1", PYTHONDONTWRITEBYTECODE="1")
    if threads > 0:
        environment.update(OMP_NUM_THREADS=str(threads), MKL_NUM_THREADS=str(threads))
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="pytorch-snippet-") as folder:
        try:
            process = subprocess.run([sys.executable, "-"], input=snippet.code, capture_output=True, text=True,
                                     cwd=folder, env=environment, timeout=timeout)
        except subprocess.TimeoutExpired:
            outcome.seconds = time.monotonic() - started
            outcome.problems.append(f"timed out after {timeout} s")
            return outcome
    outcome.seconds = time.monotonic() - started
    if process.returncode != 0:
        last = process.stderr.strip().splitlines()[-1:] or ["(nothing on stderr)"]
        outcome.problems.append(f"exit status {process.returncode}: {last[0]}")
    for text in missing_expected(snippet.expected, process.stdout):
        outcome.problems.append(f"expected a line `{text}`, not printed (in order)")
    if outcome.problems:
        printed = process.stdout.splitlines()
        outcome.problems.append("its output:" + "".join("\n      | " + line for line in printed) if printed else "it printed nothing")
    outcome.passed = not outcome.problems
    return outcome


def lesson_files(selection, parser):
    files = sorted((ROOT / "lessons").glob("*.md")) + sorted((ROOT / "lessons" / "zh").glob("*.md"))
    if not selection:
        return files
    chosen = []
    for item in selection:
        path = Path(item)
        if path.suffix == ".md" and path.exists():
            chosen.append(path.resolve())
            continue
        number = item.removeprefix("lesson-").lstrip("0") if item.removeprefix("lesson-").isdigit() else None
        matches = [f for f in files
                   if f.stem.startswith(item) or (number is not None and re.match(rf"lesson-0*{number}-", f.name))]
        if not matches:
            parser.error(f"no lesson matches '{item}' in {ROOT / 'lessons'}")
        chosen += matches
    return chosen


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lessons", nargs="*", help="lesson numbers, ids or files (default: every lesson)")
    parser.add_argument("--timeout", type=float, default=240, help="seconds a snippet may run (default 240)")
    parser.add_argument("--threads", type=int, default=1,
                        help="threads per snippet (OMP_NUM_THREADS; default 1: the small models here run fastest so, "
                             "on a shared machine); 0 leaves PyTorch's default")
    arguments = parser.parse_args()
    lessons = lesson_files(arguments.lessons, parser)

    try:
        import numpy  # noqa: F401  (the snippets read Fashion-MNIST with it)
        import torch
    except ImportError as error:
        print(f"check-pytorch-snippets: not checked: {error.name} is not installed "
              "(pip install torch numpy); nothing was run.")
        return 2

    started = time.monotonic()
    print(f"PyTorch snippets, {time.strftime('%Y-%m-%d %H:%M %Z')}, torch {torch.__version__}, "
          f"Python {sys.version.split()[0]}, "
          f"{arguments.threads or torch.get_num_threads()} thread{'s' if arguments.threads != 1 else ''} per snippet")
    have_fashion = fashion_available()
    outcomes = []
    for lesson in lessons:
        found = snippets(lesson)
        name = str(lesson.relative_to(ROOT)) if lesson.is_relative_to(ROOT) else str(lesson)
        if not found:
            print(f"{name:<48} no snippets")
            continue
        results = []
        for snippet in found:
            if needs_fashion(snippet) and not have_fashion:
                results.append(Outcome(snippet, skipped=True,
                                       problems=["skipped: no Fashion-MNIST (apt-get install dataset-fashion-mnist, or set LEARN_DATA)"]))
            else:
                results.append(run(snippet, arguments.timeout, arguments.threads))
        outcomes += results
        passed = sum(r.passed for r in results)
        expected = sum(len(r.snippet.expected) for r in results if r.passed)
        verdict = "ok" if passed == len(results) else ("skipped" if all(r.passed or r.skipped for r in results) else "FAILED")
        print(f"{name:<48} {passed}/{len(results)} snippets, {expected:2} expected lines  "
              f"{verdict:<7} {sum(r.seconds for r in results):6.1f} s")
        for result in results:
            for offset, line in enumerate(result.snippet.code.splitlines(), start=1):
                if len(line) > LONGEST_LINE:
                    print(f"    {name}:{result.snippet.line + offset}: note: {len(line)} characters, "
                          f"wraps in an 80-column terminal (at most {LONGEST_LINE})")
            for problem in result.problems:
                print(f"    {name}:{result.snippet.line}: {problem}")

    failed = [o for o in outcomes if not o.passed and not o.skipped]
    skipped = [o for o in outcomes if o.skipped]
    print(f"{len(outcomes) - len(failed) - len(skipped)} of {len(outcomes)} snippets passed"
          + (f", {len(failed)} failed" if failed else "") + (f", {len(skipped)} skipped" if skipped else "")
          + f", {sum(len(o.snippet.expected) for o in outcomes if o.passed)} expected lines checked,"
          + f" in {time.monotonic() - started:.0f} s")
    return 1 if failed else 2 if skipped else 0


if __name__ == "__main__":
    sys.exit(main())
