"""Lowering a function call: one input (``sin(x)``), two (``max(x, y)``, ``atan2(y, x)``) or a constant
written inline as the gate's parameter (``log(x, 2)``, ``log10(x)``, ``leaky_relu(x, 0.2)``).

``pow(x, y)`` is ``x**y``: the same node (or the same constant gate) as the operator.
"""
from __future__ import annotations

import math

import sympy

from symgraph.core import constants
from symgraph.core.primitives import FUNCTIONS, PRIMITIVES
from symgraph.core.primitives_extra import LEAKY_DEFAULT
from symgraph.errors import DomainError, ParseError

# Functions whose second argument (or fixed base) is the gate's constant parameter p.
_FIXED = {"log10": ("10", sympy.Integer(10)), "log2": ("2", sympy.Integer(2)),
          "leaky_relu": (LEAKY_DEFAULT, sympy.Rational(1, 100))}
_PARAM_WHAT = {"log": "a logarithm's base", "leaky_relu": "leaky_relu's slope"}
_PARAM_HINT = {"log": "for a variable base write log(x)/log(b)", "leaky_relu": "write a number such as 0.01"}


def lower_call(builder, node, args: list) -> tuple:
    """``builder`` is lower._Builder; ``args`` its results for node.args: ("node", id) or ("const", v, text)."""
    from symgraph.core.parser import Node

    name = node.text
    if name == "pow":
        return builder.lower_one(Node("bin", "**", node.args, node.col, node.start, node.end), args)
    if name in _FIXED or len(args) == 2 and name in _PARAM_WHAT:
        return _param_gate(builder, node, args)
    op = FUNCTIONS[name]
    if all(a[0] == "const" for a in args):
        values = tuple(a[1] for a in args)
        return ("const", constants.fold(op, values, builder.source, node.col), builder.source[node.start:node.end])
    ids = tuple(builder.materialize(a, arg) for a, arg in zip(args, node.args))
    return ("node", builder.add(op, ids, node.col))


def _param_gate(builder, node, args: list) -> tuple:
    """``log(x, b)``, ``log10(x)``, ``leaky_relu(x, a)``: the constant becomes the gate's parameter."""
    name, source = node.text, builder.source
    if len(args) == 2:
        param = args[1]
        if param[0] != "const":
            raise ParseError(f"{_PARAM_WHAT[name]} must be a constant ({_PARAM_HINT[name]})", source,
                             node.args[1].col)
        _, exact, text = param
    else:
        text, exact = _FIXED[name]
    op = "leaky_relu" if name == "leaky_relu" else "logb"
    x = args[0]
    if x[0] == "const":
        value = PRIMITIVES[op].sym(x[1], exact)
        if not math.isfinite(constants.to_float(exact)) or not _finite(value, source, node.col):
            raise DomainError(f"constant expression {source[node.start:node.end]} is not finite", source, node.col)
        return ("const", value, source[node.start:node.end])
    return ("node", builder.gate(op, x[1], ("const", exact, text), node.col))


def _finite(value, source, col) -> bool:
    return math.isfinite(constants.approximate(value, source, col))


def call_sympy(name: str, args: list) -> sympy.Expr:
    """The SymPy counterpart of a call as written (the symbolic check converts the tree, not the graph)."""
    if name == "pow":
        return PRIMITIVES["pow"].sym(args[0], args[1], None)
    if name in _FIXED or len(args) == 2 and name in _PARAM_WHAT:
        op = "leaky_relu" if name == "leaky_relu" else "logb"
        return PRIMITIVES[op].sym(args[0], args[1] if len(args) == 2 else _FIXED[name][1])
    return PRIMITIVES[FUNCTIONS[name]].sym(*args, None)
