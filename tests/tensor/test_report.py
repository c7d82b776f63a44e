"""The tensor report's JSON: nested lists for value and gradient, shapes, graph rows with VJP rules and shapes,
small arrays in full and big ones summarized, and a check plan that names what ran and what was skipped."""
import json

import numpy as np

import symgraph


def test_json_nested_lists_shapes_and_rows():
    W = [[1.0, 2.0, 0.5], [3.0, -4.0, 1.0]]
    doc = json.loads(symgraph.grad("sum(tanh(W @ x))", {"W": W, "x": [0.1, 0.2, -0.3]}).to_json())
    assert doc["shapes"] == {"W": [2, 3], "x": [3], "f": []}
    assert isinstance(doc["value"], float) and len(doc["gradient"]["W"]) == 2 and len(doc["gradient"]["W"][0]) == 3
    x = np.array([0.1, 0.2, -0.3])
    expected = np.outer(1 - np.tanh(np.array(W) @ x) ** 2, x)        # d sum(tanh(W x)) / dW, written by hand
    assert np.allclose(doc["gradient"]["W"], expected, rtol=1e-13)
    rows = {r["name"]: r for r in doc["graph"]["nodes"]}
    mm = next(r for r in doc["graph"]["nodes"] if r["op"] == "matmul")
    assert mm["shape"] == [2] and mm["label"] == "@" and mm["matrix_rule"] == "d(A B) = dA B + A dB"
    assert [v["rule"] for v in mm["vjp"]] == [f"adj(W) += outer(adj({mm['name']}), x)",
                                             f"adj(x) += W.T @ adj({mm['name']})"]
    assert mm["vjp"][0]["shapes"] == {"W": [2, 3], "x": [3], mm["name"]: [2]}
    assert rows["W"]["primal"] == W and next(r for r in doc["graph"]["nodes"] if r["op"] == "tanh")["scalar_row"] == "tanh"
    plan = doc["check_plan"]
    assert "gradient: graph vs SymPy (scalarized)" in plan["ran"] and plan["strategy"] == "full"


def test_big_arrays_are_summarized_in_rows_but_not_in_the_gradient():
    x = np.linspace(-1, 1, 500)
    doc = symgraph.grad("sum(sin(x))", {"x": x}, check="none").to_dict()
    assert len(doc["gradient"]["x"]) == 500 and np.allclose(doc["gradient"]["x"], np.cos(x), rtol=1e-14)
    summary = next(r for r in doc["graph"]["nodes"] if r["op"] == "sin")["primal"]["summary"]
    assert summary["shape"] == [500] and summary["max"] == np.sin(1.0) and len(summary["first"]) == 4
    assert doc["at"]["x"]["summary"]["norm"] == np.sqrt(np.sum(x * x))


def test_the_plan_names_the_skipped_scalarized_route():
    r = symgraph.grad("sum(W @ x)", {"W": np.ones((40, 30)), "x": np.ones(30)})
    skipped = {s["name"]: s["reason"] for s in r.check_plan["skipped"]}
    assert "the scalarized route (scalar graph, SymPy)" in skipped and "1,230 input entries" in \
        skipped["the scalarized route (scalar graph, SymPy)"]
    assert r.ok and "directional derivative: graph vs finite differences" in r.check_plan["ran"]


def test_a_big_arrays_summary_norm_does_not_overflow_at_1e300_and_matches_math_hypot(tmp_path):
    """Entries near 1e300 square past float64: the summary's norm (JSON and the trace) is scaled first, so it
    is math.hypot's value (Python's own overflow-safe norm), never inf (which JSON cannot hold)."""
    import json
    import math

    import numpy as np
    from click.testing import CliRunner

    from symgraph.cli.main import main

    w = np.random.default_rng(0).standard_normal(1000) * 1e300
    np.save(tmp_path / "W.npy", w)
    result = CliRunner().invoke(main, ["grad", "sum(softmax(W) * W)", "--at", f"W=@{tmp_path / 'W.npy'}",
                                       "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    norms = []

    def walk(node):
        if isinstance(node, dict):
            if "norm" in node and isinstance(node.get("shape"), list) and node["shape"] == [1000]:
                norms.append(node["norm"])
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(data)
    assert norms and math.isclose(norms[0], math.hypot(*w), rel_tol=1e-12)
    trace = CliRunner().invoke(main, ["grad", "sum(softmax(W) * W)", "--at", f"W=@{tmp_path / 'W.npy'}"])
    assert trace.exit_code == 0 and f"norm {math.hypot(*w):.6g}" in trace.stdout and "norm inf" not in trace.stdout
