"""The true derivatives that ``check`` judges claims against.

Two kinds of derivative, as in the seed chapter (Remark 10.1):

* ``dOUT/dNAME`` is the *total* derivative. For an input x it is d OUT / dx with every other input held
  fixed (all paths from x to OUT). For a named step g it is the *adjoint* of g's node: replace g's node by
  a free variable s, write OUT as a function of s and the inputs, differentiate with respect to s and put
  g's expression back for s. This sums over every path from g to OUT (including when g feeds several
  later steps), and is exactly the number reverse mode seeded at OUT leaves on g's node.
* ``∂OUT/∂NAME`` is the *local* partial: OUT's own statement differentiated with every other named step
  held fixed (the edge derivatives ∂f/∂g1, ∂g1/∂x1 the seed's chain rule multiplies).

Both are built from the graph (one SymPy expression per node, through the primitive table), so identical
subexpressions are one node here exactly as in ``grad``. Numbers at a point come from the graph's own
forward pass and reverse mode (never from SymPy, so a 140-deep expression is judged at a point, and a
kink uses symgraph's convention relu'(0) = abs'(0) = 0, never SymPy's Heaviside(0) = 1/2). Nothing here
prints.
"""
from __future__ import annotations

from itertools import product
from typing import Optional

import sympy

from symgraph.core.evaluate import Evaluation, evaluate
from symgraph.core.lower import Graph
from symgraph.core.modes import reverse_mode
from symgraph.core.primitives import PRIMITIVES
from symgraph.checks.symbolic import symbol
from symgraph.errors import DomainError


def node_exprs(graph: Graph, upto: int | None = None, as_symbol: dict | None = None) -> list:
    """SymPy expression of nodes ``0..upto`` in terms of the inputs; nodes in ``as_symbol`` (id -> symbol)
    are free variables instead of their computation."""
    upto = len(graph.nodes) - 1 if upto is None else upto
    as_symbol = as_symbol or {}
    exprs: list = []
    for node in graph.nodes[: upto + 1]:
        if node.id in as_symbol:
            exprs.append(as_symbol[node.id])
        elif node.op == "input":
            exprs.append(symbol(node.names[0]))
        elif node.op == "const":
            exprs.append(node.exact)
        else:
            exprs.append(PRIMITIVES[node.op].sym(*[exprs[i] for i in node.inputs], node.exact))
    return exprs


MAX_KINK_WORK = 2_000_000     # node visits allowed to enumerate subgradient choices (2^kinks sweeps)
ONE_SIDED_STEP = 1e-6         # far outside the float rounding band around a kink


def sweep(graph: Graph, partials: list, out_id: int, held: frozenset = frozenset()) -> list:
    """Reverse accumulation seeded at OUT over the given local partials; nodes in ``held`` (other than
    OUT) receive their adjoint but do not pass it on: they are held fixed."""
    adj = [0.0] * len(graph.nodes)
    adj[out_id] = 1.0
    for v in reversed(graph.nodes[: out_id + 1]):
        a = adj[v.id]
        if a == 0.0 or (v.id != out_id and v.id in held):
            continue
        for u, local in zip(v.inputs, partials[v.id]):
            if local != 0.0:          # skip zero terms so that 0*inf stays 0, as reverse mode does
                adj[u] += a * local
    return adj


def one_sided_slopes(graph: Graph, values: list, node_id: int) -> Optional[tuple]:
    """(lower, upper) slope of a kinked one-input op (abs, relu) at its argument: the interval of its
    subgradients; None for ops without pieces (an infinite slope, as sqrt at 0, is no choice)."""
    node = graph.nodes[node_id]
    prim = PRIMITIVES[node.op]
    if prim.side is None or len(node.inputs) != 1:
        return None
    a = values[node.inputs[0]]
    slopes = [float(prim.partials([s], prim.impl([s], node.param), node.param)[0])
              for s in (a - ONE_SIDED_STEP, a + ONE_SIDED_STEP)]
    return min(slopes), max(slopes)


def named_steps(graph: Graph) -> list:
    """Ids of the nodes the user named (statements, and the output), in topological order."""
    return [n.id for n in graph.nodes if n.names and n.op != "input"]


def step_symbol(graph: Graph, node_id: int) -> sympy.Symbol:
    """A step held fixed, displayed under its own name (statement names never clash with inputs)."""
    return sympy.Symbol(graph.nodes[node_id].name, real=True)


class Truth:
    """True derivatives of one graph, symbolic and at the point, with caching."""

    def __init__(self, graph: Graph, ev: Evaluation | None = None):
        self.graph, self.ev = graph, ev
        self._full = None
        self._adjoints: dict = {}
        self._derivatives: dict = {}     # (kind, out, wrt) -> SymPy expression: a batch shares one Truth per problem

    def at(self, ev: Evaluation) -> "Truth":
        """The same graph's truth at another point: the symbolic derivatives (which do not depend on the
        point) are shared, the numbers are the new point's."""
        other = Truth(self.graph, ev)
        other._full, other._derivatives = self.full, self._derivatives
        return other

    def memo(self, key: tuple, build):
        """``build()`` once per key for this graph (shared at other points, see ``at``): a hook for work that
        depends on the expression only, such as the mistake catalog's candidates for (OUT, NAME), which a
        batch then builds once per problem instead of once per answer."""
        if key not in self._derivatives:
            self._derivatives[key] = build()
        return self._derivatives[key]

    @property
    def full(self) -> list:
        """Every node's expression in terms of the inputs only."""
        if self._full is None:
            self._full = node_exprs(self.graph)
        return self._full

    def total(self, out_id: int, wrt_id: int) -> sympy.Expr:
        """d OUT / d NAME: the total derivative (the adjoint, for a step)."""
        key = ("total", out_id, wrt_id)
        if key not in self._derivatives:
            self._derivatives[key] = self._total(out_id, wrt_id)
        return self._derivatives[key]

    def _total(self, out_id: int, wrt_id: int) -> sympy.Expr:
        if wrt_id == out_id:
            return sympy.Integer(1)
        if wrt_id > out_id:          # topological order: NAME comes after OUT, so OUT cannot depend on it
            return sympy.Integer(0)
        node = self.graph.nodes[wrt_id]
        if node.op == "input":
            return sympy.diff(self.full[out_id], symbol(node.names[0]))
        s = sympy.Dummy(node.name, real=True)
        as_fn_of_s = node_exprs(self.graph, out_id, {wrt_id: s})[out_id]
        return sympy.diff(as_fn_of_s, s).xreplace({s: self.full[wrt_id]})

    def local(self, out_id: int, wrt_id: int, in_steps: bool = False) -> sympy.Expr:
        """∂ OUT / ∂ NAME with every other named step held fixed; ``in_steps`` keeps the steps as symbols
        (``∂(g1*g2)/∂g1 = g2``) instead of substituting their expressions back."""
        key = ("local", out_id, wrt_id, in_steps)
        if key not in self._derivatives:
            self._derivatives[key] = self._local(out_id, wrt_id, in_steps)
        return self._derivatives[key]

    def _local(self, out_id: int, wrt_id: int, in_steps: bool) -> sympy.Expr:
        if wrt_id == out_id:
            return sympy.Integer(1)
        held = {k: step_symbol(self.graph, k) for k in named_steps(self.graph) if k < out_id}
        body = node_exprs(self.graph, out_id, held)[out_id]
        node = self.graph.nodes[wrt_id]
        var = held.get(wrt_id) if node.op != "input" else symbol(node.names[0])
        if var is None:               # a step after OUT: OUT's statement cannot mention it
            return sympy.Integer(0)
        d = sympy.diff(body, var)
        if in_steps:
            return d
        return d.xreplace({sym: self.full[k] for k, sym in held.items()})

    def adjoints(self, out_id: int) -> list:
        """d OUT / d v for every node v at the point: reverse mode seeded at OUT."""
        if out_id not in self._adjoints:
            self._adjoints[out_id] = reverse_mode(self.graph, self.ev, output=out_id, record=False).adjoints
        return self._adjoints[out_id]

    def held(self, out_id: int) -> frozenset:
        """The named steps a local partial of OUT's statement holds fixed."""
        return frozenset(k for k in named_steps(self.graph) if k < out_id)

    def value(self, out_id: int, wrt_id: int, partial: bool) -> float:
        """d OUT/d NAME (or ∂OUT/∂NAME) at the point, from the graph."""
        if not partial:
            return self.adjoints(out_id)[wrt_id]
        return sweep(self.graph, self.ev.partials, out_id, self.held(out_id))[wrt_id]

    def kink_range(self, out_id: int, wrt_id: int, partial: bool) -> Optional[tuple]:
        """At a point where abs or relu sits on its kink between NAME and OUT: (lo, hi, kinked node ids),
        the range of d OUT/d NAME over every choice of a subgradient at each kink (the value is multilinear
        in the choices, so the extremes are at the corners). None when no kink changes the value."""
        ev, graph = self.ev, self.graph
        between = _ancestors(graph, out_id) & _descendants(graph, wrt_id, out_id)
        choices = {k: one_sided_slopes(graph, ev.values, k) for k in sorted(ev.kinks) if k in between}
        choices = {k: c for k, c in choices.items() if c is not None and c[0] != c[1]}
        while choices and 2 ** len(choices) * (out_id + 1) > MAX_KINK_WORK:
            choices.pop(next(iter(choices)))     # too many kinks: the ones nearest the inputs keep the convention
        if not choices:
            return None
        held = self.held(out_id) if partial else frozenset()
        found = []
        for corner in product(*choices.values()):
            partials = list(ev.partials)
            for k, slope in zip(choices, corner):
                partials[k] = (slope,)
            found.append(sweep(graph, partials, out_id, held)[wrt_id])
        lo, hi = min(found), max(found)
        return None if lo == hi else (lo, hi, sorted(choices))

    def users(self, wrt_id: int, out_id: int) -> list:
        """The named steps (or OUT) that use NAME directly: reached from NAME's node through unnamed
        nodes only, and on a path to OUT. The chain rule over the user's decomposition sums over these."""
        named = set(named_steps(self.graph)) | {out_id}
        feeds_out = _ancestors(self.graph, out_id)
        consumers: dict = {}
        for node in self.graph.nodes[: out_id + 1]:
            for u in node.inputs:
                consumers.setdefault(u, []).append(node.id)
        found, stack, seen = [], [wrt_id], {wrt_id}
        while stack:
            for c in consumers.get(stack.pop(), []):
                if c in seen or c not in feeds_out:
                    continue
                seen.add(c)
                (found if c in named else stack).append(c)
        return sorted(found)


def _ancestors(graph: Graph, out_id: int) -> set:
    """OUT and every node it depends on."""
    keep, stack = {out_id}, [out_id]
    while stack:
        for u in graph.nodes[stack.pop()].inputs:
            if u not in keep:
                keep.add(u)
                stack.append(u)
    return keep


def _descendants(graph: Graph, wrt_id: int, out_id: int) -> set:
    """NAME and every node up to OUT that depends on it."""
    keep = {wrt_id}
    for node in graph.nodes[wrt_id + 1: out_id + 1]:
        if any(u in keep for u in node.inputs):
            keep.add(node.id)
    return keep


_last_defined: list = [(None, None)]    # [(graph, its test)]: the answers to one problem share its graph


def defined_at(graph: Graph):
    """A test of a point: is every step of the expression defined, finite and differentiable there?
    Random testing skips the points where it is not (log(x) says nothing about x = -1). The test
    remembers the points it has seen, and the answers to one problem (one graph) share it."""
    last = _last_defined[0]             # one read of one tuple: safe when Dask runs answers in threads
    if last[0] is graph:
        return last[1]
    seen: dict = {}

    def defined(exact: dict) -> bool:
        key = tuple(exact.items())
        found = seen.get(key)
        if found is None:
            if len(seen) > 10_000:
                seen.clear()
            try:
                found = not evaluate(graph, {k: float(v) for k, v in exact.items()}).kinks
            except (DomainError, OverflowError):
                found = False
            seen[key] = found
        return found
    _last_defined[0] = (graph, defined)
    return defined
