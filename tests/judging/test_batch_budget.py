"""A --file batch has one overall time budget, and its report names it (issue 22 item 6)."""
from symgraph.judging.grading import BATCH_BUDGET, NOT_GRADED, grade
from tests.helpers import EXAMPLES

TEXT = (EXAMPLES / "answers.toml").read_text(encoding="utf-8")


def test_answers_left_when_the_budget_has_run_out_are_listed_as_not_graded():
    batch = grade(TEXT, "answers.toml", budget=1e-9)       # spent before the first answer is reached
    data = batch.to_dict()
    assert data["budget"] == {"seconds": 1e-9, "not_graded": data["answers"]}
    assert all(r.error.startswith(NOT_GRADED) and not r.ok for r in batch.rows)


def test_the_default_budget_grades_the_example_and_is_named_in_the_json():
    data = grade(TEXT, "answers.toml").to_dict()
    assert data["budget"] == {"seconds": BATCH_BUDGET, "not_graded": 0}
