"""A problem's ``points`` names the claims a teacher requires: an answer missing one is not fully right
(listed as missing, 0 points, in text, JSON and CSV; exit 1). Without ``points`` an answer is fully right
when every claim it makes is right. Numbers are the seed's: df/dx1 = -6, df/dx2 = -1 at (1, 2)."""
import csv

import pytest
from hypothesis import given, settings, strategies as st

from symgraph.judging.grading import GradingError, grade
from tests.helpers import run

SEED = """
[[problem]]
id = "10.4"
expression = "g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2"
at = "x1=1, x2=2"
POINTS
  [[problem.answer]]
  student = "ada"
  claims = ["df/dx1 = -6", "df/dx2 = -1"]
  [[problem.answer]]
  student = "eve"
  claims = ["df/dx1 = -6"]
"""
REQUIRED = SEED.replace("POINTS", 'points = { "df/dx1" = 2, "df/dx2" = 1 }')


def test_missing_required_claim_is_not_fully_right():
    batch = grade(REQUIRED)
    ada, eve = batch.rows
    assert ada.ok and ada.missing == []
    assert not eve.ok and eve.missing == ["df/dx2"] and not batch.ok
    data = batch.to_dict()
    assert data["answers_right"] == 1 and data["claims_missing"] == 1
    row = data["results"][1]
    assert row["ok"] is False and (row["points"], row["points_possible"]) == (2.0, 3.0)
    assert row["missing"] == [{"lhs": "df/dx2", "points": 0.0, "points_possible": 1.0}]
    assert data["students"]["eve"] == {"answers": 1, "right": 0, "points": 2.0, "possible": 3.0}


def test_missing_in_text_csv_and_exit_code(tmp_path):
    answers, out = tmp_path / "a.toml", tmp_path / "grades.csv"
    answers.write_text(REQUIRED)
    result = run("check", "--file", str(answers), "--csv", str(out), "--format", "plain")
    assert result.exit_code == 1
    assert "10.4 / eve: missing df/dx2" in result.output
    assert "1 of 2 answers fully right" in result.output and "1 required claim missing" in result.output
    rows = list(csv.DictReader(out.open()))
    assert [(r["student"], r["ok"], r["points"], r["possible"], r["missing"]) for r in rows] == [
        ("ada", "True", "3", "3", ""), ("eve", "False", "2", "3", "df/dx2")]


def test_complete_answers_exit_0(tmp_path):
    answers = tmp_path / "a.toml"
    answers.write_text(REQUIRED.replace('claims = ["df/dx1 = -6"]', 'claims = ["df/dx2 = -1", "df/dx1 = 2 - 4*x2"]'),
                       encoding="utf-8")
    result = run("check", "--file", str(answers), "--format", "plain")
    assert result.exit_code == 0 and "2 of 2 answers fully right" in result.output, result.output


def test_a_local_partial_is_not_the_required_total_derivative():
    """With named steps ∂f/∂x2 holds g1, g2 fixed (it is 0 here): it does not answer df/dx2 = -1."""
    row = grade(REQUIRED.replace('claims = ["df/dx1 = -6"]', 'claims = ["df/dx1 = -6", "∂f/∂x2 = 0"]')).rows[1]
    assert row.report.ok and row.missing == ["df/dx2"] and not row.ok
    assert row.to_dict()["points"] == 2.0


def test_without_points_every_claim_made_must_be_right_and_none_is_required():
    batch = grade(SEED.replace("POINTS", ""))
    assert [r.ok for r in batch.rows] == [True, True] and all(r.missing == [] for r in batch.rows)


def test_points_keys_written_with_partials_and_second_derivatives():
    text = """
[[problem]]
expression = "x**2*y"
points = { "∂f/∂x" = 1, "d²f/dx²" = 1 }
claims = ["df/dx = 2*x*y", "d2f/dx2 = 2*y"]
"""
    assert grade(text).rows[0].ok
    missing = grade(text.replace(', "d2f/dx2 = 2*y"', "")).rows[0]
    assert missing.missing == ["d2f/dx2"] and not missing.ok


@pytest.mark.parametrize("bad", ['"df/dx3"', '"dh/dx1"'])
def test_a_points_key_that_is_no_derivative_is_the_teachers_error(bad):
    with pytest.raises(GradingError, match="'points' names"):
        grade(SEED.replace("POINTS", f"points = {{ {bad} = 1 }}"))


SEED_VALUES = {"df/dg1": "1", "df/dg2": "-4", "df/dx1": "-6", "df/dx2": "-1"}


@settings(max_examples=12, deadline=None)
@given(required=st.sets(st.sampled_from(sorted(SEED_VALUES)), min_size=1),
       answered=st.sets(st.sampled_from(sorted(SEED_VALUES))))
def test_fully_right_exactly_when_every_required_claim_is_there(required, answered):
    """Right claims only (the seed's values): the answer is fully right iff it covers every required
    left-hand side; its points are those of the required ones it gives, the missing ones are the rest."""
    points = ", ".join(f'"{k}" = 1' for k in sorted(required))
    claims = ", ".join(f'"{k} = {SEED_VALUES[k]}"' for k in sorted(answered)) or '"df/dg1 = 1"'
    said = answered or {"df/dg1"}
    text = SEED.replace("POINTS", f"points = {{ {points} }}").split("  [[problem.answer]]")[0] + \
        f"claims = [{claims}]\n"
    row = grade(text).rows[0]
    assert row.ok == (required <= said)
    assert set(row.missing) == required - said
    assert row.to_dict()["points"] == len(required & said)
