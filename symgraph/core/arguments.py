"""The Python API's arguments, checked at the door: a bad one is a ``SymgraphError`` that names it.

The command line's options are checked by click (types, ranges); from Python anything can arrive:
``grad(None)``, ``timeout=nan``, ``wrt=5``. Each function here takes the value and the argument's name and
returns the value in the form the library wants, or raises. The ranges are the command line's, so the two
doors accept the same things.
"""
from __future__ import annotations

import math
import os
from numbers import Real

from symgraph.errors import SymgraphError

MAX_TIMEOUT = 3600.0          # seconds, as --timeout


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _refuse(name: str, wanted: str, value) -> SymgraphError:
    return SymgraphError(f"{name} must be {wanted}, not {type(value).__name__} {_shown(value)}")


def text(value, name: str) -> str:
    """An expression or other text: a ``str`` (bytes are refused rather than guessed at)."""
    if not isinstance(value, str):
        raise _refuse(name, "a string", value)
    return value


def point(value, name: str = "at"):
    """``at``: None, ``"x=1,y=2"``, ``"@PATH"``, a dict of names to numbers or expression strings, or a Point."""
    from symgraph.core.point import Point

    if value is None or isinstance(value, (str, Point)):
        return value
    if isinstance(value, dict):
        for key in value:
            if not isinstance(key, str):
                raise _refuse(f"{name}'s names", "strings", key)
        return value
    raise _refuse(name, "None, a string such as 'x=1,y=2', a dict such as {'x': 1} or a Point", value)


def names(value, name: str):
    """Variable or output names: None, ``"x,y"`` or a sequence of strings. Returns a list or None."""
    if value is None:
        return None
    if isinstance(value, str):
        items = value.split(",")
    elif isinstance(value, (list, tuple)):
        items = list(value)
    else:
        raise _refuse(name, "None, a string such as 'x,y' or a list of names", value)
    for item in items:
        if not isinstance(item, str):
            raise _refuse(f"each of {name}", "a string", item)
    cleaned = [item.strip() for item in items if item.strip()]
    return cleaned or None


def choice(value, name: str, options: tuple) -> str:
    if not isinstance(value, str) or value not in options:
        raise SymgraphError(f"{name} must be one of {', '.join(repr(o) for o in options)}, not {_shown(value)}")
    return value


def flag(value, name: str) -> bool:
    if not isinstance(value, bool):
        raise _refuse(name, "True or False", value)
    return value


def number(value, name: str, low: float, high: float, *, open_low: bool = False) -> float:
    """A finite real number in [low, high] (or (low, high]): nan, infinities and booleans are refused."""
    if isinstance(value, bool) or not isinstance(value, Real):
        raise _refuse(name, "a number", value)
    value = float(value)
    below = value <= low if open_low else value < low
    if not math.isfinite(value) or below or value > high:
        bound = f"more than {low:g}" if open_low else f"at least {low:g}"
        raise SymgraphError(f"{name} must be a finite number {bound} and at most {high:g}, not {_shown(value)}")
    return value


def integer(value, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _refuse(name, "an integer", value)
    if not low <= value <= high:
        raise SymgraphError(f"{name} must be an integer from {low} to {high}, not {value}")
    return value


def timeout(value, name: str = "timeout"):
    """Seconds for the costly checks: None (no time limit) or a number in (0, 3600]."""
    return None if value is None else number(value, name, 0.0, MAX_TIMEOUT, open_low=True)


def tolerance(value, name: str = "tol"):
    """None or 'auto' (the documented default) or a finite positive number."""
    if value is None or value == "auto":
        return None
    return number(value, name, 0.0, 1e300, open_low=True)


def claims(value, name: str = "claims") -> list:
    """One claim (a string) or a sequence of them."""
    if isinstance(value, str):
        return [value]
    if not isinstance(value, (list, tuple)):
        raise _refuse(name, "a string or a list of strings", value)
    for item in value:
        if not isinstance(item, str):
            raise _refuse(f"each of {name}", "a string", item)
    return list(value)


def path(value, name: str = "path") -> str:
    """A file path: a string or os.PathLike of text, without a NUL byte."""
    try:
        value = os.fspath(value)
    except TypeError:
        raise _refuse(name, "a path (a string)", value) from None
    if not isinstance(value, str):
        raise _refuse(name, "a path given as a string", value)
    if "\x00" in value or not value:
        raise SymgraphError(f"{name} must be a file path, not {_shown(value)}")
    return value


def span(value, name: str = "range"):
    """A plot's range: None, ``"LO:HI"`` or a pair of finite numbers (returned as ``"LO:HI"`` text)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, (list, tuple)) and len(value) == 2:
        lo, hi = (number(v, name, -1e300, 1e300) for v in value)
        return f"{lo!r}:{hi!r}"
    raise _refuse(name, "None, 'LO:HI' or a pair of numbers (lo, hi)", value)
