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
            value = PRIMITIVES[FUNCTIONS[node.text]].sym(args[0], None)
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
