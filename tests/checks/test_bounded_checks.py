"""Bounded cross-checks: the dot-product test, the complex-step evaluator and the check plan.

References are independent of the graph: SymPy's own diff evaluated by SymPy (evalf), and hand-made
wrong gradients that each comparison must reject.
"""
import math
import random

import pytest
import sympy

from symgraph.checks import bounded, symbolic
from symgraph.checks.complex_step import Unsupported, complex_step
from symgraph.core.evaluate import evaluate
from symgraph.core.lower import lower
from symgraph.core.modes import forward_mode, reverse_mode
from symgraph.core.parser import parse
from symgraph.checks.compare import directional_check

UNARY = ["sin", "cos", "tanh", "atan", "sigmoid", "softplus", "exp", "abs", "sinh"]


def random_text(rng: random.Random, n_vars: int, n_ops: int) -> str:
    """A random expression written as statements (so it stays small as text)."""
    names = [f"x{i}" for i in range(n_vars)]
    pool, lines = list(names), []
    for k in range(n_ops):
        if rng.random() < 0.3:
            expr = f"{rng.choice(UNARY)}({rng.choice(pool)})"
        else:
            expr = f"{rng.choice(pool)} {rng.choice(['+', '-', '*', '/'])} {rng.choice(pool)}"
            if "/" in expr:
                expr = expr.replace("/ ", "/ (2 + ") + "**2)"      # never divides by zero
        lines.append(f"t{k} = {expr}")
        pool.append(f"t{k}")
    return "\n".join(lines + ["f = " + " + ".join(pool[-4:]) + " + " + " + ".join(names)])


def setup(text: str, point: dict):
    graph = lower(parse(text))
    return graph, evaluate(graph, point)


def mlp_text(n_in: int, n_hidden: int) -> str:
    return " + ".join(f"v{j}*(" + " + ".join(f"W{j}_{i}*x{i}" for i in range(n_in)) + f" + b{j})**2"
                      for j in range(n_hidden))


def test_dot_product_test_agrees_on_a_medium_graph_and_rejects_a_wrong_gradient():
    rng = random.Random(3)
    text = mlp_text(6, 5)
    graph = lower(parse(text))
    point = {name: rng.uniform(-1, 1) for name in graph.inputs}
    ev = evaluate(graph, point)
    wrt = list(graph.inputs)
    v = bounded.random_direction(wrt, rng)
    assert bounded.dot_product_check(graph, ev, wrt, v, w=1.7).status == "ok"

    jv = forward_mode(graph, ev, wrt, directions=[v]).tangent(graph.output, 0)
    jtw = {x: reverse_mode(graph, ev, record=False, seed=1.7).adjoints[graph.inputs[x]] for x in wrt}
    assert bounded.dot_product_compare(jv, jtw, v, 1.7).status == "ok"
    wrong = dict(jtw)
    wrong["W2_3"] += 1e-3                                 # one component off: the dot product moves
    check = bounded.dot_product_compare(jv, wrong, v, 1.7)
    assert check.status == "mismatch" and check.ok is False
    assert check.values["lhs"] != check.values["rhs"]


def test_directional_forward_mode_is_the_gradient_dotted_with_v():
    # sin(x)*y**2 + x*z: by hand, ∇f = (cos(x)*y**2 + z, 2*y*sin(x), x)
    x, y, z = 0.4, -1.3, 2.0
    graph, ev = setup("sin(x)*y**2 + x*z", {"x": x, "y": y, "z": z})
    v = {"x": 0.5, "y": -2.0, "z": 0.25}
    expected = 0.5 * (math.cos(x) * y * y + z) - 2.0 * (2 * y * math.sin(x)) + 0.25 * x
    fwd = forward_mode(graph, ev, list(graph.inputs), directions=[v])
    assert fwd.tangent(graph.output, 0) == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize("seed", range(6))
def test_complex_step_matches_sympy_on_random_expressions(seed):
    rng = random.Random(seed)
    text = random_text(rng, n_vars=4, n_ops=12)
    program = parse(text)
    point = {f"x{i}": round(rng.uniform(-1.5, 1.5), 3) for i in range(4)}
    exact = {k: sympy.Rational(str(x)) for k, x in point.items()}
    direction = {k: rng.uniform(-1, 1) for k in point}
    for evaluate_ in (True, False):
        expr = symbolic.to_sympy(program, evaluate=evaluate_)[program.output]
        value, slope = complex_step(expr, point, direction)
        # SymPy's own route: diff per variable, evaluated by SymPy at 30 digits.
        sym_value = float(sympy.N(expr.xreplace({symbolic.symbol(k): x for k, x in exact.items()}), 30))
        sym_slope = sum(direction[k] * symbolic.value_at(symbolic.derivative(expr, k), exact) for k in point)
        assert value == pytest.approx(sym_value, rel=1e-12, abs=1e-12)
        assert slope == pytest.approx(sym_slope, rel=1e-9, abs=1e-9)


def test_complex_step_and_graph_agree_and_a_wrong_gradient_is_caught():
    rng = random.Random(11)
    text = random_text(rng, n_vars=5, n_ops=20)
    point = {f"x{i}": rng.uniform(-1, 1) for i in range(5)}
    graph, ev = setup(text, point)
    program = parse(text)
    expr = symbolic.to_sympy(program, evaluate=False)[program.output]
    direction = {k: rng.uniform(-1, 1) for k in point}
    _, slope = complex_step(expr, point, direction)
    rev = reverse_mode(graph, ev, record=False)
    gradient = {k: rev.adjoints[graph.inputs[k]] for k in point}
    name = "directional derivative: graph vs complex step"
    assert directional_check(name, "graph", "cs", direction, gradient, slope).status == "ok"
    gradient["x2"] *= 1.001
    assert directional_check(name, "graph", "cs", direction, gradient, slope).status == "mismatch"


def test_complex_step_of_known_functions():
    program = parse("x**3 + exp(y)*abs(x - 2)")
    expr = symbolic.to_sympy(program)[program.output]
    value, slope = complex_step(expr, {"x": 1.5, "y": 0.5}, {"x": 1.0, "y": 0.0})
    assert value == pytest.approx(1.5 ** 3 + math.exp(0.5) * 0.5, rel=1e-15)
    assert slope == pytest.approx(3 * 1.5 ** 2 - math.exp(0.5), rel=1e-15)       # d|x-2|/dx = -1 here


def test_complex_step_refuses_what_it_cannot_evaluate():
    with pytest.raises(Unsupported):
        complex_step(sympy.gamma(symbolic.symbol("x")), {"x": 1.0}, {"x": 1.0})
    with pytest.raises(OverflowError):
        program = parse("exp(exp(x))")
        complex_step(symbolic.to_sympy(program)[program.output], {"x": 800.0}, {"x": 1.0})


def test_unevaluated_sympy_tree_is_flat_and_equal_to_the_evaluated_one():
    program = parse("s = a + b + c + d; p = a*b*c*d; f = s*p - (a - b)")
    flat = symbolic.to_sympy(program, evaluate=False)["s"]
    assert flat.is_Add and len(flat.args) == 4                         # one n-ary sum, not nested pairs
    canonical = symbolic.to_sympy(program)["f"]
    unevaluated = symbolic.to_sympy(program, evaluate=False)["f"]
    assert sympy.simplify(canonical - unevaluated.doit()) == 0
    assert symbolic.depth(flat) == 2


def test_plan_thresholds():
    assert bounded.plan("auto", 10, 3).strategy == "full"
    assert bounded.plan("auto", bounded.FULL_MAX_NODES + 1, 3).strategy == "bounded"
    assert bounded.plan("auto", 50, bounded.FULL_MAX_VARIABLES + 1).strategy == "bounded"
    assert bounded.plan("full", 10 ** 6, 10 ** 4).strategy == "full"
    assert bounded.plan("none", 10, 3).strategy == "none"


def test_a_kink_does_not_blind_the_directional_checks_for_the_other_variables():
    from symgraph.pipeline import grad

    terms = " + ".join(f"x{i}*x{i + 1}" for i in range(39))
    point = {f"x{i}": (0 if i < 2 else 0.1 * i) for i in range(40)}     # abs and relu sit on their kinks
    report = grad("abs(x0) + relu(x1) + " + terms, point, trace=False)
    fd = next(c for c in report.checks if c.name == "directional derivative: graph vs finite differences")
    assert fd.status == "ok" and report.ok
