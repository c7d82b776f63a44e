"""Forward-over-reverse on the graph: the Hessian, one sweep per input direction.

Reverse mode computes every adjoint ``a_u = df/du`` from ``a_u += a_v · dv/du``. Forward-over-reverse
differentiates that loop once more along a direction ``ẋ``: every value gets a tangent ``v̇`` (forward
mode), every local partial a tangent ``(dv/du)˙ = Σ_j d²v/du du_j · u̇_j`` (the primitive table's
``second`` column times the inputs' tangents), and every adjoint a tangent::

    ȧ_u += ȧ_v · dv/du + a_v · (dv/du)˙

At the inputs, ``ȧ_x`` is ``H·ẋ``: seeded with ``ẋ = e_k`` it is the Hessian's column k. Each direction
costs about two gradients, so the whole Hessian costs O(n) gradients. The directions run side by side as
columns of one table (like forward mode), in blocks so that memory stays nodes × BLOCK.

Kinks (abs, relu at 0) have second derivative 0 by the table's convention (PyTorch's).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

from symgraph.core.evaluate import Evaluation
from symgraph.core.lower import Graph
from symgraph.core.modes import TangentRows     # the tangent table and its one update (shared with forward mode)
from symgraph.core.primitives import PRIMITIVES

BLOCK = 64          # directions per sweep block: memory is 2 x nodes x BLOCK numbers ...
CELLS = 20_000_000  # ... at most this many (160 MB of float64): big graphs sweep fewer directions at a time


@dataclass
class Sweep:
    """Forward-over-reverse along ``directions``; ``columns[k][i]`` = (H·direction_k)[wrt[i]]."""
    wrt: list
    columns: list                   # one list per direction: the adjoint tangents at the inputs in wrt
    multiplications: int
    passes: int
    tangents: object = None         # first block only (for the trace): tangents[node][k]
    adjoint_tangents: object = None  # ... and adjoint tangents[node][k]


def second_partials(graph: Graph, ev: Evaluation) -> list:
    """Every node's second local partials (a symmetric matrix per node; () for inputs and constants)."""
    out = []
    for node in graph.nodes:
        if not node.inputs:
            out.append(())
            continue
        args = [ev.values[u] for u in node.inputs]
        try:
            out.append(PRIMITIVES[node.op].second(args, ev.values[node.id], node.param))
        except (OverflowError, ZeroDivisionError, ValueError):
            out.append(tuple((math.nan,) * len(args) for _ in args))
    return out


def forward_over_reverse(graph: Graph, ev: Evaluation, adjoints: list, wrt: list, directions: list | None = None,
                         output: int | None = None, keep_first_block: bool = False,
                         seconds: list | None = None) -> Sweep:
    """H·d for every direction d ({input: component}); by default d = e_k for each input in ``wrt``
    (the Hessian's columns). ``adjoints`` are reverse mode's for ``output``."""
    directions = directions if directions is not None else [{name: 1.0} for name in wrt]
    seconds = seconds if seconds is not None else second_partials(graph, ev)
    out = graph.output if output is None else output
    columns, mults, first = [], 0, None
    size = max(1, min(BLOCK, CELLS // (2 * len(graph.nodes))))
    for start in range(0, len(directions), size):
        block = directions[start:start + size]
        tangents, adj_t, m = _sweep(graph, ev, adjoints, seconds, block, out)
        mults += m
        inputs = [graph.inputs[name] for name in wrt]
        for k in range(len(block)):
            columns.append([float(adj_t[i][k]) for i in inputs])
        if first is None and keep_first_block:
            first = (tangents, adj_t)
    return Sweep(list(wrt), columns, mults, len(directions), *(first or (None, None)))


def _sweep(graph: Graph, ev: Evaluation, adjoints: list, seconds: list, block: list, out: int):
    """One block of directions: the forward tangents, then the reverse sweep of adjoint tangents."""
    n, width = len(graph.nodes), len(block)
    rows = TangentRows(2 * n, width)        # rows 0..n-1: value tangents; n..2n-1: adjoint tangents
    for k, direction in enumerate(block):
        for name, component in direction.items():
            rows.table[graph.inputs[name]][k] = float(component)
    mults = 0
    for node in graph.nodes[: out + 1]:
        for u, local in zip(node.inputs, ev.partials[node.id]):
            if local != 0.0:
                rows.add_scaled(node.id, local, u)
            mults += width
    for v in reversed(graph.nodes[: out + 1]):
        a_v = adjoints[v.id]
        for i, (u, local) in enumerate(zip(v.inputs, ev.partials[v.id])):
            if local != 0.0:                              # ȧ_u += ȧ_v · dv/du
                rows.add_scaled(n + u, local, n + v.id)
            if a_v != 0.0:                                # ȧ_u += a_v · Σ_j d²v/du du_j · u̇_j
                for j, u_j in enumerate(v.inputs):
                    s = seconds[v.id][i][j]
                    if s != 0.0:
                        rows.add_scaled(n + u, a_v * s, u_j)
                        mults += width
            mults += width
    table = rows.table
    return table[:n], table[n:], mults
