"""The forward pass: every node's primal, in topological order, with plain NumPy over the node list."""
from __future__ import annotations

from typing import Mapping

import numpy as np

from symgraph.errors import DomainError, PointError, SymgraphError
from symgraph.tensor.graph import TGraph
from symgraph.tensor.row import shape_text


def evaluate(graph: TGraph, point: Mapping[str, np.ndarray]) -> list:
    """The primal per node. ``point`` gives every input as an array of the input node's shape."""
    values: list = [None] * len(graph.nodes)
    for name, i in graph.inputs.items():
        if name not in point:
            raise PointError(f"no value for {name} (give it in --at)")
        value = np.asarray(point[name], dtype=np.float64)
        if value.shape != graph.nodes[i].shape:
            raise PointError(f"{name} has shape {shape_text(value.shape)} at the point, but the program was "
                             f"built for {shape_text(graph.nodes[i].shape)}")
        values[i] = value
    for i, c in graph.consts.items():
        values[i] = c
    i = 0
    try:
        with np.errstate(all="ignore"):
            for i, (row, args, kw) in enumerate(graph.plan):
                if row is not None:
                    values[i] = np.asarray(row.impl(*[values[a] for a in args], **kw))
    except SymgraphError as exc:          # a row refused its values (a label out of range): point at the node
        span = graph.nodes[i].span
        if exc.column is None and span and graph.source:
            exc.source, exc.column = graph.source, span[0]
        raise
    if not np.all(np.isfinite(values[graph.output])):
        raise first_non_finite(graph, values, "the value")
    return values


def first_non_finite(graph: TGraph, values: list, what: str):
    """The error for a nan or inf: names the first node (in evaluation order) whose value is not finite."""
    for name, i in graph.inputs.items():
        if not np.all(np.isfinite(values[i])):
            bad = tuple(int(k) for k in np.argwhere(~np.isfinite(np.atleast_1d(values[i])))[0])
            return PointError(f"{name} holds {np.atleast_1d(values[i])[bad]} at entry {bad}: values must be finite")
    for i, v in enumerate(values):
        if v is not None and graph.nodes[i].op not in ("input", "const") and not np.all(np.isfinite(v)):
            node = graph.nodes[i]
            bad = np.argwhere(~np.isfinite(np.atleast_1d(v)))[0]
            where = f" at entry {tuple(int(k) for k in bad)}" if np.ndim(v) else ""
            args = ", ".join(graph.node_name(a) for a in node.args)
            col = node.span[0] if node.span and graph.source else None
            error = DomainError(f"{what} is not finite: {node.op}({args}) gives "
                                f"{np.atleast_1d(v)[tuple(bad)]}{where} (outside the function's domain, "
                                "or an overflow)", graph.source if col is not None else None, col)
            error.node = i            # which node: a caller whose spans are not offsets can point at it
            return error
    return DomainError(f"{what} is not finite (an overflow)")


def non_finite_adjoint(graph: TGraph, adjoints: list, what: str):
    """The error for a gradient that is not finite: blames the VJP where it first became so (the last node,
    in evaluation order, whose adjoint is not finite: every consumer of it has a finite adjoint, so one of
    their VJPs made it), with a caret there; sqrt(x) at x = 0 has an infinite slope."""
    k = max(i for i, a in enumerate(adjoints) if a is not None and not np.all(np.isfinite(a)))
    a = np.atleast_1d(adjoints[k])
    bad = tuple(int(j) for j in np.argwhere(~np.isfinite(a))[0])
    where = f" at entry {bad}" if np.ndim(adjoints[k]) else ""
    users = [i for i, node in enumerate(graph.nodes) if k in node.args]
    node = graph.nodes[users[0]] if users else graph.nodes[k]
    call = f"{node.op}({', '.join(graph.node_name(j) for j in node.args)})"
    col = node.span[0] if node.span and graph.source else None
    return DomainError(f"{what} is not finite: the VJP of {call} gives adj({graph.node_name(k)}) = {a[bad]}{where} "
                       "(an infinite slope or an overflow there: no finite derivative at this point)",
                       graph.source if col is not None else None, col)
