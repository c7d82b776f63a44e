"""Reductions and the softmax family: sum, mean, amax (over all entries or one axis, keepdims as NumPy's),
norm, softmax, log_softmax, logsumexp."""
from __future__ import annotations

import numpy as np

from symgraph.tensor.row import TensorOp, TShapeError, norm_axis


def _want(need, i: int) -> bool:
    return need is None or need[i]


def _reduced(name):
    def shape(a, axis=None):
        ax = norm_axis(axis, len(a), name, a)
        return () if ax is None else a[:ax] + a[ax + 1:]
    return shape


def _kept(name):
    """The shape rule of a reduction that takes keepdims (the reduced axes stay, of size 1)."""
    def shape(a, axis=None, keepdims=False):
        ax = norm_axis(axis, len(a), name, a)
        if not keepdims:
            return () if ax is None else a[:ax] + a[ax + 1:]
        return tuple(1 for _ in a) if ax is None else a[:ax] + (1,) + a[ax + 1:]
    return shape


def _spread(g, shape, axis, keepdims=False):
    """The adjoint of a reduction, broadcast back over the reduced axis (a read-only view, no copy)."""
    if axis is not None and not keepdims:
        g = np.expand_dims(g, axis)
    return np.broadcast_to(g, shape)


def _count(shape, axis) -> int:
    return int(np.prod(shape)) if axis is None else shape[axis]


def _sum_vjp(g, out, a, axis=None, keepdims=False, need=None):
    return (_spread(g, a.shape, axis, keepdims) if _want(need, 0) else None,)


def _mean_vjp(g, out, a, axis=None, keepdims=False, need=None):
    return (_spread(g / _count(a.shape, axis), a.shape, axis, keepdims) if _want(need, 0) else None,)


def _obj_reduce(combine, alg, a, axis=None, keepdims=False):
    """A reduction of an object array with ``combine(alg, items)``, kept dims as NumPy keeps them."""
    if axis is None:
        out = np.asarray(combine(alg, list(a.ravel())), dtype=object)
        return out.reshape((1,) * a.ndim) if keepdims else out
    moved = np.moveaxis(a, axis, 0)
    out = np.empty(moved.shape[1:], dtype=object)
    for pos in np.ndindex(out.shape):
        out[pos] = combine(alg, [moved[(k,) + pos] for k in range(moved.shape[0])])
    return np.expand_dims(out, axis) if keepdims else out


def _obj_sum(alg, a, axis=None, keepdims=False):
    return _obj_reduce(lambda al, items: al.total(items), alg, a, axis, keepdims)


def _obj_mean(alg, a, axis=None, keepdims=False):
    n = _count(a.shape, axis)
    return np.vectorize(lambda s: s / n, otypes=[object])(_obj_sum(alg, a, axis, keepdims))


def _max_of(alg, items):
    top = items[0]
    for item in items[1:]:
        top = alg.fn("max", top, item)
    return top


# --- amax: the largest entry (over all, or along one axis); a tie shares the adjoint evenly --------------------

def _hits(a, out, axis, keepdims):
    top = out if keepdims or axis is None else np.expand_dims(out, axis)
    hit = (a == top).astype(float)
    return hit / hit.sum(axis=axis, keepdims=True)


def _amax_vjp(g, out, a, axis=None, keepdims=False, need=None):
    if not _want(need, 0):
        return (None,)
    return (_spread(g, a.shape, axis, keepdims) * _hits(a, out, axis, keepdims),)


def _amax_jvp(t, out, a, axis=None, keepdims=False):
    if t[0] is None:
        return None
    return np.sum(t[0] * _hits(a, out, axis, keepdims), axis=axis, keepdims=keepdims)


def _amax_kinks(a, axis=None, keepdims=False):
    hit = a == np.max(a, axis=axis, keepdims=True)
    ties = int(np.count_nonzero(hit.sum(axis=axis) > 1))
    return (f"max: {ties} tie{'' if ties == 1 else 's'} for the largest entry; the gradient is shared evenly "
            "among the tied entries") if ties else None


def _norm_vjp(g, out, a, need=None):
    if not _want(need, 0):
        return (None,)
    return (np.zeros_like(a) if out == 0 else g * a / out,)


def _norm(a):
    """sqrt(sum(a*a)), scaled by the largest entry so that tiny or huge entries do not underflow or overflow."""
    m = float(np.max(np.abs(a))) if a.size else 0.0
    if m == 0.0 or not np.isfinite(m):
        return np.sqrt(np.sum(a * a))
    return np.asarray(m * np.sqrt(np.sum((a / m) ** 2)))


def _norm_kink(a):
    return ("norm: the argument is the zero vector, where the norm has no gradient (the graph uses 0, a "
            "subgradient)") if not np.any(a) else None


def _obj_norm(alg, a):
    return np.asarray(alg.fn("sqrt", alg.total([v * v for v in a.ravel()])), dtype=object)


# --- the softmax family, along one axis (softmax, log_softmax: the last by default) -------------------------

def _softmax(a, axis=-1):
    e = np.exp(a - a.max(axis=axis, keepdims=True))
    return e / e.sum(axis=axis, keepdims=True)


def _logsumexp(a, axis=None):
    m = a.max(axis=axis, keepdims=True)
    out = np.log(np.exp(a - m).sum(axis=axis, keepdims=True)) + m
    return out.reshape(()) if axis is None else np.squeeze(out, axis=axis)


def _softmax_vjp(g, out, a, axis=-1, need=None):
    return (out * (g - (g * out).sum(axis=axis, keepdims=True)) if _want(need, 0) else None,)


def _softmax_jvp(t, out, a, axis=-1):
    return None if t[0] is None else out * (t[0] - (t[0] * out).sum(axis=axis, keepdims=True))


def _log_softmax_vjp(g, out, a, axis=-1, need=None):
    return (g - np.exp(out) * g.sum(axis=axis, keepdims=True) if _want(need, 0) else None,)


def _log_softmax_jvp(t, out, a, axis=-1):
    return None if t[0] is None else t[0] - (np.exp(out) * t[0]).sum(axis=axis, keepdims=True)


def _lse_vjp(g, out, a, axis=None, need=None):
    if not _want(need, 0):
        return (None,)
    return (_spread(g, a.shape, axis) * np.exp(a - _spread(out, a.shape, axis)),)


def _lse_jvp(t, out, a, axis=None):
    return None if t[0] is None else (np.exp(a - _spread(out, a.shape, axis)) * t[0]).sum(axis=axis)


def _along(fn):
    """An object-array expansion of a softmax-family op along ``axis`` (exp, log and sums, no shift)."""
    def expand(alg, a, axis=-1):
        moved = np.moveaxis(a, axis, -1)
        out = np.empty(moved.shape, dtype=object)
        for pos in np.ndindex(moved.shape[:-1]):
            for k, term in enumerate(fn(alg, list(moved[pos]))):
                out[pos + (k,)] = term
        return np.moveaxis(out, -1, axis)
    return expand


def _lse_terms(alg, xs):
    return alg.fn("log", alg.total([alg.fn("exp", x) for x in xs]))


def _softmax_terms(alg, xs):
    total = alg.total([alg.fn("exp", x) for x in xs])
    return [alg.fn("exp", x) / total for x in xs]


def _log_softmax_terms(alg, xs):
    lse = _lse_terms(alg, xs)
    return [x - lse for x in xs]


def _lse_expand(alg, a, axis=None):
    if axis is None:
        return np.asarray(_lse_terms(alg, list(a.ravel())), dtype=object)
    moved = np.moveaxis(a, axis, -1)
    out = np.empty(moved.shape[:-1], dtype=object)
    for pos in np.ndindex(out.shape):
        out[pos] = _lse_terms(alg, list(moved[pos]))
    return out


def _same_with_axis(name):
    def shape(a, axis=-1):
        if not a:
            raise TShapeError(f"{name} needs an array of at least one axis (its argument is a scalar)")
        norm_axis(axis, len(a), name, a)
        return tuple(a)
    return shape


ROWS = [
    TensorOp("sum", 1, _kept("sum"), lambda a, axis=None, keepdims=False: a.sum(axis=axis, keepdims=keepdims),
             _sum_vjp, lambda t, out, a, axis=None, keepdims=False: None if t[0] is None else t[0].sum(
                 axis=axis, keepdims=keepdims),
             ("adj({0}) += broadcast(adj({out}))",), "sum", "d sum(A) = sum(dA)", expand=_obj_sum),
    TensorOp("mean", 1, _kept("mean"), lambda a, axis=None, keepdims=False: a.mean(axis=axis, keepdims=keepdims),
             _mean_vjp, lambda t, out, a, axis=None, keepdims=False: None if t[0] is None else t[0].mean(
                 axis=axis, keepdims=keepdims),
             ("adj({0}) += broadcast(adj({out})) / n",), "mean", "d mean(A) = mean(dA)", expand=_obj_mean),
    TensorOp("amax", 1, _kept("max"), lambda a, axis=None, keepdims=False: np.max(a, axis=axis, keepdims=keepdims),
             _amax_vjp, _amax_jvp, ("adj({0}) += broadcast(adj({out})) * ({0} == {out}) / ties",), "max",
             "d max(A) = dA at the argmax", kinks=_amax_kinks,
             expand=lambda alg, a, axis=None, keepdims=False: _obj_reduce(_max_of, alg, a, axis, keepdims)),
    TensorOp("norm", 1, lambda a: (), _norm, _norm_vjp,
             lambda t, out, a: None if t[0] is None else (np.zeros(()) if out == 0 else np.sum(a * t[0]) / out),
             ("adj({0}) += adj({out}) * {0} / {out}",), "‖·‖", "d‖A‖ = <A, dA> / ‖A‖", expand=_obj_norm,
             kinks=_norm_kink),
    TensorOp("softmax", 1, _same_with_axis("softmax"), _softmax, _softmax_vjp, _softmax_jvp,
             ("adj({0}) += {out} * (adj({out}) - sum(adj({out}) * {out}))",), "softmax",
             "d softmax(z) = (diag(s) - s sᵀ) dz", expand=_along(_softmax_terms)),
    TensorOp("log_softmax", 1, _same_with_axis("log_softmax"), lambda a, axis=-1: a - np.expand_dims(
             _logsumexp(a, axis), axis), _log_softmax_vjp, _log_softmax_jvp,
             ("adj({0}) += adj({out}) - exp({out}) * sum(adj({out}))",), "log_softmax",
             "d log_softmax(z) = (I - 1 sᵀ) dz", expand=_along(_log_softmax_terms)),
    TensorOp("logsumexp", 1, _reduced("logsumexp"), _logsumexp, _lse_vjp, _lse_jvp,
             ("adj({0}) += adj({out}) * exp({0} - {out})",), "logsumexp", "d logsumexp(z) = softmax(z)ᵀ dz",
             expand=_lse_expand),
]
