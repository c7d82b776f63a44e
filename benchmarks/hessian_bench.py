"""The Hessian benchmark (issue 13), run by ``make bench`` through run.py.

A 40-variable function with coupled terms, ``Σ_i Σ_j a_ij·x_i·x_j + Σ_i tanh(x_i·x_(i+1))``: ``symgraph hessian``
with its default checks against the SymPy route (parse_expr, sympy.hessian, lambdify, evaluate), in the same
run, each as a child process. Also the Hessian's cost over the gradient's, measured, next to n (theory:
forward-over-reverse costs O(n) gradients).
"""
from __future__ import annotations

import json
import os
import random
import resource
import sys
import tempfile

BENCH = os.path.dirname(os.path.abspath(__file__))
ROUTE = os.path.join(BENCH, "sympy_hessian_route.py")
TARGET = 20.0


def coupled(n: int, seed: int = 0) -> tuple[str, dict]:
    rng = random.Random(seed)
    quad = " + ".join(f"{rng.randint(-9, 9) / 10}*x{i}*x{j}" for i in range(n) for j in range(n))
    bumps = " + ".join(f"tanh(x{i}*x{(i + 1) % n})" for i in range(n))
    return f"{quad} + {bumps}\n", {f"x{i}": round(rng.uniform(-1, 1), 6) for i in range(n)}


def _write(folder: str, name: str, text: str, point: dict) -> tuple[str, str]:
    program, at = os.path.join(folder, f"{name}.txt"), os.path.join(folder, f"{name}.point.json")
    with open(program, "w") as fh:
        fh.write(text)
    with open(at, "w") as fh:
        json.dump(point, fh)
    return program, at


def _cpu(run, cmd: list, timeout: float | None = None) -> tuple:
    """run(cmd)'s result and the child's CPU seconds (user + system): the children's rusage before and after.
    Wall time depends on what else the machine runs; CPU time much less."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = run(cmd, timeout)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return result, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main_rows(run, symgraph: str, baseline_timeout: float) -> list:
    """Print the Hessian table; return (target name, ok, detail) rows for run.py's summary."""
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for n in (10, 20, 40):
            program, at = _write(folder, f"coupled{n}", *coupled(n))
            (seconds, peak, code, text), cpu = _cpu(run, [symgraph, "hessian", f"@{program}", "--at", f"@{at}",
                                                          "--format", "json"])
            doc = json.loads(text)
            row = {"n": n, "s": seconds, "cpu": cpu, "exit": code, "doc": doc, "sympy_s": None, "match": None,
                   "sympy_cpu": None}
            if n == 40:
                (b_s, _, b_code, b_text), row["sympy_cpu"] = _cpu(run, [sys.executable, ROUTE, program, at],
                                                                  baseline_timeout)
                if b_code == 0:
                    ref = json.loads(b_text)["hessian"]
                    wrt = doc["wrt"]
                    row["sympy_s"] = b_s
                    row["match"] = max(abs(doc["hessian"][a][b] - ref[i][j]) / max(1.0, abs(ref[i][j]))
                                       for i, a in enumerate(wrt) for j, b in enumerate(wrt))
            rows.append(row)
    print("\n| Hessian case | n | checks | symgraph s (CPU s) | SymPy route s (CPU s) | ratio (CPU ratio) | max diff "
          "| Hessian/gradient (multiplications) | Hessian/gradient (seconds) |")
    print("|---|---:|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        cost, plan = r["doc"]["cost"], r["doc"]["check_plan"]
        ratio = r["sympy_s"] / r["s"] if r["sympy_s"] else None
        cpu_ratio = r["sympy_cpu"] / r["cpu"] if r["sympy_s"] and r["cpu"] else None
        print(f"| coupled quadratic + tanh | {r['n']} | {plan['strategy']}: {', '.join(plan['ran'])} "
              f"| {r['s']:.2f} ({r['cpu']:.2f}) | {_f(r['sympy_s'])} ({_f(r['sympy_cpu'])}) "
              f"| {_f(ratio, '.1f')} ({_f(cpu_ratio, '.1f')}) | {_f(r['match'], '.1e')} "
              f"| {cost['ratio_multiplications']:.1f} | {cost['ratio_seconds']:.1f} |")
    big = rows[-1]
    ok_speed = big["sympy_s"] is not None and big["sympy_s"] / big["s"] >= TARGET
    return [(f"13. Hessian n=40: symgraph hessian (default checks) >= {TARGET:g}x faster than SymPy's "
             "hessian + lambdify + evaluate", ok_speed and big["exit"] == 0,
             f"{_f(big['sympy_s'])} s / {big['s']:.2f} s, exit {big['exit']}"),
            ("13. Hessian n=40 matches SymPy to 1e-9", big["match"] is not None and big["match"] <= 1e-9,
             f"max relative difference {_f(big['match'], '.1e')}")]


def _f(x, spec: str = ".2f") -> str:
    return "-" if x is None else format(x, spec)
