"""A row of the primitive table (``Prim``) and the helpers that build rows: what primitives.py and
primitives_extra.py share. The rows themselves, and the table, are in primitives.py (which merges
primitives_extra.py's rows).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional, Sequence

import sympy

Floats = Sequence[float]


@dataclass(frozen=True)
class Prim:
    name: str
    arity: int
    label: Callable[[Optional[str]], str]          # param text -> gate label ("+1", "sin")
    impl: Callable[[Floats, Optional[float]], float]
    partials: Callable[[Floats, float, Optional[float]], tuple]  # (args, out, p) -> d out / d arg_i
    sym: Callable[..., sympy.Expr]                  # (*sympy args, P) -> SymPy counterpart
    domain: Callable[[Floats, Optional[float]], Optional[str]] = lambda a, p: None
    kink: Callable[[Floats, Optional[float]], Optional[str]] = lambda a, p: None
    dsym: Optional[Callable[..., tuple]] = None     # symbolic partials when diff(sym) reads badly
    # The local partials as a worked solution writes them, in the table's own calls (σ(u)·(1 - σ(u)) for
    # sigmoid, where SymPy's are in exp): (*args, P) -> tuple. None: the symbolic partials read well.
    dshow: Optional[Callable[..., tuple]] = None
    show: str = ""                                  # how a message writes the node: "{0} + {1}", "{p} / {0}"
    side: Optional[Callable[[Floats, Optional[float]], int]] = None  # which piece of a kinked op applies
    rule: str = ""                                  # the differentiation rule a hand derivation names here
    # Second local partials: (args, out, p) -> the symmetric matrix d2 out / d arg_i d arg_j as a tuple of
    # rows (the Hessian's forward-over-reverse sweep reads it). None: not yet given for this op.
    second: Optional[Callable[[Floats, float, Optional[float]], tuple]] = None
    # Confusable neighbours in the derivative table: (how a student writes it, (u, p) -> that wrong local partial
    # as SymPy). The mistake catalog's derivative-table-swap re-runs the graph with each (judging/catalog/misrules.py).
    confusable: tuple = ()

    def written(self, names: Sequence[str], param_text: Optional[str] = None) -> str:
        """The node in terms of its inputs' names, for messages: ``log(v2)``, ``1 / x``, ``g1 - v3``."""
        return (self.show or self.name + "({0})").format(*names, p=param_text)

    def symbolic_partials(self, args: Sequence[sympy.Expr], param: Optional[sympy.Expr]) -> tuple:
        """Local partials as SymPy expressions of the input symbols ``args``."""
        if self.dsym is not None:
            return tuple(self.dsym(*args, param))
        out = self.sym(*args, param)
        return tuple(sympy.diff(out, a) for a in args)


def shown_call(name: str, *args) -> sympy.Expr:
    """The table's function as an opaque SymPy call (``sigmoid(u)``), for what a worked solution writes."""
    return sympy.Function(name)(*args)


def linear(a, o, p) -> float:        # a linear one-input gate: no curvature
    return 0.0


def infinite_slope(fn: str, where: str) -> str:
    return f"{fn} has an infinite slope at {where}; its local derivative is reported as inf"


def sign(a: float) -> int:
    return (a > 0) - (a < 0)


def fn_label(name: str) -> Callable[[Optional[str]], str]:
    return lambda p: name


def unary(name, impl, partial, sym, domain=None, kink=None, label=None, dsym=None, show="", side=None,
           rule="", second=None, confusable=(), dshow=None) -> Prim:
    """A one-input function such as sin: impl(a) and partial(a, out) on plain floats."""
    return Prim(
        name=name, arity=1, label=fn_label(label or name),
        impl=lambda a, p: impl(a[0]),
        partials=lambda a, out, p: (partial(a[0], out),),
        sym=lambda x, P: sym(x),
        domain=(lambda a, p: domain(a[0])) if domain else (lambda a, p: None),
        kink=(lambda a, p: kink(a[0])) if kink else (lambda a, p: None),
        dsym=(lambda x, P: (dsym(x),)) if dsym else None, show=show,
        dshow=(lambda x, P: (dshow(x),)) if dshow else None,
        side=(lambda a, p: side(a[0])) if side else None, rule=rule,
        second=(lambda a, out, p: ((second(a[0], out),),)) if second else None, confusable=confusable,
    )


def const(name, show, label, impl, partial, sym, domain=None, kink=None, rule="", second=None,
          confusable=()) -> Prim:
    """A one-input gate with an inline constant parameter p, such as ``+1`` or ``*-1``."""
    return Prim(
        name=name, arity=1, label=label,
        impl=lambda a, p: impl(a[0], p),
        partials=lambda a, out, p: (partial(a[0], out, p),),
        sym=sym,
        domain=(lambda a, p: domain(a[0], p)) if domain else (lambda a, p: None),
        kink=(lambda a, p: kink(a[0], p)) if kink else (lambda a, p: None), show=show, rule=rule,
        second=(lambda a, out, p: ((second(a[0], out, p),),)) if second else None, confusable=confusable,
    )
