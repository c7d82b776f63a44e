"""Every row's second local partials (the Hessian's forward-over-reverse sweep reads them) against two
independent references: SymPy's diff taken twice of the row's ``sym``, and central differences of the row's
own first ``partials``. The test iterates over PRIMITIVES, so a row added later is covered, and a row whose
``second`` is None fails.

The points come from the first-derivative corpus (tests/core/test_primitives.py), which every row must have.
"""
import math

import pytest
import sympy

from symgraph.core.primitives import PRIMITIVES
from tests.core.test_primitives import PRIMITIVE_POINTS

EXTRA_POINTS = {            # curvature cases the first-derivative corpus does not exercise
    "pow_c": [((1.3,), -1.5), ((0.6,), 1.5)],
    "pow": [((0.8, 3.0), None)],
    "tan": [((-1.2,), None)],
    "asin": [((-0.8,), None)],
}


def _cases():
    for op in PRIMITIVES:
        for args, p in PRIMITIVE_POINTS.get(op, []) + EXTRA_POINTS.get(op, []):
            yield pytest.param(op, args, p, id=f"{op}{list(args)}" + ("" if p is None else f"p={p}"))


def _sympy_second(op, args, p):
    xs = sympy.symbols(f"a0:{len(args)}", real=True)
    P = None if p is None else sympy.Rational(str(p))
    expr = PRIMITIVES[op].sym(*xs, P)
    at = {x: sympy.Rational(str(a)) for x, a in zip(xs, args)}
    return [[float(sympy.N(sympy.diff(expr, xi, xj).xreplace(at), 30)) for xj in xs] for xi in xs]


def _fd_second(prim, args, p, h=1e-6):
    """Column j: central differences of the first partials along input j."""
    rows = [[0.0] * len(args) for _ in args]
    for j in range(len(args)):
        plus, minus = list(args), list(args)
        plus[j] += h
        minus[j] -= h
        dp = prim.partials(plus, prim.impl(plus, p), p)
        dm = prim.partials(minus, prim.impl(minus, p), p)
        for i in range(len(args)):
            rows[i][j] = (dp[i] - dm[i]) / (2 * h)
    return rows


@pytest.mark.parametrize("op", list(PRIMITIVES))
def test_every_row_has_second_partials(op):
    assert PRIMITIVES[op].second is not None, f"{op}: the primitive table row has no 'second' (second local partials)"


@pytest.mark.parametrize("op,args,p", list(_cases()))
def test_second_partials_against_sympy_and_finite_differences(op, args, p):
    prim = PRIMITIVES[op]
    assert prim.second is not None, f"{op}: no second local partials"
    out = prim.impl(list(args), p)
    got = prim.second(list(args), out, p)
    assert len(got) == prim.arity and all(len(row) == prim.arity for row in got)
    ref, fd = _sympy_second(op, args, p), _fd_second(prim, list(args), p)
    for i in range(prim.arity):
        for j in range(prim.arity):
            assert got[i][j] == got[j][i], f"{op}: second partials not symmetric"
            assert math.isclose(got[i][j], ref[i][j], rel_tol=1e-12, abs_tol=1e-12), (op, i, j, got, ref)
            assert math.isclose(got[i][j], fd[i][j], rel_tol=1e-5, abs_tol=1e-5), (op, i, j, got, fd)


@pytest.mark.parametrize("op,args,p,expected", [
    ("abs", (0.0,), None, 0.0),            # kinks: 0 by convention (PyTorch)
    ("relu", (0.0,), None, 0.0),
    ("pow_c", (0.0,), 2.0, 2.0),           # x^2 at 0: exactly 2
    ("pow_c", (0.0,), 3.0, 0.0),
    ("pow_c", (0.0,), 0.5, -math.inf),     # sqrt's curvature at 0 is infinite, like its slope
    ("sqrt", (0.0,), None, -math.inf),
])
def test_second_partials_at_edges(op, args, p, expected):
    prim = PRIMITIVES[op]
    assert prim.second(list(args), prim.impl(list(args), p), p) == ((expected,),)
