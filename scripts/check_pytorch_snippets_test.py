#!/usr/bin/env python3
"""Tests of scripts/check-pytorch-snippets.py that need no PyTorch: which blocks it finds, how it
matches `# expected:` lines, and how it reports a snippet that fails.

    python3 scripts/check_pytorch_snippets_test.py
"""

import importlib.util
import tempfile
import textwrap
import unittest
from pathlib import Path

spec = importlib.util.spec_from_file_location("check", Path(__file__).with_name("check-pytorch-snippets.py"))
check = importlib.util.module_from_spec(spec)
spec.loader.exec_module(check)

LESSON = textwrap.dedent("""\
    ---
    title: A fixture
    ---

    ```python
    print("before the section: not a snippet")
    ```

    ## In PyTorch

    Prose.

    ```python
    print("a 1")  # expected: a 1
    print("b 2")
    # expected: b   2
    ```

    ~~~~ Python
    print("fenced with tildes")
    ```
    print("still inside")
    ~~~~

    ```swift
    print("not python")
    ```

    ## Summary

    ```python
    print("after the section: not a snippet")
    ```
    """)


class CheckPyTorchSnippetsTests(unittest.TestCase):
    def setUp(self):
        folder = tempfile.TemporaryDirectory()
        self.addCleanup(folder.cleanup)
        self.lesson = Path(folder.name) / "lesson-01-fixture.md"
        self.lesson.write_text(LESSON, encoding="utf-8")

    def test_finds_only_python_blocks_under_the_pytorch_heading(self):
        found = check.snippets(self.lesson)
        self.assertEqual([s.line for s in found], [13, 19])
        self.assertEqual(found[0].code, 'print("a 1")  # expected: a 1\nprint("b 2")\n# expected: b   2\n')
        self.assertIn('print("still inside")', found[1].code, "a shorter fence of another kind does not close it")

    def test_expected_lines_are_read_in_order(self):
        self.assertEqual(check.snippets(self.lesson)[0].expected, ["a 1", "b   2"])

    def test_expected_lines_match_whole_lines_in_order(self):
        self.assertEqual(check.missing_expected(["a 1", "b 2"], "noise\na  1\nmore\nb 2\n"), [])
        self.assertEqual(check.missing_expected(["b 2", "a 1"], "a 1\nb 2\n"), ["a 1"], "order matters")
        self.assertEqual(check.missing_expected(["0.313"], "tensor(0.3133)\n"), ["0.313"], "a part of a line is not it")
        self.assertEqual(check.missing_expected(["x", "x"], "x\n"), ["x"], "each expected line needs its own line")

    def test_a_snippet_passes_when_it_prints_its_expected_lines(self):
        outcome = check.run(check.snippets(self.lesson)[0], timeout=60, threads=1)
        self.assertTrue(outcome.passed, outcome.problems)

    def test_a_wrong_line_a_failure_and_a_timeout_are_reported(self):
        wrong = check.run(check.Snippet(self.lesson, 1, 'print("b 3")  # expected: b 2\n'), timeout=60, threads=1)
        self.assertFalse(wrong.passed)
        self.assertIn("expected a line `b 2`", wrong.problems[0])
        crash = check.run(check.Snippet(self.lesson, 1, "raise ValueError('boom')\n"), timeout=60, threads=1)
        self.assertEqual(crash.problems[0], "exit status 1: ValueError: boom")
        slow = check.run(check.Snippet(self.lesson, 1, "import time\ntime.sleep(30)\n"), timeout=1, threads=1)
        self.assertEqual(slow.problems, ["timed out after 1 s"])

    def test_snippets_run_in_an_empty_folder_with_the_check_variable_set(self):
        code = 'import os\nprint(os.listdir("."), os.environ["SNIPPET_CHECK"])  # expected: [] 1\n'
        self.assertTrue(check.run(check.Snippet(self.lesson, 1, code), timeout=60, threads=1).passed)


if __name__ == "__main__":
    unittest.main()
