"""One tensor op's row (``TensorOp``), the shape error, and the helpers every row uses.

A row holds the shape rule, the NumPy evaluation, the VJP, the JVP, the rule text per argument, the label,
the matrix-calculus rule and, for elementwise ops, the name of the scalar primitive row it reuses (its
SymPy counterpart, rule and label are read from that row, never copied).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional

import numpy as np

from symgraph.errors import SymgraphError


class TShapeError(SymgraphError):
    """Shapes that do not fit an op: the message names both shapes ("(3, 4) @ (3,): the inner sizes 4 and 3
    differ"); the Builder adds the source and the caret under the operator."""


@dataclass(frozen=True)
class TensorOp:
    name: str
    arity: int
    shape: Callable[..., tuple]          # (*arg_shapes, **params) -> out shape; raises TShapeError
    impl: Callable[..., np.ndarray]      # (*args, **params) -> value
    # (g, out, *args, need=None, **params) -> adjoint contribution per arg (None: no gradient, or not needed).
    # ``need`` (a tuple of bools, None = all) lets reverse mode skip an argument nobody asked for (the data X
    # of X @ W); a replacement vjp (modes.reverse's vjp_of) is called without it.
    vjp: Callable[..., tuple]
    jvp: Callable[..., np.ndarray]       # (tangents, out, *args, **params) -> out tangent; tangents[i] None = 0
    rules: tuple                         # per arg, the VJP as text with {0}, {1}, {out}
    # in diagrams: "@", "sum", "relu", "+" (read as ``label``); None for an elementwise row, whose label is the
    # scalar row's, read from symgraph.core.primitives when first asked for (so the table loads no SymPy)
    label_text: Optional[str]
    matrix_rule: str                     # "d(A B) = dA B + A dB"
    scalar: Optional[str] = None         # elementwise: the scalar row in symgraph.core.primitives it reuses
    # The scalarized route: (alg, *object arrays, **params) -> object array of scalar expressions. It uses the
    # scalar algebra ``alg`` (SymPy objects or scalar-language text), never the VJP.
    expand: Optional[Callable[..., np.ndarray]] = None
    # Rule text that depends on the argument shapes (matmul of a matrix and a vector): (*shapes) -> rules.
    rules_at: Optional[Callable[..., tuple]] = None
    kinks: Optional[Callable[..., Optional[str]]] = None   # (*args, **params) -> a warning at a kink, or None
    labels: tuple = ()                   # argument positions holding integer labels (no gradient flows there)

    @property
    def label(self) -> str:
        if self.label_text is not None or self.scalar is None:
            return self.label_text
        from symgraph.core.primitives import PRIMITIVES

        return PRIMITIVES[self.scalar].label(None)

    def rule_texts(self, *shapes) -> tuple:
        """The VJP rule per argument, for these argument shapes."""
        return self.rules_at(*shapes) if self.rules_at else self.rules


def shape_text(shape: tuple) -> str:
    """A shape as NumPy writes it: (3, 4), (3,), ()."""
    return str(tuple(shape))


def unbroadcast(g: np.ndarray, shape: tuple) -> np.ndarray:
    """Sum the adjoint ``g`` back to ``shape`` over the axes broadcasting added or stretched."""
    if g.shape == shape:
        return g
    lead = g.ndim - len(shape)
    axes = tuple(range(lead)) + tuple(lead + i for i, n in enumerate(shape) if n == 1 and g.shape[lead + i] != 1)
    out = g.sum(axis=axes, keepdims=True) if axes else g
    return out.reshape(shape)


def unbroadcast_text(rule: str, shape: tuple, out_shape: tuple) -> str:
    """A VJP rule's text with the sum that ``unbroadcast`` does written out, when broadcasting stretched the
    argument: ``adj(b) += sum(adj(v4), axis=0)``, ``adj(c) += sum(adj(v2) * A, axis=1, keepdims)``."""
    shape, out_shape = tuple(shape), tuple(out_shape)
    sep = " += " if " += " in rule else " -= "
    if shape == out_shape or sep not in rule:
        return rule
    lhs, rhs = rule.split(sep, 1)
    if not shape:
        return f"{lhs}{sep}sum({rhs})"
    lead = len(out_shape) - len(shape)
    stretched = [i for i, n in enumerate(shape) if n == 1 and out_shape[lead + i] != 1]

    def axes(ax):
        return str(ax[0]) if len(ax) == 1 else str(tuple(ax))
    if lead:
        rhs = f"sum({rhs}, axis={axes(list(range(lead)))})"
    if stretched:
        rhs = f"sum({rhs}, axis={axes(stretched)}, keepdims)"
    return f"{lhs}{sep}{rhs}"


def broadcast_shape(a: tuple, b: tuple, symbol: str) -> tuple:
    """NumPy's broadcasting of two shapes, or a TShapeError naming both and the axis that clashes."""
    out = []
    for i in range(1, max(len(a), len(b)) + 1):
        m = a[-i] if i <= len(a) else 1
        n = b[-i] if i <= len(b) else 1
        if m != n and m != 1 and n != 1:
            where = "the last axis" if i == 1 else f"axis -{i} (counted from the end)"
            raise TShapeError(f"{shape_text(a)} {symbol} {shape_text(b)}: the shapes do not broadcast (sizes {m} "
                              f"and {n} differ in {where})")
        out.append(max(m, n) if m != 1 and n != 1 else m * n)
    return tuple(reversed(out))


def norm_axis(axis, ndim: int, what: str, shape: tuple) -> Optional[int]:
    """An axis as a non-negative int (None stays None), or a TShapeError when the array has no such axis."""
    if axis is None:
        return None
    if not -ndim <= axis < ndim:
        raise TShapeError(f"{what}(..., axis={axis}): the shape {shape_text(shape)} has no axis {axis} "
                          f"({ndim} ax{'is' if ndim == 1 else 'es'})")
    return axis % ndim
