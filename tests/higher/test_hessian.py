"""The Hessian by forward-over-reverse: hand-derived textbook values, the second-derivative test, kinks,
bounded checks on a big input, and the command line (exit codes, JSON keys)."""
import json
import math

import pytest
from hypothesis import given, settings, strategies as st

from symgraph.higher.hessian import hessian
from tests.helpers import refused, run


def _matrix(report):
    return [[report.hessian[a][b] for b in report.wrt] for a in report.wrt]


@pytest.mark.parametrize("src,at,expected", [
    # f = x²y + sin x: f_xx = 2y - sin x, f_xy = 2x, f_yy = 0 (by hand)
    ("x^2*y + sin(x)", "x=1,y=2", [[4 - math.sin(1), 2], [2, 0]]),
    # f = exp(x*y): f_xx = y² e^{xy}, f_xy = (1 + xy) e^{xy}, f_yy = x² e^{xy}
    ("exp(x*y)", "x=0.5,y=-1", [[math.exp(-0.5), 0.5 * math.exp(-0.5)], [0.5 * math.exp(-0.5), 0.25 * math.exp(-0.5)]]),
    # the seed's (3x)^2: f'' = 18 everywhere
    ("(3*x)^2", "x=4", [[18.0]]),
    # f = log(x) / y: f_xx = -1/(x² y), f_xy = -1/(x y²), f_yy = 2 log(x) / y³
    ("log(x)/y", "x=2,y=3", [[-1 / 12, -1 / 18], [-1 / 18, 2 * math.log(2) / 27]]),
    # a named program: g1 = 2x1 + 3x2, g2 = x1 x2, f = g1 - 4 g2: only f_x1x2 = -4
    ("g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2", "x1=1,x2=2", [[0, -4], [-4, 0]]),
])
def test_textbook_hessians(src, at, expected):
    report = hessian(src, at)
    assert report.ok
    for got_row, want_row in zip(_matrix(report), expected):
        for got, want in zip(got_row, want_row):
            assert math.isclose(got, want, rel_tol=1e-12, abs_tol=1e-12)
    assert {c.name for c in report.checks} >= {"Hessian: symmetry", "Hessian: graph vs SymPy",
                                               "Hessian: graph vs finite differences of the gradient"}


@pytest.mark.parametrize("src,at,verdict", [
    ("x^2 + y^2 - x*y", "x=0,y=0", "minimum"),
    ("-(x^2) - 2*y^2", "x=0,y=0", "maximum"),
    ("x^2 - y^2", "x=0,y=0", "saddle"),
    ("x^4 + y^2", "x=0,y=0", "inconclusive"),     # f_xx = 0 at 0: the test cannot decide
    ("x^3 - 3*x", "x=1", "minimum"),               # f' = 3x² - 3 = 0, f'' = 6 > 0
    ("cos(x)", "x=0", "maximum"),
])
def test_second_derivative_test(src, at, verdict):
    report = hessian(src, at)
    assert report.critical_point["is_critical"]
    assert report.critical_point["verdict"] == verdict
    assert "eigenvalues" in report.critical_point["rule"]


def test_not_a_critical_point_has_no_verdict():
    report = hessian("x^2 + y", "x=0,y=0")
    assert report.critical_point["is_critical"] is False and report.critical_point["verdict"] is None


def test_kink_second_derivative_is_zero_with_a_warning():
    report = hessian("abs(x) + x*y", "x=0,y=1")
    assert report.hessian["x"]["x"] == 0.0
    assert any("PyTorch" in w and "second derivatives" in w for w in report.warnings)
    assert report.ok is not False


def test_second_output_by_name_and_by_return_line():
    a = hessian("f = x*y; g = x^3*y", "x=2,y=1", output="f")
    b = hessian("f = x*y; g = x^3*y; return f", "x=2,y=1")
    assert _matrix(a) == _matrix(b) == [[0.0, 1.0], [1.0, 0.0]]


def _coupled(n):
    terms = [f"{(i * 7 + j * 3) % 5 - 2}*x{i}*x{j}" for i in range(n) for j in range(i, min(n, i + 3))]
    return " + ".join(terms) + " + " + " + ".join(f"tanh(x{i}*x{(i + 1) % n})" for i in range(n))


def test_big_input_switches_to_bounded_checks():
    n = 20
    report = hessian(_coupled(n), ",".join(f"x{i}={0.1 * i - 1:.1f}" for i in range(n)))
    assert report.check_plan["strategy"] == "bounded"
    names = {c.name for c in report.checks}
    assert "Hessian-vector product: graph vs finite differences of the gradient" in names
    assert report.check_plan["sampled"] and report.ok
    assert report.cost["hessian"]["passes"] == n


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(-2, 2).filter(lambda v: v == 0 or abs(v) > 1e-300), min_size=3, max_size=3))
def test_random_point_symmetric_and_checked(xs):
    src = "sin(x*y) * z + exp(x - z) / (2 + y*y) + sigmoid(x*z)"
    report = hessian(src, {"x": xs[0], "y": xs[1], "z": xs[2]})
    assert report.ok, [(c.name, c.status, c.note) for c in report.checks]
    m = _matrix(report)
    assert all(math.isclose(m[i][j], m[j][i], rel_tol=1e-9, abs_tol=1e-12) for i in range(3) for j in range(3))


def test_cli_json_keys_and_exit_code():
    result = run("hessian", "x^2 + y^2 - x*y", "--at", "x=0,y=0", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["schema"] == "symgraph.hessian/1"
    assert data["hessian"] == {"x": {"x": 2.0, "y": -1.0}, "y": {"x": -1.0, "y": 2.0}}
    assert data["eigenvalues"] == pytest.approx([1.0, 3.0])
    assert data["critical_point"]["verdict"] == "minimum"


def test_cli_trace_shows_sweeps_matrix_symmetry_and_test():
    result = run("hessian", "x^2*y", "--at", "x=1,y=2", "--format", "plain")
    assert result.exit_code == 0
    for marker in ("Forward-over-reverse along x", "Forward-over-reverse along y", "Hessian matrix", "Symmetry:",
                   "Eigenvalues:", "rule:", "forward-over-reverse sweeps"):
        assert marker in result.output, marker


@pytest.mark.parametrize("args", [
    ("hessian", "x*y", "--at", "x=1"),                              # missing y
    ("hessian", "f = x*y; g = x+y", "--at", "x=1,y=1", "--of", "h"),
    ("hessian", "f = x*y; g = x+y; return f, g", "--at", "x=1,y=1"),  # two outputs
    ("hessian", "x*y; return 3", "--at", "x=1,y=1"),
])
def test_cli_bad_input(args):
    refused(*args)


def test_overflowing_second_derivative_is_refused_and_infinite_curvature_is_reported():
    lines = refused("hessian", "log(x)", "--at", "x=1e-200")
    assert "overflow" in lines[0] and "d²f/dx²" in lines[0]
    report = hessian("sqrt(x)", "x=0")
    assert report.hessian["x"]["x"] == -math.inf and report.eigenvalues == []
    assert not any("abs''" in w for w in report.warnings)      # an infinite slope is not a kink's convention
    assert any("not finite" in w for w in report.warnings)


def test_no_variables():
    report = hessian("3", "")
    assert report.hessian == {} and report.critical_point["verdict"] is None


def test_reports_as_text_and_json_strings():
    from symgraph.higher.jacobian import jacobian

    report = hessian("x^2*y", "x=1,y=2")
    assert "Hessian matrix" in str(report) and json.loads(report.to_json())["hessian"]["x"]["y"] == 2.0
    jac = jacobian("f = x*y; g = x + y", "x=1,y=2", outputs="f,g")
    assert "Jacobian J[output][input]" in str(jac) and json.loads(jac.to_json())["jacobian"]["g"]["y"] == 1.0


def test_full_trace_with_more_directions_than_one_block():
    n = 70
    report = hessian(" + ".join(f"x{i}*x{(i + 1) % n}" for i in range(n)), ",".join(f"x{i}=1" for i in range(n)),
                     full_trace=True)
    assert len(report.sweep) == 64 and report.hessian["x0"]["x1"] == 1.0 and report.hessian["x0"]["x0"] == 0.0


def test_check_plan_limits_are_the_hessians_own():
    """The JSON's limits are the ones the plan applied: 12 variables is full, 13 is bounded."""
    from symgraph.higher.hessian import hessian as run_hessian

    for n, strategy in ((12, "full"), (13, "bounded")):
        text = " + ".join(f"x{i}*x{(i + 1) % n}" for i in range(n))
        plan = run_hessian(text, {f"x{i}": 0.5 + i / 10 for i in range(n)}, trace=False).check_plan
        assert plan["strategy"] == strategy
        assert (n <= plan["limits"]["full_max_variables"]) == (strategy == "full")
