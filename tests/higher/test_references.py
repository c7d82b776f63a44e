"""The SymPy reference differentiates a sum term by term and skips terms whose derivative is provably 0
(higher/references.py: Sum). Property: what it returns equals SymPy's own diff of the whole sum, for
random sums of random terms (tests/core/test_properties.py's strategy) and every order of differentiation."""
import pytest
import sympy
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from symgraph.higher.references import Sum
from symgraph.core.parser import parse
from tests.core.test_properties import COORD, EXPRESSIONS

X, Y, Z = (sympy.Symbol(n, real=True) for n in "xyz")
# the skipped shapes on purpose: linear terms c·x, terms without a variable, and x·x (not linear)
SHAPES = st.sampled_from([3 * X, X, -2 * X * Y, X * X, 5 * Y * Z, sympy.Integer(7), X * sympy.sin(X), Y])
TERMS = st.one_of(EXPRESSIONS.map(lambda pair: pair[1]), SHAPES)
ORDERS = st.lists(st.sampled_from("xyz"), min_size=1, max_size=2)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(TERMS, min_size=1, max_size=6), ORDERS)
def test_term_by_term_equals_sympy_diff_of_the_sum(terms, by):
    whole = sympy.Add(*terms, evaluate=False)
    ours = Sum.of_expr(whole).diff(by)
    expected = sympy.diff(whole, *[sympy.Symbol(n, real=True) for n in by])
    assert sympy.simplify(ours - expected) == 0, (whole, by)


def test_the_filter_keeps_x_times_x_and_drops_only_what_is_zero():
    s = Sum.of_expr(sympy.Add(3 * X * Y, X * X, sympy.tanh(X * Y), 4 * Z, evaluate=False))
    assert sympy.simplify(s.diff(["x", "x"]) - (2 + sympy.diff(sympy.tanh(X * Y), X, 2))) == 0
    assert sympy.simplify(s.diff(["x", "y"]) - (3 + sympy.diff(sympy.tanh(X * Y), X, Y))) == 0
    assert s.diff(["z", "z"]) == 0 and s.diff(["z"]) == 4


SIGNED_TERMS = st.lists(st.tuples(st.sampled_from([1, -1]), EXPRESSIONS), min_size=1, max_size=5)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(SIGNED_TERMS, ORDERS, COORD, COORD, COORD)
def test_a_sum_built_from_the_parse_tree_equals_sympy_diff(terms, by, x, y, z):
    """Sum.of_program converts and differentiates only the terms an entry needs, with their signs; the
    reference is built directly in SymPy, never through symgraph's parser."""
    text = "".join(f"{'-' if sign < 0 else ('+' if k else '')} ({t}) " for k, (sign, (t, _)) in enumerate(terms))
    reference = sympy.Add(*[sign * e for sign, (_, e) in terms])
    ours = Sum.of_program(parse(text)).diff(by)
    expected = sympy.diff(reference, *[sympy.Symbol(n, real=True) for n in by])
    exact = {X: sympy.Rational(repr(x)), Y: sympy.Rational(repr(y)), Z: sympy.Rational(repr(z))}
    assume(not at_a_kink(expected, exact))   # at a kink both one-sided conventions are right (Heaviside(0) = 1/2 vs 0)
    values = [complex(sympy.N(e.xreplace(exact).replace(sympy.DiracDelta, lambda *a: 0), 30)) for e in (ours, expected)]
    assert values[0] == pytest.approx(values[1], rel=1e-9, abs=1e-9), (text, by)


def at_a_kink(expr, exact) -> bool:
    """True when the point sits where a piece of ``expr`` switches (|u|, sign, Heaviside, Max, Min)."""
    for f in expr.atoms(sympy.Abs, sympy.sign, sympy.Heaviside, sympy.DiracDelta):
        if f.args[0].xreplace(exact) == 0:
            return True
    for f in expr.atoms(sympy.Max, sympy.Min):
        values = [a.xreplace(exact) for a in f.args]
        if len(set(values)) < len(values):
            return True
    return False


def test_a_program_of_several_statements_is_not_split():
    assert Sum.of_program(parse("g = x*y; g + x")) is None
    assert len(Sum.of_program(parse("x*y - (x + 2*y) + -x")).terms) == 4


def test_linear_in_reads_the_parse_tree():
    from symgraph.checks.symbolic import linear_in
    term = lambda text: parse(text).statements[0].expr
    assert linear_in(term("0.3*x*y"), "x") and linear_in(term("x"), "x") and linear_in(term("2*x*sin(y)"), "x")
    assert not linear_in(term("x*x"), "x") and not linear_in(term("x*sin(x)"), "x")
    assert not linear_in(term("x^2"), "x") and not linear_in(term("x/y"), "x") and not linear_in(term("y"), "x")


def test_terms_with_rational_factors_convert_like_the_whole_program():
    """2*x/3 and friends: a term's rational factors are multiplied into one coefficient, as in to_sympy."""
    text = "3*x*y/2 + 2*x/3 + x/2/3 - y/0.5 + x*x/4"
    expected = sympy.Rational(3, 2) * X * Y + sympy.Rational(2, 3) * X + X / 6 - 2 * Y + X * X / 4
    s = Sum.of_program(parse(text))
    for by in (["x"], ["y"], ["x", "y"], ["x", "x"], ["y", "y"]):
        assert sympy.simplify(s.diff(by) - sympy.diff(expected, *[sympy.Symbol(n, real=True) for n in by])) == 0


def test_the_bounded_hessian_check_runs_on_a_product_divided_by_a_number():
    from symgraph.higher.hessian import hessian
    n = 13                                                 # above the full check's 12 variables
    text = "*".join(f"x{i}" for i in range(n)) + "*3/2 + 2*x0*x1/3"
    report = hessian(text, {f"x{i}": 1.0 + i / 10 for i in range(n)}, trace=False)
    assert report.check_plan["strategy"] == "bounded"
    sym = next(c for c in report.checks if c.name == "Hessian: graph vs SymPy")
    assert sym.status == "ok" and report.ok, (sym.status, sym.note)
