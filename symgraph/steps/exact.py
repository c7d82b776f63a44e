"""Exact values at an exact point (``--exact``): rationals, surds and π where the hand work is exact.

At x = pi/4, sin(x) is sqrt(2)/2; at 0, sigmoid is 1/2 and its local partial 1/4. SymPy's exact
arithmetic does it, bounded three ways, and whatever is skipped is said: a time budget (``--timeout``),
a size cap on each exact form (beyond it the float is the honest answer), and a cap on the size of the
numbers a node may raise to a power before SymPy computes it (3**(10**9) is never attempted).
"""
from __future__ import annotations

import math
from typing import Optional

import sympy

from symgraph.checks.budget import BudgetExceeded, time_budget
from symgraph.checks.symbolic import symbol
from symgraph.core.lower import Graph

MAX_EXACT_OPS = 40          # an exact form longer than this is not shown (the float says more)
MAX_BITS = 100_000          # an exact number with more bits than this is not carried on
MAX_WORK = 10_000_000       # bits x magnitude of a node's numbers: bounds a power's result before SymPy computes it


def exact_number(expr: sympy.Expr, point: dict) -> Optional[sympy.Expr]:
    """``expr`` at the exact ``point`` ({name: SymPy number}), simplified, or None when it has no short
    exact form (or involves a float)."""
    if expr is None:
        return None
    value = expr.xreplace({symbol(k): v for k, v in point.items()})
    return short(value)


def short(value) -> Optional[sympy.Expr]:
    if value is None or not getattr(value, "is_number", False) or value.has(sympy.Float) \
            or value.has(sympy.nan, sympy.zoo, sympy.oo, -sympy.oo):
        return None
    if sympy.count_ops(value) > 4 * MAX_EXACT_OPS:
        return None
    if not value.is_Rational:
        value = sympy.radsimp(sympy.simplify(value))
    if sympy.count_ops(value) > MAX_EXACT_OPS or not _small(value):
        return None
    return value


def _small(value: sympy.Expr) -> bool:
    return all(max(int(r.p).bit_length(), int(r.q).bit_length()) <= MAX_BITS for r in value.atoms(sympy.Rational))


def _work(numbers: list) -> float:
    """How big a power of these numbers could get: the widest one's bits times the largest magnitude."""
    bits, size = 1, 1.0
    for n in numbers:
        for r in n.atoms(sympy.Rational):
            bits = max(bits, int(r.p).bit_length(), int(r.q).bit_length())
            size = max(size, abs(float(r)) if math.isfinite(float(r)) else math.inf)
    return bits * size


def text(value: Optional[sympy.Expr], approx: Optional[float]) -> Optional[str]:
    """The exact form when it says more than the float (``sqrt(2)/2``, ``1/4``), else None."""
    if value is None:
        return None
    if value.is_Integer and approx is not None and float(value) == approx:
        return None
    return sympy.sstr(value)


def graph_values(graph: Graph, point: dict, timeout: Optional[float]) -> dict:
    """Every node's exact value and exact local partials: {"nodes": [{node, value, local}], "skipped",
    "note"}; value/local entries are text or None (no short exact form, or skipped)."""
    from symgraph.steps.walk import Partials

    values: list = []
    rows, skipped, note, locals_ = [], [], "", []
    gradient: dict = {}
    partials = Partials()
    try:
        with time_budget(timeout):
            for node in graph.nodes:
                v, local = _node(graph, node, values, point, partials)
                values.append(v)
                locals_.append(local)
                if v is None and node.op != "const":
                    skipped.append(node.name)
                rows.append({"node": node.name, "value": None if v is None else sympy.sstr(v),
                             "local": [None if d is None else sympy.sstr(d) for d in local]})
            gradient = _gradient(graph, locals_)
    except BudgetExceeded:
        note = (f"exact values: the time budget ({timeout:g} s, --timeout) ran out after {len(rows)} of "
                f"{len(graph.nodes)} nodes; the rest are shown as floats only")
    if skipped and not note:
        note = (f"exact values: {len(skipped)} node{'s' if len(skipped) != 1 else ''} "
                f"({', '.join(skipped[:5])}{', ...' if len(skipped) > 5 else ''}) have no short exact form "
                f"(or are too large to compute exactly); floats only there")
    return {"nodes": rows, "gradient": gradient, "skipped": skipped, "note": note}


def _gradient(graph: Graph, locals_: list) -> dict:
    """Reverse mode over the exact local partials: {input: exact d(output)/d(input) as text, or None}.
    One unknown local partial on a path makes every adjoint it reaches unknown (None)."""
    adj: list = [sympy.Integer(0)] * len(graph.nodes)
    adj[graph.output] = sympy.Integer(1)
    for node in reversed(graph.nodes[: graph.output + 1]):
        a = adj[node.id]
        if a == 0:
            continue
        for u, d in zip(node.inputs, locals_[node.id]):
            adj[u] = None if a is None or d is None or adj[u] is None else short(adj[u] + a * d)
    return {name: None if adj[k] is None else sympy.sstr(adj[k]) for name, k in graph.inputs.items()}


def _node(graph: Graph, node, values: list, point: dict, partials) -> tuple:
    from symgraph.core.primitives import PRIMITIVES

    if node.op == "input":
        return short(point.get(node.names[0])), ()
    if node.op == "const":
        return short(node.exact), ()
    args = [values[i] for i in node.inputs]
    numbers = args + ([node.exact] if node.exact is not None else [])
    if any(a is None for a in args) or _work(numbers) > MAX_WORK:
        return None, (None,) * len(args)
    value = short(PRIMITIVES[node.op].sym(*args, node.exact))
    return value, tuple(short(d) for d in partials(node, args))


def attach(report, source: str, point, timeout: Optional[float]) -> None:
    """``grad --exact``: the graph's exact values onto a finished grad report (its ``exact`` key), and a
    warning that says what was skipped. Lowering again is linear and cheap next to SymPy's exact work."""
    from symgraph.core.lower import lower
    from symgraph.core.parser import parse

    if not point.exact:
        report.warnings.append("--exact needs --at: there is no point to evaluate exactly")
        return
    report.exact = graph_values(lower(parse(source, names=point.floats)), point.exact, timeout)
    if report.exact["note"]:
        report.warnings.append(report.exact["note"])


def lookup(exact: Optional[dict], graph_rows: dict, node: str, source: Optional[str] = None) -> Optional[str]:
    """The exact text of a node's value, or of its local partial on the edge from ``source``, when it says
    more than the float (an integer is shown by the float already)."""
    if not exact:
        return None
    rows = {row["node"]: (k, row) for k, row in enumerate(exact["nodes"])}
    if node not in rows:
        return None
    k, row = rows[node]
    if source is None:
        found = row["value"]
    else:
        names = [graph_rows["nodes"][u]["name"] for u in graph_rows["nodes"][k]["inputs"]]
        found = row["local"][names.index(source)] if source in names else None
    return None if found is None or found.lstrip("-").isdigit() else found
