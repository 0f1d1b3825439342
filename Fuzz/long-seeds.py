#!/usr/bin/env python3
"""Writes the long and deep seeds of the fuzz targets: inputs at each reader's limit and one past it.

    python3 Fuzz/long-seeds.py FOLDER     # writes FOLDER/lesson, FOLDER/answers, FOLDER/data

Fuzz/run.sh runs it into .build-fuzz/long-seeds and gives libFuzzer that folder as a second seed
corpus, so the megabyte seeds are not committed. The limits they reach (each one at the limit and
one past it where the limit is a count):
  - a claim of 200 tokens (ClaimParser.maximumTokens) and of 201; 32 nested parentheses and 33;
  - a numeric answer of 200 characters (NumericAnswer.maximumLength) and 201; 40 nested levels and 41;
  - a progress file and an answers file near 1 MB (FileBytes.progressLimit, answersLimit), an answers
    file just past it; a lesson near 2 MB (lessonLimit);
  - a course.yaml near 64 KB (courseLimit) and thousands of nested YAML levels;
  - a lesson requiring 100 lessons and one requiring 101 (LessonMetadata.listLimits);
  - Markdown nested 48 levels (CommonMarkConverter.maximumDepth) and 49;
  - a cached result of about 1 MB with the most surface terms, powers and levels ResultLimits allows;
  - a 1 MB IDX file plain and gzip, and a gzip that inflates to 8 MB;
  - a result block of an exported lesson of about 1 MB, and one full of backtick runs.
The data target's first byte picks the reader (DataFuzz.swift).
"""
import gzip
import json
import os
import struct
import sys

MB = 1 << 20
out = sys.argv[1] if len(sys.argv) > 1 else ".build-fuzz/long-seeds"


def write(target, name, data):
    folder = os.path.join(out, target)
    os.makedirs(folder, exist_ok=True)
    # Atomically, so that two targets started at once never read a seed half written.
    path = os.path.join(folder, name)
    with open("%s.%d.tmp" % (path, os.getpid()), "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)
    os.replace(f.name, path)


def data(kind, name, body):
    write("data", name, bytes([kind]) + (body.encode() if isinstance(body, str) else body))


# Claims (kind 0): tokens and nesting.
data(0, "claim-200-tokens", "not flag" + " and flag" * 99)
data(0, "claim-201-tokens", "flag" + " and flag" * 100)
data(0, "claim-32-deep", "(" * 32 + "a < 1" + ")" * 32)
data(0, "claim-33-deep", "(" * 33 + "a < 1" + ")" * 33)
data(0, "claim-long-name", "x" * 100_000 + " < 1")

# Progress (kind 1): near 1 MB.
lessons = {}
size = 0
n = 0
while size < MB - 20_000:
    entry = {"passed": ["exercise-%d" % i for i in range(50)], "hintsShown": {"h%d" % i: i for i in range(20)}, "ran": True}
    lessons["lesson-%04d" % n] = entry
    size += len(json.dumps(entry)) + 16
    n += 1
data(1, "progress-1mb", json.dumps({"version": 1, "lessons": lessons}))
data(1, "progress-deep", '{"version": 1, "lessons": ' + "[" * 100_000 + "]" * 100_000 + "}")

# course.yaml (kind 2): deep and long.
data(2, "course-deep-flow", "id: deep\ntitle: Deep\nextra: " + "[" * 30_000 + "]" * 30_000 + "\n")
data(2, "course-deep-block", "id: deep\ntitle: Deep\nextra:\n" + "".join(" " * i + "k:\n" for i in range(300)) + " " * 300 + "v\n")
data(2, "course-64kb", "id: long\ntitle: " + "T" * (64 * 1024 - 30) + "\n")

# Cached results (kind 3): about 1 MB, at the bounds of ResultLimits.
terms = [{"coefficient": 0.001 * (i + 1), "x_power": i % 17, "y_power": (i * 7) % 17} for i in range(64)]
points = 8_000
result = {"items": [
    {"kind": "surface", "surface": {
        "function": {"terms": terms}, "levels": 16,
        "paths": [{"name": "p%d" % k, "x": list(range(2_000)), "y": [0.5 * i for i in range(2_000)]} for k in range(5)],
        "spacing": "linear", "style": "contour", "title": {"args": ["1"], "key": "surface {0}"},
        "x": [-2.0, 2.0], "x_label": "x", "y": [-1.0, 1.0], "y_label": "y"}},
    {"kind": "line_chart", "line_chart": {
        "series": [{"name": {"args": ["%d" % k, "x"], "key": "{0} {1}"}, "y": [1.0 / (i + 1) + k for i in range(points)]}
                   for k in range(5)],
        "title": "loss", "x_label": "step", "y_label": "loss", "y_scale": "log"}},
    {"kind": "table", "table": {"columns": [{"format": "significant:4", "header": "i"}, {"format": "significant:3", "header": "v"}],
                               "rows": [[i, i * 0.5] for i in range(5_000)], "title": "t"}},
]}
data(3, "result-1mb", json.dumps(result))
data(3, "result-deep", '{"items": ' + "[" * 100_000 + "]" * 100_000 + "}")

# IDX (kind 4): 1 MB plain and gzip, and a gzip that inflates to 8 MB.
idx = struct.pack(">BBBBII", 0, 0, 8, 2, 1000, 1000) + bytes(i % 251 for i in range(1_000_000))
data(4, "idx-1mb", idx)
data(4, "idx-1mb-gzip", gzip.compress(idx, mtime=0))
data(4, "idx-gzip-8mb", gzip.compress(struct.pack(">BBBBIII", 0, 0, 8, 3, 10_000, 28, 28) + bytes(8_000_000), mtime=0))

# Numeric answers (kind 5): length and depth at the limits and past them, and the documented forms.
for name, text in [
    ("numeric-200-chars", "1+" * 99 + "11"), ("numeric-201-chars", "1+" * 100 + "1"),
    ("numeric-40-deep", "(" * 40 + "1" + ")" * 40), ("numeric-41-deep", "(" * 41 + "1" + ")" * 41),
    ("numeric-40-signs", "-" * 40 + "1"), ("numeric-41-signs", "-" * 41 + "1"),
    ("numeric-sqrt-deep", "sqrt(" * 20 + "2" + ")" * 20), ("numeric-power-chain", "2^" * 40 + "1"),
    ("numeric-half", "1/2"), ("numeric-percent", "50%"), ("numeric-ln", "ln(10)"), ("numeric-ln-space", "ln 10"),
    ("numeric-root", "sqrt(2)/2"), ("numeric-unicode", "−0.5 × √2 ÷ π"), ("numeric-comma", "2,303"),
    ("numeric-huge", "1e400"), ("numeric-power", "-2^2 + 2**-1"), ("numeric-long-digits", "0." + "9" * 190),
    ("numeric-1mb", "1" * (MB - 1_000)),
]:
    data(5, name, text)


# Result blocks of an exported lesson (kind 6): the first line is the info string's tail, the rest the block.
data(6, "export-1mb", "#1 momentum-ravine\n" + ("step 10  loss 0.25 ████████░░ │ ╭─╮\n" * (MB // 66)))
data(6, "export-backticks", "#1\n" + "".join("`" * (i % 40 + 1) + " x\n" for i in range(2_000)))
data(6, "export-cells", "#2\n```experiment momentum-ravine\nsteps: 10\n```\n```exercise x\nquestion: q\nanswer: 1\n```\n")

# Answers files: near 1 MB, past it, deep, and numeric answers at their limits (through the command too).
answers = "effective-step: 10\nclose-enough: 0.51\npick-one: b\nsay-it: the learning rate\n"
padding = "# " + "x" * 78 + "\n"
write("answers", "answers-near-1mb", padding * ((MB - len(answers) - 1_000) // len(padding)) + answers)
write("answers", "answers-past-1mb", padding * (MB // len(padding) + 1) + answers)
write("answers", "answers-long-value", "say-it: " + "a" * (MB - 2_000) + "\n")
write("answers", "answers-deep-flow", "rescue-by-momentum: " + "[" * 100_000 + "]" * 100_000 + "\n")
write("answers", "answers-deep-map", "rescue-by-momentum: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n")
for depth in (40, 41):
    expression = "(" * depth + "10" + ")" * depth
    write("answers", "answers-numeric-%d-deep" % depth, "effective-step: '%s'\n" % expression)
    write("answers", "answers-command-%d-deep" % depth, answers + "\0\x06" + expression)
write("answers", "answers-command-201-chars", answers + "\0\x06" + "1+" * 100 + "1")

# Lessons: near 2 MB, long requires lists, deep Markdown and YAML, long claims, an exported lesson.
cell = "```experiment momentum-ravine\nlearning_rates: [0.4]\nsteps: 20\nexpect:\n  - %s\n```\n"
front = "---\ntitle: Long\nseed: 3\n%s---\n\n"
write("lesson", "long-2mb.md", front % "" + cell % "steps > 0"
      + ("A paragraph of prose that says nothing in particular, but says it at length. " * 13 + "\n\n") * 1_990)
write("lesson", "long-requires-100.md", front % ("requires: [%s]\n" % ", ".join("lesson-%02d" % (i % 99 + 1) for i in range(100))))
write("lesson", "long-requires-101.md", front % ("requires: [%s]\n" % ", ".join("lesson-%02d" % (i % 99 + 1) for i in range(101))))
write("lesson", "deep-quotes-48.md", front % "" + "> " * 48 + "text\n")
write("lesson", "deep-quotes-49.md", front % "" + "> " * 49 + "text\n")
write("lesson", "deep-lists.md", front % "" + "".join("  " * i + "- item\n" for i in range(60)))
write("lesson", "deep-emphasis.md", front % "" + "*_" * 5_000 + "x" + "_*" * 5_000 + "\n")
write("lesson", "deep-yaml-cell.md", front % "" + "```experiment momentum-ravine\nlearning_rates: "
      + "[" * 20_000 + "]" * 20_000 + "\n```\n")
write("lesson", "claim-200-tokens.md", front % "" + cell % ("not diverged" + " and not diverged" * 66))
write("lesson", "claim-201-tokens.md", front % "" + cell % ("steps > 0" + " and not diverged" * 66))
write("lesson", "many-claims.md", front % "" + "```experiment momentum-ravine\nsteps: 20\nexpect:\n"
      + "  - steps > 0\n" * 101 + "```\n")
write("lesson", "many-cells.md", front % "" + (cell % "steps > 0" + "\n") * 101)
write("lesson", "export-with-results.md", front % "" + cell % "steps > 0"
      + "\n````learn-result #1\n" + "```experiment momentum-ravine\nsteps: 1\n```\n" * 1_000 + "````\n")
