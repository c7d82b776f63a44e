"""steps --format markdown|latex: the worked derivation carries the seed's numbers, names every rule with its
general form, says whether the result is proved, and its LaTeX compiles with pdflatex when one is installed."""
import re

import pytest

from tests.helpers import run
from tests.render.document.test_handout import DECOMPOSITION, _pdflatex


def _results(text: str) -> list:
    """The last number of each Result line: the derivative's value at the point."""
    lines = text.split("Result:")[1:]
    return [float(re.findall(r"= (-?[\d.]+)\s*(?:\\\\|\n|\\end)", part)[0]) for part in lines]


def test_seed_square_markdown():
    out = run("steps", "(3*x)**2", "--at", "x=4", "--format", "markdown").output
    assert _results(out) == [72.0]                               # the seed's hand number
    assert "constant multiple rule" in out and "chain rule with the power rule" in out
    assert "General form: (c·u)' = c·u'" in out                  # each rule's general form, on first use
    assert "18 \\cdot x" in out and "Proved equal to SymPy's diff." in out
    assert out.startswith("# Worked solution")


def test_seed_decomposition_latex_values():
    out = run("steps", DECOMPOSITION, "--at", "x1=1,x2=2", "--format", "latex").output
    assert _results(out) == [-6.0, -1.0]                         # df/dx1, df/dx2 as in the seed
    assert "\\documentclass" not in out                          # a fragment without --standalone
    assert "chain rule along paths" in out and "product rule" in out
    # the chain rule instantiated term by term, numbers not multiplied out by SymPy
    assert "1 \\cdot \\left(-4\\right)" in out
    assert out.count("Proved equal to SymPy") == 2


def test_without_point_no_values():
    out = run("steps", "sin(x)*cos(x)", "--format", "markdown").output
    assert "product rule" in out and "Values at" not in out
    assert "at the point" not in out


@pytest.mark.parametrize("args", [
    ["(3*x)**2", "--at", "x=4"],
    [DECOMPOSITION, "--at", "x1=1,x2=2"],
    ["sigmoid(x)*sqrt(x) + abs(x - 1)", "--at", "x=pi/4", "--exact"],   # σ, ⁿ and exact values in the forms
])
def test_steps_latex_compiles(tmp_path, args):
    out = run("steps", *args, "--format", "latex", "--standalone").output
    assert out.startswith("\\documentclass") and out.rstrip().endswith("\\end{document}")
    _pdflatex(tmp_path, out)


def _sympy_tex(build) -> str:
    """SymPy's own LaTeX of an expression built unevaluated by hand: the structure as written."""
    import sympy

    x, u = sympy.symbols("x u")
    with sympy.evaluate(False):
        expr = build(sympy, x, u)
    return sympy.latex(expr, mul_symbol="dot", order="none")


@pytest.mark.parametrize("source, build", [
    ("(3x)^2", lambda s, x, u: s.Pow(s.Mul(3, x), 2)),
    ("(x+1)*(x-1)", lambda s, x, u: s.Mul(s.Add(x, 1), s.Add(x, -1))),
    ("1/u", lambda s, x, u: s.Pow(u, -1)),
])
def test_handouts_keep_the_structure_as_written(source, build):
    out = run("steps", source, "--format", "markdown").output
    problem = out.split("The function f = $", 1)[1].split("$", 1)[0]
    assert problem == _sympy_tex(build)
    assert "9 \\cdot x^{2}" not in out and "1 \\cdot \\frac{1}{u}" not in out


def test_the_chain_step_of_a_square_shows_f_prime_of_u_times_u_prime():
    out = run("steps", "(3x)^2", "--format", "markdown").output
    chain = [line for line in out.splitlines() if line.startswith("\\frac{d f}{d x} &= ")][0]
    # f'(u)·u' with u = 3x: 2·(3·x) times 3, before simplifying; not (6·x)·3
    assert chain.split(" &= ")[1] == "\\left(2 \\cdot \\left(3 \\cdot x\\right)\\right) \\cdot 3 = 18 \\cdot x"
