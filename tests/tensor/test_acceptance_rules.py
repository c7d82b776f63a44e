"""The VJP rule text writes out the sum that undoes broadcasting, and each edge's rule is evaluated: the
rows carry every contribution, and an input that receives several += shows their sum."""
import numpy as np

import symgraph

X = np.array([[1.0, 2.0], [3.0, 4.0]])
W = np.array([[1.0, -1.0], [0.5, 2.0]])
b = np.array([0.1, -0.2])


def _vjps(report):
    return {v["arg"]: v for r in report.rows() for v in r.get("vjp", ())}


def test_the_rule_shows_the_broadcast_reduction():
    r = symgraph.grad("sum(relu(X @ W + b) * 2) + W[1, 0]", {"X": X, "W": W, "b": b})
    assert _vjps(r)["b"]["rule"].endswith("adj(b) += sum(adj(v4), axis=0)")
    A, c = np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0], [2.0]])
    r2 = symgraph.grad("sum(A * c + b)", {"A": A, "c": c, "b": np.array(0.5)})
    vj = _vjps(r2)
    assert vj["c"]["rule"] == "adj(c) += sum(adj(v2) * A, axis=1, keepdims)"
    assert vj["b"]["rule"] == "adj(b) += sum(adj(v4))"
    assert vj["c"]["value"] == A.sum(axis=1, keepdims=True).tolist()        # NumPy, by hand


def test_each_contribution_is_evaluated_and_an_input_sums_them():
    r = symgraph.grad("sum(relu(X @ W + b) * 2) + W[1, 0]", {"X": X, "W": W, "b": b})
    pre = X @ W + b
    adj_pre = 2.0 * (pre > 0)                                # by hand: d sum(2 relu(p)) / dp
    rows = r.rows()
    sent = {(row["name"], v["arg"]): v["value"] for row in rows for v in row.get("vjp", ())}
    assert sent[("v4", "b")] == adj_pre.sum(axis=0).tolist()
    mm = next(row for row in rows if row["op"] == "matmul")
    assert sent[(mm["name"], "W")] == (X.T @ adj_pre).tolist()
    w_row = next(row for row in rows if row["name"] == "W")
    assert w_row["contributions"] == 2
    expected = X.T @ adj_pre
    expected[1, 0] += 1.0
    assert r.gradient["W"].tolist() == expected.tolist()
    text = r.to_text()
    assert "adj(b) += sum(adj(v4), axis=0)    [v2 2×2, b 2, v4 2×2]: [4., 4.]" in text
    assert "(the sum of its 2 contributions)" in text
