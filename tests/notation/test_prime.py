"""Derivative notation in claims: verdicts for f'(x), f'(2), y', d/dx f, ∂f/∂x and LaTeX; second derivatives
handed over to symgraph.judging.second, which judges them."""
import pytest

from symgraph.errors import ParseError
from symgraph.judging.checking import check
from symgraph.judging.claims import parse_claim
from tests.helpers import run

CUBIC = "3x^2 - 4x"       # d/dx = 6x - 4: at x = 2 that is 8


@pytest.mark.parametrize("claim, right", [
    ("f'(x) = 6x - 4", True),
    ("f'(x) = 6x + 4", False),
    ("f' = 6*x - 4", True),
    ("d/dx f = 6x - 4", True),
    ("d/dx(f) = 6x - 4", True),
    ("∂f/∂x = 6x - 4", True),
    (r"\frac{df}{dx} = 6x - 4", True),
    (r"\frac{\mathrm{d}f}{\mathrm{d}x} = 6x - 4", True),
    (r"\frac{d}{dx} f = 6x - 4", True),
    (r"f^{\prime}(x) = 6x - 4", True),
    ("f′(x) = 6x - 4", True),
])
def test_claims_in_every_notation_get_the_right_verdict(claim, right):
    verdict = check(CUBIC, [claim]).verdicts[0]
    assert verdict.ok is right
    assert verdict.lhs in ("df/dx", "∂f/∂x") and verdict.expected == "6*x - 4"


@pytest.mark.parametrize("claim, right", [("f'(2) = 8", True), ("f'(2) = 7", False), ("f'(1/2) = -1", True)])
def test_a_number_in_the_parentheses_is_a_numeric_claim_at_that_point(claim, right):
    verdict = check(CUBIC, [claim]).verdicts[0]
    assert verdict.kind == "numeric" and verdict.ok is right
    assert verdict.lhs.startswith("df/dx at x = ")


def test_own_point_claims_mix_with_claims_at_the_given_point():
    report = check(CUBIC, ["f'(2) = 8", "df/dx = 2"], at="x=1")       # 6*1 - 4 = 2 at --at
    assert [v.ok for v in report.verdicts] == [True, True]


def test_the_issue_example_on_the_command_line():
    result = run("check", "3x^2 - 4x", "--claim", "f'(x) = 6x - 4", "--format", "plain")
    assert result.exit_code == 0 and "✓ right" in result.output, result.output


def test_partial_notation_on_named_steps():
    program = "g = x*y; f = g + x"
    assert check(program, ["∂f/∂x = 1"]).verdicts[0].ok            # the local partial: g held fixed
    assert check(program, [r"\frac{\partial f}{\partial x} = 1"]).verdicts[0].ok
    assert check(program, [r"\frac{d f}{d g} = 1"]).verdicts[0].ok


@pytest.mark.parametrize("claim", [
    "d2f/dx2 = 6", "d^2f/dx^2 = 6", "d²f/dx² = 6", "d^2 f / d x^2 = 6", "f''(x) = 6", "f'' = 6", "f′′(x) = 6",
    "f''(2) = 6", r"\frac{d^2 f}{dx^2} = 6", r"\frac{d^{2}f}{dx^{2}} = 6",
])
def test_second_derivatives_are_judged(claim):
    """The notation reader hands second derivatives over (SecondOrder); check judges them: f'' = 6."""
    with pytest.raises(ParseError) as info:
        parse_claim(claim)                    # not a first-derivative claim
    assert "second derivative" in info.value.message
    verdict = check(CUBIC, [claim]).verdicts[0]
    assert verdict.ok, (verdict.status, verdict.note)
    assert check(CUBIC, [claim.replace("= 6", "= 7")]).verdicts[0].ok is False


@pytest.mark.parametrize("claim", ["∂²f/∂x∂y = 0", r"\frac{\partial^2 f}{\partial x \partial y} = 0"])
def test_mixed_second_derivatives_are_judged(claim):
    assert check("x^2*y", [claim.replace("= 0", "= 2*x")]).verdicts[0].ok


def test_first_order_names_with_digits_are_not_mistaken_for_second_order():
    claim = parse_claim("df2/dx2 = 1")          # d(f2)/d(x2): a first derivative
    assert (claim.out, claim.wrt) == ("f2", "x2")


@pytest.mark.parametrize("program, claim, fragment", [
    ("x*y", "f' = y", "does not say which variable"),
    ("x*y", "f'(2) = 1", "does not say which variable"),
    (CUBIC, "f'(2) = 6x", "its right-hand side must be a number"),
    (CUBIC, "f'() = 1", "needs a variable or a number"),
    (CUBIC, r"\frac{\input{a}}{dx} = 1", r"\input"),
])
def test_malformed_prime_claims_are_refused(program, claim, fragment):
    with pytest.raises(ParseError) as info:
        check(program, [claim])
    assert fragment in info.value.message


def test_latex_operator_form_without_a_space_before_the_function():
    # \frac{d}{dx}f is how LaTeX notes write it; it once read as the name "dxf" and was refused
    assert check(CUBIC, [r"\frac{d}{dx}f = 6x - 4"]).verdicts[0].ok
    assert not check(CUBIC, [r"\frac{d}{dx}f = 6x + 4"]).verdicts[0].ok


@pytest.mark.parametrize("claim, fragment, column", [
    ("f'(x)(2) = 1", "cannot read the point in f'(...)", 4),      # once: "--at: value of 'x'" on "x=x)(2"
    ("f'(1/0) = 3", "division by zero", 4),
    ("f'(2x) = 1", "takes one variable name or a number", 4),
    ("f'( = 1", "cannot read this left-hand side", 1),            # once: "strings are not allowed"
])
def test_a_malformed_point_in_prime_notation_is_reported_in_the_claim(claim, fragment, column):
    with pytest.raises(ParseError) as info:
        check(CUBIC, [claim])
    assert fragment in info.value.message and "--at" not in info.value.message
    assert info.value.source == claim and info.value.column == column


def test_a_run_together_product_on_the_right_is_a_product_of_the_programs_variables():
    # issue 23: letters side by side are a product where the names in play cover them (was refused)
    verdict = check("x^2 y", ["f'(x) = 2xy"]).verdicts[0]
    assert verdict.status == "right" and "xy is read as x*y" in verdict.note
    with pytest.raises(ParseError) as info:
        check("x^2 y", ["f'(x) = 2xz"])                 # z is unknown: split into letters, z named
    assert "'z' on the right-hand side" in info.value.message and info.value.column == 10
