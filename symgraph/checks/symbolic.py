"""The independent symbolic route: the parsed text -> one SymPy expression -> SymPy's ``diff``.

This module never looks at the graph: it rebuilds the whole expression from the parse tree (inlining
named statements) with real symbols, so that ``abs`` differentiates to ``sign``. Its answers are the
reference the graph's forward and reverse modes are checked against.
"""
from __future__ import annotations

import math

import mpmath
import sympy

from symgraph.core import constants
from symgraph.core.calls import call_sympy
from symgraph.core.parser import Node, Program
from symgraph.core.primitives import BINARY, FUNCTIONS, PRIMITIVES


def symbol(name: str) -> sympy.Symbol:
    """A real symbol. ``name`` was validated by the tokenizer; Symbol() stores it and never parses it."""
    return sympy.Symbol(name, real=True)


def to_sympy(program: Program, evaluate: bool = True) -> dict:
    """SymPy expression of every statement, keyed by name (the output under its name too).

    ``evaluate=False`` skips SymPy's canonicalisation (its assumption queries cost about 1 ms per node on
    deep expressions) and only merges nested sums and products into n-ary ones, so that building and
    differentiating stay linear on big inputs: the same function, written as the user wrote it."""
    env: dict[str, sympy.Expr] = {}
    last = None
    with sympy.evaluate(evaluate):
        for st in program.statements:
            last = _convert(st.expr, env)
            if st.name is not None:
                env[st.name] = last
    env.setdefault(program.output, last)
    if not evaluate:
        memo: dict = {}                  # shared, so that statements reusing earlier ones stay linear
        env = {name: flatten(expr, memo) for name, expr in env.items()}
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
            value = call_sympy(node.text, args)
        else:
            value = PRIMITIVES[BINARY[node.text][0]].sym(args[0], args[1], None)
        results[id(node)] = value
    return results[id(root)]


def flatten(expr: sympy.Expr, done: dict | None = None) -> sympy.Expr:
    """Nested unevaluated sums and products merged into one n-ary Add or Mul each, in one linear pass.

    SymPy recomputes ``free_symbols`` at every level of a nested binary sum, so ``diff`` on
    ``a1 + (a2 + (a3 + ...))`` is quadratic; on ``Add(a1, a2, a3, ...)`` it is linear."""
    done = {} if done is None else done          # id(node) -> its flattened form
    stack = [(expr, None)]
    while stack:
        node, leaves = stack.pop()
        if id(node) in done:
            continue
        if leaves is None:
            leaves = _chain_leaves(node)
            stack.append((node, leaves))
            stack.extend((leaf, None) for leaf in leaves if id(leaf) not in done)
            continue
        args = [done[id(leaf)] for leaf in leaves]
        same = len(args) == len(node.args) and all(a is b for a, b in zip(args, node.args))
        done[id(node)] = node if same else node.func(*args, evaluate=False)
    return done[id(expr)]


def _chain_leaves(node: sympy.Expr) -> list:
    """The operands of ``node``; for a sum or product, those of the whole nested chain, left to right."""
    if not (node.is_Add or node.is_Mul):
        return list(node.args)
    out, stack = [], [node]
    while stack:
        n = stack.pop()
        if n.func is node.func:
            stack.extend(reversed(n.args))
        else:
            out.append(n)
    return out


def fold_tree(expr: sympy.Expr, combine):
    """``combine(node, [results of its args])`` bottom-up over the expression, each shared subexpression
    once, without recursion (a 20,000-deep expression is fine)."""
    results: dict[int, object] = {}
    stack = [(expr, False)]
    while stack:
        node, ready = stack.pop()
        if id(node) in results:
            continue
        if node.args and not ready:
            stack.append((node, True))
            stack.extend((a, False) for a in node.args if id(a) not in results)
            continue
        results[id(node)] = combine(node, [results[id(a)] for a in node.args])
    return results[id(expr)]


def depth(expr: sympy.Expr) -> int:
    """Height of the expression tree (SymPy's diff and evalf recurse about once per level)."""
    return fold_tree(expr, lambda node, heights: 1 + max(heights, default=0))


def derivative(expr: sympy.Expr, name: str) -> sympy.Expr:
    return sympy.diff(expr, symbol(name))


def value_at(expr: sympy.Expr, exact_point: dict) -> float:
    """Evaluate at the exact point with 50 significant digits of working precision; nan when the result
    is not a real number (log of a negative number, 1/0).

    The walk visits each shared subexpression once (SymPy's own evalf walks the expression as a tree,
    which is exponential for programs whose statements reuse earlier ones). Node types it has no rule for
    fall back to SymPy's evalf."""
    try:
        with mpmath.workdps(50):
            point = {k: fold_tree(v, lambda node, args: _mp_one(node, args, {})) for k, v in exact_point.items()}
            z = fold_tree(expr, lambda node, args: _mp_one(node, args, point))
            z = mpmath.mpc(z)
    except _NoRule:
        return value_by_substitution(expr, exact_point)
    except (ZeroDivisionError, ValueError, OverflowError):
        return math.nan
    if not (mpmath.isfinite(z.real) and mpmath.isfinite(z.imag)):
        return math.nan
    if z.imag != 0 and abs(z.imag) > mpmath.mpf(10) ** -25 * max(1, abs(z.real)):
        return math.nan
    return float(z.real)


class _NoRule(Exception):
    pass


def _mp_number(value: sympy.Expr):
    if value.is_Rational:
        return mpmath.mpf(int(value.p)) / int(value.q)
    if value.is_Float:
        return mpmath.mpf(value._mpf_)
    if value is sympy.pi:
        return +mpmath.pi
    if value is sympy.E:
        return +mpmath.e
    raise _NoRule                      # oo, zoo, nan, other number symbols: let evalf say what it is


def _heaviside(x, h0=0.5):
    return mpmath.mpf(1) if x > 0 else (mpmath.mpf(0) if x < 0 else h0)


_MP_FUNCTIONS = {
    sympy.sin: mpmath.sin, sympy.cos: mpmath.cos, sympy.tan: mpmath.tan, sympy.exp: mpmath.exp,
    sympy.log: mpmath.log, sympy.tanh: mpmath.tanh, sympy.sinh: mpmath.sinh, sympy.cosh: mpmath.cosh,
    sympy.asin: mpmath.asin, sympy.acos: mpmath.acos, sympy.atan: mpmath.atan, sympy.Abs: mpmath.fabs,
    sympy.sign: mpmath.sign, sympy.Max: max, sympy.Min: min, sympy.Heaviside: _heaviside,
}


def _mp_one(node, args: list, point: dict):
    if node.is_Symbol:
        return point[node.name]
    if not node.args:
        return _mp_number(node)
    if node.is_Add:
        return mpmath.fsum(args)
    if node.is_Mul:
        return mpmath.fprod(args)
    if node.is_Pow:
        base, expo = args
        if base == 0 and expo < 0:
            raise ZeroDivisionError
        if node.exp.is_Integer:
            return base ** int(node.exp)
        return mpmath.power(base, expo)
    rule = _MP_FUNCTIONS.get(node.func)
    if rule is None or any(isinstance(a, mpmath.mpc) for a in args) and node.func in (
            sympy.Abs, sympy.sign, sympy.Max, sympy.Min, sympy.Heaviside):
        raise _NoRule
    return rule(*args)


def value_by_substitution(expr: sympy.Expr, exact_point: dict) -> float:
    """SymPy's own route: substitute the exact numbers (SymPy simplifies ``sin(pi)`` to 0 exactly), then
    evalf to 30 digits; nan when undefined. Exact, but it walks shared subexpressions as a tree."""
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
