"""The catalog's coverage (issue 25), part of ``make bench-grading``: every entry planted, the recall per entry,
the false diagnoses on right answers (must be 0) and on unrelated wrong answers, the share of the corpus's
real mistakes named, and what the per-problem precompute saves.

Two corpora: the bench's own (benchmarks/mistake_corpus.py, never used by the tests) and the planted ones: for
every catalog entry that a problem of the corpus allows, the answer that entry gives (re-run by the catalog
itself: this measures that each entry is recognized in the presence of all the others, not that it is right).
``python benchmarks/coverage.py`` runs it alone.
"""
from __future__ import annotations

import os
import sys
import time
from collections import Counter

import sympy

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from benchmarks.mistake_corpus import CORPUS, UNRELATED  # noqa: E402
from symgraph.checks.budget import BudgetExceeded, time_budget  # noqa: E402
from symgraph.checks.symbolic import to_sympy  # noqa: E402
from symgraph.core.lower import lower  # noqa: E402
from symgraph.errors import SymgraphError  # noqa: E402
from symgraph.core.parser import parse  # noqa: E402
from symgraph.judging.checking import check  # noqa: E402
from symgraph.judging.mistakes import DESCRIPTIONS, catalog  # noqa: E402
from symgraph.judging.catalog.prepared import clear_cache  # noqa: E402
from symgraph.judging.truth import Truth  # noqa: E402
from symgraph.steps.walk import Partials, tangents  # noqa: E402


def _at(at: str) -> dict:
    return {sympy.Symbol(k, real=True): sympy.Rational(v) for k, v in (p.split("=") for p in at.split(","))}


def _value(text: str, at: str) -> float:
    """The hand-written answer at the point, by SymPy, from symgraph's parse tree (never from text)."""
    program = parse(text)
    return float(sympy.N(to_sympy(program)[program.output].xreplace(_at(at)), 30))


def _claim(wrong: str, at) -> str:
    lhs, rhs = wrong.split(" = ", 1) if " = " in wrong else ("df/dx", wrong)
    return f"{lhs} = {_value(rhs, at):.2f}" if at else f"{lhs} = {rhs}"


def _named(expr: str, claim: str, at) -> tuple:
    (v,) = check(expr, [claim], at=at, timeout=10).verdicts
    d = v.diagnosis
    return v.status, ([d["mistake"]] + [a["mistake"] for a in d["also"]]) if d else []


def _right(expr: str, at) -> list:
    """The right answer, as an expression and (at the point) as a number: from SymPy's diff."""
    program = parse(expr)
    true = sympy.diff(to_sympy(program)[program.output], sympy.Symbol("x", real=True))
    claims = [] if true.has(sympy.Heaviside, sympy.Max, sympy.Min) else [f"df/dx = {sympy.sstr(true)}"]
    if at:
        claims.append(f"df/dx = {float(sympy.N(true.xreplace(_at(at)), 30)):.2f}")
    return claims


def real_corpus() -> dict:
    per = Counter(), Counter()
    false_right = false_unrelated = right_claims = 0
    for expr, wrong, mistake, at in CORPUS:
        status, named = _named(expr, _claim(wrong, at), at)
        per[0][mistake] += 1
        per[1][mistake] += status == "wrong" and bool(set(mistake.split("|")) & set(named))
        if "x" in lower(parse(expr)).inputs and " = " not in wrong:
            for claim in _right(expr, at):
                right_claims += 1
                status, named = _named(expr, claim, at)
                false_right += bool(named) or status == "wrong"
    for expr, wrong in UNRELATED:
        false_unrelated += bool(_named(expr, f"df/dx = {wrong}", None)[1])
    return {"planted": per[0], "named": per[1], "false_right": false_right, "right_claims": right_claims,
            "false_unrelated": false_unrelated}


def planted_entries() -> Counter:
    """Each catalog candidate of each corpus problem planted as its symbolic answer: named (recall per id)?"""
    tried, named = Counter(), Counter()
    for expr in dict.fromkeys(e for e, *_ in CORPUS):
        graph = lower(parse(expr))
        if "x" not in graph.inputs:
            continue
        truth, partials, wrt, out = Truth(graph), Partials(), graph.inputs["x"], graph.output
        ds = tangents(graph, truth.full, wrt, out, partials)
        for cand in catalog(graph, truth.full, ds, wrt, out, partials):
            wrong = cand.replacement if cand.final else \
                tangents(graph, truth.full, wrt, out, partials, prefix=ds[: cand.node] + [cand.replacement])[out]
            claim, at = _planted(cand, wrong, graph)
            if claim is None:
                continue
            try:
                status, found = _named(expr, claim, at)
            except SymgraphError:
                continue                     # SymPy wrote it in a form the claim language does not read (I, oo)
            if status != "wrong":
                continue                     # the mistake does not change the answer of this problem
            tried[cand.mistake] += 1
            named[cand.mistake] += cand.mistake in found
    return tried, named


PLANT_AT = {"x": "0.7", "y": "1.3", "z": "-0.6", "a": "1.1", "b": "0.4", "w": "0.9", "q": "1.7"}


def _planted(cand, wrong, graph) -> tuple:
    """(the claim, its point) that plants this candidate: its answer as an expression; an antiderivative by
    SymPy's integrate (within 2 s, from our own tree) plus a constant; a numeric-only mistake as its value with
    6 decimals at a point."""
    x = sympy.Symbol("x", real=True)
    if cand.of_claim:
        try:
            with time_budget(2):
                wrong = sympy.integrate(wrong, x) + 3
        except BudgetExceeded:
            return None, None
        if wrong.has(sympy.Integral):
            return None, None
    if cand.kind == "numeric":
        at = ",".join(f"{n}={PLANT_AT.get(n, '0.8')}" for n in sorted(graph.inputs))
        value = complex(sympy.N(wrong.xreplace(_at(at)), 30))
        return (f"df/dx = {value.real:.6f}", at) if value.imag == 0 else (None, None)
    text = sympy.sstr(wrong)
    if any(bad in text for bad in ("zoo", "nan", "Heaviside", "Max", "Min", "Integral", "I")):
        return None, None
    return f"df/dx = {text}", None


def precompute_saving() -> tuple:
    """Seconds to diagnose 20 wrong answers to one problem, preparing it each time vs. once."""
    claims = [f"df/dx = {k}*cos(x**3)" for k in range(2, 22)]
    timings = []
    for fresh in (True, False):
        clear_cache()
        start = time.perf_counter()
        for c in claims:
            if fresh:
                clear_cache()
            check("sin(x**3)*exp(x)", [c], timeout=10)
        timings.append(time.perf_counter() - start)
    return tuple(timings)


def main() -> None:
    real = real_corpus()
    total, hit = sum(real["planted"].values()), sum(real["named"].values())
    print(f"catalog coverage, the bench's corpus of real mistakes: {hit}/{total} named ({100 * hit / total:.1f}%); "
          f"diagnoses on {real['right_claims']} right answers: {real['false_right']}; on {len(UNRELATED)} "
          f"unrelated wrong answers: {real['false_unrelated']}")
    for m in sorted(real["planted"]):
        print(f"  {m:40s} {real['named'][m]}/{real['planted'][m]}")
    tried, named = planted_entries()
    print(f"every entry planted on the corpus's problems: {sum(named.values())}/{sum(tried.values())} named")
    for m in DESCRIPTIONS:
        if tried[m]:
            print(f"  {m:40s} {named[m]}/{tried[m]} ({100 * named[m] / tried[m]:.0f}%)")
        else:
            print(f"  {m:40s} not planted (no problem of the corpus allows it)")
    each, once = precompute_saving()
    print(f"precompute: 20 answers to one problem {each:.2f} s preparing each time, {once:.2f} s prepared once "
          f"({each / once:.1f}x)")


if __name__ == "__main__":
    main()
