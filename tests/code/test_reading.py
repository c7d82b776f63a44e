"""What check --code reads: the table's trig and hyperbolic rows under NumPy's and math's names (np.sin, math.sin,
math.asin, ...): a script using them is judged, with truths from the textbook derivatives computed by hand."""
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


SOFTMAX_NAIVE = '''
import numpy as np
def softmax_loss_naive(W, X, y):
    loss = 0.0
    dW = np.zeros_like(W)
    N = X.shape[0]
    for i in range(N):
        s = X[i].dot(W)
        p = np.exp(s) / np.sum(np.exp(s))
        loss += -np.log(p[y[i]])
        for j in range(W.shape[1]):
            dW[:, j] += (p[j] - (j == y[i])) * X[i]
    return loss / N, dW / N
'''.lstrip("\\n")


def test_a_comparison_counts_as_0_or_1_in_arithmetic():
    """CS231n's softmax_loss_naive subtracts (j == y[i]): NumPy reads the bool as 0 or 1."""
    import numpy as np
    rng = np.random.default_rng(1)
    W, X, y = rng.standard_normal((4, 3)), rng.standard_normal((5, 4)), np.array([0, 2, 1, 2, 0])
    report = check_code(SOFTMAX_NAIVE, at={"W": W, "X": X, "y": y})
    assert report.ok, [(r.name, r.why) for r in report.lines]
    s = X @ W                                     # the true gradient, by hand: X.T (softmax - onehot) / N
    p = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)
    p[np.arange(5), y] -= 1
    row = report.lines[0]
    assert abs(row.true - (X.T @ p / 5)[tuple(row.where)]) < 1e-12


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
