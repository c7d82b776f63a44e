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
