"""Leibniz left sides of any order, read exactly: ``d^2f/dx^2``, ``d2f/dx2``, ``d²f/dx dy``, ``∂²f/∂x∂y``,
``d^2/dx^2 f``, and the LaTeX fractions once notation/prime.py has written them out
(``\\frac{\\partial^2 f}{\\partial x \\partial y}`` becomes ``∂^2 f/∂x ∂y``).

The order over the fraction must equal the sum of the powers under it, every power at least 1, with one
kind of d (d, or ∂) throughout. A left side that breaks this rule is refused with what was read (the order,
the variables with their powers), never judged as another derivative (issue 22 item 8).

Two spellings depend on the expression's variables and are settled against its inputs (``settle``):
``dxdy`` (the one name xdy, or x then y at the inner d) and ``dx2`` under an order written without ``^`` (the
name x2, or x squared: the textbook habit d2f/dx2). Exactly one reading may name inputs; none or several is refused, naming them.
One pass over the text, and the settling looks at most one name's length ahead: linear.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Optional

from symgraph.errors import ParseError
from symgraph.safe_text import quoted

_SIGNS = {"d": "d", "∂": "∂", "𝜕": "∂"}
_SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_TOKEN = re.compile(r"\s*(?:(?P<sign>[d∂𝜕])|(?P<name>[A-Za-z][A-Za-z0-9_]*)|\^\s*(?P<caret>\d{1,6})(?!\d)"
                    r"|(?P<sup>[⁰¹²³⁴⁵⁶⁷⁸⁹]{1,6})|(?P<digits>\d{1,6})(?!\d)|(?P<op>[/()])|(?P<other>\S))")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
EXAMPLES = "∂²f/∂x∂y, d²f/dx²"


@dataclass
class Factor:
    sign: str                  # "d" or "∂"
    name: str                  # as written: may hold an inner d (xdy) or a trailing digit (x2), see settle
    power: Optional[int]       # written with ^, a superscript or on the d (d^2x); None: not written


@dataclass
class Leibniz:
    sign: str                  # the numerator's d or ∂
    order: int                 # written over the fraction (1 when not written)
    out: Optional[str]         # the function differentiated (f), None when not written
    factors: list              # Factor per d under the fraction, in the order written
    bare: bool = False         # the order written without ^ (d2f): then dx2 may be x squared

    @property
    def first_order(self) -> bool:
        """``df/dx``: read by the first-derivative readers, with their own messages."""
        return self.order == 1 and len(self.factors) == 1 and self.factors[0].power is None


def _tokens(text: str) -> list:
    """(kind, value, column) per token; after a d (and its power) a name may start with d: ddelta."""
    out, k = [], 0
    while k < len(text):
        m = _TOKEN.match(text, k)
        if m is None:              # only blanks are left
            break
        kind = m.lastgroup
        value = m.group(kind)
        if kind == "sign" and value == "d" and _after_sign(out):
            m = _NAME.match(text, m.start(kind))
            kind, value = "name", m.group()
        elif kind in ("caret", "digits"):
            value = int(value)
        elif kind == "sup":
            kind, value = "caret", int("".join(str(_SUPERSCRIPT.index(c)) for c in value))
        out.append((kind, value, m.start(kind) if kind != "name" else m.start()))
        k = m.end()
    return out + [("end", None, len(text))]


def _after_sign(out: list) -> bool:
    return bool(out) and (out[-1][0] == "sign" or out[-1][0] in ("caret", "digits") and len(out) > 1
                          and out[-2][0] == "sign")


def read_leibniz(lhs: str, text: str) -> Optional[Leibniz]:
    """``lhs`` (LaTeX already written out) as a Leibniz derivative, or None when it is not one. A left side
    that writes an order (d^2, ∂², d2) but does not read as a fraction of d's is refused here."""
    toks = _tokens(lhs)
    if toks[0][0] != "sign":
        return None
    k = 1
    order = toks[k][1] if toks[k][0] in ("caret", "digits") else None
    k += order is not None
    out = toks[k][1] if toks[k][0] == "name" else None
    k += out is not None
    factors, k = _denominator(toks, k)
    if factors and out is None:           # d^2/dx^2 f, d^2/dx^2(f): the operator form
        out, k = _operand(toks, k)
    if factors is None or out is None or toks[k][0] != "end":
        if order is None:
            return None                   # df/dx sin(x), d/dx(...): the first-derivative readers say
        raise ParseError(f"cannot read the left side of claim {quoted(text.strip())} as a derivative: "
                         f"write it as {EXAMPLES}, with f the output or a named step", text,
                         _column(text, toks[k][2] if out is not None or factors is None else 0))
    return Leibniz(_SIGNS[toks[0][1]], 1 if order is None else order, out, factors, toks[1][0] == "digits")


def _denominator(toks: list, k: int) -> tuple:
    """(the factors under the fraction, where reading goes on), or (None, k) when it is not a fraction."""
    if toks[k][1] != "/":
        return None, k
    k += 1
    paren = toks[k][1] == "("
    k += paren
    factors = []
    while toks[k][0] == "sign":
        sign = _SIGNS[toks[k][1]]
        before = toks[k + 1][1] if toks[k + 1][0] in ("caret", "digits") else None     # d^2x, d2x
        k += 1 + (before is not None)
        if toks[k][0] != "name":
            return None, k
        name, k = toks[k][1], k + 1
        after = toks[k][1] if toks[k][0] == "caret" else None
        k += after is not None
        if before is not None and after is not None:
            return None, k                # d^2x^2: a power on both sides of the name
        factors.append(Factor(sign, name, after if before is None else before))
    if paren:
        if toks[k][1] != ")":
            return None, k
        k += 1
    return (factors or None), k


def _operand(toks: list, k: int) -> tuple:
    if toks[k][0] == "name":
        return toks[k][1], k + 1
    if toks[k][1] == "(" and toks[k + 1][0] == "name" and toks[k + 2][1] == ")":
        return toks[k + 1][1], k + 3
    return None, k


def _column(text: str, at_lhs: int) -> int:
    """The caret: under the fraction's denominator when the text is plain (columns of the written-out LaTeX
    are not the text's), else at the start."""
    if "\\" in text or "{" in text:
        braces = text.find("}{")
        return braces + 1 if braces >= 0 else 0
    return min(at_lhs, len(text))


def unambiguous(lz: Leibniz) -> Optional[list]:
    """[(name, power)] when no spelling waits for the expression's inputs (see settle), else None."""
    if any(_readings_possible(f, lz.bare) for f in lz.factors):
        return None
    return [(f.name, 1 if f.power is None else f.power) for f in lz.factors]


def _readings_possible(f: Factor, bare: bool) -> bool:
    return (f.sign == "d" and "d" in f.name[1:]) or (bare and f.power is None and _digit_power(f.name) is not None)


def _digit_power(piece: str) -> Optional[tuple]:
    """``x2`` -> ('x', 2): a last digit 2-9 after a letter may be a power written without ^ (d2f/dx2 only:
    d^2f/dx2 writes its order with ^, so x2 there is a name)."""
    if len(piece) >= 2 and piece[-1] in "23456789" and piece[-2].isalpha():
        return piece[:-1], int(piece[-1])
    return None


def settle(f: Factor, inputs, bare: bool) -> list:
    """Every reading of one factor into inputs: [[(name, power), ...], ...], at most two readings (enough
    to know it is ambiguous). Pieces split at an inner d (sign d only); a written power goes to the last."""
    name = f.name
    seps = [k for k, c in enumerate(name) if c == "d" and k >= 1] if f.sign == "d" else []
    longest = max((len(n) for n in inputs), default=0) + 1
    reach: dict = {0: [None]}             # where the next piece starts -> readings before it, linked
    for start in [0] + [s + 1 for s in seps]:
        befores = reach.pop(start, None)
        if not befores:
            continue
        stops = seps[bisect_right(seps, start):bisect_right(seps, start + longest)]
        for stop in stops + ([len(name)] if len(name) - start <= longest else []):
            last = stop == len(name)
            for reading in _pieces(name[start:stop], f.power if last else None, inputs, bare):
                slot = reach.setdefault(-1 if last else stop + 1, [])
                slot.extend((before, reading) for before in befores[:2 - len(slot)])
    return [_unlinked(chain) for chain in reach.get(-1, [])]


def _unlinked(chain) -> list:
    out = []
    while chain is not None:
        chain, reading = chain
        out.append(reading)
    return out[::-1]


def _pieces(piece: str, power: Optional[int], inputs, bare: bool) -> list:
    found = [(piece, 1 if power is None else power)] if piece in inputs else []
    digit = _digit_power(piece) if power is None and bare else None
    if digit is not None and digit[0] in inputs:
        found.append(digit)
    return found


def written(factors: list) -> str:
    """``[('x', 2), ('y', 1)]`` -> ``x², y``."""
    return ", ".join(n + ("" if p == 1 else str(p).translate(str.maketrans("0123456789", _SUPERSCRIPT)))
                     for n, p in factors)


def exact(lz: Leibniz, factors: list, text: str) -> list:
    """The variables differentiated, each as often as its power (``[x, x]``, ``[x, y]``), when the left
    side is a second derivative read exactly; otherwise the ParseError saying what was read."""
    said = f"claim {quoted(text.strip())}: its left side reads as order {lz.order} taken with respect to " \
           f"{len(factors)} variable{'s' if len(factors) != 1 else ''} ({written(factors)})"
    column = _column(text, text.find("/") + 1)
    signs = {f.sign for f in lz.factors}
    if signs != {lz.sign}:
        raise ParseError(f"{said}, and mixes d and ∂ (the numerator's {lz.sign} over "
                         f"{' '.join(f.sign + f.name for f in lz.factors)}); write one of them throughout, "
                         f"as in {EXAMPLES} (both mean the same second derivative here)", text, column)
    zero = [n for n, p in factors if p < 1]
    if zero:
        raise ParseError(f"{said}: '{zero[0]}' to the power 0 is no derivative; every power under the "
                         f"fraction is at least 1 ({EXAMPLES})", text, column)
    total = sum(p for _, p in factors)
    if total != lz.order:
        whose = "whose power is" if len(factors) == 1 else "whose powers add up to"
        raise ParseError(f"{said}, {whose} {total}; the order must equal the sum of the powers under the "
                         f"fraction ({EXAMPLES}), and claims are first or second derivatives", text, column)
    if total == 1:                     # d^1f/dx^1: a first derivative with its 1s written out
        raise ParseError(f"{said}: a first derivative is written without the 1s (df/dx, ∂f/∂x)", text, column)
    if total != 2:
        raise ParseError(f"{said}: claims are first or second derivatives (df/dx, {EXAMPLES})", text, column)
    return [n for n, p in factors for _ in range(p)]


def beyond_second(lz: Leibniz, text: str) -> None:
    """Refused before the variables are read against the inputs: an order other than 2 over a fraction
    that is no first derivative (a first derivative never reaches here)."""
    if lz.order != 2:
        under = " ".join(f.sign + f.name + ("" if f.power is None else f"^{f.power}") for f in lz.factors)
        raise ParseError(f"claim {quoted(text.strip())}: its left side reads as order {lz.order} (over {under}); "
                         f"claims are first or second derivatives (df/dx, {EXAMPLES})", text,
                         _column(text, text.find("/") + 1))
