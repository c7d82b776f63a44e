"""Issue 23 on check's side: curly-quote primes, subscript partials, evaluation bars, y as the output, the
notes in each verdict and the word when a verdict would flip under the other reading. The true derivatives
are hand-computed: d/dx (3x^2 - 4x) = 6x - 4 (8 at x = 2); for x^2 y, f_x = 2xy, f_y = x^2, f_xy = 2x."""
import pytest

from symgraph.judging.checking import check


@pytest.mark.parametrize("expr, claim, status", [
    ("3x^2 - 4x", "f’(x) = 6x - 4", "right"),
    ("3x^2 - 4x", "f’(2) = 8", "right"),
    ("3x^2 - 4x", "y' = 6x - 4", "right"),                       # y, like f, is the output
    ("3x^2 - 4x", "dy/dx = 6x - 3", "wrong"),
    ("f(x) = 3x^2 - 4x", "f'(x) = 6x - 4", "right"),
    (r"f(x) = 3x^2 - 4x", r"\left.\frac{dy}{dx}\right|_{x=2} = 8", "right"),
    (r"3x^2 - 4x", r"\left.\frac{df}{dx}\right|_{x=2} = 12", "wrong"),
    ("x^2 y", "f_x = 2xy", "right"),
    ("x^2 y", "f_y = x^2", "right"),
    ("x^2 y", "f_{xy} = 2x", "right"),
    ("x^2 y", "f_{yy} = 2", "wrong"),
    ("x^2 y", "f_x = 2x y", "right"),
    ("y = x^3", "y'' = 6x", "right"),
    ("f(x, y) = 2xy + y^2", "∂f/∂y = 2x + 2y", "right"),
])
def test_claim_notations(expr, claim, status):
    assert check(expr, [claim]).verdicts[0].status == status


def test_a_verdict_that_would_flip_under_the_other_reading_says_so():
    right, wrong = check("e^2x", ["f'(x) = 2e^(2x)", "f'(x) = e^2"]).verdicts
    assert right.status == "right" and "e^2x is read as e^(2x)" in right.note
    assert "under the other reading (the expression as e**2*x) this claim would be wrong" in right.note
    assert wrong.status == "wrong" and "this claim would be right" in wrong.note
    half = check("1/2x", ["f'(x) = -1/(2x^2)"]).verdicts[0]
    assert half.status == "wrong" and "(the expression as 1/(2*x)) this claim would be right" in half.note
    log = check("log(x)", ["f'(x) = 1/x"]).verdicts[0]
    assert log.status == "right" and "(the expression as log10(x)) this claim would be wrong" in log.note


def test_an_ambiguous_right_side_is_judged_both_ways():
    verdict = check("x sin(x^2)", ["f'(x) = sin x^2 + 2x^2 cos x^2"]).verdicts[0]
    assert verdict.status == "right" and "sin x^2 is read as sin(x^2)" in verdict.note
    assert "the right side as" in verdict.note and "this claim would be wrong" in verdict.note


def test_latex_ambiguities_are_judged_both_ways():
    # d/dx sin(x) e^x = (sin x + cos x) e^x; d/dx sin(x^2) = 2x cos(x^2)
    product = check(r"\sin x e^x", [r"f'(x) = (\sin x + \cos x) e^x"]).verdicts[0]
    assert product.status == "right" and "this claim would be wrong" in product.note
    square = check(r"\sin x^2", [r"f'(x) = 2x \cos x^2"]).verdicts[0]
    assert square.status == "right" and "(the expression as sin(x)**2;" in square.note
    assert "this claim would be wrong" in square.note


def test_the_check_json_has_the_notes():
    doc = check("e^2x", ["f'(x) = 2e^(2x)"]).to_dict()
    assert doc["notes"] == ["e^2x is read as e^(2x); for e^2 times x write e^2*x"]
