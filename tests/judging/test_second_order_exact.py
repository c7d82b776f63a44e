"""A derivative claim is judged as what it says or refused with what was read (issue 22 item 8): the order
over the fraction must match the variables under it; nothing is re-read as another second derivative."""
import pytest
import sympy

import symgraph
from symgraph.errors import ParseError
from symgraph.judging.second import parse_second

REFUSED = [
    ("∂²f/∂x∂y∂z = 1", "order 2", "3 variables (x, y, z)"),
    ("∂f/∂x∂y = 1", "order 1", "2 variables (x, y)"),
    ("d^2f/dx dy dz = 1", "order 2", "3 variables (x, y, z)"),
    (r"\frac{\partial^2 f}{\partial x \partial y \partial z} = 1", "order 2", "3 variables (x, y, z)"),
    (r"\frac{\partial f}{\partial x \partial y} = 1", "order 1", "2 variables (x, y)"),
]


@pytest.mark.parametrize("claim, order, variables", REFUSED)
def test_an_order_that_does_not_match_its_variables_is_refused_with_what_was_read(claim, order, variables):
    with pytest.raises(ParseError) as info:
        parse_second(claim)
    assert order in info.value.message and variables in info.value.message
    assert "\\\\" not in info.value.message          # LaTeX shown with single backslashes


@pytest.mark.parametrize("claim", [c for c, _, _ in REFUSED] + ["∂³f/∂x∂y∂z = 1", "d^3f/dx^3 = 0"])
def test_the_api_never_judges_them_as_another_derivative(claim):
    with pytest.raises(symgraph.SymgraphError):
        symgraph.check("x*y*z", [claim], "x=1,y=2,z=3")


@pytest.mark.parametrize("claim", ["∂²f/∂x∂y = 3", "d^2f/dx dy = 3", r"\frac{\partial^2 f}{\partial x \partial y} = 3",
                                   "∂²f/∂x² = 0", r"\frac{d^{2} f}{dx^{2}} = 0"])
def test_well_formed_second_derivatives_are_still_judged_against_sympy(claim):
    x, y, z = sympy.symbols("x y z")
    value = {"∂²f/∂x∂y": sympy.diff(x * y * z, x, y), "∂²f/∂x²": sympy.diff(x * y * z, x, x)}
    expected = value["∂²f/∂x²"] if "x²" in claim or "x^{2}" in claim else value["∂²f/∂x∂y"]
    assert float(expected.subs({x: 1, y: 2, z: 3})) == float(claim.rsplit("=", 1)[1])
    assert symgraph.check("x*y*z", [claim], "x=1,y=2,z=3").verdicts[0].ok


def test_lambda_and_lam_stay_different_names_or_are_refused():
    """\\lambda is read as lam; a plain lam beside it would merge two symbols into one variable."""
    from tests.helpers import refused

    lines = refused("grad", r"\lambda x + lam", "--at", "lam=1,x=2")
    assert "\\lambda is read as the name 'lam'" in lines[0]
    assert symgraph.grad(r"\lambda x", {"lam": 3, "x": 2}, check="none").gradient == {"lam": 2.0, "x": 3.0}
