"""Right layer files get no false alarm; hand-planted mistakes get the right first wrong line and mistake."""
import numpy as np
import pytest

from tests.code.planted import check, first_mistake, line_of, plant, source

RIGHT = ["layers.py", "losses.py", "two_layer_net.py", "batchnorm.py", "svm_naive.py"]


@pytest.mark.parametrize("name", RIGHT)
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_right_files_get_no_false_alarm(name, seed):
    report = check(source(name), seed=seed)
    assert report.ok, [(r.line, r.name, r.why) for r in report.lines if not r.ok]
    assert all(r.diagnosis is None for r in report.lines)
    assert len(report.lines) >= 1


PLANTED = [
    ("layers.py", "dw = x.reshape(x.shape[0], -1).T.dot(dout)", "dw = dout.T.dot(x.reshape(x.shape[0], -1))",
     "dw", "transpose-missing"),
    ("layers.py", "dx = dout.dot(w.T).reshape(x.shape)", "dx = dout.dot(w).reshape(x.shape)", "dx",
     "transpose-missing"),
    ("layers.py", "dw = x.reshape(x.shape[0], -1).T.dot(dout)", "dw = dout.dot(x.reshape(x.shape[0], -1))", "dw",
     "matmul-order"),
    ("layers.py", "db = np.sum(dout, axis=0)", "db = dout", "db", "batch-sum-missing"),
    ("layers.py", "db = np.sum(dout, axis=0)", "db = np.sum(dout, axis=1)", "db", "sum-wrong-axis"),
    ("layers.py", "dx[x <= 0] = 0", "dx[x >= 0] = 0", "dx", "relu-mask-wrong"),
    ("layers.py", "dx = dout.copy()\n    dx[x <= 0] = 0", "dx = (x > 0) * 1.0", "dx", "upstream-missing"),
    ("losses.py", "    dx /= N\n    return loss, dx\n\n\ndef softmax", "    return loss, dx\n\n\ndef softmax", "dx",
     "mean-vs-sum"),
    ("losses.py", "    dx[np.arange(N), y] -= 1\n", "", "dx", "softmax-label-term-missing"),
    ("two_layer_net.py", "dW2 = hidden.T.dot(dscores) + 2 * reg * W2", "dW2 = hidden.T.dot(dscores) + reg * W2",
     "dW2", "l2-factor-2"),
    ("two_layer_net.py", "dW2 = hidden.T.dot(dscores) + 2 * reg * W2", "dW2 = hidden.T.dot(dscores)", "dW2",
     "regularization-gradient-missing"),
    ("two_layer_net.py", "    dscores /= N\n", "", "dscores", "mean-vs-sum"),
    ("two_layer_net.py", "    dscores[np.arange(N), y] -= 1\n", "", "dscores", "softmax-label-term-missing"),
    ("two_layer_net.py", "    dhidden[hidden <= 0] = 0\n", "", "dW1", "relu-mask-wrong"),
    ("two_layer_net.py", "db1 = np.sum(dhidden, axis=0)", "db1 = np.sum(dhidden, axis=0, keepdims=True)", "db1",
     "broadcast-shape"),
    ("batchnorm.py", "dbeta = np.sum(dout, axis=0)", "dbeta = dout", "dbeta", "batch-sum-missing"),
    ("svm_naive.py", "dW += 2 * reg * W", "dW += reg * W", "dW", "l2-factor-2"),
    ("svm_naive.py", "    dW /= num_train\n", "", "dW", "mean-vs-sum"),
    ("batchnorm.py", "dmu = -np.sum(dxc, axis=0)", "dmu = -np.mean(dxc, axis=0)", "dmu", "mean-vs-sum"),
]


@pytest.mark.parametrize("name, old, new, wrong, mistake", PLANTED, ids=[p[-1] + ":" + p[0] for p in PLANTED])
def test_a_planted_mistake_is_located_and_named(name, old, new, wrong, mistake):
    text = plant(name, old, new)
    report = check(text)
    assert not report.ok
    line, got_name, got_mistake = first_mistake(report)
    assert got_name == wrong and got_mistake == mistake
    row = next(r for r in report.lines if r.line == line and r.name == got_name)
    planted = new.strip().splitlines()[0] if new.strip() else ""
    if planted and planted not in old:   # the planted line is the wrong row's line, or one that built it
        assert line_of(text, planted) in row.lines


def test_a_shape_mismatch_says_what_the_shapes_suggest():
    report = check(plant("layers.py", "dw = x.reshape(x.shape[0], -1).T.dot(dout)",
                         "dw = dout.T.dot(x.reshape(x.shape[0], -1))"))
    assert "dw has shape (3, 5) and w is (5, 3): a transposed product?" in report.first_wrong["why"]


def test_a_wrong_line_that_fits_no_mistake_gets_no_guess():
    report = check(plant("layers.py", "db = np.sum(dout, axis=0)", "db = np.sum(dout, axis=0) * 1.5"))
    assert first_mistake(report)[1:] == ("db", None)


def test_a_gradient_built_over_lines_is_judged_once_complete():
    report = check(source("losses.py"))
    row = next(r for r in report.lines if r.unit == "softmax_loss")
    assert row.lines == [27, 28, 29] and row.ok


def test_the_true_gradient_agrees_with_finite_differences():
    """The two-layer net's true gradient (the JSON's 'true' at the largest-error entry) against central
    differences of a loss written again here in plain NumPy."""
    text = plant("two_layer_net.py", "dW2 = hidden.T.dot(dscores) + 2 * reg * W2", "dW2 = hidden.T.dot(dscores)")
    report = check(text, seed=3, at={})
    row = next(r for r in report.lines if r.name == "dW2")
    unit_inputs = report.units[0]["inputs"]
    rng = np.random.default_rng(3)      # the same draws as check_code: feed() in parameter order
    from symgraph.code.inputs import draw

    W1, b1, W2, b2, X = (draw(tuple(unit_inputs[n]), rng) for n in ("W1", "b1", "W2", "b2", "X"))
    y = rng.integers(0, 3, size=(7,))

    def loss(W2_):
        h = np.maximum(0, X @ W1 + b1)
        s = h @ W2_ + b2
        p = np.exp(s - s.max(axis=1, keepdims=True))
        p /= p.sum(axis=1, keepdims=True)
        return -np.mean(np.log(p[np.arange(len(y)), y])) + 0.05 * (np.sum(W1 * W1) + np.sum(W2_ * W2_))

    i, j = row.where
    e = np.zeros_like(W2)
    e[i, j] = 1e-6
    numeric = (loss(W2 + e) - loss(W2 - e)) / 2e-6
    assert row.true == pytest.approx(numeric, rel=1e-6, abs=1e-8)


def test_values_from_at_and_labels_within_the_classes():
    report = check(source("losses.py"), shapes=None, at={"x": [[1, -2, 0.5], [3, 4, -1]], "y": [2, 0]})
    assert report.ok and report.units[0]["inputs"] == {"x": [2, 3]}


def test_missing_shapes_are_bad_input():
    import pytest as _pytest
    from symgraph.errors import SymgraphError

    with _pytest.raises(SymgraphError, match="no shape for x, w, b"):
        check(source("layers.py"), shapes=None)


def test_letters_become_distinct_primes():
    from symgraph.code.inputs import parse_shapes

    assert parse_shapes("x=NxD,w=DxM,b=M,s=()") == {"x": (7, 5), "w": (5, 3), "b": (3,), "s": ()}
