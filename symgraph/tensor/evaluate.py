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
            return DomainError(f"{what} is not finite: {node.op}({args}) gives "
                               f"{np.atleast_1d(v)[tuple(bad)]}{where} (outside the function's domain, "
                               "or an overflow)", graph.source if col is not None else None, col)
    return DomainError(f"{what} is not finite (an overflow)")
