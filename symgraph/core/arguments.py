"""The Python API's arguments, checked at the door: a bad one is a ``SymgraphError`` that names it.

The command line's options are checked by click (types, ranges); from Python anything can arrive:
``grad(None)``, ``timeout=nan``, ``wrt=5``. Each function here takes the value and the argument's name and
returns the value in the form the library wants, or raises. The ranges are the command line's, so the two
doors accept the same things.
"""
from __future__ import annotations

import math
import os
import re
from numbers import Integral, Real

from symgraph.errors import SymgraphError, one_line
from symgraph.safe_text import terminal

MAX_TIMEOUT = 3600.0          # seconds, as --timeout


def _shown(value) -> str:
    """The caller's value as a message may repeat it: ``repr`` (control characters escaped, so the message
    is safe to print), cut to 60 characters; an integer too long to write is given by its size."""
    if isinstance(value, int) and value.bit_length() > 200:
        return f"an integer of about {int(value.bit_length() * 0.30103):,} digits"
    try:
        text = repr(value)
    except Exception:                   # a broken __repr__ is the caller's; the message still says what
        text = f"<{type(value).__name__}>"
    return text if len(text) <= 60 else text[:57] + "..."


def _refuse(name: str, wanted: str, value) -> SymgraphError:
    return SymgraphError(f"{name} must be {wanted}, not {type(value).__name__} {_shown(value)}")


def safe_error(exc: SymgraphError) -> SymgraphError:
    """The error as the API raises it: a caller's value repeated in its message or hint (a name holding
    ESC or NUL) shown escaped by ``safe_text.terminal``, a line break as ⏎, so the exception text is safe to
    print. Changed in place and returned. The command line does the same on printing, and escaped text
    escapes to itself, so it prints the same bytes either way."""
    exc.message = one_line(terminal(exc.message))
    exc.args = (exc.message,) + exc.args[1:]
    if exc.hint:
        exc.hint = one_line(terminal(exc.hint))
    return exc


def text(value, name: str) -> str:
    """An expression or other text: a ``str`` (bytes are refused rather than guessed at)."""
    if not isinstance(value, str):
        raise _refuse(name, "a string", value)
    return str.__str__(value)


def point(value, name: str = "at"):
    """``at``: None, ``"x=1,y=2"``, ``"@PATH"``, a dict of names to numbers or expression strings, or a Point."""
    from symgraph.core.point import Point

    if value is None or isinstance(value, (str, Point)):
        return value
    if isinstance(value, dict):
        items = dict.items(value)           # a dict subclass is read as the dict it holds
        for key, _ in items:
            if not isinstance(key, str):
                raise _refuse(f"{name}'s names", "strings", key)
        return {str.__str__(key): _plain_number(v) for key, v in items}
    raise _refuse(name, "None, a string such as 'x=1,y=2', a dict such as {'x': 1} or a Point", value)


def _plain(value):
    """A value of a subclass of str, int, float, list or tuple as the plain value it holds, read by the base
    type's own methods: the caller's overrides (``__str__``, ``__iter__``, ``__float__``) are never called."""
    if isinstance(value, str):
        return str.__str__(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, float):
        return float.__float__(value)
    if isinstance(value, int):
        return int.__index__(value)
    if isinstance(value, list):
        return list.copy(value)
    if isinstance(value, tuple):
        return list(tuple.__getitem__(value, slice(None)))
    return value


def _plain_number(value):
    """A NumPy number (``np.float64(2.0)``, a 0-d array) as the Python number it holds, so that a point
    reads it as the number and not as its repr; anything else unchanged (arrays are the tensor route's)."""
    if isinstance(value, (str, int, float)):
        return _plain(value)
    kind = getattr(getattr(value, "dtype", None), "kind", None)
    if kind in ("i", "u", "f") and getattr(value, "ndim", None) == 0:
        return value.item()
    return value


def names(value, name: str, *, empty: bool = True):
    """Variable or output names: None, ``"x,y"`` or a sequence of strings. Returns a list or None.
    ``empty=False``: an empty list (or a string naming nothing) is refused instead of meaning the default."""
    if value is None:
        return None
    if isinstance(value, str):
        items = _plain(value).split(",")
    elif isinstance(value, (list, tuple)):
        items = _plain(value)
    else:
        raise _refuse(name, "None, a string such as 'x,y' or a list of names", value)
    for item in items:
        if not isinstance(item, str):
            raise _refuse(f"each of {name}", "a string", item)
    items = [_plain(item) for item in items]
    cleaned = [item.strip() for item in items if item.strip()]
    if not cleaned and not empty:
        raise SymgraphError(f"{name} must name at least one (None for the default), not {_shown(value)}")
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
    given = value = _plain(value)
    try:
        value = float(value)
    except OverflowError:               # an int past float64 (10**400): out of range like any other
        value = math.inf if given > 0 else -math.inf
    below = value <= low if open_low else value < low
    if not math.isfinite(value) or below or value > high:
        bound = f"more than {low:g}" if open_low else f"at least {low:g}"
        raise SymgraphError(f"{name} must be a finite number {bound} and at most {high:g}, not {_shown(given)}")
    return value


def integer(value, name: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, Integral):
        raise _refuse(name, "an integer", value)
    value = _plain(value) if isinstance(value, int) else int(value)     # a NumPy integer: the int it holds
    if not low <= value <= high:
        raise SymgraphError(f"{name} must be an integer from {low} to {high}, not {_shown(value)}")
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
        return [_plain(value)]
    if not isinstance(value, (list, tuple)):
        raise _refuse(name, "a string or a list of strings", value)
    value = _plain(value)
    for item in value:
        if not isinstance(item, str):
            raise _refuse(f"each of {name}", "a string", item)
    return [_plain(item) for item in value]


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


MAX_INDENT = 16


def indent(value, name: str = "indent"):
    """``to_json``'s indent, as ``json.dumps`` takes it: None (one line), an integer from 0 to 16 (spaces),
    or a string of at most 16 spaces and tabs."""
    if value is None:
        return None
    blank = isinstance(value, str) and len(value) <= MAX_INDENT and not value.strip(" \t")
    number = isinstance(value, Integral) and not isinstance(value, bool) and 0 <= value <= MAX_INDENT
    if not (blank or number):
        raise SymgraphError(f"{name} must be None, an integer from 0 to {MAX_INDENT} or a string of at most "
                            f"{MAX_INDENT} spaces and tabs, not {type(value).__name__} {_shown(value)}")
    return value if blank else int(value)


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


def shapes(value, name: str = "shapes"):
    """A tensor program's shapes: None, ``"W=3x4,x=4"`` or a dict such as ``{"W": (3, 4), "b": ()}``,
    returned as the text form (whose reader checks the sizes against the limits)."""
    if value is None or isinstance(value, str):
        return value
    if not isinstance(value, dict):
        raise _refuse(name, "None, a string such as 'W=3x4,x=4' or a dict such as {'W': (3, 4)}", value)
    parts = []
    for key, dims in value.items():
        if not isinstance(key, str) or not _NAME.match(key):
            raise _refuse(f"{name}'s names", "variable names (letters, digits and _)", key)
        dims = (dims,) if isinstance(dims, Integral) and not isinstance(dims, bool) else dims
        if not isinstance(dims, (tuple, list)) or not all(
                isinstance(d, Integral) and not isinstance(d, bool) and 0 <= d < 10 ** 9 for d in dims):
            raise _refuse(f"{name}[{key!r}]", "a size or a tuple of sizes from 0 to 999,999,999", dims)
        parts.append(f"{key}=" + ("x".join(str(int(d)) for d in dims) if dims else "()"))
    return ",".join(parts)


def direction(value, name: str = "direction"):
    """A tensor program's direction: None, text such as ``"w=[1,0]"`` or a dict of names to arrays."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, dict):
        return point(value, name)
    raise _refuse(name, "None, a string such as 'w=[1,0]' or a dict such as {'w': [1, 0]}", value)
