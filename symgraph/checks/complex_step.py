"""Complex-step differentiation of a SymPy expression: an evaluator that shares no code with the graph.

The graph differentiates with the primitive table's local partials. This module takes the SymPy expression
that ``symbolic.to_sympy`` rebuilt from the parse tree and evaluates it once at the complex point
``x + i·h·v`` with ``cmath``: for an analytic f, ``f(x + i·h·v) = f(x) + i·h·(∇f·v) + O(h²)``, so the
real part is the value and ``Im/h`` the directional derivative ∇f·v, free of the cancellation that limits
finite differences (h can be 1e-20). One walk, any number of variables.

The walk is iterative (a 20,000-deep expression is fine) and recognises SymPy node types only; it never
evaluates text and never calls SymPy's own numeric code (no lambdify, no evalf).
"""
from __future__ import annotations

import cmath
import math

import sympy

from symgraph.checks import symbolic

STEP = 1e-20


class Unsupported(Exception):
    """The expression holds a SymPy node this evaluator has no rule for (the check is then skipped)."""


def _abs(z: complex) -> complex:
    # The analytic continuation of |x| on either side of 0: x or -x, chosen by the real part.
    return z if z.real >= 0 else -z


def _max(*zs: complex) -> complex:
    return max(zs, key=lambda z: z.real)


def _pow(base: complex, exponent: complex) -> complex:
    if exponent.imag == 0 and exponent.real.is_integer() and abs(exponent.real) <= 64:
        return base ** int(exponent.real)          # repeated multiplication: exact for x**2, 1/x
    return base ** exponent


FUNCTIONS = {
    sympy.sin: cmath.sin, sympy.cos: cmath.cos, sympy.tan: cmath.tan, sympy.exp: cmath.exp,
    sympy.log: cmath.log, sympy.tanh: cmath.tanh, sympy.sinh: cmath.sinh, sympy.cosh: cmath.cosh,
    sympy.asin: cmath.asin, sympy.acos: cmath.acos, sympy.atan: cmath.atan, sympy.Abs: _abs,
    sympy.Max: _max,
    # issue 11's primitives (erf has no cmath counterpart: its check is skipped, saying so)
    sympy.Min: lambda *zs: min(zs, key=lambda z: z.real), sympy.sign: lambda z: complex((z.real > 0) - (z.real < 0)),
    sympy.sec: lambda z: 1 / cmath.cos(z), sympy.csc: lambda z: 1 / cmath.sin(z),
    sympy.cot: lambda z: cmath.cos(z) / cmath.sin(z), sympy.asinh: cmath.asinh, sympy.acosh: cmath.acosh,
    sympy.atanh: cmath.atanh,
}


def evaluate_complex(expr: sympy.Expr, point: dict, direction: dict, step: float = STEP) -> complex:
    """f(x + i·step·v) for the real point x = ``point`` and direction v = ``direction`` (missing names: 0)."""
    return symbolic.fold_tree(expr, lambda node, args: _one(node, args, point, direction, step))


def _one(node, args: list, point: dict, direction: dict, step: float) -> complex:
    if node.is_Symbol:
        return complex(point[node.name], step * direction.get(node.name, 0.0))
    if not node.args:
        if node.is_number:                       # Integer, Rational, Float, pi, E
            return complex(float(node))
        raise Unsupported(f"no complex rule for {type(node).__name__}")
    if node.is_Add:
        return math.fsum(z.real for z in args) + 1j * math.fsum(z.imag for z in args)
    if node.is_Mul:
        out = complex(1.0)
        for z in args:
            out *= z
        return out
    if node.is_Pow:
        return _pow(*args)
    rule = FUNCTIONS.get(node.func)
    if rule is None:
        raise Unsupported(f"no complex rule for {type(node).__name__}")
    return rule(*args)


def complex_step(expr: sympy.Expr, point: dict, direction: dict, step: float = STEP) -> tuple[float, float]:
    """(f(x), ∇f(x)·v) from a single complex evaluation; raises OverflowError, ValueError (a domain error
    such as log 0), ZeroDivisionError or Unsupported."""
    scale = max(1.0, max((abs(x) for x in point.values()), default=1.0))
    h = step * scale
    z = evaluate_complex(expr, point, direction, h)
    if not (math.isfinite(z.real) and math.isfinite(z.imag)):
        raise OverflowError("the complex evaluation is not finite")
    return z.real, z.imag / h
