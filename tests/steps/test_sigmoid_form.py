"""steps writes sigmoid's derivative the seed's way, σ(u)(1 − σ(u))·u′ filled in with σ(u), not SymPy's
exp(-u)/(1 + exp(-u))**2 (issue 24); the forms are the same function as SymPy's diff (checked here)."""
import json

import pytest
import sympy

from symgraph.checks.symbolic import to_sympy
from symgraph.core.parser import parse
from tests.helpers import EXAMPLES, run


def _sympy(text: str) -> sympy.Expr:
    """symgraph's own reading of a printed derivative (sigmoid(u) becomes 1/(1 + exp(-u)))."""
    program = parse(text)
    return to_sympy(program)[program.output]


def _steps(*args) -> dict:
    return json.loads(run("steps", *args, "--format", "json").output)


def test_sigmoid_of_2x_fills_in_the_seeds_form():
    data = _steps("sigmoid(2*x)", "--at", "x=0.5")
    step = data["derivations"][0]["steps"][-1]
    assert step["combined"] == "(sigmoid(2*x)*(1 - sigmoid(2*x)))·2"
    assert "exp" not in step["derivative"] and "exp" not in data["result"]
    x = sympy.Symbol("x", real=True)
    assert sympy.simplify(_sympy(data["result"]) - sympy.diff(1 / (1 + sympy.exp(-2 * x)), x)) == 0
    assert data["proved"] is True


@pytest.mark.parametrize("wrt", ["a", "x", "b"])
def test_the_logistic_regression_in_sigma(wrt):
    data = _steps("@" + str(EXAMPLES / "logistic.txt"), "--at", "@" + str(EXAMPLES / "logistic.point.json"),
                  "--wrt", wrt)
    a, x, b = sympy.symbols("a x b", real=True)
    u = a * x + b
    true = sympy.diff(1 / (1 + sympy.exp(-u)), {"a": a, "x": x, "b": b}[wrt])
    step = data["steps"][-1]
    assert step["combined"].startswith("(sigmoid(a*x + b)*(1 - sigmoid(a*x + b)))") or \
        step["combined"] == "sigmoid(a*x + b)*(1 - sigmoid(a*x + b))"
    assert "exp" not in data["result"]
    assert sympy.simplify(_sympy(data["result"]) - true) == 0
    # at a*x + b = 0 (the example's point) the seed's sigmoid'(0) = 1/4
    assert step["value"] == pytest.approx({"a": 0.5 / 4, "x": 2 / 4, "b": 1 / 4}[wrt])


def test_sigmoid_in_the_handout_is_sigma():
    out = run("steps", "sigmoid(2*x)", "--at", "x=0.5", "--format", "markdown").output
    assert "\\sigma\\left(2 \\cdot x\\right) \\cdot \\left(1 - \\sigma\\left(2 \\cdot x\\right)\\right)" in out
    assert "e^{" not in out


def test_softplus_is_sigma_of_u_times_u_prime():
    data = _steps("softplus(x^2)", "--at", "x=0.3")
    assert data["steps"][-1]["combined"] == "sigmoid(x**2)·(2*x)"
    x = sympy.Symbol("x", real=True)
    assert sympy.simplify(_sympy(data["result"]) - sympy.diff(sympy.log(1 + sympy.exp(x**2)), x)) == 0
