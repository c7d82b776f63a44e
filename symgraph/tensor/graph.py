"""The tensor graph: nodes with shapes, in topological order, and the Builder that checks every shape as
the graph is built (before anything runs)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Optional

import numpy as np

from symgraph.errors import LimitError
from symgraph.tensor.row import TShapeError
from symgraph.tensor.table import OPS

MAX_NODES = 100_000


@dataclass(frozen=True)
class TNode:
    op: str                          # a key of table.OPS, or "input" or "const"
    args: tuple = ()                 # ids of the arguments, in order
    shape: tuple = ()
    params: tuple = ()               # static, hashable: (("axis", 0),)
    name: Optional[str] = None       # input name, or the statement's name; None when unnamed
    span: Optional[tuple] = None     # (start, end) offsets in an expression, (line, col) in code

    @property
    def kw(self) -> dict:
        return dict(self.params)


@dataclass
class TGraph:
    nodes: list
    consts: dict
    inputs: dict
    output: int
    source: str = ""
    # Per node: does it depend on an input (so that it can carry an adjoint)? Filled by finish().
    live: list = field(default_factory=list)

    @cached_property
    def plan(self) -> list:
        """The evaluation plan: (op row or None, arg ids, params) per node, read once per graph."""
        return [(OPS.get(n.op), n.args, n.kw) for n in self.nodes]

    def labels(self) -> set:
        """Inputs used only as integer labels (pick's second argument): no gradient flows to them."""
        uses: dict = {}
        for node in self.nodes:
            row = OPS.get(node.op)
            for k, a in enumerate(node.args):
                if self.nodes[a].op == "input":
                    uses.setdefault(a, set()).add(row is not None and k in row.labels)
        return {self.nodes[i].name for i, kinds in uses.items() if kinds == {True}}

    def node_name(self, i: int) -> str:
        """The node's name as the trace writes it: its own name, else v<id>."""
        return self.nodes[i].name or f"v{i}"


def _hashable(value):
    if isinstance(value, list):
        return tuple(_hashable(v) for v in value)
    if isinstance(value, slice):
        return ("slice", value.start, value.stop, value.step)
    if isinstance(value, tuple):
        return tuple(_hashable(v) for v in value)
    return value


class Builder:
    """Builds a TGraph node by node; ``apply`` checks shapes with the row's shape rule."""

    def __init__(self, source: str = "", offsets: bool = True):
        self.source = source
        self.offsets = offsets        # spans are (start, end) offsets into source (False: (line, col) in code)
        self.nodes: list = []
        self.consts: dict = {}
        self.inputs: dict = {}

    def _add(self, node: TNode) -> int:
        if len(self.nodes) >= MAX_NODES:
            raise LimitError(f"the tensor program has more than {MAX_NODES:,} nodes")
        self.nodes.append(node)
        return len(self.nodes) - 1

    def input(self, name: str, shape, span=None) -> int:
        if name in self.inputs:
            return self.inputs[name]
        self.inputs[name] = self._add(TNode("input", (), tuple(int(n) for n in shape), (), name, span))
        return self.inputs[name]

    def const(self, value, span=None) -> int:
        arr = np.asarray(value)
        arr = arr if arr.dtype.kind in "iu" else arr.astype(np.float64)
        i = self._add(TNode("const", (), arr.shape, (), None, span))
        self.consts[i] = arr
        return i

    def shape(self, i: int) -> tuple:
        return self.nodes[i].shape

    def apply(self, op: str, args, span=None, name=None, **params) -> int:
        row = OPS[op]
        args = tuple(args)
        params = tuple(sorted((k, _hashable(v)) for k, v in params.items()))
        try:
            shape = row.shape(*(self.nodes[a].shape for a in args), **dict(params))
        except TShapeError as exc:
            col = span[0] if span and self.offsets and self.source else None
            error = TShapeError(exc.message, self.source if col is not None else None, col)
            error.span = span             # where the op was written, for callers that place their own caret
            raise error from None
        return self._add(TNode(op, args, tuple(shape), params, name, span))

    def finish(self, output: int) -> TGraph:
        live = [False] * len(self.nodes)
        for i, node in enumerate(self.nodes):
            live[i] = node.op == "input" or any(live[a] for a in node.args)
        return TGraph(self.nodes, self.consts, self.inputs, output, self.source, live)
