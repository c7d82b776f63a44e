"""Acceptance defects in the tensor checks: NaN never reaches JSON, a reference that is not a finite number or
a finite difference swamped by rounding (or straddling a kink) is not comparable, never a mismatch, and the
worst entry is the worst relative to its own tolerance."""
import json
import math
import warnings

import numpy as np

import symgraph
from symgraph.tensor.checks import compare_entries
from tests.helpers import run


def _strict(text):
    def refuse(name):
        raise AssertionError(f"{name} in JSON")
    return json.loads(text, parse_constant=refuse)


def test_norm_at_zero_is_not_comparable_and_json_has_no_nan():
    result = run("grad", "norm(x)", "--at", "x=[0,0]", "--format", "json")
    assert result.exit_code == 0, result.output
    doc = _strict(result.output)
    statuses = {c["name"]: c["status"] for c in doc["checks"]}
    assert statuses["gradient: graph vs SymPy (scalarized)"] == "not comparable"    # SymPy: 0/0 there
    assert "mismatch" not in statuses.values()
    assert any("zero vector" in w for w in doc["warnings"])
    assert run("grad", "norm(x)", "--at", "x=[0,0]").exit_code == 0


def test_tiny_norm_gradient_is_right_and_prints_no_numpy_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")          # a RuntimeWarning from NumPy fails the test
        r = symgraph.grad("norm(x)", {"x": [0.0, 1e-200]})
    # d|x|/dx = x/|x| = [0, 1] exactly (by hand); sqrt(sum(x*x)) underflows to 0 without scaling
    assert r.value == 1e-200 and r.gradient["x"].tolist() == [0.0, 1.0]
    assert r.ok is not False
    assert {c.status for c in r.checks} <= {"ok", "not comparable"}


def test_exp_700_finite_difference_swamped_by_rounding_is_not_a_mismatch():
    result = run("grad", "sum(exp(x))", "--at", "x=[700,1]")
    assert result.exit_code == 0, result.output
    assert "swamped by rounding" in result.output and "x[1]" in result.output
    r = symgraph.grad("sum(exp(x))", {"x": [700.0, 1.0]})
    assert r.gradient["x"][1] == math.e and r.gradient["x"][0] == math.exp(700)


def test_worst_entry_is_worst_relative_to_its_tolerance():
    # entry 0: error 1e292 on 1e300 (within rtol); entry 1: error 1 on 2 (fails): report entry 1
    c = compare_entries("gradient: graph vs finite differences", "graph", "fd",
                        {"x": np.array([1e300 + 1e292, 1.0])}, {"x": np.array([1e300, 2.0])})
    assert c.status == "mismatch" and c.per_variable["x"]["entry"] == [1] and c.per_variable["x"]["abs_error"] == 1.0
