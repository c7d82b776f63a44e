"""Array values at the point: ``--at 'w=[2,-3,-3], x=[-1,-2,1], b=0.5'``, ``@point.json`` with nested lists,
``@data.npz`` and ``name=@file.npy`` (always ``allow_pickle=False``), and ``--shapes W=3x4,x=4``.

Every value becomes a float64 array (a scalar is a 0-d array). Refused, with a PointError (exit 2): ragged
lists, entries that are not numbers, NaN and inf, pickles, and anything past the size limits below.
"""
from __future__ import annotations

import json
import math
import os
import re
from numbers import Real
from typing import Callable, Optional

import numpy as np

from symgraph.core.tokens import without_comments
from symgraph.core.files import read_text_file
from symgraph.errors import LimitError, PointError
from symgraph.tensor.npy import MAX_ENTRIES, load_npy, load_npz

MAX_TOTAL = 40_000_000          # entries in the whole point
MAX_TEXT_ENTRIES = 100_000      # entries written out in --at or JSON (use .npy / .npz beyond)
MAX_DEPTH = 32                  # nesting of [...]

_NUMBER = re.compile(r"\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*$")
_DIM = re.compile(r"\d{1,9}$")


def parse_arrays(text, read_file: Optional[Callable] = None) -> dict:
    """``name=value, ...`` (values: numbers, nested lists, ``@file.npy``), ``@point.json`` or ``@data.npz``;
    from Python, a dict of numbers, lists or arrays."""
    if isinstance(text, dict):
        _limits({str(k): _size(v) for k, v in text.items()})      # before any copy: a view may be huge
        return _checked({str(k): _from_python(v, str(k)) for k, v in text.items()})
    text = without_comments(text or "").strip()         # a '# ...' comment runs to the end of its line
    if not text:
        return {}
    if text.startswith("@") and "," in text and not os.path.exists(text[1:]):   # @d.npz, w=[1,2,3]
        first, rest = text.split(",", 1)
        out = parse_arrays(first, read_file)
        more = parse_arrays(rest, read_file)
        twice = sorted(set(out) & set(more))
        if twice:
            raise PointError(f"{', '.join(twice)} is given twice: in {first.strip()} and after it")
        return _checked({**out, **more})
    if text.startswith("@"):
        path = text[1:]
        if path.endswith((".npz", ".npy")):
            return _checked(load_npz(path) if path.endswith(".npz") else {_stem(path): load_npy(path, _stem(path))})
        return _checked(_from_json(path, read_file))
    out = {}
    for start, piece in _top_level(text):
        name, eq, value = piece.partition("=")
        col = start + len(piece) - len(piece.lstrip())
        name = name.strip()
        if not eq or not _NAME.match(name):
            raise PointError(f"expected name=value in --at, found {piece.strip()!r}", text, col)
        if name in out:
            raise PointError(f"{name} is given twice", text, col)
        _not_reserved(name, text, col)
        vcol = start + piece.index("=") + 1 + len(value) - len(value.lstrip())
        value = value.strip()
        if value.startswith("@"):
            out[name] = load_npy(value[1:], name)
        elif value.startswith("["):
            try:
                out[name] = _literal(value, text, vcol)
            except (PointError, LimitError) as exc:        # name the variable, as the scalar point does
                raise type(exc)(f"the value of '{name}': {exc.message}", exc.source, exc.column) from None
        else:
            out[name] = _scalar(name, value, text, vcol)
        if not np.all(np.isfinite(out[name])):
            bad = tuple(int(i) for i in np.argwhere(~np.isfinite(np.atleast_1d(out[name])))[0])
            raise PointError(f"the value of '{name}' holds {np.atleast_1d(out[name])[bad]} at entry {bad}: a number "
                             "too large for float64 (values must be finite numbers)", text, vcol)
    return _checked(out)


def parse_shapes(text: str) -> dict:
    """``W=3x4,x=4,b=()`` -> {"W": (3, 4), "x": (4,), "b": ()}."""
    out = {}
    for start, piece in _top_level(text or ""):
        name, eq, dims = (s.strip() for s in piece.partition("="))
        if not eq or not _NAME.match(name):
            raise PointError(f"expected name=shape in --shapes (W=3x4), found {piece.strip()!r}", text, start)
        if dims in ("()", "", "scalar"):
            out[name] = ()
            continue
        parts = dims.replace("×", "x").split("x")
        if not all(_DIM.match(p.strip()) for p in parts):
            raise PointError(f"a shape is sizes joined by x (3x4), not {dims!r}", text, start)
        shape = tuple(int(p) for p in parts)
        if int(np.prod(shape, dtype=object)) > MAX_ENTRIES:
            raise LimitError(f"{name}: {dims} has more than {MAX_ENTRIES:,} entries (the size limit)", text, start)
        out[name] = shape
    return out


def _top_level(text: str):
    """(offset, piece) for each comma-separated piece, commas inside brackets belonging to the array."""
    depth, start = 0, 0
    for i, ch in enumerate(text + ","):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth -= 1
        elif ch == "," and (depth <= 0 or i == len(text)):
            if text[start:i].strip():
                yield start, text[start:i]
            start = i + 1


def _literal(value: str, source: str, col: int) -> np.ndarray:
    """A nested list of numbers, read by this small parser (never eval)."""
    pos, count = 0, [0]

    def read(depth):
        nonlocal pos
        if depth > MAX_DEPTH:
            raise LimitError(f"the array nests deeper than {MAX_DEPTH} levels", source, col + pos)
        while pos < len(value) and value[pos].isspace():
            pos += 1
        if pos < len(value) and value[pos] == "[":
            pos += 1
            items = []
            while True:
                while pos < len(value) and value[pos].isspace():
                    pos += 1
                if pos < len(value) and value[pos] == "]" and not items:
                    pos += 1
                    return items
                items.append(read(depth + 1))
                while pos < len(value) and value[pos].isspace():
                    pos += 1
                if pos < len(value) and value[pos] == ",":
                    pos += 1
                elif pos < len(value) and value[pos] == "]":
                    pos += 1
                    return items
                else:
                    raise PointError("expected ',' or ']' in the array", source, col + pos)
        m = _NUMBER.match(value, pos)
        if not m:
            bad = re.match(r"[^,\[\]]*", value[pos:]).group().strip() or value[pos:pos + 1] or "nothing"
            raise PointError(f"{bad!r} is not a number (arrays hold finite numbers)", source, col + pos)
        pos = m.end()
        count[0] += 1
        if count[0] > MAX_TEXT_ENTRIES:
            raise LimitError(f"more than {MAX_TEXT_ENTRIES:,} numbers written out; use a .npy or .npz file",
                             source, col)
        return float(m.group(1))

    nested = read(0)
    if value[pos:].strip():
        raise PointError(f"unexpected {value[pos:].strip()!r} after the array", source, col + pos)
    return _rectangular(nested, source, col)


def _rectangular(nested, source=None, col=None, what="the array") -> np.ndarray:
    def shape_of(x):
        return (len(x),) + (shape_of(x[0]) if x and isinstance(x[0], list) else ()) if isinstance(x, list) else ()

    shape = shape_of(nested)

    def check(x, dims):
        if isinstance(x, list) != bool(dims) or (dims and len(x) != dims[0]):
            raise PointError(f"{what} is ragged (rows of different lengths, or numbers mixed with lists): every row "
                             "of a matrix needs the same number of entries", source, col)
        if dims:
            for item in x:
                check(item, dims[1:])
    check(nested, shape)
    return np.array(nested, dtype=np.float64)


def _scalar(name: str, value: str, source: str, col: int) -> np.ndarray:
    from symgraph.core.point import parse_point     # numbers and constant expressions such as pi/4

    try:
        return np.array(parse_point(f"{name}={value}").floats[name], dtype=np.float64)
    except PointError as exc:
        raise PointError(exc.message, source, col) from None


def _from_python(value, name: str) -> np.ndarray:
    if isinstance(value, str):
        return _scalar(name, value, None, None)
    if isinstance(value, (list, tuple)):
        try:
            odd = next((x for x in _flat(value) if isinstance(x, (bool, np.bool_, str)) or x is None), 0)
        except RecursionError:
            raise LimitError(f"{name}: the array nests deeper than {MAX_DEPTH} levels") from None
        if odd != 0:
            raise PointError(f"{name}: an array holds numbers only (found {odd!r}, which is not a number)")
        try:
            return _rectangular(json.loads(json.dumps(value)), what=name)
        except (TypeError, ValueError):
            raise PointError(f"{name}: an array holds numbers only") from None
    if isinstance(value, np.ma.MaskedArray):
        raise PointError(f"{name}: a masked array is refused (its mask would be ignored); pass "
                         "numpy.ma.filled(...) or the entries you mean")
    if not hasattr(value, "shape") and (isinstance(value, bool) or not isinstance(value, Real)):
        raise PointError(f"{name}: a value is a number, a list of numbers or an array, not {type(value).__name__}")
    arr = np.asarray(value)                 # an array (a view stays a view): its size is already checked
    if arr.dtype.kind not in "iuf":
        raise PointError(f"{name}: an array holds numbers only (found dtype {arr.dtype})")
    return arr.astype(np.float64)


def _from_json(path: str, read_file) -> dict:
    try:
        text = (read_file or read_text_file)(path)
    except OSError as exc:
        raise PointError(f"cannot read {path}: {exc.strerror}") from None
    try:
        data = json.loads(text, parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
    except RecursionError:
        raise LimitError(f"{path} is nested too deeply to read (arrays may nest up to {MAX_DEPTH} levels)") from None
    except ValueError as exc:
        raise PointError(f"{path} is not a JSON object of numbers and arrays ({exc})") from None
    if not isinstance(data, dict):
        raise PointError(f"{path} must hold a JSON object such as {{\"w\": [2, -3], \"b\": 0.5}}")
    out = {}
    for k, v in data.items():
        if isinstance(v, bool) or not isinstance(v, (int, float, str, list)):
            raise PointError(f"{path}: {k} must be a number or an array of numbers")
        if isinstance(v, list) and _count(v) > MAX_TEXT_ENTRIES:
            raise LimitError(f"{path}: {k} writes out more than {MAX_TEXT_ENTRIES:,} numbers; use .npy or .npz")
        out[k] = _from_python(v, k)
        if isinstance(v, list) and any(isinstance(x, (bool, str)) for x in _flat(v)):
            raise PointError(f"{path}: {k} holds something that is not a number")
    return out


def _flat(x):
    for item in x:
        if isinstance(item, (list, tuple)):
            yield from _flat(item)
        else:
            yield item


def _count(x) -> int:
    return sum(_count(i) if isinstance(i, list) else 1 for i in x)


def _stem(path: str) -> str:
    import os

    return os.path.splitext(os.path.basename(path))[0]


def _not_reserved(name: str, source=None, col=None) -> None:
    """A constant (e, pi) or a function cannot be given a value, as on the scalar route."""
    from symgraph.core.primitives import CONSTANTS, FUNCTIONS

    if name in CONSTANTS:
        raise PointError(f"--at: '{name}' is a constant, not a variable; it cannot be given a value", source, col)
    if name in FUNCTIONS:
        raise PointError(f"--at: '{name}' is a function, not a variable", source, col)


def _checked(values: dict) -> dict:
    _limits({name: arr.size for name, arr in values.items()})
    for name, arr in values.items():
        if not _NAME.match(name):
            raise PointError(f"{name!r} is not a name (letters, digits and _, not starting with a digit)")
        _not_reserved(name)
        if not np.all(np.isfinite(arr)):
            bad = tuple(int(i) for i in np.argwhere(~np.isfinite(np.atleast_1d(arr)))[0])
            raise PointError(f"{name} holds {np.atleast_1d(arr)[bad]} at entry {bad}: values must be finite numbers")
    return values


def _limits(sizes: dict) -> None:
    """The size limits, per array and for the whole point, from the entry counts alone."""
    for name, size in sizes.items():
        if size > MAX_ENTRIES:
            raise LimitError(f"{name} has {size:,} entries, more than the limit of {MAX_ENTRIES:,}")
    if sum(sizes.values()) > MAX_TOTAL:
        raise LimitError(f"the point has {sum(sizes.values()):,} entries, more than the limit of {MAX_TOTAL:,}")


def _size(value) -> int:
    """How many entries a value from Python holds, read off its shape: nothing is copied or converted (a
    broadcast view of 10**9 entries costs nothing to ask). Lists are counted (the caller holds them)."""
    if isinstance(value, (list, tuple)):
        try:
            return sum(1 for _ in _flat(value))
        except RecursionError:
            return 0                        # refused as too deep by _from_python, with that message
    shape = getattr(value, "shape", None)
    return math.prod(shape) if isinstance(shape, tuple) and all(isinstance(d, int) for d in shape) else 1
