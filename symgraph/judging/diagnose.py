"""Name the mistake behind a wrong claim: re-run the graph with one rule applied wrongly.

For a wrong claim dOUT/dNAME, every candidate of the catalog (judging/catalog/: walk.py and the rule modules it asks) gives
the answer a student who made exactly that one mistake would get (prepared.py computes them once per
problem). The claim is diagnosed when it equals that answer:

* a number, at the point within the claim's own tolerance. Precision first: the mistake's value must differ
  from the true value by more than that tolerance, and two fitting mistakes whose values the claim cannot tell
  apart must be the same answer (they agree at a second point too); otherwise the fit is a coincidence of the
  point and no mistake is named;
* an expression, at every random test point where it is defined (the same points and 50-digit arithmetic
  that judged it wrong).

A right claim is never diagnosed, a claim that fits nothing gets ``None`` (no guess), and when several
mistakes fit (at most ``MAX_NAMED``), all are named. Only when no single mistake fits, pairs of mistakes at
two nodes are tried, and a fitting pair is named together. The work is bounded by ``--timeout``.
"""
from __future__ import annotations

import math
from typing import Optional

from symgraph.checks.budget import BudgetExceeded, time_budget
from symgraph.checks.symbolic import symbol, value_at
from symgraph.judging.judge import AGREE_ATOL, random_test, tolerance
from symgraph.judging.catalog.prepared import prepare
from symgraph.judging.truth import defined_at
from symgraph.steps.walk import relevant

MAX_STEPS = 60         # operations between NAME and OUT: a textbook claim; deeper ones are not diagnosed
MAX_NAMED = 3          # more fitting mistakes than this is no diagnosis: the claim says too little to tell
SAME_RTOL = 1e-9       # two mistakes' answers agree at the second point: the same answer


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
    prep = prepare(graph, truth, verdict.wrt_id, verdict.out_id, start, defined)
    numeric = verdict.kind == "numeric"
    fit = _numeric(verdict, claim, tol, prep) if numeric else _symbolic(verdict, prep)
    for group in (prep.answers, prep.pair_answers):
        fits = fit(group())
        if fits is not None and fits:
            return _named(graph, fits)
        if fits is None:
            return None           # a coincidence of the point: no name rather than a guess
    return None


def _named(graph, fits: list) -> Optional[dict]:
    if len(fits[0].cands) == 2:          # a pair, named together (the first that fits; all give this answer)
        if len({tuple((c.mistake, c.node) for c in f.cands) for f in fits}) > MAX_NAMED:
            return None
        a, b = fits[0].cands
        first = _entry(graph, a)
        first["also"] = [_entry(graph, b)]
        first["together"] = True
        first["text"] = f"your answer is what you get with two mistakes: {a.text}; and {b.text}"
        return first
    entries = []
    for f in fits:
        e = _entry(graph, f.cand)
        if not any(x["mistake"] == e["mistake"] and x["node"] == e["node"] for x in entries):
            entries.append(e)     # the same mistake at the same node, another variant: named once
    entries.sort(key=lambda f: f["mistake"] == "path-missing")     # the rule's own mistake first
    if len(entries) > MAX_NAMED:
        return None
    first = dict(entries[0])
    first["also"] = entries[1:]
    first["text"] = "; or ".join(f["text"] for f in entries)
    return first


def _entry(graph, cand) -> dict:
    return {"mistake": cand.mistake, "node": graph.nodes[cand.node].name, "text": f"your answer is what {cand.text}"}


def _numeric(verdict, claim, tol, prep):
    atol, rtol, _ = tolerance(claim, tol)
    true, claimed = verdict.expected_value, verdict.got_value

    def within(a: float, b: float) -> bool:
        return abs(a - b) <= atol + rtol * max(abs(a), abs(b))

    def fit(answers: list) -> Optional[list]:
        fits = [a for a in answers if a.cand.kind != "symbolic" and _ok(a.at_start) and not within(a.at_start, true)
                and abs(claimed - a.at_start) <= atol + rtol * abs(a.at_start)]
        for i, a in enumerate(fits):
            for b in fits[i + 1:]:
                if within(a.at_start, b.at_start) and not _same(a.at_second, b.at_second):
                    return None       # the point cannot tell them apart, a second point can: a coincidence
        return fits
    return fit


def _ok(x: float) -> bool:
    return isinstance(x, float) and math.isfinite(x)


def _same(a: float, b: float) -> bool:
    return _ok(a) and _ok(b) and abs(a - b) <= SAME_RTOL * max(abs(a), abs(b), 1e-300)


def _symbolic(verdict, prep):
    claimed = verdict.claimed_expr
    wrt = prep.graph.nodes[prep.wrt_id]
    derived = {}

    def claim_of(cand):
        """The claim as compared: itself, or its derivative (is it an antiderivative?)."""
        if not cand.of_claim:
            return claimed
        if "d" not in derived:
            from sympy import diff
            derived["d"] = diff(claimed, symbol(wrt.names[0]))
        return derived["d"]

    def fit(answers: list) -> list:
        found = []
        for a in answers:
            if a.cand.kind == "numeric":
                continue
            c = claim_of(a.cand)
            screen = [(w, value_at(c, p)) for w, p in zip(a.screen, prep.screen)]
            if any(not _agree(w, v) for w, v in screen if v == v):
                continue              # cheap: most candidates fail at the first point
            tested, counter, _ = random_test(a.expr, c, prep.names, prep.start, prep.defined)
            if counter is None and tested > 0:
                found.append(a)
        return found
    return fit


def _agree(w: float, v: float) -> bool:
    return w == w and abs(w - v) <= 1e-12 * max(abs(w), abs(v)) + AGREE_ATOL
