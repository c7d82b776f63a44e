"""N-ary sums and products for the unevaluated SymPy route (``to_sympy(evaluate=False)``, large inputs).

SymPy nests ``a + b + c + ...`` two operands at a time; building, hashing and differentiating such a
chain grows with its depth, so that a 500,000-term sum never finished within the time budget. Here sums
and products are collected as they are built (``_Terms``) and merged into one n-ary Add or Mul each
(``flatten``, which also merges what statements reuse), with the rational factors of a product
multiplied into one coefficient.
"""
from __future__ import annotations

from collections import deque

import sympy


class Terms:
    """A sum or product still being collected: its operands in a deque. Joining merges the shorter side
    into the longer, so a chain of n operations costs O(n log n) at worst instead of SymPy's nested
    two-operand Adds (whose construction and diff grow with the depth of the nesting)."""
    __slots__ = ("kind", "items")

    def __init__(self, kind: str, items: deque):
        self.kind, self.items = kind, items

    @staticmethod
    def join(op: str, a, b) -> "Terms":
        kind, invert = CHAINS[op]
        left = a if isinstance(a, Terms) and a.kind == kind else Terms(kind, deque([Terms.built(a)]))
        if invert is None and isinstance(b, Terms) and b.kind == kind:
            if len(b.items) > len(left.items):
                b.items.extendleft(reversed(left.items))
                return b
            left.items.extend(b.items)
            return left
        b = Terms.built(b)
        left.items.append(b if invert is None else invert(b))
        return left

    @staticmethod
    def built(value):
        if not isinstance(value, Terms):
            return value
        return unevaluated(sympy.Add if value.kind == "+" else sympy.Mul, value.items)


def unevaluated(cls, items) -> sympy.Expr:
    """``cls(*items, evaluate=False)`` for items that are SymPy expressions already: SymPy's constructor
    would convert each item, look the call up in its cache and run its post-processors (none apply to sums
    and products of scalars), a third of a 75,000-statement chain's symbolic check; ``_from_args`` is the
    object those steps end in."""
    return cls._from_args(tuple(items))


CHAINS = {"+": ("+", None), "-": ("+", lambda b: sympy.Mul(sympy.S.NegativeOne, b, evaluate=False)),
           "*": ("*", None), "/": ("*", lambda b: sympy.Pow(b, sympy.S.NegativeOne, evaluate=False))}


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
        if node.is_Mul:
            args = _one_coefficient(args)
        if node.is_Pow and args[0].is_Mul and args[1].is_Integer:
            # (u·v)**n evaluated, that is u**n·v**n: SymPy's diff of a bare unevaluated power of a product
            # writes n·(u·v)**n/x, which is 0/0 at x = 0 ((x*y)^2 at x = y = 0) where the derivative is 0
            done[id(node)] = sympy.Pow(*args)
            continue
        same = len(args) == len(node.args) and all(a is b for a, b in zip(args, node.args))
        done[id(node)] = node if same else node.func(*args, evaluate=False)
    return done[id(expr)]


def _one_coefficient(factors: list) -> list:
    """The rational factors of a product multiplied into one coefficient, in front: SymPy's product rule
    would otherwise multiply 150,000 fractions back together once per derivative (quadratic). The
    numerators and denominators are multiplied as balanced product trees, then reduced once."""
    rationals = [_as_rational(a) for a in factors]
    if sum(r is not None for r in rationals) < 2:
        return factors
    p = _product([int(r.p) for r in rationals if r is not None])
    q = _product([int(r.q) for r in rationals if r is not None])
    return [sympy.Rational(p, q)] + [a for a, r in zip(factors, rationals) if r is None]


def _as_rational(factor: sympy.Expr):
    """A rational factor, also when written unevaluated as ``2**-1`` (how ``1/2`` reads unevaluated)."""
    if factor.is_Rational:
        return factor
    if factor.is_Pow and factor.base.is_Rational and factor.base != 0 and factor.exp == -1:
        return 1 / factor.base
    return None


def _product(numbers: list) -> int:
    while len(numbers) > 1:
        numbers = [numbers[k] * numbers[k + 1] if k + 1 < len(numbers) else numbers[k]
                   for k in range(0, len(numbers), 2)]
    return numbers[0]


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
