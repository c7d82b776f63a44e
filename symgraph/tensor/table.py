"""The tensor table: one ``TensorOp`` row per op, the way symgraph.core.primitives is for scalars.

Forward and reverse mode, the checks, the trace and the reports read this table; none of them knows an op
by name. Adding an op is one row (in an ops_* module) and one line of tests/tensor/corpus.txt.
"""
from __future__ import annotations

import numpy as np

from symgraph.tensor import ops_elementwise, ops_linear, ops_reduce, ops_shape
from symgraph.tensor.row import TensorOp, TShapeError, shape_text, unbroadcast  # noqa: F401 (the contract's names)
from symgraph.tensor.row import broadcast_shape, unbroadcast_text

OPS: dict[str, TensorOp] = {row.name: row for module in (ops_elementwise, ops_linear, ops_reduce, ops_shape)
                            for row in module.ROWS}

# Names a program may call, and the row each becomes (elementwise functions, max/min, and the tensor ops).
FUNCTIONS: dict[str, str] = dict(ops_elementwise.FUNCTIONS)
FUNCTIONS.update({name: name for name in ("dot", "outer", "transpose", "sum", "mean", "norm", "softmax",
                                          "log_softmax", "logsumexp", "pick", "amax", "reshape",
                                          "stack")})
OPERATORS = ops_elementwise.OPERATORS


def index_text(idx: tuple) -> str:
    """A static index as written: 1, 2 or :, 0 or 1:3."""
    def one(item):
        if item is None:
            return "None"
        if not isinstance(item, tuple):
            return str(item)
        if item[0] == "ints":
            return str(np.asarray(item[2]).reshape(item[1]).tolist())
        start, stop, step = item[1:]
        text = ("" if start is None else str(start)) + ":" + ("" if stop is None else str(stop))
        return text + (f":{step}" if step is not None else "")
    return ", ".join(one(item) for item in idx)


def rule_text(row: TensorOp, arg: int, names: list, out: str, shapes: list, params: dict) -> str:
    """The VJP rule of argument ``arg`` with the nodes' names filled in."""
    extra = {"idx": index_text(params["idx"])} if "idx" in params else {}
    text = row.rule_texts(*shapes)[arg].format(*names, out=out, **extra)
    if row.arity == 2 and row.scalar and len(shapes) == 2:     # elementwise and broadcasting: the sum back
        text = unbroadcast_text(text, shapes[arg], broadcast_shape(shapes[0], shapes[1], row.label))
    return text
