"""The tensor language reads the scalar route's textbook characters at the tokenizer: x², π, √, 2x, return."""
import numpy as np
import pytest

import symgraph
from tests.helpers import refused

x = np.array([1.0, 4.0])


@pytest.mark.parametrize("source, grad", [
    ("sum(x²)", 2 * x), ("sum(x⁻¹)", -x ** -2.0), ("sum(π*x)", np.pi + 0 * x), ("sum(2π*x)", 2 * np.pi + 0 * x),
    ("sum(√x)", 0.5 / np.sqrt(x)), ("sum(√(x+1))", 0.5 / np.sqrt(x + 1)), ("sum(2x)", 2 + 0 * x),
    ("return sum(x)", 1 + 0 * x), ("h = x²\nreturn sum(h)", 2 * x),
])
def test_textbook_notation(source, grad):
    r = symgraph.grad(source, {"x": x}, check="none", mode="reverse")
    assert np.allclose(r.gradient["x"], grad, rtol=1e-15, atol=0)        # derivatives by hand


def test_what_stays_refused_is_refused_with_a_caret():
    for source in ("sum(sin²(x))", "sum(√x.T)"):
        lines = refused("grad", source, "--at", "x=[1,4]")
        assert lines[1] == "  " + source and lines[2].strip() == "^"
