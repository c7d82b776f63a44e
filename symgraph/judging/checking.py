"""``check``: parse -> claims -> true derivatives -> verdicts -> locate the first mistake, into one report.

This module only wires the stages together (claims.py, truth.py, judge.py, locate.py) and collects
what the renderers show. Nothing here prints.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

from symgraph.checks.budget import BudgetExceeded, time_budget
from symgraph.judging.claims import Claim, claimed_expr, parse_claim, resolve
from symgraph.core.constants import to_float
from symgraph.errors import PointError, SymgraphError
from symgraph.core.evaluate import evaluate
from symgraph.judging.judge import Verdict, judge_kink, judge_numeric, judge_symbolic, num
from symgraph.core.lower import Graph, lower
from symgraph.core.parser import parse
from symgraph.core.point import Point, check_against, parse_point
from symgraph.judging.truth import Truth, defined_at, named_steps
from symgraph.judging import second
from symgraph.higher.outputs import split_outputs
from symgraph.judging.readings import add_notes, note_flips, read_claim
from symgraph.notation.notes import in_play
from symgraph.report import JsonReport

SCHEMA = "symgraph.check/1"
DEFAULT_TIMEOUT = 10.0


@dataclass
class CheckReport(JsonReport):
    expression: str
    output: str
    at: dict                      # name -> float64 value (as in grad's JSON)
    verdicts: list
    at_text: dict = field(default_factory=dict)    # name -> value as written
    steps: list = field(default_factory=list)      # backward-pass rows over the named steps
    locator: dict = field(default_factory=dict)    # {first_wrong, point, explanations}
    graph: dict = field(default_factory=dict)      # grad's graph rows at the point: what the pictures draw
    warnings: list = field(default_factory=list)
    notes: list = field(default_factory=list)      # how the expression was read (notation/notes.py)

    @property
    def ok(self) -> bool:
        """Every claim right; an answer with no claims is not right."""
        return bool(self.verdicts) and all(v.ok for v in self.verdicts)

    @property
    def wrong(self) -> int:
        return sum(v.ok is False for v in self.verdicts)

    @property
    def undecided(self) -> int:
        return sum(v.ok is None for v in self.verdicts)

    def to_dict(self) -> dict:
        return {"schema": SCHEMA, "expression": self.expression, "output": self.output, "at": self.at,
                "at_text": self.at_text,
                "ok": self.ok, "right": sum(v.ok is True for v in self.verdicts), "wrong": self.wrong,
                "undecided": self.undecided, "claims": [v.to_dict() for v in self.verdicts],
                "steps": [{k: num(x) if isinstance(x, float) else x for k, x in row.items()}
                          for row in self.steps],
                "locator": self.locator, "warnings": self.warnings, "notes": self.notes, "graph": self.graph}


@dataclass
class Prepared:
    """What ``check`` builds from the expression and the point alone. A batch builds it once per problem
    (and point) and shares it between that problem's answers: the graph, the forward pass and the true
    derivatives' cache (``truth``) are then computed once, and each answer evaluates only its own claims."""
    source: str
    program: object
    graph: Graph
    point: Point
    ev: object
    truth: Truth
    rows: Optional[dict] = None       # the graph rows the pictures draw, built on first use

    @property
    def has_point(self) -> bool:
        return bool(self.point.exact) or not self.graph.inputs

    def graph_rows(self) -> dict:
        if self.rows is None:
            self.rows = _graph_rows(self.program.source, self.point)
        return self.rows


def prepare(source: str, at: str | Point | None = None) -> Prepared:
    """The expression parsed, lowered and evaluated at the point (a SymgraphError when that fails)."""
    point = at if isinstance(at, Point) else parse_point(at)
    # a 'return f, g' line names outputs; claims name their own; the point's names decide what xy means
    program = parse(split_outputs(source)[0], names=point.floats)
    return _evaluated(source, program, lower(program), point)


def _evaluated(source: str, program, graph: Graph, point: Point) -> Prepared:
    if point.exact or not graph.inputs:
        check_against(point, list(graph.inputs))
    ev = evaluate(graph, point.floats) if bool(point.exact) or not graph.inputs else None
    return Prepared(source, program, graph, point, ev, Truth(graph, ev))


def check(source: str, claims: list, at: str | Point | None = None, timeout: Optional[float] = DEFAULT_TIMEOUT,
          tol: Optional[float] = None, prepared: Optional[Prepared] = None) -> CheckReport:
    """Judge each claim (``"df/dx = RHS"`` text or a parsed Claim) about the program ``source``;
    ``prepared`` (from ``prepare(source, at)``) is the expression's part, shared between answers."""
    if prepared is None:
        point = at if isinstance(at, Point) else parse_point(at)
        program = parse(split_outputs(source)[0], names=point.floats)
        graph = lower(program)
    else:
        program, graph, point = prepared.program, prepared.graph, prepared.point
    with in_play(graph.names):                       # a claim's xy: a product of the program's names
        parsed = [c if isinstance(c, (Claim, second.SecondClaim)) else read_claim(c, _parse_any) for c in claims]
    if not parsed:
        raise PointError("no claims to check: give at least one --claim \"df/dx = ...\"")
    ids = [c.resolve(graph) if isinstance(c, second.SecondClaim) else resolve(c, graph) for c in parsed]
    if prepared is None:
        prepared = _evaluated(source, program, graph, point)
    ev, truth, has_point = prepared.ev, prepared.truth, prepared.has_point
    start = dict(point.exact) if has_point else None
    verdicts = [_own_point(source, c, timeout, tol) if c.at is not None else
                _judge(c, out_id, wrt_id, graph, truth, start, timeout, tol) for c, (out_id, wrt_id) in zip(parsed, ids)]
    for verdict, claim in zip(verdicts, parsed):
        add_notes(verdict, program.notes + getattr(claim, "notes", []))
    note_flips(lambda text: check(source, [text], point, timeout, tol).verdicts[0], source, program,
               lambda: parse(split_outputs(source)[0]), parsed, verdicts, list(point.floats) or None)
    # the steps, the diagnosis and the locator concern first derivatives at --at: a claim at its own point
    # (f'(2) = ...) was judged on its own graph, and second-derivative claims have no backward step
    first = [(v, c) for v, c in zip(verdicts, parsed) if c.at is None and not isinstance(c, second.SecondClaim)]
    at_point = [v for v, _ in first]
    from symgraph.judging.diagnose import diagnose_all

    diagnose_all(graph, truth, at_point, [c for _, c in first], start, timeout, tol)
    report = CheckReport(source, graph.nodes[graph.output].name, dict(point.floats) if has_point else {}, verdicts,
                         at_text=dict(point.text),
                         warnings=[w["message"] for w in ev.warnings] if ev else _point_hints(parsed, graph),
                         notes=list(program.notes))
    if ev is not None:
        report.steps = backward_rows(graph, truth, at_point)
    from symgraph.judging.locate import locate

    report.locator = locate(graph, truth, at_point, point if has_point else None, timeout)
    report.graph = prepared.graph_rows()
    return report


def _point_hints(claims: list, graph: Graph) -> list:
    """Without a point, a number on the right is judged as holding everywhere: say how to judge it at one."""
    numbers = [c for c in claims if isinstance(c, Claim) and c.at is None and c.numeric]
    if not numbers or not graph.inputs:
        return []
    example = ",".join(f"{name}=1" for name in sorted(graph.inputs))
    said = ", ".join(c.text.strip() for c in numbers[:3]) + (" ..." if len(numbers) > 3 else "")
    return [f"{said}: a number on the right is judged at a point, and no point was given, so it was judged "
            f"as holding for every value of the inputs; give the point, e.g. --at {example}"]


def _parse_any(text: str):
    return second.parse_second(text) or parse_claim(text)


def _graph_rows(source: str, point: Point) -> dict:
    """The graph rows every picture of this check draws (the circuit, the page, the notebook view)."""
    from symgraph.pipeline import graph_rows

    try:
        rows = graph_rows(source, point)
    except SymgraphError:       # a program grad refuses at this point (a kink's overflow): structure only
        rows = graph_rows(source, None)
    rows.pop("warnings", None)
    return rows


def _own_point(source: str, claim: Claim, timeout, tol) -> Verdict:
    """``f'(2) = 8``: judged at its own point (the only variable = 2), as a one-claim check."""
    from dataclasses import replace

    verdict = check(source, [replace(claim, at=None)], at=f"{claim.wrt}={claim.at}", timeout=timeout,
                    tol=tol).verdicts[0]
    verdict.lhs = claim.lhs
    return verdict


def _judge(claim: Claim, out_id: int, wrt_id: int, graph: Graph, truth: Truth, start: Optional[dict],
           timeout, tol) -> Verdict:
    """A number with a point is judged there, from the graph alone (no SymPy: any depth works). Anything
    else, including a constant without a point ("dg1/dx1 = 2": the derivative is that constant
    everywhere), is judged for all points."""
    if isinstance(claim, second.SecondClaim):
        return second.judge_second(claim, out_id, graph, truth, start, timeout, tol, defined_at(graph))
    numeric = claim.numeric and start is not None
    verdict = Verdict(claim.text.strip(), claim.lhs, "numeric" if numeric else "symbolic", "undecided",
                      "time budget", "", " ".join(claim.rhs_text.split()), out_id=out_id, wrt_id=wrt_id,
                      partial=claim.partial)
    if numeric:
        claimed = to_float(claimed_expr(claim, graph, []))
        true_value = truth.value(out_id, wrt_id, claim.partial)
        kink = truth.kink_range(out_id, wrt_id, claim.partial)
        if kink is not None:
            lo, hi, nodes = kink
            names = {graph.nodes[k].name for k in nodes}
            why = "; ".join(w["message"] for w in truth.ev.warnings if w["node"] in names)
            return judge_kink(verdict, true_value, lo, hi, claimed, claim, tol, why)
        if math.isnan(true_value):
            verdict.note = "the true derivative is undefined at this point"
            return verdict
        verdict = judge_numeric(verdict, true_value, claimed, claim, tol)
        verdict.got = " ".join(claim.rhs_text.split())
        return verdict
    try:
        with time_budget(timeout):
            true = truth.local(out_id, wrt_id) if claim.partial else truth.total(out_id, wrt_id)
            claimed = claimed_expr(claim, graph, truth.full)
    except BudgetExceeded:
        verdict.timed_out = True
        verdict.note = f"time budget ({timeout:g} s, --timeout) ran out building the true derivative"
        return verdict
    except RecursionError:
        verdict.method = "too deep"
        verdict.note = "the expression is nested too deeply for SymPy's symbolic derivative; a number " \
                       "claimed at --at is judged from the graph at any depth"
        return verdict
    at_value = truth.value(out_id, wrt_id, claim.partial) if start is not None else None
    verdict = judge_symbolic(verdict, true, claimed, sorted(graph.inputs), start, timeout,
                             None if at_value is None or math.isnan(at_value) else at_value, defined_at(graph))
    verdict.got = " ".join(claim.rhs_text.split())       # as written; ``claimed_expr`` has steps inlined
    return verdict


def backward_rows(graph: Graph, truth: Truth, verdicts: list) -> list:
    """The backward pass over the user's named steps and inputs, from the output: the true adjoint of each
    and the student's claim about it (if any). This is the trace the locator points into."""
    adjoints = truth.adjoints(graph.output)
    claimed: dict = {}
    for v in verdicts:
        if v.out_id == graph.output and not v.partial:
            claimed.setdefault(v.wrt_id, []).append(v)
    rows = []
    order = sorted(set(named_steps(graph)) | set(graph.inputs.values()), reverse=True)
    for node_id in order:
        if node_id > graph.output:
            continue
        for v in claimed.get(node_id) or [None]:     # one row per claim: several may share a left side
            rows.append({"node": graph.nodes[node_id].name, "adjoint": adjoints[node_id],
                         "claim": v.claim if v else None, "claimed": v.got_value if v else None,
                         "ok": v.ok if v else None})
    return rows
