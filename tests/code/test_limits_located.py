"""A limit reached deep inside a call (an array too big, a forward pass that overflows) is refused like any
other refusal: with the line and column of the statement, the line echoed and a caret, never run further."""
import pytest

from tests.helpers import refused

HEAD = "import numpy as np\nw = [1.0]\nf = w[0] * 2\n"
CASES = [
    ("q = np.zeros((100000, 100000))\n", 4, 1, "the size limit"),
    ("q = np.arange(10**10)\n", 4, 1, "the size limit"),
    ("q = np.ones(3).reshape(-1, 1) * np.ones(10**7)\n", 4, 1, "the size limit"),
    ("for i in range(3):\n    q = np.ones((5000, 5000))\n", 5, 5, "the size limit"),
]


@pytest.mark.parametrize("tail, line, column, why", CASES)
def test_a_size_limit_names_the_statement(tail, line, column, why):
    lines = refused("check", "--code", "-", input=HEAD + tail + "dw = [2.0]\n")
    assert why in lines[0] and lines[0].endswith(f"(line {line}, column {column})"), lines
    source_line = (HEAD + tail).splitlines()[line - 1]
    assert lines[1] == "  " + source_line
    assert lines[2] == "  " + " " * (column - 1) + "^"


def test_an_overflowing_forward_pass_points_at_the_operation():
    text = "w = [1.0]\nq = 2.0\nfor i in range(40):\n    q = q * q\ndq = 1\n"
    lines = refused("check", "--code", "-", input=text)
    # 2.0 squared 40 times is 2**(2**40): inf in float64 (NumPy's own overflow, independent of us)
    assert "not finite" in lines[0] and lines[0].endswith("(line 4, column 9)"), lines
    assert lines[1] == "      q = q * q" and lines[2] == "  " + " " * 8 + "^"
