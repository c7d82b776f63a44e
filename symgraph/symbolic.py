"""The independent symbolic route: the parsed text -> one SymPy expression -> SymPy's ``diff``.

This module never looks at the graph: it rebuilds the whole expression from the parse tree (inlining
named statements) with real symbols, so that ``abs`` differentiates to ``sign``. Its answers are the
reference the graph's forward and reverse modes are checked against.
"""
from __future__ import annotations

import math

import sympy

from . import constants
from .parser import Node, Program
from .primitives import BINARY, FUNCTIONS, PRIMITIVES


def symbol(name: str) -> sympy.Symbol:
    """A real symbol. ``name`` was validated by the tokenizer; Symbol() stores it and never parses it."""
    return sympy.Symbol(name, real=True)


def to_sympy(program: Program) -> dict:
    """SymPy expression of every statement, keyed by name (the output under its name too)."""
    env: dict[str, sympy.Expr] = {}
    last = None
    for st in program.statements:
        last = _convert(st.expr, env)
        if st.name is not None:
            env[st.name] = last
    env.setdefault(program.output, last)
    return env


def _convert(root: Node, env: dict) -> sympy.Expr:
    results: dict[int, sympy.Expr] = {}
    stack = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if not ready and node.args:
            stack.append((node, True))
            stack.extend((arg, False) for arg in node.args)
            continue
        args = [results.pop(id(arg)) for arg in node.args]
        if node.kind == "num":
            value = constants.literal(node.text)
        elif node.kind == "name":
            value = env.get(node.text) if node.text in env else (
                constants.named(node.text) if node.text in constants.CONSTANTS else symbol(node.text))
        elif node.kind == "neg":
            value = -args[0]
        elif node.kind == "call":
            value = PRIMITIVES[FUNCTIONS[node.text]].sym(args[0], None)
        else:
            value = PRIMITIVES[BINARY[node.text][0]].sym(args[0], args[1], None)
        results[id(node)] = value
    return results[id(root)]


def derivative(expr: sympy.Expr, name: str) -> sympy.Expr:
    return sympy.diff(expr, symbol(name))


def value_at(expr: sympy.Expr, exact_point: dict) -> float:
    """Evaluate at the exact point with 30 significant digits; nan when the result is not a real number."""
    replaced = expr.xreplace({symbol(k): v for k, v in exact_point.items()})
    number = sympy.N(replaced, 30)
    try:
        z = complex(number)
    except (TypeError, ValueError):
        return math.nan
    if z.imag != 0 and abs(z.imag) > 1e-25 * max(1.0, abs(z.real)):
        return math.nan
    return z.real


def show(expr: sympy.Expr, limit: int = 400) -> str:
    text = sympy.sstr(expr)
    return text if len(text) <= limit else text[: limit - 3] + "..."
