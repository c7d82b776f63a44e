"""The rows of primitives_extra.py: value, local partials and second partials against SymPy and finite
differences; their domain errors and kinks (PyTorch's conventions)."""
import math

import pytest
import sympy

from symgraph.core.primitives import FUNCTIONS, PRIMITIVES
from symgraph.core.primitives_extra import ROWS
from tests.core.test_primitives import test_partials_match_central_differences as central_differences

# op -> (inputs, constant parameter or None), inside the domain and away from kinks.
EXTRA_POINTS = {
    "radd_c": [((0.7,), 2.0)],
    "max": [((1.5, -2.25), None), ((-3.0, 0.5), None)],
    "min": [((1.5, -2.25), None), ((-3.0, 0.5), None)],
    "atan2": [((0.7, -1.3), None), ((-2.0, 0.4), None)],
    "hypot": [((0.7, -1.3), None), ((3.0, 4.0), None)],
    "erf": [((0.7,), None), ((-1.9,), None)],
    "sign": [((0.7,), None), ((-2.5,), None)],
    "sec": [((0.7,), None), ((2.0,), None)],
    "csc": [((0.7,), None), ((-2.0,), None)],
    "cot": [((0.7,), None), ((2.5,), None)],
    "asinh": [((0.7,), None), ((-3.0,), None)],
    "acosh": [((1.7,), None), ((4.0,), None)],
    "atanh": [((0.3,), None), ((-0.8,), None)],
    "leaky_relu": [((0.7,), 0.01), ((-0.7,), 0.2)],
    "logb": [((0.7,), 2.0), ((5.0,), 10.0), ((3.0,), 0.5)],
    "sech": [((0.7,), None), ((-2.0,), None)],
    "csch": [((0.7,), None), ((-2.0,), None)],
    "coth": [((0.7,), None), ((-2.0,), None)],
    "cbrt": [((0.7,), None), ((-8.0,), None), ((-0.3,), None)],    # the real cube root: cbrt(-8) = -2
}
CASES = [(op, args, p) for op, points in EXTRA_POINTS.items() for args, p in points]


def test_every_extra_row_has_a_corpus_line_a_rule_and_second_partials():
    assert set(EXTRA_POINTS) == {row.name for row in ROWS}
    for row in ROWS:
        assert PRIMITIVES[row.name] is row
        assert row.rule and row.second is not None


def _symbols_and_point(args, p):
    xs = sympy.symbols(f"a0:{len(args)}", real=True)
    P = None if p is None else sympy.Rational(str(p))
    return xs, P, {x: sympy.Rational(str(a)) for x, a in zip(xs, args)}


def _n(expr, at):
    return float(sympy.N(expr.xreplace(at), 30))


@pytest.mark.parametrize("op, args, p", CASES)
def test_value_and_partials_match_sympy(op, args, p):
    prim = PRIMITIVES[op]
    xs, P, at = _symbols_and_point(args, p)
    expr = prim.sym(*xs, P)
    value = prim.impl(args, p)
    assert value == pytest.approx(_n(expr, at), rel=1e-12, abs=1e-14)
    assert prim.partials(args, value, p) == pytest.approx([_n(sympy.diff(expr, x), at) for x in xs],
                                                          rel=1e-12, abs=1e-14)
    symbolic = [_n(d, at) for d in prim.symbolic_partials(xs, P)]
    assert symbolic == pytest.approx(prim.partials(args, value, p), rel=1e-12, abs=1e-14)


@pytest.mark.parametrize("op, args, p", CASES)
def test_second_partials_match_sympy(op, args, p):
    prim = PRIMITIVES[op]
    xs, P, at = _symbols_and_point(args, p)
    expr = prim.sym(*xs, P)
    second = prim.second(args, prim.impl(args, p), p)
    expected = [[_n(sympy.diff(expr, xi, xj), at) for xj in xs] for xi in xs]
    assert [list(row) for row in second] == [pytest.approx(row, rel=1e-10, abs=1e-12) for row in expected]
    assert all(second[i][j] == second[j][i] for i in range(len(xs)) for j in range(len(xs)))


@pytest.mark.parametrize("op, args, p", CASES)
def test_partials_match_central_differences(op, args, p):
    central_differences(op, args, p)      # the same check as the original rows'


@pytest.mark.parametrize("op, args, p, partials", [
    ("max", (2.0, 2.0), None, (0.5, 0.5)),      # torch.maximum splits a tie evenly
    ("min", (-1.0, -1.0), None, (0.5, 0.5)),
    ("sign", (0.0,), None, (0.0,)),             # torch.sign: slope 0 everywhere
    ("leaky_relu", (0.0,), 0.2, (0.2,)),        # torch: the negative side's slope at 0
    ("hypot", (0.0, 0.0), None, (0.0, 0.0)),    # minimum-norm subgradient (PyTorch: nan)
])
def test_kinks_use_the_documented_convention_and_are_reported(op, args, p, partials):
    prim = PRIMITIVES[op]
    assert prim.partials(args, prim.impl(args, p), p) == partials
    assert prim.kink(args, p)


def test_max_routes_the_gradient_to_the_larger_input_only():
    assert PRIMITIVES["max"].partials((3.0, 1.0), 3.0, None) == (1.0, 0.0)
    assert PRIMITIVES["min"].partials((3.0, 1.0), 1.0, None) == (0.0, 1.0)
    assert PRIMITIVES["max"].kink((3.0, 1.0), None) is None


def test_acosh_at_one_has_an_infinite_slope():
    prim = PRIMITIVES["acosh"]
    assert prim.partials((1.0,), 0.0, None) == (math.inf,) and prim.kink((1.0,), None)


@pytest.mark.parametrize("op, args, p, words", [
    ("acosh", (0.5,), None, "acosh is defined for x >= 1"),
    ("atanh", (1.0,), None, "atanh is defined on (-1, 1)"),
    ("atan2", (0.0, 0.0), None, "atan2(0, 0) is undefined"),
    ("sec", (math.pi / 2,), None, "sec has a pole"),
    ("csc", (0.0,), None, "csc has a pole"),
    ("cot", (math.pi,), None, "cot has a pole"),
    ("logb", (-1.0,), 2.0, "log of a non-positive number"),
    ("logb", (3.0,), 1.0, "base must be positive and not 1"),
])
def test_domain_errors(op, args, p, words):
    assert words in PRIMITIVES[op].domain(args, p)


def test_end_to_end_max_routes_the_gradient_and_a_tie_is_reported():
    from symgraph.pipeline import grad

    routed = grad("max(x*y, x + y)", "x=3,y=2")                  # 6 > 5: the gradient flows through x*y only
    assert routed.gradient == {"x": 2.0, "y": 3.0} and not routed.warnings and routed.ok
    tie = grad("max(x, y) + min(x, y)", "x=1,y=1")
    assert tie.gradient == {"x": 1.0, "y": 1.0}                  # 1/2 + 1/2 each
    assert sum("splits the gradient evenly" in w for w in tie.warnings) == 2


@pytest.mark.parametrize("text, at, fragment", [
    ("acosh(x)", "x=0.5", "acosh is defined for x >= 1"),
    ("atanh(x)", "x=1", "atanh is defined on (-1, 1)"),
    ("atan2(y, x)", "x=0,y=0", "atan2(0, 0) is undefined"),
    ("cot(x)", "x=0", "cot has a pole"),
    ("log(x, 1)", "x=2", "base must be positive and not 1"),
])
def test_end_to_end_domain_errors_name_the_node_with_a_caret(text, at, fragment):
    from symgraph.errors import DomainError
    from symgraph.pipeline import grad

    with pytest.raises(DomainError) as info:
        grad(text, at)
    assert fragment in info.value.message and info.value.column == 0


@pytest.mark.parametrize("op, args", [("sec", (0.7,)), ("csc", (0.7,)), ("cot", (0.7,)), ("asinh", (0.7,)),
                                      ("acosh", (1.7,)), ("atanh", (0.3,)), ("min", (0.7, 1.3)),
                                      ("sign", (0.7,))])
def test_the_complex_step_check_has_a_rule_for_the_new_functions(op, args):
    from symgraph.checks.complex_step import complex_step

    xs = sympy.symbols(f"a0:{len(args)}", real=True)
    expr = PRIMITIVES[op].sym(*xs, None)
    point = {x.name: a for x, a in zip(xs, args)}
    value, slope = complex_step(expr, point, {"a0": 1.0})
    prim = PRIMITIVES[op]
    assert value == pytest.approx(prim.impl(args, None), rel=1e-14)
    assert slope == pytest.approx(prim.partials(args, value, None)[0], rel=1e-12, abs=1e-15)


def test_radd_c_is_a_gate_not_a_function_name():
    """1 + x lowers to the radd_c gate; the name stays free for the user, as before the row existed."""
    from symgraph.core.lower import lower
    from symgraph.core.parser import parse
    from symgraph.pipeline import grad

    assert "radd_c" not in FUNCTIONS
    assert [n.op for n in lower(parse("1 + x")).nodes] == ["input", "radd_c"]
    assert grad("radd_c = x^2; f = radd_c*2", "x=3").gradient["x"] == 12.0
