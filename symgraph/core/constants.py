"""Exact values for literals and variable-free subexpressions (``2``, ``1e-3``, ``pi/4``, ``sin(pi/6)``).

Built directly as SymPy numbers from validated text, never through ``sympify``. Folding is guarded so
that ``10**10**10`` is refused in microseconds instead of computing a ten-billion-digit integer.
"""
from __future__ import annotations

import functools
import math
from fractions import Fraction

import mpmath
import sympy

from symgraph.errors import DomainError, LimitError
from symgraph.core.primitives import CONSTANTS, PRIMITIVES

# Largest decimal exponent folded exactly; beyond it the result would not fit a float64 anyway.
MAX_LOG10 = 308.0
# Literals below 1e-400 (far under float64's smallest subnormal, 5e-324) are refused rather than built as
# a fraction whose denominator has that many digits: 1e-99999999 would otherwise take minutes.
MIN_LOG10 = -400.0
# Digits an exact rational power may take: (1 + 1e-300)**(10**300) is about e, but computing it exactly
# would need 10**302 digits.
MAX_EXACT_DIGITS = 20_000
# Folding stays exact while a constant is small (see _small); beyond, it continues with Floats of this many
# significant digits (float64 has about 16).
EXACT_BITS = 4_000
NUMERIC_DIGITS = 60


@functools.lru_cache(maxsize=1024)       # a chain of v = v*1.0001 reads the same literal 75,000 times
def literal(text: str) -> sympy.Rational:
    """A numeric literal as an exact rational: ``0.1`` is 1/10, not the float nearest to it."""
    if text.isdigit():                     # the common case, without Fraction's parsing
        return sympy.Integer(int(text))
    frac = Fraction(text)  # text already matched the tokenizer's number pattern
    return sympy.Rational(frac.numerator, frac.denominator)


def named(name: str) -> sympy.Expr:
    return CONSTANTS[name]


def check_literal(text: str, source: str | None = None, col: int | None = None) -> None:
    """Refuse literals outside the float64 range before any big-integer arithmetic happens."""
    mantissa, _, exponent = text.lower().partition("e")
    digits = len(mantissa.split(".")[0].lstrip("0"))
    magnitude = digits - 1 + (int(exponent) if exponent else 0)
    shown = f"{text[:20]}{'...' if len(text) > 20 else ''}"
    if magnitude > MAX_LOG10:
        raise LimitError(f"number {shown} is beyond the float64 range (about 1.8e308)", source, col)
    if magnitude < MIN_LOG10:
        raise LimitError(f"number {shown} is far below the float64 range (the smallest is about 5e-324); "
                         "write 0 if you mean zero", source, col)


def fold(op: str, args: tuple, source: str | None = None, col: int | None = None) -> sympy.Expr:
    """The exact value of ``op`` applied to constant ``args``, refusing results too large to hold."""
    if op == "pow":
        base, expo = args
        fb, fe = approximate(base), approximate(expo)
        if fb != 0 and abs(fe) * abs(math.log10(abs(fb))) > MAX_LOG10:
            raise LimitError(f"constant power {_short(base)}**{_short(expo)} is out of range "
                             f"(about 10^{abs(fe) * math.log10(abs(fb)):.3g})", source, col)
        if base.is_Rational and expo.is_Rational and abs(base) not in (0, 1):
            digits = abs(expo.p) * (math.log10(abs(base.p) + 1) + math.log10(base.q + 1))
            if digits > MAX_EXACT_DIGITS:
                raise LimitError(f"constant power {_short(base)}**{_short(expo)} would need about {digits:.3g} "
                                 "digits to compute exactly", source, col)
        if fb < 0 and not float(fe).is_integer():
            raise DomainError("a negative constant raised to a non-integer power is not real", source, col)
        if fb == 0 and fe <= 0:
            raise DomainError("0 raised to a non-positive power", source, col)
    if op == "div" and args[1] == 0:
        raise DomainError("division by zero in a constant expression", source, col)
    if not all(_small(a) for a in args):
        args = tuple(_numeric(a, source, col) for a in args)
    value = PRIMITIVES[op].sym(*args, None) if PRIMITIVES[op].arity == 2 else PRIMITIVES[op].sym(args[0], None)
    approx = approximate(value, source, col)
    if not math.isfinite(approx):
        raise DomainError(f"constant expression is not finite ({approx})", source, col)
    return value


def _small(value: sympy.Expr) -> bool:
    """Cheap to keep exact: an atom (a rational of at most EXACT_BITS bits, pi, a Float) or one operation
    on atoms (``sin(1)``, ``pi/4``, ``sqrt(2)``)."""
    if value.is_Rational:
        return int(value.p).bit_length() + int(value.q).bit_length() <= EXACT_BITS
    return value.is_Atom or all(a.is_Atom for a in value.args)


def _numeric(value: sympy.Expr, source: str | None, col: int | None) -> sympy.Expr:
    """``value`` as a NUMERIC_DIGITS-digit Float. Exact SymPy folding of ``sin(sin(...sin(1)...))`` grows
    cubically with the depth (SymPy's sin inspects its whole argument at each level), and a product of
    150,000 fractions grows a 100,000-digit rational: past one level of nesting (or EXACT_BITS bits) a
    constant is carried as a Float far more precise than the float64 the graph computes with, so folding
    stays linear. A Float input is returned as it is."""
    if value.is_Float or (value.is_Rational and _small(value)):
        return value
    if value.is_Rational:
        return sympy.Float(mpmath.mpf(int(value.p)) / int(value.q), NUMERIC_DIGITS)
    try:
        number = sympy.N(value, NUMERIC_DIGITS)          # one level deep: cheap
    except (TypeError, ValueError, OverflowError) as exc:
        raise DomainError(f"constant expression has no real value ({exc})", source, col) from None
    if not number.is_real or not number.is_Float:
        raise DomainError("constant expression is not a real number", source, col)
    return number


def approximate(value: sympy.Expr, source: str | None = None, col: int | None = None) -> float:
    if value.is_Float:
        return float(value)
    if value.is_Rational:                  # p/q of Python ints is correctly rounded: no evalf needed
        try:
            return int(value.p) / int(value.q)
        except OverflowError:
            return math.inf
    try:
        number = complex(sympy.N(value, 20))
    except (TypeError, ValueError, OverflowError) as exc:
        raise DomainError(f"constant expression has no real value ({exc})", source, col) from None
    if number.imag != 0:
        raise DomainError("constant expression is not a real number", source, col)
    return number.real


def to_float(value: sympy.Expr) -> float:
    return approximate(value)


def _short(value: sympy.Expr) -> str:
    """A constant for a message, parenthesized unless it is a plain integer: (1/3)**100000."""
    text = sympy.sstr(value)
    text = text if len(text) < 20 else text[:17] + "..."
    return text if text.lstrip("-").isdigit() else f"({text})"
