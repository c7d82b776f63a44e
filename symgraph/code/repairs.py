"""A gradient line that does not run, repaired one way at a time: which reading of it is the true gradient?

A product whose factors are in the wrong order, or a transposed term added to a right one, stops the line
with a shape error (``dW2 = dscores.dot(hidden.T) + 2 * reg * W2``). Each repair is a row's shape rule
applied the other way at the failing operation (its operands reordered, or one of them transposed); the
interpreter re-reads the whole line with it (interp.Machine.repaired), and a line whose repaired value is
the true gradient gets that mistake's id. Only the failing operation changes: the rest of the line is as
written.
"""
from __future__ import annotations

import numpy as np

from symgraph.code.mistakes import close
from symgraph.tensor.table import OPS

PRODUCTS = ("matmul", "dot")
ELEMENTWISE = ("add", "sub", "mul", "div", "maximum", "minimum")


def _product(order):
    def fix(op, values):
        if op not in PRODUCTS or len(values) != 2:
            return None
        a, b = (np.asarray(v, dtype=np.float64) for v in values)
        if a.ndim != 2 or b.ndim != 2:
            return None
        x, y = order(a, b)
        return x @ y if x.shape[1] == y.shape[0] else None
    return fix


def _transposed(k):
    def fix(op, values):
        if op not in ELEMENTWISE or len(values) != 2:
            return None
        args = [np.asarray(v, dtype=np.float64) for v in values]
        if args[k].ndim != 2 or args[k].shape[::-1] != args[1 - k].shape or args[k].shape == args[1 - k].shape:
            return None
        args[k] = args[k].T
        return np.asarray(OPS[op].impl(*args), dtype=np.float64)
    return fix


REPAIRS = [
    ("matmul-order", _product(lambda a, b: (b, a))),
    ("matmul-order", _product(lambda a, b: (b.T, a))),
    ("matmul-order", _product(lambda a, b: (b, a.T))),
    ("transpose-missing", _product(lambda a, b: (a, b.T))),
    ("transpose-missing", _product(lambda a, b: (a.T, b))),
    ("transpose-missing", _transposed(0)),
    ("transpose-missing", _transposed(1)),
]
TEXTS = {"matmul-order": "with the factors of its product in the other order the line gives the true gradient",
         "transpose-missing": "with one term transposed the line gives the true gradient"}


def fitting(values: list, truth, close) -> dict | None:
    """The first repair whose value is the true gradient (``close(value, truth)``), as a diagnosis."""
    for mistake, value in values:
        if close(value, truth):
            return {"mistake": mistake, "text": TEXTS[mistake]}
    return None


def diagnose_failure(failure, truth, scale: float, names: dict) -> dict | None:
    """A gradient line whose product does not run: does reordering or transposing its factors give the
    true gradient? (The matmul row's shape rule, applied to the factors in another order.)"""
    if failure is None or failure[0] not in ("matmul", "dot"):
        return None
    a, b = (np.asarray(v, dtype=np.float64) for v in failure[1])
    if a.ndim != 2 or b.ndim != 2:
        return None
    info = {"var": names.get("var", "the input"), "shape": (), "expected": tuple(np.shape(truth)), "n": "N"}
    for mistake, x, y in (("matmul-order", b, a), ("matmul-order", b.T, a), ("matmul-order", b, a.T),
                          ("transpose-missing", a, b.T), ("transpose-missing", a.T, b)):
        if x.shape[1] == y.shape[0] and x.shape[0] * y.shape[1] == np.size(truth):
            if close((x @ y).reshape(np.shape(truth)), truth, scale):
                fix = "the factors in the other order" if mistake == "matmul-order" else "one factor transposed"
                return {"mistake": mistake, "text": f"with {fix} the product is the true gradient"}
    return None
