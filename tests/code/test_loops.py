"""A mistake inside a loop repeats at every pass: CS231n's softmax_loss_naive with the -1 at the true class
left out is softmax-label-term-missing, though each pass made its own nodes. The wrong gradient is checked
by hand too: it is X.T @ softmax(X W) / N, the true one minus X.T @ onehot(y) / N."""
import numpy as np

from symgraph.code.check import check_code

NAIVE = '''
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
            dW[:, j] += LOCAL * X[i]
    loss /= N
    dW /= N
    return loss, dW
'''.lstrip("\\n")


def _point():
    rng = np.random.default_rng(4)
    return {"W": rng.standard_normal((4, 3)), "X": rng.standard_normal((6, 4)), "y": np.array([0, 2, 1, 1, 2, 0])}


def test_the_label_term_left_out_in_a_loop_is_named():
    point = _point()
    report = check_code(NAIVE.replace("LOCAL", "p[j]"), at=point)
    row = report.lines[0]
    assert not row.ok and row.diagnosis["mistake"] == "softmax-label-term-missing"
    s = point["X"] @ point["W"]
    p = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)
    assert abs(row.yours - (point["X"].T @ p / 6)[tuple(row.where)]) < 1e-12


def test_the_right_loop_is_right_and_another_slip_gets_no_guess():
    point = _point()        # (j == y[i]) in arithmetic is 0 or 1, as NumPy reads it
    report = check_code(NAIVE.replace("LOCAL", "(p[j] - (j == y[i]))"), at=point)
    assert report.ok
    s = point["X"] @ point["W"]                   # by hand: X.T (softmax - onehot) / N
    p = np.exp(s) / np.exp(s).sum(axis=1, keepdims=True)
    p[np.arange(6), point["y"]] -= 1
    row = report.lines[0]
    assert abs(row.true - (point["X"].T @ p / 6)[tuple(row.where)]) < 1e-12
    row = check_code(NAIVE.replace("LOCAL", "(p[j] - 0.5 * (j == y[i]))"), at=point).lines[0]
    assert not row.ok and row.diagnosis is None
