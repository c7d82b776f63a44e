"""What check --code reads: the table's trig and hyperbolic rows under NumPy's and math's names (np.sin, math.sin,
math.asin, ...) with truths from the textbook derivatives by hand, and a gradient returned as an expression
(return loss, dW / N). A comparison in arithmetic ((j == y[i])) is in test_loops.py."""
import math

import pytest

from symgraph.code.check import check_code

# (call in the forward pass, its derivative written by hand at x = 0.3)
CALLS = [
    ("math.sin(x)", math.cos(0.3)), ("np.cos(x)", -math.sin(0.3)), ("math.tan(x)", 1 / math.cos(0.3) ** 2),
    ("np.sinh(x)", math.cosh(0.3)), ("math.cosh(x)", math.sinh(0.3)),
    ("np.arcsin(x)", 1 / math.sqrt(1 - 0.09)), ("math.acos(x)", -1 / math.sqrt(1 - 0.09)),
    ("np.arctan(x)", 1 / 1.09), ("math.asinh(x)", 1 / math.sqrt(1.09)), ("np.arctanh(x)", 1 / (1 - 0.09)),
]


@pytest.mark.parametrize("call, slope", CALLS)
def test_a_trig_call_is_read_and_its_gradient_judged(call, slope):
    head = "import math\nimport numpy as np\nx = 0.3\nf = 2.0 * " + call + "\n"
    right = check_code(head + f"dx = {2.0 * slope!r}\n")
    assert right.ok, [(r.name, r.why) for r in right.lines]
    wrong = check_code(head + f"dx = {slope!r}\n")                 # the factor 2 left out
    assert not wrong.ok


def test_a_gradient_returned_as_an_expression_is_judged_as_returned():
    """``return loss, dW / N``: the returned value is the claim, not dW before the division."""
    import numpy as np
    text = ("import numpy as np\ndef sq_loss(W, X):\n    r = X.dot(W)\n    N = X.shape[0]\n"
            "    dW = X.T.dot(r)\n    return np.sum(r * r) / (2 * N), RET\n")
    rng = np.random.default_rng(2)
    W, X = rng.standard_normal((3, 2)), rng.standard_normal((5, 3))
    right = check_code(text.replace("RET", "dW / N"), at={"W": W, "X": X})
    assert right.ok and len(right.lines) == 1
    row = right.lines[0]
    assert abs(row.true - (X.T @ (X @ W) / 5)[tuple(row.where)]) < 1e-12      # by hand: X.T X W / N
    assert not check_code(text.replace("RET", "dW / N / N"), at={"W": W, "X": X}).ok
