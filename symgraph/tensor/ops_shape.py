"""Rows that move entries without arithmetic: reshape, stack (a list of arrays as one array) and take
(indexing with constant integer arrays, ``scores[np.arange(N), y]`` or ``x[[0, 2, 2]]``)."""
from __future__ import annotations

import numpy as np

from symgraph.tensor.row import TensorOp, TShapeError, shape_text


def _want(need, i: int) -> bool:
    return need is None or need[i]


# --- reshape: params shape = the new shape (its size is the argument's) ---------------------------------------

def _reshape_shape(a, shape=()):
    if int(np.prod(a)) != int(np.prod(shape)) or any(n < 0 for n in shape):
        raise TShapeError(f"cannot reshape {shape_text(a)} into {shape_text(shape)}: "
                          f"{int(np.prod(a))} and {int(np.prod(shape))} entries")
    return tuple(shape)


def _reshape_vjp(g, out, a, shape=(), need=None):
    return (np.reshape(g, np.shape(a)) if _want(need, 0) else None,)


# --- stack: any number of arrays of one shape, along a new first axis -------------------------------------------

def _stack_shape(*shapes):
    if not shapes:
        raise TShapeError("stack needs at least one array")
    if any(s != shapes[0] for s in shapes):
        raise TShapeError("a list of arrays of shapes " + ", ".join(shape_text(s) for s in shapes) + " is ragged")
    return (len(shapes),) + tuple(shapes[0])


def _stack_vjp(g, out, *args, need=None):
    return tuple(g[k] if _want(need, k) else None for k in range(len(args)))


def _stack_jvp(t, out, *args):
    if all(x is None for x in t):
        return None
    return np.stack([np.zeros(np.shape(a)) if d is None else d for d, a in zip(t, args)])


# --- take: params idx = ints, ("slice", start, stop, step), ("ints", shape, values) and None (a new axis) -------

def as_take(idx: tuple) -> tuple:
    """The static index as NumPy reads it (integer arrays rebuilt from their ("ints", shape, values) form)."""
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
    if not _want(need, 0):
        return (None,)
    full = np.zeros(np.shape(a))
    np.add.at(full, as_take(idx), g)           # an entry taken twice gets both adjoints
    return (full,)


ROWS = [
    TensorOp("reshape", 1, _reshape_shape, lambda a, shape=(): np.reshape(a, shape), _reshape_vjp,
             lambda t, out, a, shape=(): None if t[0] is None else np.reshape(t[0], shape),
             ("adj({0}) += reshape(adj({out}), {0}.shape)",), "reshape", "d reshape(A) = reshape(dA)",
             expand=lambda alg, a, shape=(): a.reshape(shape)),
    TensorOp("stack", 2, _stack_shape, lambda *a: np.stack(a), _stack_vjp, _stack_jvp,
             ("adj({0}) += adj({out})[k]",), "[ ]", "d[A, B] = [dA, dB]",
             expand=lambda alg, *a: np.stack(a), rules_at=lambda *shapes: tuple(
                 f"adj({{{k}}}) += adj({{out}})[{k}]" for k in range(len(shapes)))),
    TensorOp("take", 1, _take_shape, lambda a, idx=(): a[as_take(idx)], _take_vjp,
             lambda t, out, a, idx=(): None if t[0] is None else t[0][as_take(idx)],
             ("adj({0})[{idx}] += adj({out})",), "[ ]", "d(A[i]) = (dA)[i]",
             expand=lambda alg, a, idx=(): np.asarray(a[as_take(idx)], dtype=object)),
]
