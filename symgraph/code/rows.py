"""Four tensor rows that NumPy code needs and the tensor table (symgraph/tensor) does not have: ``reshape``,
``take`` (indexing with integer arrays, ``scores[np.arange(N), y]``), ``amax`` (``np.max(s, axis=1,
keepdims=True)``) and ``stack`` (a list of traced values). A last resort, kept out of the shared ``OPS``:
``CodeBuilder`` builds graphs whose plan reads the table first and these rows after it, so a row the table
gains later wins. (To move into symgraph/tensor/ by its owner.)
"""
from __future__ import annotations

import numpy as np

from symgraph.errors import LimitError
from symgraph.tensor.graph import MAX_NODES, Builder, TNode
from symgraph.tensor.row import TensorOp, TShapeError, norm_axis, shape_text
from symgraph.tensor.table import OPS


def _reshape_shape(a, shape=()):
    if int(np.prod(a)) != int(np.prod(shape)):
        raise TShapeError(f"cannot reshape {shape_text(a)} into {shape_text(shape)}: "
                          f"{int(np.prod(a))} and {int(np.prod(shape))} entries")
    return tuple(shape)


def as_take(idx: tuple) -> tuple:
    """The static index of ``take``: ints, ("slice", start, stop, step), ("ints", shape, values), None."""
    out = []
    for item in idx:
        if isinstance(item, tuple) and item[0] == "slice":
            out.append(slice(*item[1:]))
        elif isinstance(item, tuple) and item[0] == "ints":
            out.append(np.asarray(item[2], dtype=np.int64).reshape(item[1]))
        else:
            out.append(item)
    return tuple(out)


def _take_shape(a, idx=()):
    try:
        return np.broadcast_to(np.empty((), dtype=np.int8), a)[as_take(idx)].shape
    except IndexError as exc:
        raise TShapeError(f"an index does not fit the array of shape {shape_text(a)}: {exc}") from None


def _take_vjp(g, out, a, idx=(), need=None):
    full = np.zeros(np.shape(a))
    np.add.at(full, as_take(idx), g)
    return (full,)


def _amax_shape(a, axis=None, keepdims=False):
    ax = norm_axis(axis, len(a), f"max of shape {tuple(a)}", a)
    if ax is None:
        return tuple(1 for _ in a) if keepdims else ()
    return a[:ax] + ((1,) if keepdims else ()) + a[ax + 1:]


def _amax_vjp(g, out, a, axis=None, keepdims=False, need=None):
    if keepdims or axis is None:
        top, gg = out, g
    else:
        top, gg = np.expand_dims(out, axis), np.expand_dims(g, axis)
    hit = (a == top).astype(float)
    hit /= hit.sum(axis=axis, keepdims=True)       # a tie shares the adjoint evenly
    return (gg * hit,)


def _amax_jvp(t, out, a, axis=None, keepdims=False):
    if t[0] is None:
        return None
    top = np.max(a, axis=axis, keepdims=True)
    hit = (a == top).astype(float)
    hit /= hit.sum(axis=axis, keepdims=True)
    return np.sum(t[0] * hit, axis=axis, keepdims=keepdims)


def _stack_shape(*shapes):
    if any(s != shapes[0] for s in shapes):
        raise TShapeError("a list of arrays of shapes " + ", ".join(shape_text(s) for s in shapes) + " is ragged")
    return (len(shapes),) + tuple(shapes[0])


ROWS = [
    TensorOp("stack", 2, _stack_shape, lambda *a: np.stack(a), lambda g, out, *a, need=None: tuple(g),
             lambda t, out, *a: None if all(x is None for x in t) else np.stack(
                 [np.zeros(np.shape(x)) if d is None else d for d, x in zip(t, a)]),
             ("adj({0}) += adj({out})[i]",), "[ ]", "d[a, b] = [da, db]"),
    TensorOp("reshape", 1, _reshape_shape, lambda a, shape=(): np.reshape(a, shape),
             lambda g, out, a, shape=(), need=None: (np.reshape(g, np.shape(a)),),
             lambda t, out, a, shape=(): None if t[0] is None else np.reshape(t[0], shape),
             ("adj({0}) += reshape(adj({out}), {0}.shape)",), "reshape", "d reshape(A) = reshape(dA)"),
    TensorOp("take", 1, _take_shape, lambda a, idx=(): a[as_take(idx)], _take_vjp,
             lambda t, out, a, idx=(): None if t[0] is None else t[0][as_take(idx)],
             ("adj({0})[idx] += adj({out})",), "[ ]", "d(A[i]) = (dA)[i]"),
    TensorOp("amax", 1, _amax_shape, lambda a, axis=None, keepdims=False: np.max(a, axis=axis, keepdims=keepdims),
             _amax_vjp, _amax_jvp, ("adj({0}) += adj({out}) * ({0} == {out})",), "max",
             "d max(A) = dA at the argmax"),
]

EXTRA = {row.name: row for row in ROWS}


def row_of(op: str):
    """The row of ``op``: the tensor table's, else one of these (None for inputs and constants)."""
    return OPS.get(op) or EXTRA.get(op)


def frozen(value):
    if isinstance(value, (list, tuple)):
        return tuple(frozen(v) for v in value)
    return value


class CodeBuilder(Builder):
    """The tensor Builder, with the rows above beside the table's."""

    def apply(self, op: str, args, span=None, name=None, **params) -> int:
        if op in OPS:
            return super().apply(op, args, span=span, name=name, **params)
        row, args = EXTRA[op], tuple(args)
        params = tuple(sorted((k, frozen(v)) for k, v in params.items()))
        shape = row.shape(*(self.nodes[a].shape for a in args), **dict(params))
        if len(self.nodes) >= MAX_NODES:
            raise LimitError(f"the tensor program has more than {MAX_NODES:,} nodes")
        self.nodes.append(TNode(op, args, tuple(shape), params, name, span))
        return len(self.nodes) - 1

    def finish(self, output: int):
        graph = super().finish(output)
        graph.__dict__["plan"] = [(row_of(n.op), n.args, n.kw) for n in graph.nodes]   # the cached plan
        return graph
