"""grad --shapes without values: the structure-only trace (shapes and VJP rules, no values)."""
import json

import numpy as np

from symgraph.tensor.structure import structure
from tests.helpers import run

MLP = "h = relu(X @ W1 + b1); f = mean(softplus(-y * (h @ w2 + b2)))"
SHAPES = {"X": (5, 3), "W1": (3, 4), "b1": (4,), "y": (5,), "w2": (4,), "b2": ()}


def test_every_node_shape_is_the_shape_numpy_computes():
    rng = np.random.default_rng(0)
    p = {k: rng.standard_normal(s) for k, s in SHAPES.items()}
    h = np.maximum(p["X"] @ p["W1"] + p["b1"], 0)                       # the forward pass, written by hand
    z = h @ p["w2"] + p["b2"]
    report = structure(MLP, SHAPES)
    by_name = {n["name"]: tuple(n["shape"]) for n in report.nodes}
    assert by_name["h"] == h.shape and by_name["f"] == np.mean(np.logaddexp(0, -p["y"] * z)).shape
    assert {k: by_name[k] for k in SHAPES} == SHAPES


def test_the_rules_are_the_rules_grad_shows_with_values():
    r = run("grad", MLP, "--at", "X=[[1,2,3]]*0", "--format", "json")      # a bad point: refused, never a crash
    assert r.exit_code == 2
    rng = np.random.default_rng(1)
    at = ", ".join(f"{k}={json.dumps(rng.uniform(0.5, 1, s).tolist())}" for k, s in SHAPES.items())
    valued = json.loads(run("grad", MLP, "--at", at, "--format", "json", "--check", "none").output)
    rules = sorted(v["rule"] for row in valued["graph"]["nodes"] for v in row.get("vjp", []))
    shapes = ",".join(f"{k}={'x'.join(map(str, s))}" for k, s in SHAPES.items())
    out = run("grad", MLP, "--shapes", shapes, "--format", "json")
    assert out.exit_code == 0
    doc = json.loads(out.output)
    assert doc["schema"] == "symgraph.tensor-structure/1" and doc["values"] is None
    assert sorted(v["rule"] for n in doc["nodes"] for v in n.get("vjp", [])) == rules


def test_plain_text_has_shapes_and_rules_and_no_values():
    out = run("grad", "sum(W @ x)", "--shapes", "W=3x4,x=4").output
    assert "structure only" in out and "v2 [3] = matmul(W, x)" in out
    assert "adj(W) += outer(adj(v2), x)    [v2 3, W 3×4, x 4]" in out
    assert "value:" not in out and "gradient:" not in out and "checks:" not in out
