"""The general form of each differentiation rule, keyed by the rule name a primitive's row carries.

Textbook forms for the rules every calculus course names; any other rule (a row added later, or a
function rule such as "trig rule" that covers several functions) gets a form generated from the row's
own SymPy counterpart and symbolic partials, so a new row works without touching this file.
"""
from __future__ import annotations

import sympy

from symgraph.core.primitives import PRIMITIVES

# Rules whose form is one line for every op that carries them.
TEXTBOOK = {
    "sum rule": "(u + v)' = u' + v'",
    "difference rule": "(u - v)' = u' - v'",
    "constant multiple rule": "(c·u)' = c·u'",
    "product rule": "(u·v)' = u'·v + u·v'",
    "quotient rule": "(u/v)' = (u'·v - u·v')/v²",
    "reciprocal rule": "(c/u)' = -c·u'/u²",
    "power rule": "(uⁿ)' = n·uⁿ⁻¹·u'  (sqrt(u) = u^(1/2))",
    "general power rule": "(u^v)' = u^v·(v'·log(u) + v·u'/u)",
    "exponential rule": "(exp(u))' = exp(u)·u';  (aᵘ)' = aᵘ·log(a)·u'",
    "logarithm rule": "(log(u))' = u'/u",
    "sigmoid rule": "(σ(u))' = σ(u)·(1 - σ(u))·u'",
    "relu rule": "(relu(u))' = u' where u > 0, 0 where u < 0 (at u = 0 symgraph uses 0, as PyTorch)",
    "absolute value rule": "(|u|)' = sign(u)·u' (at u = 0 symgraph uses 0, as PyTorch)",
    "softplus rule": "(softplus(u))' = σ(u)·u'",
    "chain rule": "(f(u))' = f'(u)·u'",
    "local partial": "∂g/∂h: differentiate g's own statement with every other named step held fixed",
    "chain rule along paths": "df/dh = Σ over the steps g that use h of df/dg·∂g/∂h",
}

# Rules that are linear in the inputs: no chain rule is named for them (u' is already in their form).
LINEAR = {"sum rule", "difference rule", "constant multiple rule"}

_U, _V = sympy.Symbol("u"), sympy.Symbol("v")
_C = sympy.Symbol("c")


def rule_of(op: str) -> str:
    """The row's rule name; a row without one is described by its op."""
    return PRIMITIVES[op].rule or f"derivative of {op}"


def form_key(op: str) -> str:
    """Which general form a step of this op shows: one per textbook rule, else one per op."""
    rule = rule_of(op)
    return rule if rule in TEXTBOOK else f"{rule}: {op}"


def general_form(op: str) -> str:
    rule = rule_of(op)
    if rule in TEXTBOOK:
        return TEXTBOOK[rule]
    return generated_form(op)


def generated_form(op: str) -> str:
    """From the row itself: ``(sin(u))' = cos(u)·u'``; two inputs: ``∂/∂u·u' + ∂/∂v·v'``."""
    prim = PRIMITIVES[op]
    args = (_U, _V)[: prim.arity]
    param = _C if op.endswith("_c") else None
    try:
        whole = prim.sym(*args, param)
        partials = prim.symbolic_partials(args, param)
    except (TypeError, ValueError, AttributeError):        # a row whose sym needs a real parameter
        return f"d {op}(u)/du · u'"
    terms = " + ".join(f"{paren(d)}·{a}'" for d, a in zip(partials, args))
    return f"({sympy.sstr(whole)})' = {terms}"


def paren(expr, order=None) -> str:
    """An expression as a factor: parenthesized unless it is a single symbol, number, call or power.
    ``order="none"`` prints an unevaluated expression in the order it was written."""
    text = sympy.sstr(expr, order=order)
    simple = getattr(expr, "is_Atom", False) and not text.startswith("-") or getattr(expr, "is_Function", False) \
        or getattr(expr, "is_Pow", False)
    return text if simple else f"({text})"
