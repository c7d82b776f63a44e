"""Issue 10: the input shapes that were super-linear, at CI-reduced sizes. These assert that each is
computed correctly and that what it produces stays bounded (refusal messages); how fast they run is
measured by ``make bench`` (benchmarks/scale.py), never here. ``make stress-scale`` runs this file with
sizes multiplied by SYMGRAPH_STRESS_SCALE (10 by default there).
"""
import json
import math
import os
from fractions import Fraction

import mpmath
import pytest

from symgraph.core.lower import lower
from symgraph.core.parser import parse
from symgraph.core.point import parse_point
from symgraph.pipeline import grad

from tests.helpers import refused, run

SCALE = int(os.environ.get("SYMGRAPH_STRESS_SCALE", "1"))


def checks_of(doc: dict) -> dict:
    return {c["name"]: c for c in doc["checks"]}


def test_a_long_sum_of_one_variable(tmp_path):
    n = 20_000 * SCALE
    (tmp_path / "f.txt").write_text("+".join(["x"] * n))
    result = run("grad", f"@{tmp_path / 'f.txt'}", "--at", "x=0.25", "--format", "json")
    doc = json.loads(result.output)
    assert result.exit_code == 0 and doc["gradient"] == {"x": float(n)} and doc["value"] == n / 4
    assert doc["cost"]["nodes"] == n                       # one input and n - 1 additions
    assert all(c["status"] == "ok" for c in doc["checks"]), doc["checks"]


def test_distinct_variables_with_a_json_point(tmp_path):
    n = 5_000 * SCALE
    names = [f"a{i}" for i in range(n)]
    (tmp_path / "f.txt").write_text("+".join(f"{k % 3 + 1}*{a}" for k, a in enumerate(names)))
    (tmp_path / "p.json").write_text(json.dumps({a: 0.5 for a in names}))
    result = run("grad", f"@{tmp_path / 'f.txt'}", "--at", f"@{tmp_path / 'p.json'}", "--format", "json")
    doc = json.loads(result.output)
    assert result.exit_code == 0
    assert doc["gradient"] == {a: float(k % 3 + 1) for k, a in enumerate(names)}
    assert checks_of(doc)["gradient: graph vs SymPy"]["status"] == "ok"


@pytest.mark.parametrize("wrong", [40, 3_000])
def test_mismatched_names_give_a_bounded_message(wrong):
    names = [f"a{i}" for i in range(wrong)]
    text = "+".join(names)
    at = ",".join(f"b{i}=1" for i in range(wrong))          # every name wrong
    lines = refused("grad", text, "--at", at)
    message = "\n".join(lines)
    assert len(message) < 1_500, len(message)
    assert f"and {wrong - 8:,} more" in lines[0] and "a0, a1" in lines[0] and "b0, b1" in lines[0]


def test_a_case_slip_is_still_suggested_among_many_names():
    names = [f"w{i}" for i in range(500)]
    at = ",".join(f"{n}=1" for n in names[:-1]) + ",W499=1"
    lines = refused("grad", "+".join(names), "--at", at)
    assert any("did you mean w499 instead of W499?" in line for line in lines)


def iterated_sin(depth: int) -> float:
    """sin(sin(...sin(1)...)) with mpmath at 50 digits: a reference that shares nothing with symgraph."""
    with mpmath.workdps(50):
        v = mpmath.mpf(1)
        for _ in range(depth):
            v = mpmath.sin(v)
        return float(v)


@pytest.mark.parametrize("depth", [300, 9_999])
def test_nested_constants_in_the_expression_and_in_at(depth):
    nested = "sin(" * depth + "1" + ")" * depth
    graph = lower(parse("x + " + nested))
    (gate,) = [n for n in graph.nodes if n.op == "add_c"]
    assert gate.param == pytest.approx(iterated_sin(depth), rel=1e-14)
    assert parse_point("x=" + nested).floats["x"] == pytest.approx(iterated_sin(depth), rel=1e-14)
    report = grad("x*y + " + nested, f"x={nested},y=2", trace=False)
    assert report.ok and report.gradient["y"] == pytest.approx(iterated_sin(depth), rel=1e-14)


def test_nesting_counts_levels_not_pending_operators():
    lines = refused("grad", "x + " + "sin(" * 10_001 + "1" + ")" * 10_001, "--at", "x=1")
    assert "nesting deeper than 10,000 levels" in lines[0]


@pytest.mark.parametrize("constants_first", [False, True])
def test_a_product_of_many_fractions(constants_first):
    n = 10_000 * SCALE
    factors = "*".join(f"({k + 2}/{k + 1})" for k in range(n))   # telescopes to n + 1 exactly
    text = f"{factors}*x" if constants_first else f"x*{factors}"
    report = grad(text, "x=0.5", trace=False)
    assert report.ok, [(c.name, c.status, c.note) for c in report.checks]
    assert report.gradient["x"] == pytest.approx(n + 1, rel=1e-9)
    assert report.value == pytest.approx((n + 1) / 2, rel=1e-9)


def test_a_product_of_fractions_too_long_to_fold_exactly():
    # The exact product has thousands of digits; past EXACT_BITS it is folded with 60-digit Floats.
    n = 3_000
    factors = "*".join(f"({k % 7 + 1}/{k % 5 + 2})" for k in range(n))
    exact = math.prod(Fraction(k % 7 + 1, k % 5 + 2) for k in range(n))
    graph = lower(parse(f"{factors}*x"))
    (gate,) = [node for node in graph.nodes if node.op == "mul_c"]
    assert gate.param == pytest.approx(float(exact), rel=1e-12)
