"""The inputs a layer or loss function is fed: shapes from ``--shapes`` (letters become distinct primes),
values from ``--at`` or drawn at random, away from kinks and ties; class labels for an input used as an index.
"""
from __future__ import annotations

import ast
import re

import numpy as np

from symgraph.code.values import Labels, check_size
from symgraph.errors import SymgraphError

PRIMES = (7, 5, 3, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47)
_ITEM = re.compile(r"\s*([A-Za-z][A-Za-z0-9_]*)\s*=\s*([A-Za-z0-9_]+(?:\s*x\s*[A-Za-z0-9_]+)*|\(\s*\)|1)\s*$")
MIN_MAGNITUDE = 0.1           # drawn entries are at least this far from 0 (the kink of relu, |x|, max(0, x))


def parse_shapes(text: str | None) -> dict:
    """``x=4x5,w=5x3,b=3`` -> {x: (4, 5), ...}; ``x=NxD,w=DxM,b=M``: each letter is a distinct prime
    (N=7, D=5, M=3, ... in order of appearance), so a transposed product never fits by accident."""
    if not text:
        return {}
    shapes, letters = {}, {}
    for item in text.split(","):
        match = _ITEM.match(item)
        if not match:
            raise SymgraphError(f"--shapes: {item.strip()!r} is not NAME=DIMS (e.g. x=4x5, w=DxM, b=M, s=())")
        name, dims = match.group(1), match.group(2)
        if dims.replace(" ", "") == "()":
            shapes[name] = ()
            continue
        out = []
        for dim in (d.strip() for d in dims.split("x")):
            if dim.isdigit():
                out.append(int(dim))
            else:
                if dim not in letters:
                    if len(letters) == len(PRIMES):
                        raise SymgraphError("--shapes: too many distinct letters")
                    letters[dim] = PRIMES[len(letters)]
                out.append(letters[dim])
        if any(n < 1 for n in out):
            raise SymgraphError(f"--shapes: {name} has a dimension below 1")
        check_size(tuple(out))
        shapes[name] = tuple(out)
    return shapes


def index_params(func: ast.FunctionDef) -> set:
    """Parameters used inside an index (``scores[np.arange(N), y]``, ``scores[y[i]]``): class labels."""
    params = {a.arg for a in func.args.args}
    found = set()
    for node in ast.walk(func):
        if isinstance(node, ast.Subscript):
            items = node.slice.elts if isinstance(node.slice, ast.Tuple) else [node.slice]
            for item in items:
                base = item.value if isinstance(item, ast.Subscript) else item     # y, or y[i]
                if isinstance(base, ast.Name) and base.id in params:
                    found.add(base.id)
    return found


def draw(shape: tuple, rng: np.random.Generator) -> np.ndarray:
    """Normal entries pushed at least MIN_MAGNITUDE away from 0: no entry at a kink, ties improbable."""
    raw = rng.standard_normal(shape)
    return np.sign(raw) * (MIN_MAGNITUDE + np.abs(raw)) + 0.0


def feed(func: ast.FunctionDef, shapes: dict, at: dict, rng, skip=()) -> dict:
    """One value per parameter of ``func``: a float array, or Labels for an index parameter."""
    labels = index_params(func)
    values, missing = {}, []
    for arg in func.args.args:
        name = arg.arg
        if name in skip:
            continue
        if name in at:
            value = np.asarray(at[name])
            values[name] = value.astype(np.int64) if name in labels else value.astype(np.float64)
        elif name in shapes:
            values[name] = Labels(name, shapes[name], rng) if name in labels else draw(shapes[name], rng)
        elif not _has_default(func, name):
            missing.append(name)
    if missing:
        raise SymgraphError(f"{func.name}: no shape for {', '.join(missing)}: give --shapes (e.g. --shapes "
                            "x=NxD,w=DxM,b=M: each letter becomes a distinct prime) or their values with --at")
    classes = [v.shape[-1] for v in values.values() if isinstance(v, np.ndarray) and v.ndim >= 2]
    for value in values.values():
        if isinstance(value, Labels):
            value.classes = min(classes) if classes else None
    return values


def _has_default(func: ast.FunctionDef, name: str) -> bool:
    params = [a.arg for a in func.args.args]
    return params.index(name) >= len(params) - len(func.args.defaults)
