"""Name the mistake behind a wrong claim: re-run the graph with one rule applied wrongly.

For a wrong claim dOUT/dNAME, every candidate of the catalog (mistakes.py) gives the derivative a student
who made exactly that one mistake would get. The claim is diagnosed when it equals that derivative: for
a number, at the point within the claim's own tolerance (and the mistake must change the value there);
for an expression, at every random test point where it is defined (the same points and 50-digit
arithmetic that judged it wrong). A right claim is never diagnosed, a claim that fits nothing gets
``None`` (no guess), and when several mistakes fit, all are named. The work is bounded by ``--timeout``.
"""
from __future__ import annotations

from typing import Optional

from symgraph.checks.budget import BudgetExceeded, time_budget
from symgraph.checks.symbolic import value_at
from symgraph.judging.judge import AGREE_ATOL, candidate_points, random_test, tolerance
from symgraph.judging.mistakes import catalog
from symgraph.judging.truth import defined_at
from symgraph.steps.walk import Partials, relevant, tangents

MAX_STEPS = 60         # operations between NAME and OUT: a textbook claim; deeper ones are not diagnosed
MAX_NAMED = 3          # more fitting mistakes than this is no diagnosis: the claim says too little to tell
SCREEN_POINTS = 3      # cheap first test of each candidate before the full random test
SCREEN_TRIES = 60


def diagnose_all(graph, truth, verdicts: list, claims: list, start: Optional[dict], timeout, tol) -> None:
    """Sets ``verdict.diagnosis`` ({mistake, node, text, also} or None) on every verdict."""
    for verdict, claim in zip(verdicts, claims):
        verdict.diagnosis = None
        if verdict.status != "wrong" or verdict.method == "at a kink":
            continue
        path = relevant(graph, verdict.wrt_id, verdict.out_id)
        if claim.partial and (truth.held(verdict.out_id) - {verdict.wrt_id}) & set(path):
            continue              # ∂ holds a named step on the path fixed: not the derivative the catalog varies
        steps = len(path)
        if steps > MAX_STEPS:
            verdict.note = (verdict.note + "; " if verdict.note else "") + \
                f"no mistake diagnosis: {steps} steps between the two (the catalog is for up to {MAX_STEPS})"
            continue
        try:
            with time_budget(timeout):
                verdict.diagnosis = diagnose(graph, truth, verdict, claim, start, tol, defined_at(graph))
        except BudgetExceeded:
            verdict.note = (verdict.note + "; " if verdict.note else "") + \
                f"the mistake diagnosis ran out of time ({timeout:g} s, --timeout)"
        except (RecursionError, ValueError, TypeError, ZeroDivisionError):
            pass              # SymPy could not build a candidate: no diagnosis rather than a guess


def diagnose(graph, truth, verdict, claim, start: Optional[dict], tol, defined) -> Optional[dict]:
    exprs, partials = truth.full, Partials()
    out, wrt = verdict.out_id, verdict.wrt_id
    ds = tangents(graph, exprs, wrt, out, partials)
    fits = []
    test = _numeric(verdict, claim, start, tol) if verdict.kind == "numeric" else \
        _symbolic(verdict, graph, start, defined)
    for cand in catalog(graph, exprs, ds, wrt, out, partials):
        # the walk up to the mistaken node is the true one: start from there
        wrong = tangents(graph, exprs, wrt, out, partials, prefix=ds[: cand.node] + [cand.replacement])[out]
        if any(f["mistake"] == cand.mistake and f["node"] == graph.nodes[cand.node].name for f in fits):
            continue              # the same mistake at the same node, another variant: named once
        if test(wrong):
            fits.append({"mistake": cand.mistake, "node": graph.nodes[cand.node].name,
                         "text": f"your answer is what {cand.text}"})
    fits.sort(key=lambda f: f["mistake"] == "path-missing")     # the rule's own mistake first
    if not fits or len(fits) > MAX_NAMED:
        return None
    first = dict(fits[0])
    first["also"] = fits[1:]
    first["text"] = "; or ".join(f["text"] for f in fits)
    return first


def _numeric(verdict, claim, start: dict, tol):
    atol, rtol, _ = tolerance(claim, tol)
    true, claimed = verdict.expected_value, verdict.got_value

    def test(wrong) -> bool:
        value = value_at(wrong, start)
        if value != value:                 # nan: undefined there
            return False
        changes = abs(value - true) > atol + rtol * abs(true)
        return changes and abs(claimed - value) <= atol + rtol * abs(value)
    return test


def _symbolic(verdict, graph, start: Optional[dict], defined):
    names = sorted(graph.inputs)
    claimed = verdict.claimed_expr
    screen = []
    gen = candidate_points(names, start)
    for _ in range(SCREEN_TRIES):
        point = next(gen)
        if len(screen) >= SCREEN_POINTS:
            break
        if defined(point):
            value = value_at(claimed, point)
            if value == value:
                screen.append((point, value))

    def test(wrong) -> bool:
        for point, value in screen:           # cheap: most candidates fail at the first point
            w = value_at(wrong, point)
            if not (w == w and abs(w - value) <= 1e-12 * max(abs(w), abs(value)) + AGREE_ATOL):
                return False
        tested, counter, _ = random_test(wrong, claimed, names, start, defined)
        return counter is None and tested > 0
    return test
