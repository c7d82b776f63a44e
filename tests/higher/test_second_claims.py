"""Claims about second derivatives in ``check``, and claims about a second output of a program."""
import json

import pytest

from symgraph.judging.checking import check
from symgraph.judging.second import parse_second
from tests.helpers import refused, run

CUBIC = "x^3*y"          # f_xx = 6xy, f_xy = 3x², f_yy = 0 (by hand)


@pytest.mark.parametrize("claim", [
    "d2f/dx2 = 6*x*y", "d²f/dx² = 6*x*y", "d^2f/dx^2 = 6*x*y", "d^2 f / dx^2 = 6*y*x", "∂²f/∂x² = 6*x*y",
    "d^2f/dxdy = 3*x^2", "d^2f/dx dy = 3*x**2", "∂²f/∂x∂y = 3*x^2", "∂²f/∂y∂x = 3*x^2", "d2f/dy2 = 0",
])
def test_right_symbolic_claims_are_proved(claim):
    report = check(CUBIC, [claim])
    (v,) = report.verdicts
    assert v.status == "right" and v.method == "proved", (v.status, v.method, v.note)


@pytest.mark.parametrize("claim", ["d2f/dx2 = 6*x", "d^2f/dxdy = 3*x", "∂²f/∂x∂y = 0"])
def test_wrong_symbolic_claims_get_a_counterexample(claim):
    (v,) = check(CUBIC, [claim]).verdicts
    assert v.status == "wrong" and v.counterexample is not None


@pytest.mark.parametrize("claim,ok", [("d2f/dx2 = 12", True), ("d2f/dx2 = 11.9", False), ("d^2f/dxdy = 3", True),
                                      ("d2f/dx2 = 12.0", True)])
def test_numeric_claims_at_the_point(claim, ok):
    (v,) = check(CUBIC, [claim], at="x=1,y=2").verdicts
    assert v.ok is ok and v.kind == "numeric"


def test_second_derivative_of_a_named_step_and_a_kink():
    (v,) = check("g = x*x*y; f = sin(g)", ["d2g/dx2 = 2*y"]).verdicts
    assert v.ok
    (v,) = check("relu(x)*x", ["d2f/dx2 = 0"], at="x=0").verdicts
    assert v.ok and "convention" in v.note


def test_first_order_claims_still_parse_as_before():
    assert parse_second("dx2/dx1 = 3") is None and parse_second("df/dx = 2") is None
    report = check("f = x1*x2; g = x1 + x2", ["dg/dx2 = 1", "df/dx1 = x2"])
    assert [v.ok for v in report.verdicts] == [True, True]


def test_claims_about_a_second_output():
    report = check("f = x*y; g = x + y*y; return f, g", ["dg/dy = 2*y", "df/dx = y", "dg/dx = 1"])
    assert all(v.ok for v in report.verdicts)


def test_cli_json_marks_order_two():
    result = run("check", CUBIC, "--claim", "d2f/dx2 = 6*x*y", "--claim", "df/dx = 3*x^2*y", "--format", "json")
    assert result.exit_code == 0
    claims = json.loads(result.output)["claims"]
    assert claims[0]["order"] == 2 and "order" not in claims[1]


@pytest.mark.parametrize("claim", ["d2f/dz2 = 1", "d2q/dx2 = 1", "d^2f/dxdz = 1", "d2f/dx2 = ", "d2f/dx2 = 1 +"])
def test_bad_second_claims_are_refused(claim):
    refused("check", CUBIC, "--claim", claim)


def test_answer_files_grade_second_derivative_claims():
    from symgraph.judging.grading import grade

    text = '''
[[problem]]
id = "cubic"
expression = "x^3*y"
at = { x = 1, y = 2 }
  [[problem.answer]]
  student = "a"
  claims = ["d2f/dx2 = 6*x*y", "d^2f/dxdy = 3"]
  [[problem.answer]]
  student = "b"
  claims = ["d²f/dx² = 6*x"]
'''
    batch = grade(text, "answers.toml")
    assert {r.student: r.ok for r in batch.rows} == {"a": True, "b": False}


@pytest.mark.parametrize("claim,ok", [
    ("f''(x) = 6*x", True), ("f''(2) = 12", True), ("f''(2) = 11", False), ("f'' = 6*x", True),
    (r"\frac{d^2 f}{dx^2} = 6*x", True), (r"\frac{d^2 f}{dx^2} = 6", False),
])
def test_prime_and_latex_second_derivatives(claim, ok):
    (v,) = check("x^3", [claim]).verdicts
    assert v.ok is ok, (v.status, v.note)
