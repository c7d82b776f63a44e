"""Elementwise rows: + - * / ** max min with NumPy's broadcasting, negation, and every scalar function.

Each row names the scalar primitive it reuses (``scalar``): the SymPy counterpart, the rule and the label
are read from that row. What a scalar row cannot give is the NumPy evaluation and the vectorized local
partial; those are written here once per function (and tests/tensor compare them with the scalar rows'
partials entry by entry).
"""
from __future__ import annotations

import numpy as np

from symgraph.tensor.row import TensorOp, broadcast_shape, unbroadcast


def _want(need, i: int) -> bool:
    return need is None or need[i]


def _sigmoid(a):
    return np.exp(-np.logaddexp(0.0, -a))


def _tie(name):
    def kinks(a, b):
        ties = int(np.count_nonzero(np.broadcast_to(a == b, np.broadcast_shapes(np.shape(a), np.shape(b)))))
        return (f"{name}: {ties} entr{'y ties' if ties == 1 else 'ies tie'}; the gradient is split 1/2 to each "
                "input there (PyTorch's convention)") if ties else None
    return kinks


def _kink_at_zero(name):
    def kinks(a):
        n = int(np.count_nonzero(a == 0))
        return f"{name}: {n} entr{'y is' if n == 1 else 'ies are'} exactly at the kink 0 (slope 0 there, " \
               "PyTorch's convention)" if n else None
    return kinks


def _routes(pick):
    """max / min: the adjoint goes to the chosen input; a tie splits it evenly."""
    def vjp(g, out, a, b, need=None):
        wa = np.where(a == b, 0.5, (pick(a, b) == a).astype(float))
        return (unbroadcast(g * wa, np.shape(a)) if _want(need, 0) else None,
                unbroadcast(g * (1.0 - wa), np.shape(b)) if _want(need, 1) else None)

    def jvp(t, out, a, b):
        wa = np.where(a == b, 0.5, (pick(a, b) == a).astype(float))
        return _sum_t([None if t[0] is None else wa * t[0], None if t[1] is None else (1.0 - wa) * t[1]])
    return vjp, jvp


def _sum_t(parts):
    parts = [p for p in parts if p is not None]
    if not parts:
        return None
    total = parts[0]
    for p in parts[1:]:
        total = total + p
    return total


def _pow_da(a, b, out):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(b == 0, 0.0, b * np.power(a, b - 1.0))


def _log_pos(a):
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(a > 0, np.log(np.where(a > 0, a, 1.0)), 0.0)


_BINARY = {
    # name: (symbol, impl, d/da (a, b, out), d/db, rules, matrix rule)
    "add": ("+", np.add, None, None, ("adj({0}) += adj({out})", "adj({1}) += adj({out})"), "d(A + B) = dA + dB"),
    "sub": ("-", np.subtract, None, None, ("adj({0}) += adj({out})", "adj({1}) -= adj({out})"),
            "d(A - B) = dA - dB"),
    "mul": ("*", np.multiply, lambda a, b, o: b, lambda a, b, o: a,
            ("adj({0}) += adj({out}) * {1}", "adj({1}) += adj({out}) * {0}"), "d(A ∘ B) = dA ∘ B + A ∘ dB"),
    "div": ("/", np.divide, lambda a, b, o: 1.0 / b, lambda a, b, o: -o / b,
            ("adj({0}) += adj({out}) / {1}", "adj({1}) -= adj({out}) * {out} / {1}"),
            "d(A / B) = dA / B - (A / B²) ∘ dB"),
    "pow": ("**", np.power, _pow_da, lambda a, b, o: o * _log_pos(a),
            ("adj({0}) += adj({out}) * {1} * {0} ** ({1} - 1)", "adj({1}) += adj({out}) * {out} * log({0})"),
            "d(A ** B) = B ∘ A ** (B - 1) ∘ dA + A ** B ∘ log(A) ∘ dB"),
}


def _binary(name, symbol, impl, da, db, rules, matrix_rule) -> TensorOp:
    def vjp(g, out, a, b, need=None):
        ga = gb = None
        if _want(need, 0):
            ga = unbroadcast(g if da is None else g * da(a, b, out), np.shape(a))
        if _want(need, 1):
            gb = g if db is None else g * db(a, b, out)
            gb = unbroadcast(-gb if name == "sub" else gb, np.shape(b))
        return ga, gb

    def jvp(t, out, a, b):
        ta = None if t[0] is None else (t[0] if da is None else t[0] * da(a, b, out))
        tb = None if t[1] is None else (t[1] if db is None else t[1] * db(a, b, out))
        if tb is not None and name == "sub":
            tb = -tb
        total = _sum_t([ta, tb])
        return None if total is None else np.broadcast_to(total, out.shape)

    return TensorOp(name, 2, lambda sa, sb: broadcast_shape(sa, sb, symbol), impl, vjp, jvp, rules, symbol,
                    matrix_rule, scalar=name)


# Unary functions: NumPy evaluation, and the local partial d out / d a from (a, out).
_UNARY = {
    "neg": (np.negative, lambda a, o: -1.0, "adj({0}) -= adj({out})"),
    "sin": (np.sin, lambda a, o: np.cos(a), "adj({0}) += adj({out}) * cos({0})"),
    "cos": (np.cos, lambda a, o: -np.sin(a), "adj({0}) -= adj({out}) * sin({0})"),
    "tan": (np.tan, lambda a, o: 1.0 + o * o, "adj({0}) += adj({out}) * (1 + {out}**2)"),
    "exp": (np.exp, lambda a, o: o, "adj({0}) += adj({out}) * {out}"),
    "log": (np.log, lambda a, o: 1.0 / a, "adj({0}) += adj({out}) / {0}"),
    "sqrt": (np.sqrt, lambda a, o: 0.5 / o, "adj({0}) += adj({out}) / (2 * {out})"),
    "abs": (np.abs, lambda a, o: np.sign(a), "adj({0}) += adj({out}) * sign({0})"),
    "tanh": (np.tanh, lambda a, o: 1.0 - o * o, "adj({0}) += adj({out}) * (1 - {out}**2)"),
    "sinh": (np.sinh, lambda a, o: np.cosh(a), "adj({0}) += adj({out}) * cosh({0})"),
    "cosh": (np.cosh, lambda a, o: np.sinh(a), "adj({0}) += adj({out}) * sinh({0})"),
    "asin": (np.arcsin, lambda a, o: 1.0 / np.sqrt(1.0 - a * a), "adj({0}) += adj({out}) / sqrt(1 - {0}**2)"),
    "acos": (np.arccos, lambda a, o: -1.0 / np.sqrt(1.0 - a * a), "adj({0}) -= adj({out}) / sqrt(1 - {0}**2)"),
    "atan": (np.arctan, lambda a, o: 1.0 / (1.0 + a * a), "adj({0}) += adj({out}) / (1 + {0}**2)"),
    "sigmoid": (_sigmoid, lambda a, o: o * (1.0 - o), "adj({0}) += adj({out}) * {out} * (1 - {out})"),
    "relu": (lambda a: np.maximum(a, 0.0), lambda a, o: a > 0, "adj({0}) += adj({out}) * ({0} > 0)"),
    "softplus": (lambda a: np.logaddexp(0.0, a), lambda a, o: _sigmoid(a), "adj({0}) += adj({out}) * sigmoid({0})"),
    "sign": (np.sign, lambda a, o: np.zeros_like(a), "adj({0}) += 0"),
    "asinh": (np.arcsinh, lambda a, o: 1.0 / np.sqrt(1.0 + a * a), "adj({0}) += adj({out}) / sqrt({0}**2 + 1)"),
    "acosh": (np.arccosh, lambda a, o: 1.0 / np.sqrt(a * a - 1.0), "adj({0}) += adj({out}) / sqrt({0}**2 - 1)"),
    "atanh": (np.arctanh, lambda a, o: 1.0 / (1.0 - a * a), "adj({0}) += adj({out}) / (1 - {0}**2)"),
    "sec": (lambda a: 1.0 / np.cos(a), lambda a, o: o * np.tan(a), "adj({0}) += adj({out}) * {out} * tan({0})"),
    "csc": (lambda a: 1.0 / np.sin(a), lambda a, o: -o / np.tan(a), "adj({0}) -= adj({out}) * {out} / tan({0})"),
    "cot": (lambda a: 1.0 / np.tan(a), lambda a, o: -(1.0 + o * o), "adj({0}) -= adj({out}) * (1 + {out}**2)"),
}
_KINKS = {"relu": _kink_at_zero("relu"), "abs": _kink_at_zero("abs"), "sign": _kink_at_zero("sign")}


def _unary(name, impl, partial, rule) -> TensorOp:
    def vjp(g, out, a, need=None):
        return (g * partial(a, out),) if _want(need, 0) else (None,)

    def jvp(t, out, a):
        return None if t[0] is None else t[0] * partial(a, out)

    matrix = f"d {name}(A) = {name}'(A) ∘ dA" if name != "neg" else "d(-A) = -dA"
    return TensorOp(name, 1, lambda s: tuple(s), impl, vjp, jvp, (rule,), None, matrix,
                    scalar=name, kinks=_KINKS.get(name))


_MAX_VJP, _MAX_JVP = _routes(np.maximum)
_MIN_VJP, _MIN_JVP = _routes(np.minimum)

ROWS = [_binary(name, *spec) for name, spec in _BINARY.items()]
ROWS += [_unary(name, *spec) for name, spec in _UNARY.items()]
ROWS += [
    TensorOp("maximum", 2, lambda sa, sb: broadcast_shape(sa, sb, "max"), np.maximum, _MAX_VJP, _MAX_JVP,
             ("adj({0}) += adj({out}) * ({0} > {1})", "adj({1}) += adj({out}) * ({1} > {0})"), "max",
             "d max(A, B) = [A > B] ∘ dA + [B > A] ∘ dB", scalar="max", kinks=_tie("max")),
    TensorOp("minimum", 2, lambda sa, sb: broadcast_shape(sa, sb, "min"), np.minimum, _MIN_VJP, _MIN_JVP,
             ("adj({0}) += adj({out}) * ({0} < {1})", "adj({1}) += adj({out}) * ({1} < {0})"), "min",
             "d min(A, B) = [A < B] ∘ dA + [B < A] ∘ dB", scalar="min", kinks=_tie("min")),
]

# The scalar language's operators and the elementwise rows they become.
OPERATORS = {"+": "add", "-": "sub", "*": "mul", "/": "div", "**": "pow", "^": "pow"}
# Function names a program may call elementwise -> row (max and min with two arguments).
FUNCTIONS = {row.name: row.name for row in ROWS if row.arity == 1 and row.name != "neg"}
FUNCTIONS.update({"ln": "log", "max": "maximum", "min": "minimum", "pow": "pow"})
