"""The independent symbolic route: the parsed text -> one SymPy expression -> SymPy's ``diff``.

Never looks at the graph: it rebuilds the whole expression from the parse tree (inlining statements) with
real symbols (``abs`` differentiates to ``sign``), the reference that forward and reverse are checked against.
"""
from __future__ import annotations

import math

import mpmath
import sympy

from symgraph.checks import nary
from symgraph.core import constants
from symgraph.core.calls import call_sympy
from symgraph.core.parser import Node, Program
from symgraph.core.primitives import BINARY, FUNCTIONS, PRIMITIVES
from symgraph.core.gc_pause import without_gc


def symbol(name: str) -> sympy.Symbol:
    """A real symbol. ``name`` was validated by the tokenizer; Symbol() stores it and never parses it."""
    return sympy.Symbol(name, real=True)


@without_gc
def to_sympy(program: Program, evaluate: bool = True, written: bool = False, only=None) -> dict:
    """SymPy expression of every statement (or of the names in ``only``), keyed by name (the output too).

    ``evaluate=False`` skips SymPy's canonicalisation (its assumption queries cost about 1 ms per node on
    deep expressions) and only merges nested sums and products into n-ary ones, so that building and
    differentiating stay linear on big inputs: the same function, written as the user wrote it.
    ``written=True`` (for typesetting only) merges nothing either: ``(3*x)**2`` stays a square of a product."""
    env: dict[str, sympy.Expr] = {}
    last = None
    with sympy.evaluate(evaluate and not written):
        for st in program.statements:
            last = _convert(st.expr, env, collect=not evaluate and not written)
            if st.name is not None:
                env[st.name] = last
    env[program.output] = last           # the output's name always means the last statement's node
    env = env if only is None else {name: env[name] for name in only}    # flattening all is quadratic
    if not evaluate and not written:
        memo: dict = {}                  # shared, so that statements reusing earlier ones stay linear
        env = {name: nary.flatten(expr, memo) for name, expr in env.items()}
    return env


def sum_terms(program: Program) -> list | None:
    """A one-statement program's top-level sum as [(sign, term's parse tree, names the term mentions)], so
    that a caller can convert (term_to_sympy) and differentiate only the terms it needs; None when the
    program has several statements (a term may then stand for a whole earlier statement)."""
    if len(program.statements) != 1:
        return None
    terms, stack = [], [(1, program.statements[0].expr)]
    while stack:
        sign, node = stack.pop()
        if node.kind == "bin" and node.text in ("+", "-"):
            stack += [(sign if node.text == "+" else -sign, node.args[1]), (sign, node.args[0])]
        elif node.kind == "neg":
            stack.append((-sign, node.args[0]))
        else:
            terms.append((sign, node, _names(node)))
    return terms


def linear_in(term: Node, name: str) -> bool:
    """The term is ``name`` or a product with ``name`` as a factor and no other factor mentioning it:
    c·x, whose second derivative by x is 0."""
    factors, stack = [], [term]
    while stack:
        node = stack.pop()
        if node.kind == "bin" and node.text == "*":
            stack.extend(node.args)
        else:
            factors.append(node)
    return (any(f.kind == "name" and f.text == name for f in factors)
            and sum(1 for f in factors if name in _names(f)) == 1)


def _names(root: Node) -> set:
    names, stack = set(), [root]
    while stack:
        node = stack.pop()
        if node.kind == "name" and node.text not in constants.CONSTANTS:
            names.add(node.text)
        stack.extend(node.args)
    return names


@without_gc
def term_to_sympy(term: Node) -> sympy.Expr:
    """One term of sum_terms as SymPy builds it in to_sympy(evaluate=False): converted unevaluated, then
    flattened with evaluation back on (flatten multiplies rational factors into one coefficient)."""
    with sympy.evaluate(False):
        expr = _convert(term, {}, collect=True)
    return nary.flatten(expr, {})


def _convert(root: Node, env: dict, collect: bool = False) -> sympy.Expr:
    """The parse tree as one SymPy expression; ``collect``: sums and products are collected as n-ary ones
    while they are built (see nary.Terms), instead of being nested two operands at a time."""
    results: dict[int, sympy.Expr] = {}
    constant: dict[int, bool] = {}      # variable-free subtrees (see the "call" case)
    symbols: dict[str, sympy.Symbol] = {}
    stack = [(root, False)]
    while stack:
        node, ready = stack.pop()
        if not ready and node.args:
            stack.append((node, True))
            stack.extend((arg, False) for arg in node.args)
            continue
        args = [results.pop(id(arg)) for arg in node.args]
        if collect and node.kind == "bin" and node.text in nary.CHAINS:
            constant[id(node)] = all([constant.pop(id(arg)) for arg in node.args])
            results[id(node)] = nary.Terms.join(node.text, *args)
            continue
        args = [nary.Terms.built(a) for a in args]
        constant[id(node)] = all([constant.pop(id(arg)) for arg in node.args]) and (
            node.kind != "name" or node.text in constants.CONSTANTS)
        if node.kind == "num":
            value = constants.literal(node.text)
        elif node.kind == "name":
            value = env.get(node.text) if node.text in env else (
                constants.named(node.text) if node.text in constants.CONSTANTS else
                symbols.get(node.text) or symbols.setdefault(node.text, symbol(node.text)))
        elif node.kind == "neg":
            value = -args[0]
        elif node.kind == "call" and constant[id(node)] and not _one_level(args[0]):
            # sin(sin(...sin(1)...)): SymPy's evaluation inspects the whole constant argument at every
            # level (cubic in the depth); the value is the same unevaluated, and value_at computes it.
            with sympy.evaluate(False):
                value = PRIMITIVES[FUNCTIONS[node.text]].sym(*args, None)     # max(c, d) has two
        elif node.kind == "call":
            value = call_sympy(node.text, args)
        else:
            value = PRIMITIVES[BINARY[node.text][0]].sym(args[0], args[1], None)
        results[id(node)] = value
    return nary.Terms.built(results[id(root)])


def _one_level(expr: sympy.Expr) -> bool:
    return expr.is_Atom or all(a.is_Atom for a in expr.args)


@without_gc
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
    """SymPy's diff. A sum is differentiated term by term, each distinct term once and only the terms
    that contain the variable: SymPy's own Add rule builds a Derivative for every term (about 0.4 ms
    each), which put a 500,000-term sum far past the time budget."""
    x = symbol(name)
    if not expr.is_Add:
        return sympy.diff(expr, x)
    counts: dict = {}
    for term in expr.args:
        counts[term] = counts.get(term, 0) + 1
    return sympy.Add(*[k * sympy.diff(term, x) for term, k in counts.items() if x in term.free_symbols])


VALUE_CACHE = 20_000        # (expression, point) -> value entries kept: a batch's true derivatives and
_values: dict = {}          # catalog mistakes are evaluated at the same test points answer after answer


def value_at(expr: sympy.Expr, exact_point: dict) -> float:
    """``evaluate_at``, remembered: a pure function of the expression and the exact point."""
    try:
        key = (expr, tuple(exact_point.items()))
        return _values[key]
    except KeyError:
        pass
    except TypeError:            # an unhashable value: not remembered
        return evaluate_at(expr, exact_point)
    value = _values[key] = evaluate_at(expr, exact_point)
    if len(_values) > VALUE_CACHE:
        try:
            _values.pop(next(iter(_values)))
        except (KeyError, RuntimeError, StopIteration):     # another thread evicted first
            pass
    return value


def evaluate_at(expr: sympy.Expr, exact_point: dict) -> float:
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
    try:
        text = sympy.sstr(expr)
    except ValueError:       # an integer past Python's 4,300-digit str() limit (a product of 250,000 fractions)
        try:
            text = sympy.sstr(sympy.N(expr, 15)) + " (rounded: the exact value has too many digits to print)"
        except (ValueError, TypeError):
            text = "(too many digits to print)"
    return text if len(text) <= limit else text[: limit - 3] + "..."
