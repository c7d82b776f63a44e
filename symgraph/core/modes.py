"""Forward mode and reverse mode: two short generic loops over the graph.

Neither loop knows any op: both only read the local partials the forward pass stored on each edge.

* Forward mode pushes tangents dv/dx_i from the inputs to the output. Every input needs its own
  tangent, so the loop carries one tangent per input (a row with one column per input) -- the seed's "one
  derivative graph per input", done side by side in a single sweep. Multiplications: edges x inputs.
  A column may also be seeded with any direction v instead of one input (``directions``): its output is
  then the directional derivative J·v, which the dot-product test uses.
* Reverse mode pulls adjoints df/dv from the output back to the inputs, one sweep for all inputs,
  accumulating ``u.adjoint += v.adjoint * dv/du`` at shared nodes. Multiplications: edges.

Rows are NumPy arrays when there are many columns (one vectorized update per edge); with few columns plain
lists are faster than NumPy's per-call overhead, and a textbook example never pays NumPy's import time.
Both run the same loop.
"""
from __future__ import annotations

import math
from array import array
from dataclasses import dataclass, field

from symgraph.core.evaluate import Evaluation
from symgraph.core.lower import Graph
from symgraph.core.gc_pause import without_gc

NUMPY_FROM_COLUMNS = 32   # from this many tangent columns a NumPy row update beats a list comprehension


@dataclass
class ForwardResult:
    wrt: list                      # column labels: input names (or "v1", "v2" for directions)
    tangents: object               # rows per node, a column per input: tangents[v][i] = dv/dx_i
    multiplications: int = 0
    passes: int = 0

    def tangent(self, node_id: int, column: int) -> float:
        return float(self.tangents[node_id][column])

    def derivative(self, graph: Graph, name: str, of: int | None = None) -> float:
        return self.tangent(graph.output if of is None else of, self.wrt.index(name))


class Steps:
    """The backward pass's steps (v, u, adjoint_v, local, before, after), in order, as six typed arrays:
    48 bytes a step instead of a tuple of boxed floats (about 200), on 500,000-edge graphs 75 MB less.
    A read-only sequence: len, indexing, slices (lists of tuples) and iteration."""

    def __init__(self):
        self.columns = (array("q"), array("q"), array("d"), array("d"), array("d"), array("d"))

    def append(self, step: tuple) -> None:
        for column, value in zip(self.columns, step):
            column.append(value)

    def __len__(self) -> int:
        return len(self.columns[0])

    def __getitem__(self, k):
        if isinstance(k, slice):
            return list(zip(*(column[k] for column in self.columns)))
        return tuple(column[k] for column in self.columns)

    def __iter__(self):
        return zip(*self.columns)


@dataclass
class ReverseResult:
    adjoints: list                 # df/dv for every node v
    steps: Steps = field(default_factory=Steps)  # (v, u, adjoint_v, local, before, after) in order
    multiplications: int = 0
    passes: int = 1


@without_gc
def forward_mode(graph: Graph, ev: Evaluation, wrt: list, directions: list | None = None) -> ForwardResult:
    """dv/dx_i for every node v and every input x_i in ``wrt``; with ``directions`` (a list of
    {input name: component} maps) the columns are directional derivatives instead."""
    if directions is None:
        directions = [{name: 1.0} for name in wrt]             # dx_i/dx_i = 1, the seed's first node
        labels = list(wrt)
    else:
        labels = [f"v{k + 1}" for k in range(len(directions))]
    width = len(directions)
    if width == 1:
        return _one_column(graph, ev, labels, directions[0])
    rows = TangentRows(len(graph.nodes), width)
    for column, direction in enumerate(directions):
        for name, component in direction.items():
            rows.table[graph.inputs[name]][column] = float(component)
    mults = 0
    for node in graph.nodes:
        for u, local in zip(node.inputs, ev.partials[node.id]):
            if local != 0.0:                                   # a zero slope contributes nothing
                rows.add_scaled(node.id, local, u)
            mults += width
    return ForwardResult(labels, rows.table, mults, passes=width)


def _one_column(graph: Graph, ev: Evaluation, labels: list, direction: dict) -> ForwardResult:
    """The same sweep for a single column (one input, or one direction v: the common case on big graphs)
    on a flat list of floats: no row list per node, no new list per update."""
    tangent = [0.0] * len(graph.nodes)
    for name, component in direction.items():
        tangent[graph.inputs[name]] = float(component)
    edges = 0
    for node in graph.nodes:
        acc = tangent[node.id]
        for u, local in zip(node.inputs, ev.partials[node.id]):
            b = tangent[u]
            if local != 0.0 and b != 0.0:                      # 0 * inf counts as 0, as in TangentRows
                acc += local * b
            edges += 1
        tangent[node.id] = acc
    return ForwardResult(labels, _OneColumn(tangent), edges, passes=1)


class _OneColumn:
    """A one-column tangent table read as rows: ``table[v][0]``."""

    def __init__(self, column: list):
        self.column = column

    def __getitem__(self, v: int) -> tuple:
        return (self.column[v],)

    def __len__(self) -> int:
        return len(self.column)


class TangentRows:
    """The tangent table and its one update, ``row[v] += local * row[u]``, where an infinite local slope
    times a zero tangent counts as 0 (the input does not move, so neither does v)."""

    def __init__(self, n_nodes: int, width: int):
        self.np = None
        if width >= NUMPY_FROM_COLUMNS:
            import numpy  # imported only here: small graphs never need it

            self.np = numpy
            self.table = numpy.zeros((n_nodes, width))
        else:
            self.table = [[0.0] * width for _ in range(n_nodes)]

    def add_scaled(self, v: int, local: float, u: int) -> None:
        table, np = self.table, self.np
        if np is None:
            table[v] = [a + local * b if b != 0.0 else a for a, b in zip(table[v], table[u])]
        elif math.isfinite(local):
            table[v] += local * table[u]
        else:
            with np.errstate(invalid="ignore"):
                table[v] += np.where(table[u] == 0.0, 0.0, local * table[u])


@without_gc
def reverse_mode(graph: Graph, ev: Evaluation, output: int | None = None, record: bool = True,
                 seed: float = 1.0) -> ReverseResult:
    """df/dv for every node v, where f is ``output`` (the graph's output by default). ``seed`` is the
    output's own adjoint: 1 for the gradient, any w for the vector-Jacobian product wᵀJ."""
    out = graph.output if output is None else output
    adjoints = [0.0] * len(graph.nodes)
    adjoints[out] = seed                               # df/df = 1
    steps, mults = Steps(), 0
    for v in reversed(graph.nodes[: out + 1]):
        adjoint_v = adjoints[v.id]
        for u, local in zip(v.inputs, ev.partials[v.id]):
            before = adjoints[u]
            if adjoint_v != 0.0 and local != 0.0:      # skip zero terms so that 0*inf stays 0
                adjoints[u] += adjoint_v * local
            mults += 1
            if record:
                steps.append((v.id, u, adjoint_v, local, before, adjoints[u]))
    return ReverseResult(adjoints, steps, mults)


def count_paths(graph: Graph, wrt: list | None = None) -> int:
    """Number of paths from the inputs in ``wrt`` (default: all) to the output: the terms a path-by-path
    chain rule would sum."""
    sources = set(graph.inputs) if wrt is None else set(wrt)
    paths = [0] * len(graph.nodes)
    for node in graph.nodes:
        paths[node.id] = (node.names[0] in sources) if node.op == "input" else sum(paths[u] for u in node.inputs)
    return paths[graph.output]
