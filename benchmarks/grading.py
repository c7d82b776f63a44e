"""``make bench-grading``: grade a generated class (10 problems x 100 students, 1,000 answers) with planted
classic mistakes; print answers per second with --jobs 1 and --jobs 2, the share of planted mistakes the
diagnosis recognizes, and how often a right or an unrelated wrong answer got a diagnosis (must be 0). Then the
catalog's coverage (benchmarks/coverage.py): recall per entry, false diagnoses, the share of real mistakes named.

Then the issue-26 targets (rates and ratios, printed, never asserted): distinct textbook answers per
second per core with diagnosis (CPU time of this process, so other load on the machine does not count;
target >= 200), 10,000 copies of one answer with the JSON report (target < 5 s), and the plan for
10^6 answers from the measured per-core rate.

The wrong answers are worked by hand, one classic mistake each, independently of the catalog's code.
``python benchmarks/grading.py --students 10`` runs a smaller class.
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from symgraph.judging.grading import grade  # noqa: E402

SEED = "g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2"
# (id, expression, claim's left side, right answer, {planted mistake: the answer it gives}, unrelated wrong)
PROBLEMS = [
    ("chain", "sin(x**2)", "df/dx", "2*x*cos(x**2)",
     {"chain-inner-missing": "cos(x**2)", "trig-sign": "-2*x*cos(x**2)"}, "2*cos(x)"),
    ("product", "x**2*sin(x)", "df/dx", "2*x*sin(x) + x**2*cos(x)",
     {"product-rule-derivatives-multiplied": "2*x*cos(x)", "product-rule-term-missing": "x**2*cos(x)"},
     "x*sin(x)"),
    ("quotient", "sin(x)/x", "df/dx", "(x*cos(x) - sin(x))/x**2",
     {"quotient-rule-sign": "(sin(x) - x*cos(x))/x**2", "quotient-rule-denominator": "(x*cos(x) - sin(x))/x"},
     "cos(x)/x**3"),     # (cos(x) is u'/v', a catalog entry since issue 25)
    ("power", "x**5", "df/dx", "5*x**4",
     {"power-rule-exponent-kept": "5*x**5", "power-rule-exponent-raised": "5*x**6"}, "4*x**5"),
    ("exponential", "3**x", "df/dx", "3**x*log(3)", {"exp-base-rule": "x*3**(x-1)"}, "2*3**x"),   # (3**x: ln 3 dropped)
    ("cosine", "cos(3*x)", "df/dx", "-3*sin(3*x)",
     {"trig-sign": "3*sin(3*x)", "chain-inner-missing": "-sin(3*x)"}, "-3*cos(3*x)"),
    ("logarithm", "log(x**2 + 1)", "df/dx", "2*x/(x**2 + 1)", {"log-inner-missing": "1/(x**2 + 1)"},
     "2/(x**2 + 1)"),
    ("seed paths", SEED, "df/dx1", "2 - 4*x2", {"path-missing": "-4*x2"}, "2 - 3*x2"),
    ("two inputs", "x*y + y", "df/dx", "y", {"constant-treated-as-variable": "y + x + 1"}, "2*y"),
    ("exp chain", "exp(x**2)", "df/dx", "2*x*exp(x**2)", {"chain-inner-missing": "exp(x**2)"}, "x*exp(x**2)"),
]


def make_class(students: int, rng: random.Random) -> tuple:
    """The TOML text, and per answer (in file order) what was planted: a mistake id, "right" or "other"."""
    lines, planted = [], []
    for pid, expr, lhs, right, mistakes, other in PROBLEMS:
        lines += ["[[problem]]", f"id = {json.dumps(pid)}", f"expression = {json.dumps(expr)}"]
        kinds = ["right", "other"] + list(mistakes)
        for s in range(students):
            kind = rng.choice(kinds)
            answer = {"right": right, "other": other}.get(kind) or mistakes[kind]
            lines += ["  [[problem.answer]]", f"  student = \"s{s:03d}\"",
                      f"  claims = [{json.dumps(f'{lhs} = {answer}')}]"]
            planted.append(kind)
    return "\n".join(lines) + "\n", planted


def score(batch, planted: list) -> dict:
    recognized = false_right = false_other = planted_wrong = 0
    for row, kind in zip(batch.rows, planted):
        (v,) = row.report.verdicts
        named = [v.diagnosis["mistake"]] + [a["mistake"] for a in v.diagnosis["also"]] if v.diagnosis else []
        if kind == "right":
            false_right += bool(named)
        elif kind == "other":
            false_other += bool(named)
        else:
            planted_wrong += 1
            recognized += kind in named
    return {"planted": planted_wrong, "recognized": recognized, "diagnosed_right": false_right,
            "diagnosed_unrelated": false_other}


def distinct_class(per_problem: int, rng: random.Random) -> str:
    """Every answer's text distinct (as a class's answers are): each right, planted or unrelated answer is
    written with a different vanishing term (+ k*x - k*x), so nothing is graded twice."""
    lines = []
    for pid, expr, lhs, right, mistakes, other in PROBLEMS:
        var = "x1" if "x1" in expr else "x"
        lines += ["[[problem]]", f"id = {json.dumps(pid)}", f"expression = {json.dumps(expr)}"]
        kinds = ["right", "other"] + list(mistakes)
        for s in range(per_problem):
            kind = rng.choice(kinds)
            base = {"right": right, "other": other}.get(kind) or mistakes[kind]
            claim = f"{lhs} = {base} + {s + 2}*{var} - {s + 2}*{var}"
            lines += ["  [[problem.answer]]", f"  student = \"s{s:04d}\"", f"  claims = [{json.dumps(claim)}]"]
    return "\n".join(lines) + "\n"


def copies(n: int) -> str:
    answer = '  [[problem.answer]]\n  student = "s{k}"\n  claims = ["df/dx = 2*x*cos(x**2)"]\n'
    return '[[problem]]\nid = "chain"\nexpression = "sin(x**2)"\n' + "".join(answer.format(k=k) for k in range(n))


def targets(per_problem: int) -> None:
    grade(distinct_class(2, random.Random(1)), "warm-up.toml")      # imports and SymPy's caches, not the rate
    text = distinct_class(per_problem, random.Random(20240610))
    cpu = time.process_time()
    batch = grade(text, "distinct.toml")
    cpu = time.process_time() - cpu
    rate = len(batch.rows) / cpu
    print(f"distinct answers: {len(batch.rows)} in {cpu:.1f} s of CPU = {rate:.0f} answers/s per core "
          f"(target >= 200: {'met' if rate >= 200 else 'NOT met'})")
    start = time.perf_counter()
    copied = grade(copies(10_000), "copies.toml")
    report = copied.to_json()         # the text --format json and --json-out write
    seconds = time.perf_counter() - start
    print(f"10,000 copies of one answer with the JSON report ({len(report) / 1e6:.0f} MB): {seconds:.2f} s "
          f"(target < 5 s: {'met' if seconds < 5 else 'NOT met'})")
    for cores in (16, 64, 256):
        print(f"plan: 10^6 distinct answers on {cores} cores take about {1e6 / rate / cores / 60:.1f} min")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100)
    parser.add_argument("--no-coverage", dest="coverage", action="store_false",
                        help="skip the catalog's coverage (benchmarks/coverage.py)")
    parser.add_argument("--distinct", type=int, default=100, help="distinct answers per problem for the rate")
    args = parser.parse_args()
    text, planted = make_class(args.students, random.Random(20240610))
    print(f"{len(PROBLEMS)} problems x {args.students} students = {len(planted)} answers "
          f"({sum(k not in ('right', 'other') for k in planted)} with a planted mistake)")
    for jobs in (1, 2):
        start = time.perf_counter()
        batch = grade(text, "generated.toml", jobs=jobs)
        seconds = time.perf_counter() - start
        s = score(batch, planted)
        print(f"--jobs {jobs}: {len(planted) / seconds:.1f} answers/s ({seconds:.1f} s); planted mistakes "
              f"recognized {s['recognized']}/{s['planted']} ({100 * s['recognized'] / max(1, s['planted']):.1f}%); "
              f"diagnoses on right answers {s['diagnosed_right']}, on unrelated wrong answers "
              f"{s['diagnosed_unrelated']}")
    if args.coverage:
        from benchmarks import coverage

        coverage.main()
    targets(args.distinct)


if __name__ == "__main__":
    main()
