"""``grad``: parse -> lower -> evaluate -> forward/reverse -> verify, into one finished report.

Each stage is a function of the previous stage's result; this module only wires them together, times
them and collects what the renderers will show. Nothing here prints.
"""
from __future__ import annotations

import math
import time
from contextlib import contextmanager
from dataclasses import dataclass

from symgraph.checks import bounded
from symgraph.errors import DomainError, PointError
from symgraph.core.evaluate import evaluate
from symgraph.core.lower import Graph, lower, unused_names
from symgraph.core.modes import count_paths, forward_mode, reverse_mode
from symgraph.core.parser import Program, parse
from symgraph.core.point import Point, check_against, parse_point
from symgraph.notation.printer import program_reading
from symgraph.report import GradReport, build_graph_rows, build_trace, lazy_graph_rows
from symgraph.checks.compare import compare, overall

DEFAULT_TIMEOUT = 10.0
# --mode both skips forward mode above this many multiplications (inputs x edges): 50,000 inputs over
# 100,000 edges would be 5e9 of them, against reverse mode's 100,000.
FORWARD_AUTO_LIMIT = 50_000_000


class _Timer:
    def __init__(self):
        self.timings = {}

    @contextmanager
    def stage(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


def grad(source: str, at: str | Point | None = None, wrt: list | None = None, mode: str = "both",
         check: str = "auto", timeout: float | None = DEFAULT_TIMEOUT, trace: bool = True,
         full_trace: bool = False) -> GradReport:
    """Differentiate ``source`` at the point ``at`` and cross-check the result. See the README.

    ``check``: auto | full | none (bounded.plan); ``full_trace``: no summarizing of big traces and every
    node's tangents in the JSON. The steps below are the pipeline, in order."""
    timer = _Timer()
    program, point, graph, wrt = _read(source, at, wrt, timer)
    run = _differentiate(graph, point, wrt, mode, trace, timer)
    with timer.stage("check"):
        checks, sym, plan, warnings = _cross_check(program, graph, point, run, wrt, check, timeout)
    report = _assemble(source, program, graph, point, run, wrt, mode, checks, sym, warnings, timer)
    report.check_plan = plan.to_json(checks)
    # The graph rows (every node's local partials as text) are built when read; the trace needs only its rows.
    report.graph = lazy_graph_rows(graph, run.ev, run.fwd, run.rev, full=full_trace)
    if trace:
        report.trace = build_trace(graph, run.ev, run.fwd, run.rev, full=full_trace)
    return report


def _read(source: str, at, wrt, timer: _Timer):
    """Step 1, parse and lower: the text and the point, read; the graph; the inputs to differentiate by."""
    with timer.stage("parse"):
        point = at if isinstance(at, Point) else parse_point(at)
        program = parse(source, names=point.floats)     # the point's names decide what xy means
    with timer.stage("lower"):
        graph = lower(program)
    check_against(point, list(graph.inputs))
    if program.wrt and wrt and list(wrt) != program.wrt:
        raise PointError(f"the expression is differentiated with respect to {program.wrt[0]} (d/d{program.wrt[0]} "
                         f"in front of it), but --wrt names {', '.join(wrt)}")
    return program, point, graph, check_wrt(wrt or program.wrt, graph)


@dataclass
class _Run:
    """What step 2 computed: the forward pass (``ev``), forward mode (``fwd``) and reverse mode (``rev``)."""
    ev: object
    fwd: object
    rev: object
    forward: dict | None            # d out / d input by forward mode
    gradient: dict                  # ... by reverse mode (forward mode's when only that ran)
    edges: int
    forward_skipped: bool


def _differentiate(graph: Graph, point: Point, wrt: list, mode: str, trace: bool, timer: _Timer) -> _Run:
    """Step 2, evaluate and differentiate: values and local partials, then tangents and adjoints."""
    with timer.stage("evaluate"):
        ev = evaluate(graph, point.floats, input_rounding=point.rounding)
    fwd = rev = None
    edges = sum(len(n.inputs) for n in graph.nodes)
    forward_skipped = mode == "both" and len(wrt) * edges > FORWARD_AUTO_LIMIT
    if mode == "forward" or (mode == "both" and not forward_skipped):
        with timer.stage("forward"):
            fwd = forward_mode(graph, ev, wrt)
    if mode in ("reverse", "both"):
        with timer.stage("reverse"):
            rev = reverse_mode(graph, ev, record=trace)
    forward = {v: fwd.derivative(graph, v) for v in wrt} if fwd else None
    gradient = {v: rev.adjoints[graph.inputs[v]] for v in wrt} if rev else dict(forward)
    _refuse_overflow(graph, ev, gradient, forward)
    return _Run(ev, fwd, rev, forward, gradient, edges, forward_skipped)


def _cross_check(program: Program, graph: Graph, point: Point, run: _Run, wrt: list, check: str, timeout):
    """Step 3, verify: forward vs reverse, SymPy and finite differences; every skip becomes a warning."""
    warnings = [w["message"] for w in run.ev.warnings] + _unused_warning(graph)
    if run.forward_skipped:
        warnings.append(f"forward mode skipped: {len(wrt):,} inputs x {run.edges:,} edges = "
                        f"{len(wrt) * run.edges:,} multiplications, where reverse mode needs {run.edges:,} (the "
                        "seed's argument for backpropagation); the dot-product test still checks reverse mode "
                        "against a forward-mode column; --mode forward runs it anyway")
    checks, sym, plan = _checks(program, graph, point, run.ev, wrt, run.forward if run.rev else None,
                                run.gradient, check, timeout, warnings)
    if run.rev is None:                 # --mode forward: the graph's side of every check is forward mode
        for c in checks:
            c.lhs = c.lhs.replace("reverse mode", "forward mode")
    warnings += [f"{c.name}: {c.note}" for c in checks
                 if c.status == "skipped" or (c.status == "ok" and "stopped after" in c.note)]
    warnings += [c.warning for c in checks if c.warning]
    return checks, sym, plan, warnings


def _assemble(source: str, program: Program, graph: Graph, point: Point, run: _Run, wrt: list, mode: str,
              checks: list, sym: dict, warnings: list, timer: _Timer) -> GradReport:
    """Step 4, report: the finished data that every renderer formats."""
    fwd, rev, wrt_count = run.fwd, run.rev, len(wrt)
    forward_cost = ({"passes": fwd.passes, "multiplications": fwd.multiplications} if fwd else
                    {"passes": wrt_count, "multiplications": wrt_count * run.edges, "skipped": True}
                    if run.forward_skipped else None)
    return GradReport(
        expression=source, output=graph.nodes[graph.output].name, at=dict(point.floats),
        at_text=dict(point.text), value=run.ev.values[graph.output], wrt=wrt, mode=mode,
        gradient=run.gradient, forward=run.forward, symbolic=sym, checks=checks, ok=overall(checks),
        warnings=warnings, timings=timer.timings,
        statements=[(st.name, source[st.expr.start:st.expr.end]) for st in program.statements],
        statement_nodes=[graph.nodes[i].name for i in graph.statement_nodes],
        inputs=list(graph.inputs), read_as=program_reading(program), notes=list(program.notes),
        cost={"forward": forward_cost,
              "reverse": {"passes": 1, "multiplications": rev.multiplications} if rev else None,
              "paths": _as_count(count_paths(graph, wrt)), "nodes": len(graph.nodes), "edges": run.edges},
    )


def _unused_warning(graph: Graph, shown: int = 8) -> list:
    """One warning for the names the output does not depend on (a count and the first few)."""
    names = unused_names(graph)
    if not names:
        return []
    out = graph.nodes[graph.output].name
    listed = ", ".join(names[:shown]) + (f" and {len(names) - shown:,} more" if len(names) > shown else "")
    return [f"{listed} do{'es' if len(names) == 1 else ''} not feed the output {out}: d{out}/d(each) is 0"]


def _refuse_overflow(graph: Graph, ev, gradient: dict, forward: dict | None) -> None:
    """Products of large local partials can overflow even when each one fits. Away from a kink (where an
    infinite slope is a stated convention) an infinite or nan derivative is refused, naming the input."""
    if ev.kinks:
        return
    for mode, result in (("reverse", gradient), ("forward", forward or {})):
        for var, value in result.items():
            if not math.isfinite(value):
                raise DomainError(f"overflow: d{graph.nodes[graph.output].name}/d{var} is beyond the float64 "
                                  f"range ({mode} mode gives {value})", graph.source, graph.nodes[graph.inputs[var]].col)


def _as_count(n: int):
    """Path counts double with each level of a deep DAG: past 10^15 they are written as 'about 10^k'
    (Python refuses to print integers of more than 4,300 digits, and nobody reads them)."""
    return n if n < 10 ** 15 else f"about 10^{int(n.bit_length() * math.log10(2))}"


def check_wrt(wrt: list | None, graph: Graph) -> list:
    if not wrt:
        return list(graph.inputs)
    unknown = [w for w in wrt if w not in graph.inputs]
    if unknown:
        raise PointError(f"--wrt names {', '.join(unknown)}, which is not a variable of the expression "
                         f"(its variables: {', '.join(graph.inputs) or 'none'})")
    return list(dict.fromkeys(wrt))


def _checks(program: Program, graph: Graph, point: Point, ev, wrt, forward, gradient, check, timeout,
            warnings: list):
    """The cross-checks; ``forward`` is given only when reverse mode ran too (then the two are compared)."""
    checks = []
    if forward is not None:             # both modes ran: compare them
        checks.append(compare("forward vs reverse", "forward mode", "reverse mode", forward, gradient,
                              bool(ev.kinks)))
    plan = bounded.plan(check, len(graph.nodes), len(wrt))
    more, sym = bounded.run(plan, program, graph, point, ev, wrt, gradient, timeout, warnings)
    return checks + more, sym, plan


def graph_rows(source: str, at, read_file=None) -> dict:
    """The ``graph`` rows (grad's JSON schema) for ``source``: with numbers at ``at`` (text, a dict or a
    parsed Point), else structure only."""
    point = at if isinstance(at, Point) else parse_point(at, read_file=read_file)
    if point.text:
        report = grad(source, point, check="none", trace=False)
        rows = report.graph
        rows["warnings"] = list(report.warnings)
        return rows
    graph = lower(parse(source))
    rows = build_graph_rows(graph, NoPoint(graph), None, None)
    rows["warnings"] = []
    return rows


class NoPoint:
    """Stands in for an Evaluation when there is no point: every value and local partial is unknown."""

    def __init__(self, graph):
        self.values = [None] * len(graph.nodes)
        self.partials = [(None,) * len(node.inputs) for node in graph.nodes]
