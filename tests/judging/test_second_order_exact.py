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


def test_lambda_and_lam_stay_different_names():
    """\\lambda and λ are read as lamda (SymPy's spelling, as sympy.abc.lamda); a plain lam beside them is
    another variable, with its own derivative (SymPy's diff of the same function written with two symbols)."""
    import sympy

    lam, lamda, x = sympy.symbols("lam lamda x")
    f = lamda * x + lam * lam
    point = {"lam": 3.0, "lamda": 5.0, "x": 2.0}
    for text in (r"\lambda x + lam^2", "λ x + lam²", r"\lambda \cdot x + lam \cdot lam"):
        report = symgraph.grad(text, point)
        assert set(report.gradient) == {"lam", "lamda", "x"}
        for name, value in report.gradient.items():
            assert value == float(sympy.diff(f, sympy.Symbol(name)).subs(
                {lam: 3, lamda: 5, x: 2}))
    assert symgraph.grad(r"\Lambda x + Lam", {"Lam": 1, "Lamda": 2, "x": 3}).gradient == {
        "Lamda": 3.0, "x": 2.0, "Lam": 1.0}
    # the handout typesets the name back as the letter
    assert r"\lambda" in symgraph.grad(r"\lambda x", "lamda=1, x=2").to_latex()
