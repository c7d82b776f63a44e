"""Batch grading for a teacher: histogram, points, per-student totals, CSV, --jobs. The planted wrong
answers are worked by hand (sin(x**2) -> cos(x**2) drops the inner 2x; (x**2 sin x)' -> 2x cos x
multiplies the derivatives)."""
import csv
import json

import pytest

from symgraph.judging.grading import GradingError, grade
from tests.helpers import refused, run

CLASS = """
[[problem]]
id = "chain"
expression = "sin(x**2)"
points = { "df/dx" = 2 }
  [[problem.answer]]
  student = "ada"
  claims = ["df/dx = 2*x*cos(x**2)"]
  [[problem.answer]]
  student = "bob"
  claims = ["df/dx = cos(x**2)"]
  [[problem.answer]]
  student = "cy"
  claims = ["df/dx = cos(x**2)"]

[[problem]]
id = "product"
expression = "x**2*sin(x)"
at = "x=1"
  [[problem.answer]]
  student = "ada"
  claims = ["df/dx = 2*x*sin(x) + x**2*cos(x)", "df/dx = 7"]
  [[problem.answer]]
  student = "bob"
  claims = ["df/dx = 2*x*cos(x)"]
"""


def test_histogram_points_and_totals():
    data = grade(CLASS).to_dict()
    chain = data["problems"]["chain"]
    assert chain["mistakes"] == {"chain-inner-missing": 2}
    assert chain["histogram"] == ["2 of 3 answers dropped the chain rule's inner factor (chain-inner-missing)"]
    assert data["problems"]["product"]["mistakes"] == {"product-rule-derivatives-multiplied": 1}
    assert data["students"]["ada"] == {"answers": 2, "right": 1, "points": 3.0, "possible": 4.0}
    assert data["students"]["bob"] == {"answers": 2, "right": 0, "points": 0.0, "possible": 3.0}
    first = data["results"][0]
    assert (first["points"], first["points_possible"]) == (2.0, 2.0)
    assert first["report"]["claims"][0]["points"] == 2.0


def test_points_are_paid_once_per_left_hand_side():
    text = CLASS.replace('claims = ["df/dx = 2*x*cos(x**2)"]', 'claims = ["df/dx = 2*x*cos(x**2)", "df/dx = 2*cos(x**2)*x"]')
    row = grade(text).rows[0]
    assert row.to_dict()["points"] == 2.0


def test_bad_points_table_is_the_teachers_error():
    with pytest.raises(GradingError, match="'points' must be"):
        grade(CLASS.replace('points = { "df/dx" = 2 }', 'points = { "df/dx" = -1 }'))


def test_jobs_give_the_same_grades():
    one, two = grade(CLASS, jobs=1).to_dict(), grade(CLASS, jobs=2).to_dict()
    assert json.dumps(one["results"]) == json.dumps(two["results"])
    assert one["students"] == two["students"]


def test_csv_and_cli(tmp_path):
    answers = tmp_path / "a.toml"
    answers.write_text(CLASS)
    out = tmp_path / "grades.csv"
    result = run("check", "--file", str(answers), "--csv", str(out), "--jobs", "2", "--format", "plain")
    assert result.exit_code == 1 and "2 of 3 answers dropped the chain rule's inner factor" in result.output
    rows = list(csv.DictReader(out.open()))
    assert [(r["student"], r["problem"], r["points"], r["possible"], r["mistakes"]) for r in rows] == [
        ("ada", "chain", "2", "2", ""), ("bob", "chain", "0", "2", "chain-inner-missing"),
        ("cy", "chain", "0", "2", "chain-inner-missing"), ("ada", "product", "1", "2", ""),
        ("bob", "product", "0", "1", "product-rule-derivatives-multiplied")]


def test_csv_and_jobs_need_a_file():
    refused("check", "x**2", "--claim", "df/dx = 2*x", "--csv", "out.csv")
    refused("check", "x**2", "--claim", "df/dx = 2*x", "--jobs", "2")


def test_a_teacher_error_in_a_parallel_run_is_still_exit_2(tmp_path):
    answers = tmp_path / "a.toml"
    answers.write_text(CLASS + '\n[[problem]]\nid = "bad"\nexpression = "sin("\nclaims = ["df/dx = 1"]\n')
    lines = refused("check", "--file", str(answers), "--jobs", "2")
    assert "problem 'bad'" in lines[0]


def test_generated_class_of_the_benchmark_small():
    """The benchmark's generator (benchmarks/grading.py) on 2 students per problem: every planted mistake
    recognized, no diagnosis on a right or an unrelated wrong answer."""
    import importlib.util
    import random

    from tests.helpers import ROOT

    spec = importlib.util.spec_from_file_location("bench_grading", ROOT / "benchmarks" / "grading.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    text, planted = bench.make_class(2, random.Random(7))
    s = bench.score(grade(text), planted)
    assert s["recognized"] == s["planted"] and s["diagnosed_right"] == 0 and s["diagnosed_unrelated"] == 0
