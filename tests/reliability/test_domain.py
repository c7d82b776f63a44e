"""Domain errors at the point exit 2 naming the node, the function and the value (caret at the node);
non-differentiable points exit 0 with warnings naming the node and the convention, and the checks say
"not comparable at a kink" instead of reporting a mismatch.

Expected gradients at kinks come from PyTorch's documented conventions (relu'(0) = 0, abs'(0) = 0) and the
chain rule by hand; they are not read back from symgraph.
"""
import json
import math

import pytest

from tests.helpers import caret_column, refused, run


@pytest.mark.parametrize("expr, at, node_call, fragment, column", [
    ("log(x)", "x=-1", "f = log(x) at x=-1", "log of a non-positive number (-1)", 0),
    ("3 + log(x - 2)", "x=2", "v2 = log(v1) at v1=0", "log of a non-positive number (0)", 4),
    ("sqrt(x)", "x=-4", "f = sqrt(x) at x=-4", "sqrt of a negative number (-4)", 0),
    ("x*sqrt(1 - x**2)", "x=2", "sqrt(v", "sqrt of a negative number (-3)", 2),
    ("1/x", "x=0", "f = 1 / x at x=0", "division by zero", 1),
    ("y/(x - 1)", "x=1,y=3", "f = y / v1 at y=3, v1=0", "division by zero", 1),
    ("asin(x)", "x=2", "f = asin(x) at x=2", "asin is defined on [-1, 1], not at 2", 0),
    ("acos(2*x)", "x=-0.75", "f = acos(v1) at v1=-1.5", "acos is defined on [-1, 1], not at -1.5", 0),
    ("x**0.5", "x=-2", "f = x ^ 0.5 at x=-2", "a negative base (-2) raised to a non-integer power (0.5)", 1),
    ("x**y", "x=-8,y=1/3", "f = x ^ y at x=-8, y=0.333333", "a negative base (-8)", 1),
    ("(-8)**x", "x=0.5", "^ x at x=0.5", "non-positive base (-8)", 4),
    ("exp(x)", "x=1000", "f = exp(x) at x=1000", "overflow", 0),
    ("exp(exp(x))", "x=10", "f = exp(v1) at v1=22026.5", "overflow", 0),
    ("cosh(x)", "x=-800", "f = cosh(x) at x=-800", "overflow", 0),
    ("x*1e308*10", "x=1", "f = 10 * v1 at v1=1e+308", "overflow", 7),
    ("x*y", "x=1e308,y=10", "f = x * y at x=1e+308, y=10", "overflow", 1),
    ("tan(x)", "x=pi/2", "f = tan(x) at x=1.5708", "tan has a pole", 0),
    ("x**x", "x=0", "f = x ^ x at x=0", "0 raised to a non-positive power", 1),
])
def test_domain_errors_name_node_function_and_value(expr, at, node_call, fragment, column):
    lines = refused("grad", expr, "--at", at)
    assert lines[0].startswith("error: cannot evaluate "), lines
    assert node_call in lines[0] and fragment in lines[0], lines
    assert caret_column(lines) == (column, expr)


def test_domain_errors_are_the_same_in_json_and_forward_only_modes():
    for extra in (["--format", "json"], ["--mode", "forward"], ["--check", "none"]):
        lines = refused("grad", "log(x)", "--at", "x=-1", *extra)
        assert "log of a non-positive number (-1)" in lines[0]


def grad_json(expr, at):
    result = run("grad", expr, "--at", at, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def number(value):
    return float(value)            # the JSON writes an infinite slope as the string "inf"


@pytest.mark.parametrize("expr, at, gradient, node, convention", [
    ("abs(x)", "x=0", {"x": 0.0}, "f = abs(x)", "abs'(0) = 0"),
    ("relu(x)", "x=0", {"x": 0.0}, "f = relu(x)", "relu'(0) = 0"),
    ("abs(x - 1)", "x=1", {"x": 0.0}, "f = abs(v1)", "abs'(0) = 0"),
    ("relu(sin(x))", "x=0", {"x": 0.0}, "f = relu(v1)", "relu'(0) = 0"),      # relu'(0) * cos(0)
    ("abs(x)*y", "x=0,y=2", {"x": 0.0, "y": 0.0}, "v1 = abs(x)", "abs'(0) = 0"),  # y*abs'(0), abs(0)
    ("relu(x - y) + x*y", "x=2,y=2", {"x": 2.0, "y": 2.0}, "relu(v1)", "relu'(0) = 0"),
    ("sqrt(x)", "x=0", {"x": math.inf}, "f = sqrt(x)", "infinite slope"),
    ("x**0.5 + y", "x=0,y=1", {"x": math.inf, "y": 1.0}, "x ^ 0.5", "infinite slope"),
    ("sqrt(x**2)", "x=0", {"x": 0.0}, "f = sqrt(v1)", "infinite slope"),       # inf * (2x = 0) taken as 0
    ("sqrt(x)*x", "x=0", {"x": 0.0}, "v1 = sqrt(x)", "infinite slope"),        # d/dx x^1.5 = 1.5 sqrt(0)
    ("asin(x)", "x=1", {"x": math.inf}, "f = asin(x)", "infinite slope"),
])
def test_non_differentiable_points_warn_and_exit_0(expr, at, gradient, node, convention):
    doc = grad_json(expr, at)
    assert {k: number(v) for k, v in doc["gradient"].items()} == gradient
    assert any(node in w and convention in w for w in doc["warnings"]), doc["warnings"]
    statuses = {c["name"]: c["status"] for c in doc["checks"]}
    assert "mismatch" not in statuses.values(), statuses
    assert doc["ok"] is True


@pytest.mark.parametrize("expr, at", [
    ("abs(x)", "x=0"), ("relu(x)", "x=0"), ("abs(x - 1)", "x=1"), ("relu(sin(x))", "x=0"),
    ("sqrt(x**2)", "x=0"), ("abs(x)*y", "x=0,y=2"),
])
def test_finite_differences_are_not_comparable_at_a_kink(expr, at):
    doc = grad_json(expr, at)
    fd = next(c for c in doc["checks"] if "finite differences" in c["name"])
    # The kinked variable is never compared; a smooth one (y in abs(x)*y) may be, by one-sided slopes.
    assert fd["status"] in ("not comparable", "ok") and fd["ok"] is not False
    assert "not comparable at a kink" in fd["note"]
    kinked = at.split("=")[0]
    assert kinked not in fd["per_variable"]


def test_rounding_close_to_a_kink_is_treated_as_the_kink():
    """sin(pi) is 1.2e-16 in float64: |sin(x)| at pi is at its kink, and no check may call that a mismatch."""
    doc = grad_json("abs(sin(x))", "x=pi")
    assert any("f = abs(v1)" in w and "rounding" in w for w in doc["warnings"]), doc["warnings"]
    assert "mismatch" not in {c["status"] for c in doc["checks"]} and doc["ok"] is True


def test_the_warning_is_in_the_trace_too():
    result = run("grad", "relu(x - 1)", "--at", "x=1", "--format", "plain")
    assert result.exit_code == 0
    warning = next(line for line in result.output.splitlines() if "relu'(0) = 0" in line)
    assert "relu(v1)" in warning
    assert "not comparable" in result.output


def test_infinite_gradient_json_is_valid():
    result = run("grad", "sqrt(x) + x", "--at", "x=0", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.output)                        # strict JSON: no bare Infinity
    assert doc["gradient"]["x"] == "inf"
    assert "Infinity" not in result.output and "NaN" not in result.output


def test_away_from_the_kink_everything_is_compared():
    """Control: the same expressions off their kinks have no warning and every check agrees."""
    doc = grad_json("abs(x - 1) + relu(x)", "x=3")
    assert doc["warnings"] == [] and doc["gradient"] == {"x": 2.0}
    assert {c["status"] for c in doc["checks"]} == {"ok"}


def test_a_finite_difference_step_across_a_kink_is_not_comparable():
    """x = 1e-7 is no kink (abs'(x) = 1 there), but x ± 1e-6 straddles the one at 0: the central difference
    would be 0.1, a false mismatch. The step is detected crossing the kink instead."""
    doc = grad_json("abs(x)", "x=1e-7")
    assert doc["gradient"] == {"x": 1.0} and doc["warnings"] == []
    fd = next(c for c in doc["checks"] if "finite differences" in c["name"])
    assert fd["status"] == "not comparable" and "crosses the kink of f = abs(x)" in fd["note"]
    assert doc["ok"] is True
