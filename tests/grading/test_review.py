"""Never a zero for a time-out: when SymPy's proof runs out of time, the random-point verdict stands (a
right answer keeps its points) and the answer is flagged needs_review in the JSON, the CSV and the
platforms' output. The claim: d/dx sqrt(x + 2 sqrt(x - 1)) = 1/(2 sqrt(x - 1)), true for x > 1 since
x + 2 sqrt(x - 1) = (sqrt(x - 1) + 1)^2; SymPy needs about 2 s to try (and fail) to prove it, while 30
random points take a few hundredths of a second."""
import csv
import json

from symgraph.grading import gradescope
from symgraph.grading.prairielearn import external_results
from symgraph.judging.classroom import write_csv
from symgraph.judging.grading import grade

TEXT = """
[[problem]]
id = "radical"
expression = "sqrt(x + 2*sqrt(x - 1))"
timeout = %s
points = { "df/dx" = 3 }
  [[problem.answer]]
  student = "ada"
  claims = ["df/dx = 1/(2*sqrt(x-1))"]
  [[problem.answer]]
  student = "bob"
  claims = ["df/dx = 1/sqrt(x-1)"]
"""


def test_a_proof_that_runs_out_of_time_keeps_the_random_point_verdict_and_asks_for_review(tmp_path):
    batch = grade(TEXT % 0.5)
    data = json.loads(batch.to_json())
    ada, bob = data["results"]
    (claim,) = ada["report"]["claims"]
    assert claim["status"] == "right" and claim["method"] == "random points"
    assert "ran out of time" in claim["note"]
    assert ada["points"] == 3 and ada["needs_review"] is True and claim["needs_review"] is True
    assert bob["points"] == 0 and bob["needs_review"] is False      # a counterexample needs no proof
    assert data["needs_review"] == 1

    write_csv(tmp_path / "grades.csv", batch.rows)
    rows = list(csv.DictReader(open(tmp_path / "grades.csv", encoding="utf-8")))
    assert [r["needs_review"] for r in rows] == ["True", "False"]

    results = gradescope.results(data, 1.0, per_student=True)
    first = results["tests"][0]
    assert first["score"] == 3 and first["extra_data"]["needs_review"] is True and "needs review" in first["output"]
    assert "1 answer needs review" in results["output"]


def test_prairielearn_results_flag_review_and_keep_the_points():
    data = json.loads(grade(TEXT % 0.5).to_json())
    data["results"] = data["results"][:1]
    out = external_results(data)
    assert out["gradable"] and out["score"] == 1.0 and out["needs_review"] is True
    assert "need review" in out["message"]


def test_with_time_to_spare_the_same_claim_is_not_flagged():
    data = json.loads(grade(TEXT % 60).to_json())
    (claim,) = data["results"][0]["report"]["claims"]
    assert claim["method"] == "random points" and "ran out of time" not in claim["note"]   # not proven: no time-out
    assert data["results"][0]["points"] == 3 and data["needs_review"] == 0
