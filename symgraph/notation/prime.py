"""Derivative notation on a claim's left side, beyond the classic ``df/dx``:

* Lagrange: ``f'(x)`` (symbolic, with respect to x), ``f'(2)`` (a number claimed at x = 2, where x is the
  expression's only variable), ``y'`` (with respect to the only variable); ``′`` works like ``'``.
* Operator: ``d/dx f``, ``d/dx(f)``, ``∂/∂x f``.
* LaTeX: ``\\frac{df}{dx}``, ``\\frac{\\partial f}{\\partial x}``, ``\\frac{d f}{d g_1}``, ``\\frac{d}{dx} f``,
  ``f^{\\prime}(x)``, ``\\frac{\\mathrm{d}f}{\\mathrm{d}x}``.

Second derivatives (``d2f/dx2``, ``d^2f/dx^2``, ``∂²f/∂x∂y``, ``f''(x)``, their LaTeX forms) are recognized
here (Leibniz forms of any order by notation/leibniz.py) and handed over as SecondOrder to
symgraph.judging.second, which judges them or refuses an order that does not match its variables.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from symgraph.errors import ParseError
from symgraph.safe_text import quoted
from symgraph.notation.leibniz import Leibniz, exact, read_leibniz, unambiguous
from symgraph.notation.macros import NAMES
from symgraph.notation.unicode import GREEK_NAMES

_NAME = r"[A-Za-z][A-Za-z0-9_]*"
_D = r"(?:d|∂|𝜕)"
_PRIMES = r"(?:'|′|’)"          # ’: a curly quote from a word processor is a prime
_SECOND_PRIME = re.compile(rf"^(?P<out>{_NAME})\s*(?:{_PRIMES}\s*{_PRIMES}|″|”)\s*(?:\((?P<arg>.*)\))?$")
# subscript partials: f_x is ∂f/∂x, f_xy (f_{xy}) is ∂²f/∂x∂y
_SUBSCRIPT = re.compile(r"^(?P<out>[A-Za-z][A-Za-z0-9]*)_(?P<wrts>[A-Za-z]{1,2})$")
# an evaluation bar: \left.\frac{dy}{dx}\right|_{x=2} is dy/dx at x = 2
_BAR = re.compile(r"^\s*(?:\\left\s*\.)?(?P<lhs>.*?)(?:\\right|\\[Bb]igg?[rm]?)?\s*\|\s*_\s*\{?\s*"
                  r"(?P<wrt>\\?[A-Za-z][A-Za-z0-9_]*)\s*=\s*(?P<at>[^{}]+?)\s*\}?\s*$", re.S)
_PRIME = re.compile(rf"^(?P<out>{_NAME})\s*{_PRIMES}\s*(?:\((?P<arg>.*)\))?$")
_ANY_PRIME = r"(?:'|′|’|″|”|‴)"
_MANY_PRIMES = re.compile(rf"^(?P<out>{_NAME})\s*(?P<primes>{_ANY_PRIME}(?:\s*{_ANY_PRIME})+)\s*(?:\(.*\))?$")
_PRIME_COUNT = {"″": 2, "”": 2, "‴": 3}
_OPERATOR = re.compile(rf"^(?P<d>{_D})\s*/\s*{_D}\s*(?P<wrt>{_NAME})(?:\s*\(\s*(?P<out1>{_NAME})\s*\)|\s+(?P<out2>{_NAME}))$")
_LEIBNIZ = re.compile(rf"^(?P<d>{_D})\s*(?P<out>{_NAME})\s*/\s*{_D}\s*(?P<wrt>{_NAME})$")
_GREEK_MACROS = frozenset(set(GREEK_NAMES) - set(NAMES.values()) | set(NAMES))    # \theta, \lambda
_LATEX_ALLOWED = frozenset({"partial", "prime", "mathrm", "operatorname", "big", "Big", "bigg", "Bigg", "bigr",
                            "Bigr", "biggr", "Biggr", "bigm", "Bigm", "displaystyle"}) | _GREEK_MACROS


@dataclass
class Lhs:
    out: str
    wrt: Optional[str]       # None: the expression's only variable (f'(2), y')
    partial: bool
    at: Optional[str] = None  # f'(2): the point, as written


def claim_equals(text: str) -> int:
    """Where the claim's '=' is: the first one outside braces (``\\right|_{x=2} = 12``), or -1."""
    depth = 0
    for k, ch in enumerate(text):
        depth += (ch == "{") - (ch == "}")
        if ch == "=" and depth <= 0:
            return k
    return -1


def read_lhs(text: str, eq: int) -> Optional[Lhs]:
    """The left side ``text[:eq]`` in one of the notations above, or None for the classic ``dOUT/dNAME``
    (which claims.py reads, with its own detailed errors)."""
    lhs = text[:eq]
    bar = _BAR.match(lhs) if "|" in lhs else None
    if bar:                                                  # \left.\frac{dy}{dx}\right|_{x=2}
        lhs = bar.group("lhs")
    latex = "\\" in lhs or "{" in lhs
    if latex:
        from symgraph.notation.latex import check_macros

        try:
            check_macros(lhs, _LATEX_ALLOWED)
        except ParseError as exc:
            raise ParseError(exc.message, text, exc.column, hint=exc.hint) from None
        lhs = _from_latex(lhs)
    lhs = " ".join(lhs.split())
    if bar:
        at, wrt = bar.group("at").strip(), bar.group("wrt").lstrip("\\")      # _{\theta=0}: theta
        try:
            found = read_lhs(lhs + "=", len(lhs)) or Lhs(*_classic(lhs, text))
        except SecondOrder as so:         # \left.\frac{d^2y}{dx^2}\right|_{x=2}: at its own point too
            _check_point(so.out, at, text)
            wrt = _name(NAMES.get(wrt, wrt), text)
            second_order(so.out, [_at_bar(so.wrts if so.leibniz is None else _exact(so, text), wrt, text)] * 2,
                         text, at=at)
        _check_point(found.out, at, text)
        wrt = _name(NAMES.get(wrt, wrt), text)
        return Lhs(found.out, _at_bar([found.wrt], wrt, text), found.partial, at=at)
    m = _SUBSCRIPT.match(lhs)
    if m:
        wrts = list(m.group("wrts"))
        if len(wrts) == 2:
            second_order(m.group("out"), wrts, text)
        return Lhs(_name(m.group("out"), text), _name(wrts[0], text), True)
    _refuse_second_order(lhs, text)
    m = _PRIME.match(lhs)
    if m:
        return _prime(m, text)
    if re.search(_PRIMES, lhs):
        raise ParseError("cannot read this left-hand side: write f'(x), f'(2) or y'", text,
                         max(text.find("'"), text.find("′"), 0))
    m = _OPERATOR.match(lhs)
    if m:
        out = m.group("out1") or m.group("out2")
        return Lhs(_name(out, text), _name(m.group("wrt"), text), m.group("d") != "d")
    m = _LEIBNIZ.match(lhs) if latex else None
    if m:
        return Lhs(_name(m.group("out"), text), _name(m.group("wrt"), text), m.group("d") != "d")
    if latex:
        raise ParseError("cannot read this LaTeX left-hand side: write \\frac{df}{dx}, "
                         "\\frac{\\partial f}{\\partial x} or f'(x)", text, 0)
    return None


def _from_latex(lhs: str) -> str:
    """``\\frac{\\partial f}{\\partial x_{1}}`` -> ``∂f/∂x_1``, so that one set of patterns reads both."""
    for pattern, repl in ((r"\\left\s*\(", "("), (r"\\right\s*\)", ")"), (r"\\[,;:! ]|~", " "),
                          (r"\^\s*\{?\s*\\prime\s*\}?", "'"), (r"\\prime", "'"),
                          (r"\\(?:mathrm|operatorname)\s*\{\s*d\s*\}", "d"), (r"\\partial", "∂")):
        lhs = re.sub(pattern, repl, lhs)
    # \frac{df}{d\theta}: a Greek letter is its name (theta; \lambda is lamda)
    lhs = re.sub(r"\\([A-Za-z]+)(?![A-Za-z])\s*",
                 lambda m: NAMES.get(m.group(1), m.group(1)) if m.group(1) in _GREEK_MACROS else m.group(0), lhs)
    previous = None
    while previous != lhs:                                  # innermost groups first: d^{2}, g_{1}
        previous = lhs
        lhs = re.sub(r"([_^])\s*\{([^{}]*)\}", r"\1\2", lhs)
    # the space after the fraction keeps \frac{d}{dx}f apart: "d/dx f", not the name "dxf"
    lhs = re.sub(r"\\[dt]?frac\s*\{([^{}]*)\}\s*\{([^{}]*)\}", r"\1/\2 ", lhs)
    return lhs.replace("{", " ").replace("}", " ")


def _refuse_second_order(lhs: str, text: str) -> None:
    many = _MANY_PRIMES.match(lhs)
    if many:                                                # f'''(x): order 3 and beyond are refused
        order = sum(_PRIME_COUNT.get(c, 1) for c in many.group("primes") if not c.isspace())
        if order > 2:
            raise ParseError(f"claim {quoted(text.strip())}: {many.group('out')} with {order} primes is a "
                             f"derivative of order {order}; claims are first or second derivatives (f'(x), "
                             "f''(x))", text, max(text.find(many.group("primes")), 0))
    m = _SECOND_PRIME.match(lhs)
    if m:
        arg = (m.group("arg") or "").strip()
        named = re.fullmatch(_NAME, arg) and arg not in ("pi", "e")
        second_order(m.group("out"), [arg if named else None] * 2, text, at=None if named or not arg else arg)
    leibniz = read_leibniz(lhs, text)       # d^2f/dx^2, ∂²f/∂x∂y, any order: notation/leibniz.py
    if leibniz is not None and not leibniz.first_order:
        second_order(leibniz.out, [], text, leibniz=leibniz)


def _at_bar(wrts: list, wrt: str, text: str) -> str:
    """An evaluation bar sets the variable the derivative is taken in: dy/dx at x = 2, never at y = 2."""
    other = [w for w in wrts if w not in (None, wrt)]
    if other:
        raise ParseError(f"claim {quoted(text.strip())}: the evaluation bar sets {wrt}, but the derivative is "
                         f"taken with respect to {other[0]}; a claim at its own point is a derivative in the "
                         f"variable it sets", text, text.rfind("|"))
    return wrt


def _exact(so, text: str) -> list:
    """The variables of a Leibniz second derivative inside an evaluation bar (read exactly, or refused)."""
    factors = unambiguous(so.leibniz)
    if factors is None:
        raise ParseError(f"claim {quoted(text.strip())}: inside an evaluation bar, write each variable with its "
                         "own d and a power with ^ (d^2y/dx^2)", text, 0)
    return exact(so.leibniz, factors, text)


class SecondOrder(ParseError):
    """A second-derivative left side (f''(x), f''(1), LaTeX second forms): symgraph.judging.second catches it
    and judges the claim; anywhere else it reads as a ParseError."""

    def __init__(self, out: str, wrts: list, text: str, at: Optional[str] = None, leibniz: Optional[Leibniz] = None):
        self.out, self.wrts, self.at, self.leibniz = out, wrts, at, leibniz     # leibniz: wrts still to read
        if leibniz is not None:
            what = "a second derivative" if leibniz.order == 2 else f"a derivative of order {leibniz.order}"
        else:
            which = f"d²{out}/d{wrts[0] or 'x'}²" if wrts[0] == wrts[-1] else f"∂²{out}/∂{wrts[0]}∂{wrts[-1]}"
            what = f"a second derivative ({which})"
        super().__init__(f"{what} is not a first-derivative claim", text, 0)


def second_order(out: str, wrts: list, text: str, at: Optional[str] = None,
                 leibniz: Optional[Leibniz] = None) -> None:
    """THE place where second derivatives leave this module: as SecondOrder, which the Hessian work's
    symgraph.judging.second turns into a claim (a variable None: the expression's only variable)."""
    raise SecondOrder(out, wrts, text, at, leibniz)


def _prime(m, text: str) -> Lhs:
    out, arg = m.group("out"), m.group("arg")
    out = _name(out, text)
    if arg is None:
        return Lhs(out, None, False)
    arg = arg.strip()
    if re.fullmatch(_NAME, arg) and arg not in ("pi", "e"):
        return Lhs(out, _name(arg, text), False)
    if not arg:
        raise ParseError(f"{out}'() needs a variable or a number inside the parentheses", text, text.find("("))
    _check_point(out, arg, text)
    return Lhs(out, None, False, at=arg)


def _check_point(out: str, arg: str, text: str) -> None:
    """``f'(2)``, ``f'(pi/4)``: the point must read as a constant expression here, with the caret in the
    claim, not later as an --at value the user never wrote (``f'(x)(2)`` is not a point)."""
    from symgraph.core.parser import parse_expression
    from symgraph.errors import SymgraphError
    from symgraph.judging.names import names_in

    start = text.find(arg)
    try:
        names = names_in(parse_expression(arg))
    except SymgraphError as exc:
        raise ParseError(f"cannot read the point in {out}'(...): {exc.message}", text,
                         start + (exc.column or 0), hint=exc.hint) from None
    if names:
        raise ParseError(f"{out}'(...) takes one variable name or a number, not {arg!r}", text,
                         start + names[0].col, hint=f"for a claim at a point write {out}'(2) = ...")
    from symgraph.core.point import parse_point

    try:
        parse_point(f"x={arg}")                     # a finite number: f'(1/0) is refused here
    except SymgraphError as exc:
        why = re.sub(r"^--at: value of 'x': ", "", exc.message)
        raise ParseError(f"cannot read the point in {out}'(...): {why}", text,
                         start + max((exc.column or 2) - 2, 0), hint=exc.hint) from None


def _name(name: str, text: str) -> str:
    from symgraph.judging.names import check_identifier

    return check_identifier(name, text, max(text.find(name), 0))


def _classic(lhs: str, text: str) -> tuple:
    """``dy/dx`` inside an evaluation bar: (out, wrt, partial)."""
    m = re.match(rf"^(?P<d>{_D})\s*(?P<out>{_NAME})\s*/\s*{_D}\s*(?P<wrt>{_NAME})$", lhs)
    if not m:
        raise ParseError("cannot read the derivative before the evaluation bar: write "
                         "\\left.\\frac{dy}{dx}\\right|_{x=2}", text, 0)
    return m.group("out"), m.group("wrt"), m.group("d") != "d"


def output_alias(out: str, graph) -> str:
    """``y'`` and ``dy/dx``, like ``f'``, mean the output when the program has no y (or no f): issue 23."""
    if out in ("f", "y") and out not in graph.names:
        return graph.nodes[graph.output].name
    return out


def only_variable(claim, graph) -> str:
    """``f'(2)`` and ``y'`` differentiate with respect to the expression's only variable."""
    names = list(graph.inputs)
    if len(names) != 1:
        raise ParseError(f"claim {quoted(claim.text.strip())}: {claim.out}' does not say which variable, and the "
                         f"expression has {len(names)} ({', '.join(names) or 'none'}); write d{claim.out}/d"
                         f"{names[0] if names else 'x'} instead", claim.text, 0)
    return names[0]
