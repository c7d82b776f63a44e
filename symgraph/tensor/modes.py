"""Reverse mode (the seed's backward pass at tensor level: one pass for all inputs) and forward mode (one
tangent per pass), both reading the table's VJP and JVP rows.

Adjoints accumulate with ``+=`` at shared nodes (micrograd style). A contribution that may be a view of
another node's adjoint (add passes its adjoint through unchanged) is stored as it is and copied only when a
second contribution arrives; after that the sum is owned and accumulates in place.
"""
from __future__ import annotations

from typing import Callable, Mapping, Optional

import numpy as np

from symgraph.tensor.graph import TGraph


def needed(graph: TGraph, wrt=None) -> list:
    """Per node: does it lie on a path from an input in ``wrt`` (None: every input)?"""
    targets = set(graph.inputs.values()) if wrt is None else {graph.inputs[w] for w in wrt}
    need = [False] * len(graph.nodes)
    for i, node in enumerate(graph.nodes):
        need[i] = i in targets or (node.op not in ("input", "const") and any(need[a] for a in node.args))
    return need


def reverse(graph: TGraph, primals: list, seed=None, *, vjp_of: Optional[Callable] = None, wrt=None) -> list:
    """The adjoint per node (None where no path from the output, or not needed for ``wrt``).

    ``seed`` defaults to ones of the output's shape (for a scalar output: d out / d out = 1; for an array,
    the gradient of its sum). ``vjp_of(node_id, row)`` may return a replacement vjp for one node (how
    check --code applies a row's rule wrongly at one node), or None for the row's own."""
    n = len(graph.nodes)
    need = needed(graph, wrt)
    adj: list = [None] * n
    owned = [False] * n
    out = graph.output
    if not need[out]:
        return adj
    adj[out] = np.ones(graph.nodes[out].shape) if seed is None else np.asarray(seed, dtype=np.float64)
    plan = graph.plan
    with np.errstate(all="ignore"):
        for i in range(out, -1, -1):
            g = adj[i]
            row, args, kw = plan[i]
            if g is None or row is None:
                continue
            custom = vjp_of(i, row) if vjp_of is not None else None
            values = [primals[a] for a in args]
            if custom is not None:
                parts = custom(g, primals[i], *values, **kw)
            else:
                parts = row.vjp(g, primals[i], *values, need=tuple(need[a] for a in args), **kw)
            for a, part in zip(args, parts):
                if part is None or not need[a]:
                    continue
                if adj[a] is None:
                    adj[a] = part
                elif owned[a]:
                    adj[a] += part
                else:
                    adj[a] = adj[a] + part
                    owned[a] = True
    return adj


def forward(graph: TGraph, primals: list, tangents: Mapping[str, np.ndarray]) -> list:
    """The tangent per node along the input tangents given (an input left out has tangent 0; None marks a
    node whose tangent is 0)."""
    tan: list = [None] * len(graph.nodes)
    for name, t in tangents.items():
        i = graph.inputs[name]
        tan[i] = np.broadcast_to(np.asarray(t, dtype=np.float64), graph.nodes[i].shape)
    with np.errstate(all="ignore"):
        for i, (row, args, kw) in enumerate(graph.plan):
            if row is None:
                continue
            ts = [tan[a] for a in args]
            if all(t is None for t in ts):
                continue
            t = row.jvp(ts, primals[i], *[primals[a] for a in args], **kw)
            tan[i] = None if t is None else np.asarray(t, dtype=np.float64)
    return tan


def gradient(graph: TGraph, adjoints: list, wrt=None) -> dict:
    """d out / d input per input (writable float64 arrays; zeros where the output does not depend on it). An
    adjoint that is already its own writable array is handed over as it is (no copy of a big gradient)."""
    names = list(graph.inputs) if wrt is None else list(wrt)
    out, given = {}, set()
    for name in names:
        i = graph.inputs[name]
        a = adjoints[i]
        if a is None:
            out[name] = np.zeros(graph.nodes[i].shape)
        elif (isinstance(a, np.ndarray) and a.flags.owndata and a.flags.writeable and a.dtype == np.float64
              and id(a) not in given):       # sum(a + b) hands one array to both: the second gets a copy
            given.add(id(a))
            out[name] = a
        else:
            out[name] = np.array(a, dtype=np.float64)
    return out
