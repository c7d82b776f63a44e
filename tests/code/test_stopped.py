"""A gradient line that does not run (a shape error) is that line wrong, not bad input: in a loss too, and the
gradients completed before it are still judged. True values here come from NumPy written independently."""
import numpy as np

from symgraph.code.check import check_code

NET = '''
import numpy as np
def tl_loss(W1, b1, W2, b2, X, y, reg=0.2):
    N = X.shape[0]
    z1 = X.dot(W1) + b1
    a1 = np.maximum(z1, 0)
    sc = a1.dot(W2) + b2
    sc -= np.max(sc, axis=1, keepdims=True)
    pr = np.exp(sc)
    pr /= np.sum(pr, axis=1, keepdims=True)
    loss = np.sum(-np.log(pr[np.arange(N), y])) / N + reg * np.sum(W1 * W1) + reg * np.sum(W2 * W2)
    dsc = pr.copy()
    dsc[np.arange(N), y] -= 1
    dsc /= N
    dW2 = DW2
    db2 = np.sum(dsc, axis=0)
    return loss, dW2, db2
'''.lstrip("\n")
SHAPES = "W1=DxH,b1=H,W2=HxC,b2=C,X=NxD,y=N"


def _softmax_grad(W1, b1, W2, b2, X, y):
    """d(mean cross-entropy)/d(scores), by hand: (softmax - one_hot) / N."""
    a1 = np.maximum(X @ W1 + b1, 0)
    s = a1 @ W2 + b2
    p = np.exp(s - s.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    p[np.arange(len(y)), y] -= 1
    return p / len(y)


def test_a_loss_whose_gradient_line_does_not_run_is_that_line_wrong():
    report = check_code(NET.replace("DW2", "dsc.dot(a1.T) + 2 * reg * W2"), shapes=SHAPES)
    rows = {r.name: r for r in report.lines}
    assert not report.ok and report.lines
    assert report.first_wrong["name"] == "dW2" and report.first_wrong["line"] == 14
    assert "does not run" in rows["dW2"].why
    assert rows["dsc"].ok                 # judged before the stop
    assert "db2" not in rows              # after it: never ran


def test_the_gradients_before_a_stopped_line_are_judged_against_independent_numpy():
    rng = np.random.default_rng(5)
    point = {"W1": rng.standard_normal((4, 5)), "b1": rng.standard_normal(5), "W2": rng.standard_normal((5, 3)),
             "b2": rng.standard_normal(3), "X": rng.standard_normal((6, 4)), "y": np.array([0, 2, 1, 1, 0, 2])}
    report = check_code(NET.replace("DW2", "dsc.dot(a1.T)"), at=point)
    rows = {r.name: r for r in report.lines}
    assert rows["dsc"].ok and not rows["dW2"].ok
    truth = _softmax_grad(**{k: v for k, v in point.items()})
    assert abs(rows["dsc"].true - truth[tuple(rows["dsc"].where)]) < 1e-12


def test_a_layer_keeps_its_right_gradient_before_a_line_that_does_not_run():
    text = '''
import numpy as np
def lin_forward(x, w, b):
    return x @ w + b, (x, w, b)
def lin_backward(dout, cache):
    x, w, b = cache
    dx = dout @ w.T
    dw = dout @ x.T
    db = dout.sum(axis=0)
    return dx, dw, db
'''.lstrip("\n")
    report = check_code(text, shapes="x=NxD,w=DxM,b=M")
    rows = {r.name: r for r in report.lines}
    assert rows["dx"].ok
    assert not rows["dw"].ok and rows["dw"].diagnosis["mistake"] == "matmul-order"
    assert report.first_wrong["name"] == "dw"


def test_a_gradient_that_later_lines_would_have_updated_is_not_judged_half_built():
    text = '''
import numpy as np
def fork_forward(x, w):
    return x @ w + x[:, :3], (x, w)
def fork_backward(dout, cache):
    x, w = cache
    dx = dout @ w.T
    dw = dout @ x.T
    dx[:, :3] += dout
    return dx, dw
'''.lstrip("\n")
    report = check_code(text, shapes="x=NxD,w=DxM")
    names = [r.name for r in report.lines]
    assert names == ["dw"]                # dx would have been updated by a line that never ran: no false alarm


def test_a_loss_that_is_not_a_number_says_its_shape():
    text = "import numpy as np\ndef s_loss(x, reg):\n    loss = np.sum(x * x) + reg\n    return loss, 2 * x\n"
    try:
        check_code(text, shapes="x=N,reg=1")
    except Exception as exc:              # SymgraphError
        assert "shape (1,)" in str(exc) and "=()" in str(exc)
    else:
        raise AssertionError("a loss of shape (1,) was accepted")


def test_a_stopped_line_with_more_than_the_product_is_still_named():
    """The failing product is one term of the line: the repair reorders (or transposes) that operation and
    re-reads the whole line as written."""
    cases = [("dsc.dot(a1.T) + 2 * reg * W2", "matmul-order"),          # (11,3)@(5,11) cannot run
             ("dsc.T.dot(a1) + 2 * reg * W2", "transpose-missing"),     # (3,5) + (5,3) cannot run
             ("dsc.dot(W2.T) + 2 * reg * W2", None)]                    # a wrong product: no guess
    for code, mistake in cases:
        report = check_code(NET.replace("DW2", code), shapes=SHAPES)
        row = next(r for r in report.lines if r.name == "dW2")
        assert not row.ok and "does not run" in row.why, code
        assert (row.diagnosis or {}).get("mistake") == mistake, (code, row.diagnosis)
