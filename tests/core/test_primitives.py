"""Every row of the primitive table: value and local partials against SymPy and central differences.

Adding a primitive means one row in symgraph/primitives.py and one line in PRIMITIVE_POINTS below.
"""
import math

import pytest
import sympy

from symgraph.core.primitives import PRIMITIVES
from symgraph.core.primitives_extra import ROWS as EXTRA_ROWS

# op -> list of (inputs, constant parameter or None), each inside the op's domain and away from kinks.
PRIMITIVE_POINTS = {
    "add": [((1.5, -2.25), None)],
    "sub": [((1.5, -2.25), None)],
    "mul": [((1.5, -2.25), None)],
    "div": [((1.5, -2.25), None)],
    "pow": [((1.7, 2.3), None), ((0.4, -1.5), None)],
    "neg": [((0.7,), None)],
    "sin": [((0.7,), None), ((-2.0,), None)],
    "cos": [((0.7,), None)],
    "tan": [((0.7,), None)],
    "exp": [((0.7,), None)],
    "log": [((0.7,), None)],
    "sqrt": [((0.7,), None)],
    "abs": [((0.7,), None), ((-1.3,), None)],
    "tanh": [((0.7,), None)],
    "sinh": [((0.7,), None)],
    "cosh": [((0.7,), None)],
    "asin": [((0.3,), None)],
    "acos": [((-0.3,), None)],
    "atan": [((2.0,), None)],
    "sigmoid": [((0.7,), None), ((-3.0,), None)],
    "relu": [((0.7,), None), ((-0.7,), None)],
    "softplus": [((0.7,), None), ((-4.0,), None)],
    "add_c": [((0.7,), 2.0)],
    "sub_c": [((0.7,), 2.0)],
    "rsub_c": [((0.7,), 2.0)],
    "mul_c": [((0.7,), -4.0)],
    "div_c": [((0.7,), 4.0)],
    "rdiv_c": [((0.7,), 1.0), ((-2.0,), 3.0)],
    "pow_c": [((0.7,), 2.0), ((-1.5,), 3.0), ((2.0,), 0.5)],
    "rpow_c": [((0.7,), 2.0)],
}

CASES = [(op, args, p) for op, points in PRIMITIVE_POINTS.items() for args, p in points]


def test_every_primitive_has_a_corpus_line():
    assert set(PRIMITIVE_POINTS) == set(PRIMITIVES) - {row.name for row in EXTRA_ROWS}  # test_primitives_extra


def _sympy_reference(op, args, p):
    """Value and partials from SymPy: the op's counterpart differentiated by sympy.diff."""
    xs = sympy.symbols(f"a0:{len(args)}", real=True)
    P = None if p is None else sympy.Rational(str(p))
    expr = PRIMITIVES[op].sym(*xs, P)
    at = {x: sympy.Rational(str(a)) for x, a in zip(xs, args)}
    value = float(sympy.N(expr.xreplace(at), 30))
    partials = [float(sympy.N(sympy.diff(expr, x).xreplace(at), 30)) for x in xs]
    return value, partials


@pytest.mark.parametrize("op, args, p", CASES)
def test_value_and_partials_match_sympy(op, args, p):
    prim = PRIMITIVES[op]
    value = prim.impl(args, p)
    ref_value, ref_partials = _sympy_reference(op, args, p)
    assert value == pytest.approx(ref_value, rel=1e-12, abs=1e-14)
    assert prim.partials(args, value, p) == pytest.approx(ref_partials, rel=1e-12, abs=1e-14)


@pytest.mark.parametrize("op, args, p", CASES)
def test_partials_match_central_differences(op, args, p):
    prim = PRIMITIVES[op]
    out = prim.impl(args, p)
    for k, d in enumerate(prim.partials(args, out, p)):
        h = 1e-6 * max(1.0, abs(args[k]))
        up, down = list(args), list(args)
        up[k] += h
        down[k] -= h
        fd = (prim.impl(up, p) - prim.impl(down, p)) / (2 * h)
        assert d == pytest.approx(fd, rel=1e-6, abs=1e-8)


@pytest.mark.parametrize("op, args, p", CASES)
def test_symbolic_partials_agree_with_numeric(op, args, p):
    prim = PRIMITIVES[op]
    xs = sympy.symbols(f"a0:{len(args)}", real=True)
    P = None if p is None else sympy.Rational(str(p))
    at = {x: sympy.Rational(str(a)) for x, a in zip(xs, args)}
    symbolic = [float(sympy.N(d.xreplace(at), 30)) for d in prim.symbolic_partials(xs, P)]
    assert symbolic == pytest.approx(prim.partials(args, prim.impl(args, p), p), rel=1e-12, abs=1e-14)


@pytest.mark.parametrize("op, arg, convention", [("relu", 0.0, 0.0), ("abs", 0.0, 0.0)])
def test_kink_conventions(op, arg, convention):
    prim = PRIMITIVES[op]
    assert prim.partials((arg,), prim.impl((arg,), None), None) == (convention,)
    assert prim.kink((arg,), None)


def test_sqrt_at_zero_has_an_infinite_slope():
    prim = PRIMITIVES["sqrt"]
    assert prim.partials((0.0,), 0.0, None) == (math.inf,)
    assert prim.kink((0.0,), None)


def test_sigmoid_and_softplus_do_not_overflow():
    assert PRIMITIVES["sigmoid"].impl((-1000.0,), None) == 0.0
    assert PRIMITIVES["softplus"].impl((1000.0,), None) == 1000.0
