"""The interpreter's values and the tracer that puts every differentiable one on the tensor graph.

A value is a Python number, bool, string, tuple, list, dict or ``range``, a NumPy array (not
differentiable: a constant, a mask, integer indices, anything computed from those), a ``Traced`` array (an
array with its node in the tensor graph) or ``Labels`` (integer class labels drawn when they first index
an axis). The tracer computes every array op with the tensor row's own evaluation (``OPS[op].impl``), after
the row's shape rule accepted the shapes, so the values the code sees and the graph's primals agree.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Optional

import numpy as np

from symgraph.errors import LimitError, SymgraphError
from symgraph.tensor.graph import Builder
from symgraph.tensor.table import OPS, TShapeError

MAX_ELEMENTS = 1_000_000      # entries in any one array
MAX_STEPS = 200_000           # statements and loop iterations executed, in all
MAX_SECONDS = 20.0            # wall-clock time for one run of the code
MAX_DEPTH = 32                # nested calls of the file's own functions
MAX_INT = 2 ** 63             # Python integers stay below this


@dataclass(eq=False)
class Traced:
    """An array on the graph: its value and its node id."""
    value: np.ndarray
    node: int

    @property
    def shape(self) -> tuple:
        return self.value.shape


class Labels:
    """Integer class labels (``y`` in ``scores[np.arange(N), y]``): drawn within the indexed axis the first
    time they index one, so every label is a valid class."""

    def __init__(self, name: str, shape: tuple, rng: np.random.Generator):
        self.name, self.shape, self.rng = name, tuple(shape), rng
        self.value: Optional[np.ndarray] = None
        self.classes: Optional[int] = None      # the class count to draw from when first read, not indexing

    def draw(self, size: int) -> np.ndarray:
        if self.value is None:
            self.value = self.rng.integers(0, size, size=self.shape, dtype=np.int64)
        return self.value

    def drawn(self) -> np.ndarray:
        if self.value is None and self.classes:
            return self.draw(self.classes)
        if self.value is None:
            raise SymgraphError(f"{self.name} is drawn as class labels, but the code uses it before it indexes "
                                "an array (give its values with --at)")
        return self.value


def plain(value):
    """The value without its node: a Traced's array, a drawn Labels' integers, anything else as it is."""
    if isinstance(value, Traced):
        return value.value
    if isinstance(value, Labels):
        return value.drawn()
    return value


def truthy(value) -> bool:
    """``if value:`` on a number or a one-entry array; a bigger array is refused, as NumPy does."""
    value = plain(value)
    if isinstance(value, np.ndarray):
        if value.size != 1:
            raise SymgraphError(f"the truth value of an array of shape {value.shape} is ambiguous")
        return bool(value.reshape(()))
    return bool(value)


class Budget:
    """Counts executed statements and checks the clock; refuses past either limit, naming it."""

    def __init__(self, steps: int = MAX_STEPS, seconds: float = MAX_SECONDS):
        self.steps, self.seconds = steps, seconds
        self.count = 0
        self.start = time.monotonic()

    def tick(self) -> None:
        self.count += 1
        if self.count > self.steps:
            raise LimitError(f"the code runs more than {self.steps:,} statements and loop iterations "
                             "(the step budget)")
        if self.count % 256 == 0 and time.monotonic() - self.start > self.seconds:
            raise LimitError(f"the code runs longer than {self.seconds:g} s (the time budget)")


def check_size(shape: tuple) -> None:
    size = int(np.prod(shape, dtype=object)) if shape else 1
    if size > MAX_ELEMENTS:
        raise LimitError(f"an array of shape {tuple(shape)} has {size:,} entries, more than the "
                         f"{MAX_ELEMENTS:,} allowed (the size limit)")


class Tracer:
    """Applies tensor rows to values: on the graph when an argument is Traced and tracing is on, else as
    plain NumPy (constants, masks and the backward pass the user wrote are never traced)."""

    def __init__(self, builder: Optional[Builder] = None):
        self.builder = builder or Builder()
        self.on = True
        self.point: dict = {}        # input name -> its value

    def input(self, name: str, value, span=None) -> Traced:
        arr = np.array(value, dtype=np.float64)
        check_size(arr.shape)
        self.point[name] = arr
        return Traced(arr, self.builder.input(name, arr.shape, span=span))

    def apply(self, op: str, args: list, span=None, **params):
        row = OPS[op]
        values = [np.asarray(plain(a)) for a in args]
        values = [v.astype(np.float64) if v.dtype.kind in "bc" or v.dtype == object else v for v in values]
        shape = row.shape(*(v.shape for v in values), **params)      # TShapeError names both shapes
        check_size(shape)
        with np.errstate(all="ignore"):
            value = np.asarray(row.impl(*values, **params))
        if value.dtype.kind != "f":
            value = value.astype(np.float64)
        if not (self.on and any(isinstance(a, Traced) for a in args)):
            return value
        ids = [a.node if isinstance(a, Traced) else self.builder.const(v) for a, v in zip(args, values)]
        return Traced(value, self.builder.apply(op, ids, span=span, **params))


__all__ = ["Traced", "Labels", "Tracer", "Budget", "plain", "check_size", "TShapeError", "MAX_ELEMENTS",
           "MAX_STEPS", "MAX_SECONDS", "MAX_DEPTH", "MAX_INT"]
