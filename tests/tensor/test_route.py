"""Which requests take the tensor route; scalar requests keep the scalar pipeline (and its report type)."""
import json

import numpy as np
import pytest

import symgraph
from symgraph.report import GradReport
from symgraph.tensor.report import TensorGradReport
from symgraph.tensor.route import wants_tensor


@pytest.mark.parametrize("source, at, expected", [
    ("sin(x)*cos(x)", "x=2", False), ("x @ x", "x=1", False), ("x[0]", "x=1", False),
    ("max(x, 0)", "x=1", False), ("x.__class__", "x=1", False),
    ("sum(w)", None, True), ("A.T", None, True), ("mean(A, axis=0)", None, True),
    ("w * x", "w=[1,2], x=3", True), ("w", "w=@data.npz", True), ("w", "w=@w.npy", True),
    ("w", {"w": [1, 2]}, True), ("w", {"w": np.zeros(2)}, True), ("w", {"w": 2.0, "b": "pi"}, False),
])
def test_routing(source, at, expected):
    assert wants_tensor(source, at) is expected


def test_json_points_route_by_their_values(tmp_path):
    (tmp_path / "s.json").write_text(json.dumps({"x": 1}))
    (tmp_path / "t.json").write_text(json.dumps({"x": [1, 2]}))
    assert not wants_tensor("x", f"@{tmp_path / 's.json'}")
    assert wants_tensor("x", f"@{tmp_path / 't.json'}")
    assert not wants_tensor("x", f"@{tmp_path / 'missing.json'}")      # the scalar route's message, unchanged


def test_the_api_returns_the_report_of_its_route():
    assert isinstance(symgraph.grad("x*y", {"x": 1, "y": 2}), GradReport)
    r = symgraph.grad("sum(x*y)", {"x": [1, 2], "y": 2})
    assert isinstance(r, TensorGradReport) and r.gradient["y"] == pytest.approx(3.0)


def test_a_kink_is_named_and_never_a_mismatch():
    r = symgraph.grad("sum(relu(x))", {"x": [0.0, 1.0]})
    assert any("kink" in w for w in r.warnings)
    assert r.ok and r.gradient["x"].tolist() == [0.0, 1.0]          # relu'(0) = 0, PyTorch's convention
    assert {c.status for c in r.checks} <= {"ok", "not comparable"}
