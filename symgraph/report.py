"""The finished report of ``grad``: plain data that the renderers (rich, plain, JSON) only format.

``to_dict`` defines the stable JSON schema documented in the README (``schema: symgraph.grad/1``);
``to_json`` is the same as a JSON string.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass, field
from functools import partial
from itertools import islice
from typing import Any, Optional

import sympy

from symgraph.core.evaluate import Evaluation
from symgraph.core.lower import Graph
from symgraph.core.primitives import PRIMITIVES
from symgraph.report_base import JsonReport  # noqa: F401 (every report's base; light, no SymPy)
from symgraph.views import render

SCHEMA = "symgraph.grad/1"
SYMBOLIC_TEMPLATE_LIMIT = 500   # distinct (op, constant) pairs printed symbolically, unless --full-trace
TRACE_ROW_LIMIT = 400   # beyond this many nodes the trace summarizes (--full-trace and JSON have every node)
SUMMARY_ROWS = 40       # ... showing this many nodes and backward steps,
SUMMARY_TANGENTS = 3    # ... and forward mode for this many inputs (12 when the trace is complete)
TANGENT_CELL_LIMIT = 100_000  # JSON lists every node's tangents up to nodes x inputs cells (or --full-trace)
FULL_HINT = "--full-trace shows every row; --format json lists every node"


@dataclass
class GradReport(JsonReport):
    expression: str
    output: str
    at: dict
    at_text: dict
    value: float
    wrt: list
    mode: str
    gradient: dict
    forward: Optional[dict]
    symbolic: dict
    checks: list
    ok: bool
    warnings: list
    timings: dict
    statements: list                # (name or None, text as written) per statement
    inputs: list
    cost: dict
    trace: Optional[dict] = None
    check_plan: dict = field(default_factory=dict)   # bounded.CheckPlan.to_json: what ran, sampled, skipped
    statement_nodes: list = field(default_factory=list)   # the name of each statement's node (v1 if unnamed)
    read_as: Optional[str] = None   # the fully explicit reading (notation/printer.py): 3x^2 -> 3*x**2
    notes: list = field(default_factory=list)   # readings another reader could take differently (e^2x, xy)
    exact: Optional[dict] = None     # --exact: steps/exact.graph_values (each node's exact value and partials)
    # The ``graph`` rows, or a zero-argument builder of them (lazy_graph_rows): at 500,000 nodes the rows are
    # ~430 MB and seconds of work that the plain trace never shows, so they are built on first read.
    _graph: Any = field(default=None, repr=False, compare=False)

    @property
    def graph(self) -> dict:
        """The ``graph`` key of the JSON (build_graph_rows), built the first time it is read."""
        if callable(self._graph):
            self._graph = self._graph()
        if self._graph is None:
            self._graph = {}
        return self._graph

    @graph.setter
    def graph(self, rows) -> None:
        self._graph = rows

    def to_dict(self) -> dict:
        return {
            "schema": SCHEMA,
            "expression": self.expression,
            "read_as": self.read_as,
            "notes": self.notes,
            "output": self.output,
            "at": self.at,
            "at_text": self.at_text,
            "value": json_num(self.value),
            "wrt": self.wrt,
            "mode": self.mode,
            "gradient": {k: json_num(v) for k, v in self.gradient.items()},
            "forward": None if self.forward is None else {k: json_num(v) for k, v in self.forward.items()},
            "symbolic": {k: {"derivative": v["derivative"], "value": json_num(v["value"])}
                         for k, v in self.symbolic.items()},
            "checks": [check_json(c) for c in self.checks],
            "check_plan": self.check_plan,
            "ok": self.ok,
            "warnings": self.warnings,
            "cost": self.cost,
            "graph": self.graph,
            "timings": {k: self.timings.get(k, 0.0) for k in
                        ("parse", "lower", "evaluate", "forward", "reverse", "check")},
            **({"exact": self.exact} if self.exact is not None else {}),
        }


def json_num(x):
    """JSON has no inf or nan: they become the strings "inf", "-inf", "nan"."""
    if x is None or (isinstance(x, float) and math.isfinite(x)) or isinstance(x, int):
        return x
    return str(x)


def check_json(c) -> dict:
    d = asdict(c)
    d["ok"] = c.ok
    for key in ("max_abs_error", "max_rel_error"):
        d[key] = json_num(d[key])
    d["per_variable"] = {v: {k: json_num(x) if k != "ok" else x for k, x in row.items()}
                         for v, row in d["per_variable"].items()}
    d["values"] = {k: json_num(x) for k, x in d["values"].items()}
    return d


def local_symbolic(graph: Graph, full: bool = False, count: Optional[int] = None) -> list:
    """Each node's local partials as text in terms of its inputs' names (``d(g1*g2)/dg1 = g2``).

    SymPy works once per (op, constant): the partials are printed with placeholder inputs ``_arg0``,
    ``_arg1`` and each node substitutes its inputs' names into that text. A node that uses one input
    twice (``x*x``) goes through SymPy, which simplifies ``-x/x**2`` to ``-1/x``. Past
    SYMBOLIC_TEMPLATE_LIMIT distinct (op, constant) pairs (100,000 terms ``k*x`` each have their own), the
    rest are None unless ``full``. ``count``: only the first nodes (the trace's summary), the same prefix."""
    templates: dict = {}
    out = []
    for node in graph.nodes if count is None else islice(graph.nodes, count):
        if not node.inputs:
            out.append(())
            continue
        key = (node.op, node.exact)
        if key not in templates and len(templates) >= SYMBOLIC_TEMPLATE_LIMIT and not full:
            out.append((None,) * len(node.inputs))     # bounded: SymPy work must not grow with the input
            continue
        if key not in templates:
            slots = tuple(sympy.Symbol(f"_arg{i}") for i in range(len(node.inputs)))
            partials = PRIMITIVES[node.op].symbolic_partials(slots, node.exact)
            templates[key] = (slots, partials, tuple(sympy.sstr(p) for p in partials))
        slots, partials, texts = templates[key]
        names = [graph.nodes[i].name for i in node.inputs]
        if len(set(node.inputs)) == len(node.inputs):
            out.append(tuple(_PLACEHOLDER.sub(lambda m: names[int(m.group(1))], t) for t in texts))
        else:
            symbols = {s: sympy.Symbol(n) for s, n in zip(slots, names)}
            out.append(tuple(sympy.sstr(p.xreplace(symbols)) for p in partials))
    return out


_PLACEHOLDER = re.compile(r"_arg(\d+)")


def as_written(graph: Graph, node) -> str:
    """The node in terms of its inputs' names: ``x * x``, ``1/v7``, ``v6 + 1``.

    Two-input ops are written out by hand so that SymPy cannot merge ``x * x`` into ``x**2``; one-input
    ops use their SymPy counterpart, built unevaluated and printed in the order built, so that ``1 + v6``
    stays as written (one node over one symbol: nothing deep to print)."""
    names = [graph.nodes[i].name for i in node.inputs]
    if len(names) == 2 and "(" in PRIMITIVES[node.op].show:     # max(x, y), atan2(y, x)
        return PRIMITIVES[node.op].written(names)
    if len(names) == 2:
        return f" {'**' if node.op == 'pow' else node.label} ".join(names)
    with sympy.evaluate(False):
        expr = PRIMITIVES[node.op].sym(sympy.Symbol(names[0]), node.exact)
    return sympy.sstr(expr, order="none")


def build_graph_rows(graph: Graph, ev: Evaluation, fwd, rev, full: bool = False, local_sym=None) -> dict:
    """The ``graph`` key of the JSON: nodes in topological order with values, adjoints and local partials,
    and each node's tangents unless that table is huge (1,720 inputs x 5,000 nodes is 8.6 million
    numbers; ``full`` keeps them)."""
    local_sym = local_sym if local_sym is not None else local_symbolic(graph, full)
    cells = len(graph.nodes) * len(fwd.wrt) if fwd is not None else 0
    tangents = fwd is not None and (full or cells <= TANGENT_CELL_LIMIT)
    nodes = []
    for node in graph.nodes:
        row = {
            "id": node.id, "name": node.name, "names": list(node.names), "op": node.op, "label": node.label,
            "inputs": list(node.inputs), "value": json_num(ev.values[node.id]),
            "adjoint": json_num(rev.adjoints[node.id]) if rev else None,
            "local": [{"input": u, "symbolic": s, "value": json_num(d)}
                      for u, s, d in zip(node.inputs, local_sym[node.id], ev.partials[node.id])],
        }
        if node.param is not None:
            row["param"] = json_num(node.param)
        if tangents:
            row["tangent"] = {v: json_num(fwd.tangent(node.id, k)) for k, v in enumerate(fwd.wrt)}
        nodes.append(row)
    rows = {"nodes": nodes, "output": graph.output, "inputs": dict(graph.inputs)}
    if fwd is not None and not tangents:
        rows["tangents_omitted"] = (f"{len(graph.nodes)} nodes x {len(fwd.wrt)} inputs = {cells:,} tangents "
                                    f"(more than {TANGENT_CELL_LIMIT:,}); the output's are under 'forward'; "
                                    "--full-trace lists them all")
    return rows


def lazy_graph_rows(graph: Graph, ev: Evaluation, fwd, rev, full: bool = False, local_sym=None):
    """A builder of ``build_graph_rows(...)`` for ``GradReport.graph``: nothing is computed until read."""
    return partial(build_graph_rows, graph, ev, fwd, rev, full=full, local_sym=local_sym)


def build_trace(graph: Graph, ev: Evaluation, fwd, rev, full: bool = False, local_sym=None) -> dict:
    """Rows for the step-by-step trace: the forward pass, the edges, forward mode and the backward pass.
    Above TRACE_ROW_LIMIT nodes (unless ``full``) only the first rows of each section, with the totals."""
    n = len(graph.nodes)
    complete = full or n <= TRACE_ROW_LIMIT
    shown = graph.nodes if complete else graph.nodes[:SUMMARY_ROWS]
    names = [node.name for node in graph.nodes]
    trace = {"total_nodes": n, "shown_nodes": len(shown), "complete": complete, "hint": FULL_HINT,
             "list_limit": None if complete else SUMMARY_ROWS,
             "forward_pass": [], "edges": [], "forward_mode": {}, "backward": [],
             "named_steps": [(node.name, list(node.names[1:])) for node in graph.nodes
                             if node.names and node.op != "input"],
             "unnamed_steps": [node.name for node in graph.nodes if not node.names][:2]}
    local_sym = local_sym if local_sym is not None else local_symbolic(graph, full, len(shown))
    for node in shown:
        trace["forward_pass"].append({"node": node.name, "op": node.label,
                                      "expr": as_written(graph, node) if node.inputs else
                                      ("input" if node.op == "input" else "constant"),
                                      "value": ev.values[node.id]})
        for k, (u, d) in enumerate(zip(node.inputs, ev.partials[node.id])):
            trace["edges"].append({"to": node.name, "from": names[u], "symbolic": local_sym[node.id][k],
                                   "value": d})
    if fwd is not None:
        columns = fwd.wrt if full else fwd.wrt[:12 if complete else SUMMARY_TANGENTS]
        for col, var in enumerate(columns):
            rows = []
            for node in shown:
                if not node.inputs:
                    continue
                terms = [(names[u], d, fwd.tangent(u, col)) for u, d in zip(node.inputs, ev.partials[node.id])]
                rows.append({"node": node.name, "terms": terms, "tangent": fwd.tangent(node.id, col)})
            trace["forward_mode"][var] = rows
    if rev is not None:
        steps = rev.steps if complete else rev.steps[:SUMMARY_ROWS]
        for v, u, adj_v, local, before, after in steps:
            trace["backward"].append({"from": names[v], "to": names[u], "adjoint_from": adj_v,
                                      "local": local, "before": before, "after": after})
        trace["backward_total"] = len(rev.steps)
    return trace
