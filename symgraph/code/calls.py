"""The calls the interpreter reads: ``np.*`` and ``math.*`` functions, array methods and a few built-ins.

Each differentiable call becomes a tensor row through ``machine.op`` (np.dot -> matmul, np.sum -> sum,
np.maximum -> maximum, np.exp -> exp, ...); constructors (np.zeros_like, np.arange) and integer results
(np.argmax) are plain arrays, never on the graph.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from symgraph.code.values import Labels, Traced, check_size, plain, truthy

ELEMENTWISE = {"exp": "exp", "log": "log", "sqrt": "sqrt", "tanh": "tanh", "abs": "abs", "fabs": "abs",
               # the table's trig and hyperbolic rows, under NumPy's (arcsin) and math's (asin) names
               **{f: f for f in ("sin", "cos", "tan", "sinh", "cosh", "asin", "acos", "atan", "asinh", "acosh",
                                 "atanh")},
               **{"arc" + f: "a" + f for f in ("sin", "cos", "tan", "sinh", "cosh", "tanh")}}
CONSTANTS = {"pi": np.pi, "e": np.e, "newaxis": None}


@dataclass(frozen=True)
class Module:
    name: str          # "numpy" or "math"

    def attribute(self, attr, node, machine):
        if attr in CONSTANTS:
            return CONSTANTS[attr]
        return ModuleFunction(self.name, attr)


@dataclass(frozen=True)
class ModuleFunction:
    module: str
    name: str


@dataclass(frozen=True)
class Builtin:
    name: str


@dataclass(eq=False)
class Method:
    base: object
    name: str


@dataclass(eq=False)
class Function:
    """A ``def`` of the file: its node and the scope it was defined in."""
    node: object
    scope: object

    @property
    def name(self) -> str:
        return self.node.name


def as_int(value, machine, node) -> int:
    value = plain(value)
    if isinstance(value, (bool, np.bool_)):
        return int(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating, np.ndarray)) and np.ndim(value) == 0 and float(value).is_integer():
        return int(value)
    raise machine.refuse(node, f"an integer is needed here, not {value!r}"[:120])


def to_array(value, machine, node) -> np.ndarray:
    """The array behind ``value`` (a Traced's value, a number as a 0-d array)."""
    value = plain(value)
    if isinstance(value, (np.ndarray, np.number, int, float, bool)):
        return np.asarray(value)
    raise machine.refuse(node, f"an array is needed here, not a {type(value).__name__}")


def _shape_arg(args, machine, node) -> tuple:
    shape = args[0] if len(args) == 1 else tuple(args)
    shape = shape if isinstance(shape, (tuple, list)) else (shape,)
    return tuple(as_int(n, machine, node) for n in shape)


def _resolve(shape: tuple, size: int, machine, node) -> tuple:
    if shape.count(-1) == 1:
        rest = int(np.prod([n for n in shape if n != -1]))
        if rest == 0 or size % rest:
            raise machine.refuse(node, f"cannot reshape {size} entries into {shape}")
        shape = tuple(size // rest if n == -1 else n for n in shape)
    if int(np.prod(shape)) != size or any(n < 0 for n in shape):
        raise machine.refuse(node, f"cannot reshape {size} entries into {shape}")
    return shape


def reduce(machine, op, value, axis, keepdims, node):
    """sum / mean / max over all entries or one axis (the table's rows, keepdims as NumPy's)."""
    to_array(value, machine, node)
    axis = None if axis is None else as_int(axis, machine, node)
    return machine.op(op, [value], node, axis=axis, **({"keepdims": True} if keepdims else {}))


def _dot(machine, a, b, node):
    if np.ndim(plain(a)) == 0 or np.ndim(plain(b)) == 0:
        return machine.op("mul", [a, b], node)
    return machine.op("matmul", [a, b], node)


def _where(machine, cond, a, b, node):
    mask = np.asarray(plain(cond)).astype(np.float64)
    return machine.op("add", [machine.op("mul", [a, mask], node), machine.op("mul", [b, 1.0 - mask], node)], node)


def _plain_new(machine, node, make, shape):
    check_size(shape)
    return make(shape)


def numpy_call(machine, name, args, kw, node):
    m = machine
    if name in ELEMENTWISE:
        return m.op(ELEMENTWISE[name], [args[0]], node)
    if name in ("dot", "matmul"):
        return _dot(m, args[0], args[1], node) if name == "dot" else m.op("matmul", args[:2], node)
    if name in ("sum", "mean", "max"):
        op = {"max": "amax"}.get(name, name)
        return reduce(m, op, args[0], kw.get("axis", args[1] if len(args) > 1 else None), kw.get("keepdims"),
                      node)
    if name in ("maximum", "minimum"):
        return m.op(name, args[:2], node)
    if name == "power":
        return m.op("pow", args[:2], node)
    if name == "square":
        return m.op("mul", [args[0], args[0]], node)
    if name == "outer":
        return m.op("outer", args[:2], node)
    if name == "transpose":
        return m.op("transpose", [args[0]], node)
    if name == "reshape":
        return method_call(m, args[0], "reshape", list(args[1:]), kw, node)
    if name == "where" and len(args) == 3:
        return _where(m, args[0], args[1], args[2], node)
    if name == "clip":
        return m.op("minimum", [m.op("maximum", [args[0], args[1]], node), args[2]], node)
    if name == "log1p":
        return m.op("log", [m.op("add", [1.0, args[0]], node)], node)
    if name in ("zeros_like", "ones_like"):
        shape = to_array(args[0], m, node).shape
        return np.zeros(shape) if name == "zeros_like" else np.ones(shape)
    if name in ("zeros", "ones"):
        shape = _shape_arg(args[:1], m, node)
        return _plain_new(m, node, np.zeros if name == "zeros" else np.ones, shape)
    if name == "eye":
        n = as_int(args[0], m, node)
        check_size((n, n))
        return np.eye(n)
    if name == "arange":
        bounds = [as_int(a, m, node) for a in args]
        check_size((len(range(*bounds)),))
        return np.arange(*bounds, dtype=np.int64)
    if name in ("array", "asarray", "copy", "float64"):
        value = args[0]
        if isinstance(value, Traced):
            return value
        arr = np.array(plain(value), dtype=np.float64 if name == "float64" else None)
        check_size(arr.shape)
        return arr
    if name in ("argmax", "sign", "prod"):
        arr = to_array(args[0], m, node)
        axis = kw.get("axis", args[1] if len(args) > 1 else None)
        return {"argmax": lambda: np.argmax(arr, axis=axis), "sign": lambda: np.sign(arr),
                "prod": lambda: np.prod(arr, axis=axis)}[name]()
    raise m.refuse(node, f"np.{name} is not read with these arguments")


def method_call(machine, base, name, args, kw, node):
    m = machine
    if name == "dot":
        return _dot(m, base, args[0], node)
    if name in ("sum", "mean", "max"):
        return reduce(m, {"max": "amax"}.get(name, name), base, kw.get("axis", args[0] if args else None),
                      kw.get("keepdims"), node)
    if name == "reshape":
        size = to_array(base, m, node).size
        return m.op("reshape", [base], node, shape=_resolve(_shape_arg(args, m, node), size, m, node))
    if name in ("ravel", "flatten"):
        return m.op("reshape", [base], node, shape=(to_array(base, m, node).size,))
    if name == "copy":
        return base if isinstance(base, Traced) else np.array(to_array(base, m, node))
    if name == "astype":
        return base if isinstance(base, Traced) else to_array(base, m, node).astype(np.float64)
    if name == "transpose":
        return m.op("transpose", [base], node)
    if name == "clip":
        return numpy_call(m, "clip", [base] + list(args), kw, node)
    if name == "argmax":
        return np.argmax(to_array(base, m, node), axis=kw.get("axis", args[0] if args else None))
    raise m.refuse(node, f".{name}() is not read")


def builtin_call(machine, name, args, kw, node):
    m = machine
    if name == "range":
        return range(*[as_int(a, m, node) for a in args])
    if name == "len":
        value = args[0]
        if isinstance(value, (tuple, list, dict, range, str)):
            return len(value)
        return int(to_array(value, m, node).shape[0])
    if name in ("float", "int"):
        arr = to_array(args[0], m, node)
        if arr.size != 1:
            raise m.refuse(node, f"{name}() of an array of shape {arr.shape}")
        return float(arr.reshape(())) if name == "float" else int(arr.reshape(()))
    if name == "abs":
        return abs(args[0]) if isinstance(args[0], (int, float)) else m.op("abs", [args[0]], node)
    if name in ("max", "min") and len(args) == 2:
        if all(isinstance(a, (int, float)) for a in args):
            return max(args) if name == "max" else min(args)
        return m.op("maximum" if name == "max" else "minimum", args, node)
    if name == "print":
        return None
    if name in ("tuple", "list") and len(args) == 1 and isinstance(args[0], (tuple, list, range)):
        return tuple(args[0]) if name == "tuple" else list(args[0])
    if name == "dict" and not args:
        return dict(kw)
    if name == "bool" and len(args) == 1:
        return truthy(args[0])
    raise m.refuse(node, f"{name}() is not read with these arguments")


def call_value(func, args, kw, node, machine):
    if any(isinstance(a, Labels) and a.value is None for a in args) and not isinstance(func, Builtin):
        raise machine.refuse(node, "class labels can only index an array")
    if isinstance(func, ModuleFunction):
        return numpy_call(machine, func.name, args, kw, node)
    if isinstance(func, Method):
        return method_call(machine, func.base, func.name, args, kw, node)
    return builtin_call(machine, func.name, args, kw, node)
