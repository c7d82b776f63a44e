"""Linear-algebra rows: matmul (@), dot, outer, transpose (.T) and constant indexing (w[0], X[:, 0])."""
from __future__ import annotations

import numpy as np

from symgraph.tensor.row import TensorOp, TShapeError, shape_text


def _want(need, i: int) -> bool:
    return need is None or need[i]


def _matmul_shape(a: tuple, b: tuple) -> tuple:
    pair = f"{shape_text(a)} @ {shape_text(b)}"
    if not a or not b:
        raise TShapeError(f"{pair}: @ needs arrays of at least one axis (use * for a scalar)")
    if len(a) > 2 or len(b) > 2:
        raise TShapeError(f"{pair}: @ takes vectors and matrices (at most 2 axes)")
    if a[-1] != b[0]:
        raise TShapeError(f"{pair}: the inner sizes {a[-1]} and {b[0]} differ")
    return a[:-1] + b[1:]


def _matmul_vjp(g, out, a, b, need=None):
    ga = gb = None
    if _want(need, 0):
        ga = g * b if a.ndim == 1 and b.ndim == 1 else (
            np.outer(g, b) if b.ndim == 1 else (b @ g if a.ndim == 1 else g @ b.T))
    if _want(need, 1):
        gb = g * a if a.ndim == 1 and b.ndim == 1 else (
            a.T @ g if b.ndim == 1 else (np.outer(a, g) if a.ndim == 1 else a.T @ g))
    return ga, gb


def _matmul_jvp(t, out, a, b):
    parts = [t[0] @ b if t[0] is not None else None, a @ t[1] if t[1] is not None else None]
    parts = [p for p in parts if p is not None]
    return None if not parts else (parts[0] + parts[1] if len(parts) == 2 else parts[0])


def _matmul_rules(sa, sb) -> tuple:
    if len(sa) == 1 and len(sb) == 1:
        return ("adj({0}) += adj({out}) * {1}", "adj({1}) += adj({out}) * {0}")
    if len(sb) == 1:
        return ("adj({0}) += outer(adj({out}), {1})", "adj({1}) += {0}.T @ adj({out})")
    if len(sa) == 1:
        return ("adj({0}) += {1} @ adj({out})", "adj({1}) += outer({0}, adj({out}))")
    return ("adj({0}) += adj({out}) @ {1}.T", "adj({1}) += {0}.T @ adj({out})")


def _dot_shape(a, b):
    if len(a) != 1 or len(b) != 1:
        raise TShapeError(f"dot({shape_text(a)}, {shape_text(b)}): dot takes two vectors (use @ for matrices)")
    if a != b:
        raise TShapeError(f"dot({shape_text(a)}, {shape_text(b)}): the sizes {a[0]} and {b[0]} differ")
    return ()


def _outer_shape(a, b):
    if len(a) != 1 or len(b) != 1:
        raise TShapeError(f"outer({shape_text(a)}, {shape_text(b)}): outer takes two vectors")
    return (a[0], b[0])


def _outer_vjp(g, out, a, b, need=None):
    return (g @ b if _want(need, 0) else None, a @ g if _want(need, 1) else None)


def _outer_jvp(t, out, a, b):
    parts = [np.outer(t[0], b) if t[0] is not None else None, np.outer(a, t[1]) if t[1] is not None else None]
    parts = [p for p in parts if p is not None]
    return None if not parts else sum(parts[1:], parts[0])


def _transpose_shape(a):
    return tuple(reversed(a))


def _obj_matmul(alg, a, b):
    """matmul of object arrays written as sums of products (NumPy's object matmul, kept explicit)."""
    a2 = a.reshape(1, -1) if a.ndim == 1 else a
    b2 = b.reshape(-1, 1) if b.ndim == 1 else b
    out = np.empty((a2.shape[0], b2.shape[1]), dtype=object)
    for i in range(a2.shape[0]):
        for j in range(b2.shape[1]):
            out[i, j] = alg.total([a2[i, k] * b2[k, j] for k in range(a2.shape[1])])
    return out.reshape(tuple(a.shape[:-1]) + tuple(b.shape[1:]))


# --- indexing: params idx = a tuple of ints and ("slice", start, stop, step) items --------------------------

def as_index(idx: tuple) -> tuple:
    """The static index as NumPy reads it."""
    return tuple(slice(*item[1:]) if isinstance(item, tuple) else item for item in idx)


def _index_shape(a, idx=()):
    if len(idx) > len(a):
        raise TShapeError(f"{len(idx)} indices for an array of shape {shape_text(a)} ({len(a)} axes)")
    for axis, item in enumerate(idx):
        if not isinstance(item, tuple) and not -a[axis] <= item < a[axis]:
            raise TShapeError(f"index {item} is out of range for axis {axis} of size {a[axis]} "
                              f"(shape {shape_text(a)})")
    return np.broadcast_to(np.empty((), dtype=np.int8), a)[as_index(idx)].shape


def _index_vjp(g, out, a, idx=(), need=None):
    if not _want(need, 0):
        return (None,)
    full = np.zeros(a.shape)
    full[as_index(idx)] = g
    return (full,)


# --- pick(P, y): P[i, y[i]] per row, y integer class labels (cross-entropy: -mean(pick(log_softmax(Z), y))) ----

def _pick_shape(a, y):
    if len(a) != 2 or len(y) != 1 or a[0] != y[0]:
        raise TShapeError(f"pick({shape_text(a)}, {shape_text(y)}): pick takes a matrix (N, C) and N integer labels")
    return (a[0],)


def labels_of(a, y) -> np.ndarray:
    """The labels as int64, or a DomainError when one is not a whole number in [0, C)."""
    from symgraph.errors import DomainError

    k = y.astype(np.int64)
    if not np.array_equal(k, y) or (k.size and (k.min() < 0 or k.max() >= a.shape[1])):
        raise DomainError(f"pick: labels must be whole numbers from 0 to {a.shape[1] - 1} (found {y.tolist()[:8]})")
    return k


def _pick_vjp(g, out, a, y, need=None):
    if not _want(need, 0):
        return (None, None)
    full = np.zeros(a.shape)
    full[np.arange(a.shape[0]), labels_of(a, y)] = g
    return (full, None)


def _pick_expand(alg, a, y):
    return np.array([a[i, int(y[i])] for i in range(a.shape[0])], dtype=object)


ROWS = [
    TensorOp("matmul", 2, _matmul_shape, np.matmul, _matmul_vjp, _matmul_jvp,
             _matmul_rules((2, 2), (2, 2)), "@", "d(A B) = dA B + A dB", expand=_obj_matmul, rules_at=_matmul_rules),
    TensorOp("dot", 2, _dot_shape, np.dot, _matmul_vjp, _matmul_jvp,
             ("adj({0}) += adj({out}) * {1}", "adj({1}) += adj({out}) * {0}"), "dot", "d(u·v) = du·v + u·dv",
             expand=_obj_matmul),
    TensorOp("outer", 2, _outer_shape, np.outer, _outer_vjp, _outer_jvp,
             ("adj({0}) += adj({out}) @ {1}", "adj({1}) += {0} @ adj({out})"), "outer",
             "d(u vᵀ) = du vᵀ + u dvᵀ", expand=lambda alg, a, b: np.multiply.outer(a, b)),
    TensorOp("transpose", 1, _transpose_shape, np.transpose,
             lambda g, out, a, need=None: (g.T if _want(need, 0) else None,), lambda t, out, a: None if t[0] is None
             else t[0].T, ("adj({0}) += adj({out}).T",), "ᵀ", "d(Aᵀ) = (dA)ᵀ", expand=lambda alg, a: a.T),
    TensorOp("index", 1, _index_shape, lambda a, idx=(): a[as_index(idx)], _index_vjp,
             lambda t, out, a, idx=(): None if t[0] is None else t[0][as_index(idx)],
             ("adj({0})[{idx}] += adj({out})",), "[ ]", "d(A[i]) = (dA)[i]",
             expand=lambda alg, a, idx=(): np.asarray(a[as_index(idx)], dtype=object)),
    TensorOp("pick", 2, _pick_shape, lambda a, y: a[np.arange(a.shape[0]), labels_of(a, y)], _pick_vjp,
             lambda t, out, a, y: None if t[0] is None else t[0][np.arange(a.shape[0]), labels_of(a, y)],
             ("adj({0})[i, {1}[i]] += adj({out})[i]", "(labels: no gradient)"), "pick",
             "d P[i, y_i] = dP[i, y_i]", expand=_pick_expand, labels=(1,)),
]
