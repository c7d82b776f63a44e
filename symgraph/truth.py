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
forward pass and reverse mode. Nothing here prints.
"""
from __future__ import annotations

import sympy

from .evaluate import Evaluation
from .lower import Graph
from .modes import reverse_mode
from .primitives import PRIMITIVES
from .symbolic import symbol


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

    @property
    def full(self) -> list:
        """Every node's expression in terms of the inputs only."""
        if self._full is None:
            self._full = node_exprs(self.graph)
        return self._full

    def total(self, out_id: int, wrt_id: int) -> sympy.Expr:
        """d OUT / d NAME: the total derivative (the adjoint, for a step)."""
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
