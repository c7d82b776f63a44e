"""Symbolic tensor expressions for ``steps``: a small tree (``Sym``) with shapes, smart constructors that
simplify as they build (1 * e, (Aᵀ)ᵀ, the transpose of a vector, u @ M as Mᵀ @ u, like terms, a common
factor of two products, cancelled factors), the text in the tensor language, and a NumPy evaluator.

The trees are built from the table's rows (their VJP rule texts, parsed by our own parser), never from the
user's text; the evaluator lets ``steps`` verify the final form it shows against finite differences.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from symgraph.tensor.row import broadcast_shape, unbroadcast
from symgraph.tensor.table import OPS

_PREC = {"add": 10, "sub": 10, "mul": 20, "div": 20, "matmul": 20, "neg": 30, "pow": 40, "T": 50}
_SYMBOL = {"add": "+", "sub": "-", "mul": "*", "div": "/", "matmul": "@", "pow": "**"}


@dataclass(frozen=True)
class Sym:
    op: str                  # var num add sub mul div pow neg matmul T fn bcast unbroadcast opaque
    args: tuple = ()
    shape: tuple = ()
    value: object = None     # var: its name; num: the number; fn: (row name, params); opaque: the rule text

    @property
    def text(self) -> str:
        return render(self)

    @property
    def opaque(self) -> bool:
        return self.op == "opaque" or any(a.opaque for a in self.args)


def var(name: str, shape: tuple) -> Sym:
    return Sym("var", (), tuple(shape), name)


def num(value: float) -> Sym:
    return Sym("num", (), (), float(value))


def opaque(text: str, shape: tuple) -> Sym:
    return Sym("opaque", (), tuple(shape), text)


def _is_num(e: Sym, value=None) -> bool:
    return e.op == "num" and (value is None or e.value == value)


def add(a: Sym, b: Sym) -> Sym:
    if _is_num(a, 0.0):
        return b
    if _is_num(b, 0.0):
        return a
    if _is_num(a) and _is_num(b):
        return num(a.value + b.value)
    ca, ea = _coefficient(a)
    cb, eb = _coefficient(b)
    if ea == eb:                                         # like terms: x + x = 2 * x
        return mul(num(ca + cb), ea)
    if a.op == "matmul" and b.op == "matmul" and a.args[1] == b.args[1]:
        return matmul(add(a.args[0], b.args[0]), a.args[1])          # A @ x + B @ x = (A + B) @ x
    if a.op == "matmul" and b.op == "matmul" and a.args[0] == b.args[0]:
        return matmul(a.args[0], add(a.args[1], b.args[1]))
    if a.op == "T" and a.args[0] == b:                   # write A + A.T, not A.T + A
        a, b = b, a
    return Sym("add", (a, b), broadcast_shape(a.shape, b.shape, "+"))


def neg(a: Sym) -> Sym:
    if a.op == "neg":
        return a.args[0]
    if _is_num(a):
        return num(-a.value)
    return Sym("neg", (a,), a.shape)


def sub(a: Sym, b: Sym) -> Sym:
    if _is_num(a, 0.0):
        return neg(b)
    if _is_num(b, 0.0):
        return a
    if _is_num(a) and _is_num(b):
        return num(a.value - b.value)
    return Sym("sub", (a, b), broadcast_shape(a.shape, b.shape, "-"))


def _coefficient(e: Sym) -> tuple:
    """(c, rest) with e = c * rest."""
    if e.op == "mul" and _is_num(e.args[0]):
        return e.args[0].value, e.args[1]
    return 1.0, e


def _factors(e: Sym) -> list:
    return _factors(e.args[0]) + _factors(e.args[1]) if e.op == "mul" else [e]


def mul(a: Sym, b: Sym) -> Sym:
    if _is_num(a, 1.0) and b.shape == broadcast_shape(a.shape, b.shape, "*"):
        return b
    if _is_num(b, 1.0) and a.shape == broadcast_shape(a.shape, b.shape, "*"):
        return a
    if _is_num(a) and _is_num(b):
        return num(a.value * b.value)
    if _is_num(b):
        a, b = b, a                                       # the number first: 2 * x
    if _is_num(a) and b.op == "mul" and _is_num(b.args[0]):
        return mul(num(a.value * b.args[0].value), b.args[1])
    if a.op == "bcast" and broadcast_shape(a.args[0].shape, b.shape, "*") == b.shape == a.shape:
        return mul(a.args[0], b)                          # broadcast(s) * x = s * x
    if b.op == "bcast" and broadcast_shape(a.shape, b.args[0].shape, "*") == a.shape == b.shape:
        return mul(a, b.args[0])
    if not _is_num(a) and b.op == "mul" and _is_num(b.args[0]):
        return mul(b.args[0], mul(a, b.args[1]))
    if a.op == "mul" and _is_num(a.args[0]):
        return mul(a.args[0], mul(a.args[1], b))
    return Sym("mul", (a, b), broadcast_shape(a.shape, b.shape, "*"))


def div(a: Sym, b: Sym) -> Sym:
    if _is_num(b, 1.0):
        return a
    if _is_num(a) and _is_num(b) and b.value != 0:
        return num(a.value / b.value)
    if a.op == "bcast" and _is_num(b):                      # broadcast(1) / 5 = broadcast(0.2)
        return bcast(div(a.args[0], b), a.shape)
    factors = _factors(a)
    if b in factors and broadcast_shape(a.shape, b.shape, "/") == a.shape:     # (2 * n * x) / n = 2 * x
        factors.remove(b)
        out = factors[0]
        for f in factors[1:]:
            out = mul(out, f)
        return out if out.shape == a.shape else bcast(out, a.shape)
    return Sym("div", (a, b), broadcast_shape(a.shape, b.shape, "/"))


def power(a: Sym, b: Sym) -> Sym:
    if _is_num(b, 1.0):
        return a
    return Sym("pow", (a, b), broadcast_shape(a.shape, b.shape, "**"))


def transpose(a: Sym) -> Sym:
    if len(a.shape) < 2:
        return a                                          # the transpose of a vector is the vector
    if a.op == "T":
        return a.args[0]
    if a.op == "add":
        return add(transpose(a.args[0]), transpose(a.args[1]))
    return Sym("T", (a,), tuple(reversed(a.shape)))


def matmul(a: Sym, b: Sym) -> Sym:
    if a.op == "mul" and _is_num(a.args[0]):
        return mul(a.args[0], matmul(a.args[1], b))       # numbers come out: (2 * u) @ M = 2 * (u @ M)
    if b.op == "mul" and _is_num(b.args[0]):
        return mul(b.args[0], matmul(a, b.args[1]))
    if len(a.shape) == 1 and len(b.shape) == 2:
        return matmul(transpose(b), a)                    # uᵀ M = (Mᵀ u)ᵀ, a vector either way: Mᵀ @ u
    return Sym("matmul", (a, b), OPS["matmul"].shape(a.shape, b.shape))


def fn(row: str, args: tuple, params: tuple = ()) -> Sym:
    shape = OPS[row].shape(*(a.shape for a in args), **dict(params))
    return Sym("fn", tuple(args), tuple(shape), (row, tuple(params)))


def bcast(a: Sym, shape: tuple) -> Sym:
    return a if a.shape == tuple(shape) else Sym("bcast", (a,), tuple(shape))


def reduce_to(a: Sym, shape: tuple) -> Sym:
    """The adjoint summed back over the axes broadcasting added (unbroadcast; to a scalar: the sum)."""
    if a.shape == tuple(shape):
        return a
    return fn("sum", (a,)) if shape == () else Sym("unbroadcast", (a,), tuple(shape))


# --- text -------------------------------------------------------------------------------------------------

def _prec(e: Sym) -> int:
    return _PREC.get(e.op, 60)


def _wrap(child: Sym, parent: Sym, right: bool) -> str:
    text = render(child)
    p, c = _prec(parent), _prec(child)
    if child.op == "num" and child.value < 0 and p >= 20:
        return f"({text})"
    if not right and parent.op == "matmul" and child.op == "matmul" and len(child.shape) == 1:
        return f"({text})"                                # (A.T @ x) @ x: an inner product of two vectors
    if c > p or (c == p and not right and parent.op != "pow"):
        return text
    if c == p and right and ((parent.op, child.op) in {("add", "add"), ("add", "sub"), ("mul", "mul"),
                                                       ("matmul", "matmul")}
                             or parent.op == "mul" and parent.args[0].shape == () and child.op == "matmul"):
        return text
    return f"({text})"


def render(e: Sym) -> str:
    if e.op == "var":
        return e.value
    if e.op == "num":
        return f"{e.value:g}"
    if e.op == "opaque":
        return f"[{e.value}]"
    if e.op in _SYMBOL:
        return f"{_wrap(e.args[0], e, False)} {_SYMBOL[e.op]} {_wrap(e.args[1], e, True)}"
    if e.op == "neg":
        return "-" + _wrap(e.args[0], e, True)
    if e.op == "T":
        return _wrap(e.args[0], e, False) + ".T"
    if e.op == "bcast":
        return f"broadcast({render(e.args[0])}, {e.shape})"
    if e.op == "unbroadcast":
        return f"unbroadcast({render(e.args[0])}, {e.shape})"
    row, params = e.value
    extra = "".join(f", {k}={int(v) if isinstance(v, bool) else v}" for k, v in params)
    return f"{row}({', '.join(render(a) for a in e.args)}{extra})"


# --- numbers ----------------------------------------------------------------------------------------------

_NUMPY = {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide, "pow": np.power,
          "matmul": np.matmul}


def evaluate(e: Sym, point: dict) -> np.ndarray:
    """The value of ``e`` with NumPy, the inputs from ``point`` (an opaque part raises ValueError)."""
    if e.op == "opaque":
        raise ValueError(f"the rule {e.value} has no form to evaluate")
    if e.op == "var":
        return np.asarray(point[e.value], dtype=np.float64)
    if e.op == "num":
        return np.asarray(e.value)
    args = [evaluate(a, point) for a in e.args]
    if e.op in _NUMPY:
        return _NUMPY[e.op](*args)
    if e.op == "neg":
        return -args[0]
    if e.op == "T":
        return args[0].T
    if e.op == "bcast":
        return np.broadcast_to(args[0], e.shape)
    if e.op == "unbroadcast":
        return unbroadcast(np.broadcast_to(args[0], args[0].shape), e.shape)
    row, params = e.value
    return np.asarray(OPS[row].impl(*args, **dict(params)))
