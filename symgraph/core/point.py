"""The evaluation point: ``--at x1=1,x2=pi/4`` or ``--at @point.json``, turned into numbers.

Each value is parsed by the same safe parser as the expression and must be variable-free. The result
holds both the exact SymPy value (for the symbolic check) and its float (for the graph): no string ever
reaches SymPy.
"""
from __future__ import annotations

import math
import re
import sys
from dataclasses import dataclass
from functools import cached_property
from fractions import Fraction

import sympy

from symgraph.core import constants
from symgraph.core.files import read_text_file
from symgraph.errors import LimitError, PointError, SymgraphError
from symgraph.core.lower import constant_value
from symgraph.core.parser import MAX_LITERAL_CHARS, parse_expression
from symgraph.core.primitives import CONSTANTS, FUNCTIONS
from symgraph.core.tokens import without_comments

_IDENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_NOT_FINITE = re.compile(r"[+-]?(inf|infinity|nan)", re.IGNORECASE)


@dataclass
class Point:
    exact: dict    # name -> SymPy number
    floats: dict   # name -> float
    text: dict     # name -> the value as written

    @cached_property
    def binary(self) -> dict:
        """The float64 point as exact rationals: the point the graph really computes at. Checks compare
        SymPy there, so that rounding ``pi`` to a float is never mistaken for a wrong derivative."""
        return {k: sympy.Rational(*float(v).as_integer_ratio()) for k, v in self.floats.items()}

    @cached_property
    def rounding(self) -> dict:
        """How far each float64 coordinate is from the value as written, for those not exactly a float64
        (``pi/4``, ``0.1``): the rounding the running error bound starts from."""
        out = {}
        for k, exact in self.exact.items():
            binary = self.binary[k]
            if exact != binary:
                gap = exact - binary
                out[k] = abs(int(gap.p) / int(gap.q)) if gap.is_Rational else abs(float(sympy.N(gap, 5)))
        return out

    @property
    def rounded(self) -> list:
        """Names whose written value (``pi/4``, ``0.1``) is not exactly a float64."""
        return list(self.rounding)


def parse_point(spec, read_file=None) -> Point:
    """Parse ``name=value,...``, ``@PATH`` (a JSON object of numbers or expression strings), or (from
    Python) a dict such as ``{"x": 2, "y": "pi/4"}``."""
    if isinstance(spec, dict):
        return _from_mapping(spec, "the point")
    if spec is None or not spec.strip():
        return Point({}, {}, {})
    spec = spec.strip()
    if spec.startswith("@"):
        return _from_json(spec[1:], read_file)
    point = Point({}, {}, {})
    offset = 0
    for piece in without_comments(spec).split(","):        # a comment runs to the end of its line
        col = offset + len(piece) - len(piece.lstrip())
        offset += len(piece) + 1
        name, eq, value = piece.partition("=")
        if not eq:
            raise PointError(f"expected name=value in --at, found {piece.strip()!r}", spec, col)
        _add(point, name.strip(), value.strip(), spec, col, col + len(name) + 1)
    return point


def _from_json(path: str, read_file) -> Point:
    import json  # only for @PATH points: keeps start-up light

    text = (read_file or read_text_file)(path)
    try:
        # Numbers stay text, to go through the same literal checks as --at (a 5000-digit integer is
        # refused by name instead of tripping Python's int-to-float limits, 1e-400 is not silently 0).
        data = json.loads(text, parse_constant=float, parse_int=_JsonNumber, parse_float=_JsonNumber,
                          object_pairs_hook=_no_duplicates)
    except json.JSONDecodeError as exc:
        raise PointError(f"--at @{path}: not valid JSON ({exc.msg} at line {exc.lineno} column {exc.colno})")
    if not isinstance(data, dict):
        raise PointError(f"--at @{path}: expected a JSON object such as {{\"x\": 1.5}}")
    return _from_mapping(data, f"@{path}", where=path)


def _from_mapping(data: dict, label: str, where: str | None = None) -> Point:
    point = Point({}, {}, {})
    for name, value in data.items():
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise PointError(f"{label}: the value of {name!r} must be a number or an expression string, "
                             f"not {type(value).__name__} {str(value)[:40]}")
        if isinstance(value, float) and not math.isfinite(value):
            raise PointError(f"{label}: the value of {name!r} is not finite ({value})")
        # repr of a float is the shortest text that reads back as the same float
        text = value if isinstance(value, str) else repr(value)
        _add(point, str(name), text, label, None, None, where=where)
    return point


class _JsonNumber(str):
    """A JSON number kept as its text."""


def _no_duplicates(pairs: list) -> dict:
    seen = {}
    for key, value in pairs:
        if key in seen:
            raise PointError(f"--at: '{key}' is given twice in the JSON file")
        seen[key] = value
    return seen


def _add(point: Point, name: str, value: str, spec: str, col, value_col, where: str | None = None) -> None:
    label = f"--at @{where}" if where else "--at"
    if not _IDENT.fullmatch(name or ""):
        raise PointError(f"{label}: {name!r} is not a variable name", spec, col)
    if name in CONSTANTS:
        raise PointError(f"{label}: '{name}' is a constant, not a variable; it cannot be given a value", spec, col)
    if name in FUNCTIONS:
        raise PointError(f"{label}: '{name}' is a function, not a variable", spec, col)
    if name in point.exact:
        raise PointError(f"{label}: '{name}' is given twice", spec, col)
    if not value:
        raise PointError(f"{label}: '{name}' has no value", spec, col)
    try:
        exact = _value(value)
    except SymgraphError as exc:
        # Re-anchor the caret on the --at text (or name the file) instead of the value alone.
        column = None if value_col is None or exc.column is None else value_col + exc.column
        raise PointError(f"{label}: value of '{name}': {exc.message}", spec if column is not None else None,
                         column, hint=exc.hint) from None
    number = constants.to_float(exact)
    if not math.isfinite(number):
        raise PointError(f"{label}: the value of '{name}' is not finite", spec, col)
    if exact != 0 and abs(number) < sys.float_info.min:      # subnormal, or underflowed to 0
        # A subnormal float keeps only a few digits: the graph would compute at a different point than the
        # exact one SymPy uses, and every comparison would measure that rounding instead of the gradient.
        raise PointError(f"{label}: the value of '{name}' ({value}) is below float64's normal range "
                         f"(about {sys.float_info.min:.3g}) and would lose its precision; use 0 or a larger "
                         "value", spec, col)
    point.exact[name], point.floats[name], point.text[name] = exact, number, value


def _value(text: str) -> sympy.Expr:
    if _NOT_FINITE.fullmatch(text):
        raise PointError(f"{text} is not a finite number; give a finite value", text, 0)
    if re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", text, re.ASCII):
        sign = len(text) - len(text.lstrip("+-"))
        if len(text) - sign > MAX_LITERAL_CHARS:
            raise LimitError(f"number literal of {len(text) - sign:,} characters; the limit is "
                             f"{MAX_LITERAL_CHARS}", text, sign)
        constants.check_literal(text[sign:], text, sign)
        frac = Fraction(text)
        return sympy.Rational(frac.numerator, frac.denominator)
    return constant_value(parse_expression(text), text)


SHOWN_NAMES = 8        # a refusal names the first few missing or extra names and counts the rest
SUGGEST_AT_MOST = 20   # difflib suggestions only when both lists are this short (it compares every pair)


def check_against(point: Point, inputs) -> None:
    """Every input needs a value and every value needs an input: name what is missing or extra.

    Set lookups (linear in the number of names), and a message of bounded length however many names are
    wrong: the first few of each kind and a count of the rest."""
    wanted = inputs if isinstance(inputs, (set, dict)) else dict.fromkeys(inputs)
    missing = [n for n in wanted if n not in point.floats]
    extra = [n for n in point.floats if n not in wanted]
    if not missing and not extra:
        return
    problems = []
    if missing:
        problems.append(f"--at is missing a value for {few_names(missing)}")
    if extra:
        problems.append(f"--at gives {few_names(extra)}, which the expression does not use")
    raise PointError("; ".join(problems) + f" (the expression's variables: {few_names(list(wanted)) or 'none'})",
                     hint=_suggest(missing, extra))


def few_names(names: list) -> str:
    """The first few names and a count of the rest (a message stays short however many there are)."""
    shown = ", ".join(names[:SHOWN_NAMES])
    return shown + (f" and {len(names) - SHOWN_NAMES:,} more" if len(names) > SHOWN_NAMES else "")


def _suggest(missing: list, extra: list) -> str | None:
    """``did you mean x1 instead of X1?``: a case-insensitive match is a dictionary lookup; difflib's
    fuzzy match compares every pair, so it runs only when both lists are short."""
    lower = {}
    for m in missing:
        lower.setdefault(m.lower(), m)
    near = {n: lower[n.lower()] for n in extra if n.lower() in lower}
    if len(missing) <= SUGGEST_AT_MOST and len(extra) <= SUGGEST_AT_MOST:
        from difflib import get_close_matches  # only on this error path

        for n in extra:
            if n not in near:
                close = get_close_matches(n, missing, n=1, cutoff=0.5)
                if close:
                    near[n] = close[0]
    hints = [f"did you mean {m} instead of {n}?" for n, m in list(near.items())[:SHOWN_NAMES]]
    return "; ".join(hints) or None
