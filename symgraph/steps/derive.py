"""``steps``: parse -> lower -> the derivation rule by rule -> proved against SymPy's diff -> one report.

An expression is derived node by node (walk.py); a program with named steps the seed's way, local
partials then adjoints along paths (paths.py). The result is then checked against the independent
symbolic route (SymPy's ``diff`` of the expression rebuilt from the parse tree): proved equal, or
"agrees at N points; not proven". Nothing here prints.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Optional

import sympy

from symgraph.checks.budget import BudgetExceeded, time_budget
from symgraph.checks.symbolic import derivative, to_sympy
from symgraph.core import arguments as args
from symgraph.core.evaluate import evaluate
from symgraph.core.lower import Graph, lower
from symgraph.core.modes import forward_mode
from symgraph.core.point import Point, check_against, parse_point
from symgraph.errors import LimitError, SymgraphError
from symgraph.higher.outputs import parse_one_output
from symgraph.judging.truth import Truth, named_steps
from symgraph.pipeline import check_wrt
from symgraph.report import JsonReport   # the same --wrt rules and message as grad
from symgraph.steps import exact as exact_values
from symgraph.steps.paths import decomposition_steps
from symgraph.steps.walk import Partials, rule_steps, tangents, tidy

SCHEMA = "symgraph.steps/1"
MAX_NESTING = 25          # functions, powers and quotients nested: SymPy recurses per level
MAX_NODES = 300            # a rule-by-rule derivation longer than this is not one anybody reads
DEFAULT_TIMEOUT = 10.0
DETAILS = ("full", "brief")


@dataclass
class Derivation:
    wrt: str
    steps: list
    result: str
    proved: Optional[bool]        # True: proved equal to SymPy's diff; None: not proven; False: they differ
    method: str                   # proved | random points | counterexample | time budget
    note: str = ""
    value: Optional[float] = None
    exact: Optional[str] = None

    def to_dict(self) -> dict:
        return {"wrt": self.wrt, "steps": [s.to_dict() for s in self.steps], "result": self.result,
                "proved": self.proved, "method": self.method, "note": self.note, "value": self.value,
                "exact": self.exact}


@dataclass
class StepsReport(JsonReport):
    expression: str
    output: str
    at: dict                       # name -> float, as grad's JSON
    at_text: dict                  # name -> the value as written
    detail: str
    kind: str                      # expression | decomposition
    derivations: list
    warnings: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(d.proved is not False for d in self.derivations)

    def to_dict(self) -> dict:
        out = {"schema": SCHEMA, "expression": self.expression, "output": self.output, "at": self.at,
               "at_text": self.at_text, "detail": self.detail, "kind": self.kind, "ok": self.ok,
               "derivations": [d.to_dict() for d in self.derivations], "warnings": self.warnings}
        if len(self.derivations) == 1:          # the common case, flat: {steps, result, proved}
            only = out["derivations"][0]
            out.update(steps=only["steps"], result=only["result"], proved=only["proved"])
        return out


def steps(source: str, wrt: list | None = None, at: str | Point | None = None, detail: str = "full",
          timeout: Optional[float] = DEFAULT_TIMEOUT, exact: bool = False) -> StepsReport:
    """The derivative of ``source`` rule by rule (``symgraph steps``), proved against SymPy's diff.

    ``wrt``: None (every input), ``"x,y"`` or a list of names; ``at``: None, ``"x=1,y=2"``, a dict or a
    Point; ``detail``: "full" | "brief"; ``timeout``: seconds in (0, 3600] or None; ``exact``: exact values
    next to the floats. Every argument is checked at the door: a bad one is a SymgraphError naming it.
    """
    source, at, wrt = args.text(source, "source"), args.point(at), args.names(wrt, "wrt")
    detail, timeout = args.choice(detail, "detail", DETAILS), args.timeout(timeout)
    exact = args.flag(exact, "exact")
    try:
        return _steps(source, wrt, at, detail, timeout, exact)
    except SymgraphError as exc:                # a caller's value in the message, escaped
        raise args.safe_error(exc) from None


def _steps(source: str, wrt, at, detail: str, timeout, exact: bool) -> StepsReport:
    point = at if isinstance(at, Point) else parse_point(at)
    program = parse_one_output(source, names=point.floats)     # the point's names decide what xy means
    graph = lower(program)
    if len(graph.nodes) > MAX_NODES:
        raise LimitError(f"the graph has {len(graph.nodes):,} nodes; a rule-by-rule derivation is limited to "
                         f"{MAX_NODES} (symgraph grad traces any size)")
    depth = nesting(graph)
    if depth > MAX_NESTING:
        raise LimitError(f"the expression nests {depth:,} functions, powers and quotients deep; a rule-by-rule "
                         f"derivation is limited to {MAX_NESTING} levels (SymPy, which writes each step, recurses "
                         "once per level; sums and products do not count); symgraph grad handles any depth")
    if point.exact:
        check_against(point, list(graph.inputs))
    wrt = check_wrt(wrt, graph)
    overall = _Deadline(timeout)        # --timeout bounds the whole run; each stage gets at most what is left
    ev = evaluate(graph, point.floats) if point.exact or not graph.inputs else None
    truth = Truth(graph, ev)
    warnings = [w["message"] for w in ev.warnings] if ev else []
    decomposition = any(k != graph.output for k in named_steps(graph) if k < graph.output)
    built = _build(graph, truth, wrt, decomposition, timeout, warnings, overall)
    reference = _reference(program, wrt, overall.left(timeout), warnings)
    fwd = forward_mode(graph, ev, wrt) if ev is not None else None
    if exact and not point.exact:
        warnings.append("--exact needs --at: there is no point to evaluate exactly")
    derivations = []
    # one --timeout for all the proofs and one for all the exact values, however many inputs
    proofs, exacts = _Deadline(overall.left(timeout)), _Deadline(overall.left(timeout))
    for col, w in enumerate(wrt):
        steps_w, result = built[w]
        d = _prove(graph, w, result, reference.get(w), point, proofs.left(overall.left()))
        last = next((s for s in steps_w if s.node_id == graph.output and s.symbolic is result), None)
        if last is not None and d.proved is not None:
            d.result = last.derivative        # as the steps write it (σ(u)·(1 - σ(u))): the value proved
        if fwd is not None:
            d.value = fwd.derivative(graph, w)
            for s in steps_w:
                if s.value is None and s.node_id >= 0 and not decomposition:
                    s.value = fwd.tangent(s.node_id, col)
        if exact and point.exact:
            _exact(d, steps_w, result, point, exacts.left(overall.left()), warnings)
        d.steps = [s for s in steps_w if not (detail == "brief" and s.folded)]
        if decomposition:
            _forms_once(d.steps)
        derivations.append(d)
    return StepsReport(source, graph.nodes[graph.output].name, dict(point.floats), dict(point.text), detail,
                       "decomposition" if decomposition else "expression", derivations, warnings)


def nesting(graph: Graph) -> int:
    """The deepest chain of nodes that nest in SymPy's tree: sums, differences and products flatten there
    and do not count; every other operation (a function, a power, a quotient) is one level."""
    depth = [0] * len(graph.nodes)
    for node in graph.nodes:
        below = max((depth[u] for u in node.inputs), default=0)
        depth[node.id] = below + (node.op not in _FLAT and node.op not in ("input", "const"))
    return max(depth, default=0)


_FLAT = {"add", "add_c", "radd_c", "sub", "sub_c", "rsub_c", "mul", "mul_c", "neg"}


def _build(graph: Graph, truth: Truth, wrt: list, decomposition: bool, timeout, warnings: list,
           overall: "_Deadline") -> dict:
    """{input: (steps, derivative)}: simplified within half the time budget, else as the rules give it
    within what is left of it; past that the derivation is refused, with the sizes."""
    try:
        with time_budget(timeout / 2 if timeout else None):
            return _derive(graph, truth, wrt, decomposition, tidy)
    except BudgetExceeded:
        warnings.append(f"simplifying the steps ran out of time ({timeout / 2:g} s, half of --timeout); "
                        "they are shown as the rules give them")
    try:
        with time_budget(overall.left()):
            return _derive(graph, truth, wrt, decomposition, lambda e: e)
    except BudgetExceeded:
        raise LimitError(f"the rule-by-rule derivation did not finish within --timeout ({timeout:g} s): "
                         f"{len(wrt):,} inputs over {len(graph.nodes):,} nodes; --wrt picks fewer inputs, "
                         "or give a longer --timeout") from None


def _derive(graph: Graph, truth: Truth, wrt: list, decomposition: bool, simplify) -> dict:
    if decomposition:
        all_steps, results = decomposition_steps(graph, truth, wrt, simplify)
        # the local partials are shared by every input: each derivation shows the ones on its paths
        # each input's derivation shows the local partials and adjoints on its own paths
        return {w: ([s for s in all_steps if s.node_id in _depends(graph, graph.inputs[w])], results[w])
                for w in wrt}
    partials, out = Partials(), graph.output
    built = {}
    for w in wrt:
        ds = tangents(graph, truth.full, graph.inputs[w], out, partials, tidy=simplify)
        built[w] = (rule_steps(graph, w, truth.full, ds, out, partials, tidy=simplify), ds[out])
    return built


def _forms_once(steps_w: list) -> None:
    """Each derivation of a decomposition shows each general form on its own first step of that kind."""
    from symgraph.steps.forms import TEXTBOOK

    seen = set()
    for s in steps_w:
        s.form = TEXTBOOK.get(s.key) if s.key not in seen else None
        seen.add(s.key)


def _depends(graph: Graph, wrt_id: int) -> set:
    keep = {wrt_id}
    for node in graph.nodes[wrt_id + 1:]:
        if any(u in keep for u in node.inputs):
            keep.add(node.id)
    return keep


def _reference(program, wrt: list, timeout, warnings: list) -> dict:
    """SymPy's diff of the expression rebuilt from the parse tree, never from the graph."""
    try:
        with time_budget(timeout):
            whole = to_sympy(program)[program.output]
            return {w: derivative(whole, w) for w in wrt}
    except (BudgetExceeded, RecursionError):
        warnings.append("SymPy's diff ran out of time (--timeout): the result is not checked")
        return {}


class _Deadline:
    """What is left of one time budget shared by several pieces of work (at least a sliver each, so that
    every derivation still says what it could not do)."""

    def __init__(self, seconds: Optional[float]):
        self.end = None if not seconds else time.monotonic() + seconds

    def left(self, cap: Optional[float] = None) -> Optional[float]:
        """Seconds left (at least a sliver), and never more than ``cap`` when one is given."""
        left = None if self.end is None else max(0.05, self.end - time.monotonic())
        return cap if left is None else left if cap is None else min(cap, left)


def _prove(graph: Graph, w: str, result, reference, point: Point, timeout) -> Derivation:
    from symgraph.judging.truth import defined_at
    from symgraph.judging.judge import random_test, settle

    d = Derivation(w, [], sympy.sstr(result), None, "time budget")
    if reference is None:
        d.note = "not checked: SymPy's diff ran out of time"
        return d
    try:
        with time_budget(timeout):
            tested, counter, _ = random_test(reference, result, sorted(graph.inputs),
                                             dict(point.exact) or None, defined_at(graph))
            if counter is not None:
                d.proved, d.method = False, "counterexample"
                d.note = f"differs from SymPy's diff at {counter['point']}"
                return d
            d.method, d.note = "random points", f"agrees at {tested} points; not proven"
            if settle(reference - result):
                d.proved, d.method, d.note = True, "proved", "proved equal to SymPy's diff"
    except BudgetExceeded:
        d.note += " (the proof ran out of time: --timeout is shared by every input's proof)" if d.note else \
            "not checked: the time budget ran out (--timeout is shared by every input's proof)"
    return d


def _exact(d: Derivation, steps_w: list, result, point: Point, timeout, warnings: list) -> None:
    try:
        with time_budget(timeout):
            for s in steps_w:
                s.exact = exact_values.text(exact_values.exact_number(s.symbolic, point.exact), s.value)
            d.exact = exact_values.text(exact_values.exact_number(result, point.exact), d.value)
    except BudgetExceeded:
        warnings.append(f"exact values for d/d{d.wrt}: the time budget (--timeout) ran out; the rest "
                        "are floats only")

