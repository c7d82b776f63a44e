"""Big inputs: bounded checks are reported in the JSON, deep programs never hit Python's recursion
limit, big traces summarize. No timing assertions here (speed is measured by ``make bench``)."""
import json
import math
import random

import pytest

from symgraph.checks import bounded
from symgraph.pipeline import grad
from symgraph.report import SUMMARY_ROWS, TANGENT_CELL_LIMIT


def mlp(n_in: int, n_hidden: int, seed: int = 0):
    rng = random.Random(seed)
    text = " + ".join(f"v{j}*(" + " + ".join(f"W{j}_{i}*x{i}" for i in range(n_in)) + f" + b{j})**2"
                      for j in range(n_hidden))
    names = [f"x{i}" for i in range(n_in)] + [f"W{j}_{i}" for j in range(n_hidden) for i in range(n_in)]
    names += [f"b{j}" for j in range(n_hidden)] + [f"v{j}" for j in range(n_hidden)]
    return text, {n: round(rng.uniform(-1, 1), 4) for n in names}


def hand_gradient(point, n_in, n_hidden):
    """∂/∂W_ji = 2 v_j z_j x_i, ∂/∂b_j = 2 v_j z_j, ∂/∂v_j = z_j², ∂/∂x_i = Σ_j 2 v_j z_j W_ji."""
    g = {}
    for j in range(n_hidden):
        z = sum(point[f"W{j}_{i}"] * point[f"x{i}"] for i in range(n_in)) + point[f"b{j}"]
        g[f"v{j}"], g[f"b{j}"] = z * z, 2 * point[f"v{j}"] * z
        for i in range(n_in):
            g[f"W{j}_{i}"] = 2 * point[f"v{j}"] * z * point[f"x{i}"]
            g[f"x{i}"] = g.get(f"x{i}", 0.0) + 2 * point[f"v{j}"] * z * point[f"W{j}_{i}"]
    return g


def at(point):
    return ",".join(f"{k}={v}" for k, v in point.items())


def test_a_large_input_gets_bounded_checks_and_the_json_says_which():
    text, point = mlp(6, 6)                     # 54 variables: above FULL_MAX_VARIABLES
    doc = grad(text, at(point), trace=False).to_dict()
    json.dumps(doc, allow_nan=False)
    expected = hand_gradient(point, 6, 6)
    for var, value in expected.items():
        assert doc["gradient"][var] == pytest.approx(value, rel=1e-12, abs=1e-13)
    plan = doc["check_plan"]
    assert plan["requested"] == "auto" and plan["strategy"] == "bounded" and plan["seed"] == bounded.SEED
    assert "54 variables" in plan["reason"]
    assert len(plan["sampled"]) == bounded.SAMPLE_SIZE and set(plan["sampled"]) <= set(doc["wrt"])
    assert set(doc["symbolic"]) == set(plan["sampled"])             # SymPy diff ran on the sample only
    names = {c["name"]: c for c in doc["checks"]}
    assert set(plan["ran"]) == set(names) and plan["skipped"] == []
    for name in ("forward vs reverse", "dot product: forward vs reverse", "value: graph vs SymPy",
                 "directional derivative: graph vs complex step", "gradient: graph vs SymPy",
                 "directional derivative: graph vs finite differences"):
        assert names[name]["status"] == "ok", name
    sampled = names["gradient: graph vs SymPy"]
    assert set(sampled["per_variable"]) == set(plan["sampled"])
    assert f"{bounded.SAMPLE_SIZE} of 54 variables" in sampled["note"] and "seed" in sampled["note"]
    for var in plan["sampled"]:                                      # SymPy's values are the hand values
        assert doc["symbolic"][var]["value"] == pytest.approx(expected[var], rel=1e-12, abs=1e-13)
    assert "gradient: graph vs finite differences" not in names      # per-variable FD is bounded away


def test_check_full_and_none_on_the_same_input():
    text, point = mlp(4, 4)                      # 28 variables, 8 + ... nodes
    text += " + 0*(" + " + ".join(f"y{k}" for k in range(6)) + ")"   # 34 variables: over the threshold
    point.update({f"y{k}": 0.5 for k in range(6)})
    full = grad(text, at(point), check="full", trace=False).to_dict()
    assert full["check_plan"]["strategy"] == "full" and set(full["symbolic"]) == set(full["wrt"])
    assert {c["name"] for c in full["checks"]} >= {"gradient: graph vs SymPy",
                                                    "gradient: graph vs finite differences"}
    assert all(c["status"] == "ok" for c in full["checks"])
    assert full["gradient"]["y3"] == 0.0
    none = grad(text, at(point), check="none", trace=False).to_dict()
    assert [c["name"] for c in none["checks"]] == ["forward vs reverse"]
    assert none["check_plan"]["strategy"] == "none" and none["symbolic"] == {}


def test_a_20000_statement_chain_runs_without_recursion_error():
    n, x = 20_000, 0.7
    text = "\n".join(["h0 = sin(x)"] + [f"h{i} = sin(h{i - 1}) + 0.003*x" for i in range(1, n)])
    report = grad(text, f"x={x}", trace=True)
    # Independent reference: the chain rule by hand, h_i' = cos(h_{i-1}) h_{i-1}' + 0.003.
    h, dh = math.sin(x), math.cos(x)
    for _ in range(1, n):
        h, dh = math.sin(h) + 0.003 * x, math.cos(h) * dh + 0.003
    assert report.value == pytest.approx(h, rel=1e-12)
    assert report.gradient["x"] == pytest.approx(dh, rel=1e-10)
    assert report.ok
    checks = {c.name: c for c in report.checks}
    assert checks["directional derivative: graph vs complex step"].status == "ok"
    sym = checks["gradient: graph vs SymPy"]
    assert sym.status == "skipped" and "levels deep" in sym.note
    doc = report.to_dict()
    assert any(s["name"] == "gradient: graph vs SymPy" and "levels deep" in s["reason"]
               for s in doc["check_plan"]["skipped"])
    json.dumps(doc, allow_nan=False)
    trace = report.trace                          # summarized: a few rows, and how to get all of them
    assert not trace["complete"] and trace["shown_nodes"] == SUMMARY_ROWS
    assert len(trace["backward"]) == SUMMARY_ROWS and trace["backward_total"] == 3 * n - 1
    assert "--full-trace" in trace["hint"]


def test_big_forward_tables_are_left_out_of_the_json_unless_asked():
    text, point = mlp(16, 16)                    # 304 variables x ~850 nodes > TANGENT_CELL_LIMIT
    report = grad(text, at(point), trace=False, check="none")
    assert len(report.graph["nodes"]) * len(report.wrt) > TANGENT_CELL_LIMIT
    assert "tangent" not in report.graph["nodes"][-1] and "--full-trace" in report.graph["tangents_omitted"]
    full = grad(text, at(point), trace=False, check="none", full_trace=True)
    out = full.graph["nodes"][full.graph["output"]]
    assert out["tangent"] == pytest.approx(full.gradient, rel=1e-12)


def test_exponentially_many_paths_still_make_valid_json():
    # Each level doubles the paths (s + s) but keeps the derivative at 1, so it stays a float.
    text = "\n".join(["s1 = x"] + [f"s{i + 1} = 0.5*(s{i} + s{i})" for i in range(1, 15_000)])
    doc = grad(text, "x=1", trace=False, check="none").to_dict()
    assert doc["gradient"] == {"x": 1.0}
    assert doc["cost"]["paths"].startswith("about 10^")
    json.dumps(doc)
