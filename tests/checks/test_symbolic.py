"""The symbolic route: the expression rebuilt from the parse tree, SymPy's diff, and its evaluation."""
import math

import pytest
import sympy

from symgraph.checks import symbolic
from symgraph.core.parser import parse

x, y = symbolic.symbol("x"), symbolic.symbol("y")


def test_statements_are_inlined_with_real_symbols():
    env = symbolic.to_sympy(parse("g1 = 2*x + 3*y; g2 = x*y; f = g1 - 4*g2"))
    assert sympy.expand(env["f"] - (2 * x + 3 * y - 4 * x * y)) == 0
    assert symbolic.derivative(sympy.Abs(x), "x") == sympy.sign(x)     # real symbols: |x|' = sign(x)


@pytest.mark.parametrize("expr", [
    sympy.sin(x) * sympy.cos(y) + sympy.exp(-x ** 2),
    sympy.log(1 + x ** 2) / (y - 3),
    sympy.sqrt(x ** 2 + y ** 2) - sympy.atan(x / y) + sympy.tanh(x) ** 3,
    sympy.Abs(x - y) + sympy.Max(0, x) + sympy.sign(y),
])
def test_value_at_agrees_with_sympy_evalf(expr):
    point = {"x": sympy.Rational(7, 10), "y": sympy.Rational(-13, 10)}
    assert symbolic.value_at(expr, point) == pytest.approx(
        float(sympy.N(expr.xreplace({x: point["x"], y: point["y"]}), 30)), rel=1e-15)


def test_value_at_is_nan_where_undefined():
    assert math.isnan(symbolic.value_at(sympy.log(x), {"x": sympy.Integer(-1)}))
    assert math.isnan(symbolic.value_at(1 / x, {"x": sympy.Integer(0)}))


def test_value_by_substitution_sees_exact_singularities():
    # sin(pi) is exactly 0 for SymPy, so 1/sin(x) is undefined at x = pi exactly.
    assert math.isnan(symbolic.value_by_substitution(1 / sympy.sin(x), {"x": sympy.pi}))


def test_shared_subexpressions_are_evaluated_once():
    # t_k = t_{k-1} * t_{k-2} + x: as a tree this is exponential (fib(80) leaves); as a DAG it is linear.
    lines = ["t0 = x", "t1 = x + 1"] + [f"t{k} = 0.5*t{k-1}*t{k-2} + x" for k in range(2, 80)]
    expr = symbolic.to_sympy(parse("\n".join(lines)), evaluate=False)["t79"]
    a, b = 0.3, 1.3
    for _ in range(2, 80):
        a, b = b, 0.5 * b * a + 0.3
    assert symbolic.value_at(expr, {"x": sympy.Rational(3, 10)}) == pytest.approx(b, rel=1e-12)


def test_show_never_fails_on_a_rational_too_long_to_print():
    # x*(1/2)*(2/3)*... over 250,000 fractions: SymPy's derivative is one rational of tens of thousands
    # of digits, past Python's 4,300-digit int-to-str limit (this was an exit 3).
    import sympy

    from symgraph.checks.symbolic import show

    text = show(sympy.Rational(7 ** 20_000, 3 ** 20_001))
    assert "rounded" in text and len(text) <= 400


def test_a_power_of_a_product_differentiates_to_a_defined_value_at_zero():
    """d/dx ((x*y)^2 + x) = 2*x*y^2 + 1, which is 1 at x = y = 0 (by hand). SymPy's diff of a bare
    unevaluated (x*y)**2 writes 2*(x*y)**2/x, 0/0 there; the unevaluated build now distributes the power."""
    import sympy as sp

    from symgraph.checks.symbolic import derivative, to_sympy, value_at
    from symgraph.core.parser import parse

    expr = to_sympy(parse("(x*y)^2 + x"), evaluate=False)["f"]
    zero = {"x": sp.Integer(0), "y": sp.Integer(0)}
    assert value_at(derivative(expr, "x"), zero) == 1.0
    assert value_at(derivative(derivative(expr, "x"), "y"), zero) == 0.0


def test_a_constant_two_argument_call_is_converted():
    # max(sin(pi**2), 2) is variable-free and nested: converted unevaluated with both its arguments (it
    # raised a TypeError); the derivative of max(x, 2) at x = 0.5 is 0, as SymPy's own says
    import sympy

    import symgraph
    from symgraph.checks.symbolic import to_sympy
    from symgraph.core.parser import parse

    program = parse("max(x, max(sin(pi**2), 2))")
    expr = to_sympy(program)[program.output]
    x = sympy.Symbol("x", real=True)
    assert sympy.diff(expr, x).subs(x, sympy.Rational(1, 2)) == 0
    assert symgraph.check("max(x, max(sin(pi**2), 2))", ["df/dx = 0.00"], "x=0.5").verdicts[0].status == "right"
