"""``python -m symgraph.cli.prairielearn``: PrairieLearn's external grader on the command line (the grading
itself is symgraph.grading.prairielearn.run). It converts the options, caps the address space as the
``symgraph`` command does, grades, and prints the one-line message; exit 0 graded (also a format error of
the student's), 2 the teacher's problem file or a folder is bad."""
from __future__ import annotations

import argparse
import os
import sys

from symgraph.errors import SymgraphError
from symgraph.grading.prairielearn import GRADE, run
from symgraph.safe_text import terminal


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m symgraph.cli.prairielearn",
                                     description="PrairieLearn external grader: grade /grade/student/answers.toml "
                                                 "against /grade/tests/problems.toml into /grade/results/results.json")
    parser.add_argument("--grade-dir", default=GRADE, help="PrairieLearn's grading folder (default /grade)")
    parser.add_argument("--problems", help="the problem file (default GRADE/tests/problems.toml)")
    parser.add_argument("--submission", help="the student's answer file (default GRADE/student/answers.toml)")
    parser.add_argument("--results", help="where to write results.json (default GRADE/results/results.json)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds of symbolic work per claim")
    args = parser.parse_args(argv)
    problems = args.problems or os.path.join(args.grade_dir, "tests", "problems.toml")
    submission = args.submission or os.path.join(args.grade_dir, "student", "answers.toml")
    results = args.results or os.path.join(args.grade_dir, "results", "results.json")
    try:
        out = run(problems, submission, results, args.timeout)
    except SymgraphError as exc:
        print(terminal(f"error: {exc.message}"), file=sys.stderr)
        return 2
    except OSError as exc:
        print(terminal(f"error: {exc.filename}: {exc.strerror}"), file=sys.stderr)
        return 2
    print(terminal(out["message"]))        # the student's text (an unknown problem id) never drives a terminal
    return 0


def grader(argv=None) -> int:
    """``python -m symgraph.cli.prairielearn``: the command line's address-space cap (2 GiB, or
    ``SYMGRAPH_MEMORY``), so that a hostile submission fails with a MemoryError instead of swapping the
    grading machine, then :func:`main`. (The tests call ``main`` in their own process, uncapped.)"""
    from symgraph.checks.budget import parse_memory, set_memory_limit

    set_memory_limit(parse_memory(os.environ.get("SYMGRAPH_MEMORY")))
    return main(argv)


if __name__ == "__main__":
    sys.exit(grader())
