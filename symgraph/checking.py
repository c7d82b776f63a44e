"""``check``: parse -> claims -> true derivatives -> verdicts -> locate the first mistake, into one report.

This module only wires the stages together (claims.py, truth.py, judge.py, locate.py) and collects
what the renderers show. Nothing here prints.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

from .budget import BudgetExceeded, time_budget
from .claims import Claim, claimed_expr, parse_claim, resolve
from .constants import to_float
from .errors import PointError
from .evaluate import evaluate
from .judge import Verdict, judge_numeric, judge_symbolic, num
from .lower import Graph, lower
from .parser import parse
from .point import Point, check_against, parse_point
from .symbolic import show, value_at
from .truth import Truth, named_steps

SCHEMA = "symgraph.check/1"
DEFAULT_TIMEOUT = 10.0


@dataclass
class CheckReport:
    expression: str
    output: str
    at: dict                      # name -> value as written
    verdicts: list
    steps: list = field(default_factory=list)      # backward-pass rows over the named steps
    locator: dict = field(default_factory=dict)    # {first_wrong, point, explanations}
    warnings: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(v.ok for v in self.verdicts)

    @property
    def wrong(self) -> int:
        return sum(v.ok is False for v in self.verdicts)

    @property
    def undecided(self) -> int:
        return sum(v.ok is None for v in self.verdicts)

    def to_json(self) -> dict:
        return {"schema": SCHEMA, "expression": self.expression, "output": self.output, "at": self.at,
                "ok": self.ok, "right": sum(v.ok is True for v in self.verdicts), "wrong": self.wrong,
                "undecided": self.undecided, "claims": [v.to_json() for v in self.verdicts],
                "steps": [{k: num(x) if isinstance(x, float) else x for k, x in row.items()}
                          for row in self.steps],
                "locator": self.locator, "warnings": self.warnings}


def check(source: str, claims: list, at: str | Point | None = None, timeout: Optional[float] = DEFAULT_TIMEOUT,
          tol: Optional[float] = None) -> CheckReport:
    """Judge each claim (``"df/dx = RHS"`` text or a parsed Claim) about the program ``source``."""
    program = parse(source)
    graph = lower(program)
    point = at if isinstance(at, Point) else parse_point(at)
    parsed = [c if isinstance(c, Claim) else parse_claim(c) for c in claims]
    if not parsed:
        raise PointError("no claims to check: give at least one --claim \"df/dx = ...\"")
    ids = [resolve(c, graph) for c in parsed]
    has_point = bool(point.exact) or not graph.inputs
    if point.exact or not graph.inputs:
        check_against(point, list(graph.inputs))
    numeric = [c for c in parsed if c.numeric]
    if numeric and not has_point:
        raise PointError(f"claim {numeric[0].text.strip()!r} is a number, so it is judged at a point: give "
                         f"--at {','.join(f'{n}=...' for n in graph.inputs)}")
    ev = evaluate(graph, point.floats) if has_point else None
    truth = Truth(graph, ev)
    start = dict(point.exact) if has_point else None
    verdicts = [_judge(c, out_id, wrt_id, graph, truth, point, start, timeout, tol)
                for c, (out_id, wrt_id) in zip(parsed, ids)]
    report = CheckReport(source, graph.nodes[graph.output].name, dict(point.text), verdicts,
                         warnings=[w["message"] for w in ev.warnings] if ev else [])
    if ev is not None:
        report.steps = backward_rows(graph, truth, verdicts)
    from .locate import locate

    report.locator = locate(graph, truth, verdicts, point if has_point else None, timeout)
    return report


def _judge(claim: Claim, out_id: int, wrt_id: int, graph: Graph, truth: Truth, point: Point,
           start: Optional[dict], timeout, tol) -> Verdict:
    verdict = Verdict(claim.text.strip(), claim.lhs, "numeric" if claim.numeric else "symbolic", "undecided",
                      "time budget", "", "", out_id=out_id, wrt_id=wrt_id, partial=claim.partial)
    if claim.numeric:
        claimed = to_float(claimed_expr(claim, graph, []))
        true_value = None
        if not claim.partial:
            true_value = truth.adjoints(out_id)[wrt_id]      # the graph's own reverse mode
        else:
            try:
                with time_budget(timeout):
                    true_value = value_at(truth.local(out_id, wrt_id), point.exact)
            except BudgetExceeded:
                verdict.note = f"time budget ({timeout:g} s) ran out computing the local partial"
                return verdict
        if true_value is None or math.isnan(true_value):
            verdict.note = "the true derivative is undefined at this point"
            verdict.got = show(claimed_expr(claim, graph, []))
            return verdict
        verdict = judge_numeric(verdict, true_value, claimed, claim, tol)
        verdict.got = " ".join(claim.rhs_text.split())
        return verdict
    try:
        with time_budget(timeout):
            true = truth.local(out_id, wrt_id) if claim.partial else truth.total(out_id, wrt_id)
            claimed = claimed_expr(claim, graph, truth.full)
    except BudgetExceeded:
        verdict.note = f"time budget ({timeout:g} s, --timeout) ran out building the true derivative"
        return verdict
    verdict = judge_symbolic(verdict, true, claimed, sorted(graph.inputs), start, timeout)
    verdict.got = " ".join(claim.rhs_text.split())       # as written; ``claimed_expr`` has steps inlined
    return verdict


def backward_rows(graph: Graph, truth: Truth, verdicts: list) -> list:
    """The backward pass over the user's named steps and inputs, from the output: the true adjoint of each
    and the student's claim about it (if any). This is the trace the locator points into."""
    adjoints = truth.adjoints(graph.output)
    claimed = {v.wrt_id: v for v in verdicts if v.out_id == graph.output and not v.partial}
    rows = []
    order = sorted(set(named_steps(graph)) | set(graph.inputs.values()), reverse=True)
    for node_id in order:
        if node_id > graph.output:
            continue
        v = claimed.get(node_id)
        rows.append({"node": graph.nodes[node_id].name, "adjoint": adjoints[node_id],
                     "claim": v.claim if v else None, "claimed": v.got_value if v else None,
                     "ok": v.ok if v else None})
    return rows
