"""PrairieLearn: the external grader in a /grade layout made under tmp_path (results validated against
tests/grading/spec.py), and the example question's server.py called with sample data as PrairieLearn
would. Expected values by hand: for g1 = 2x1 + 3x2, g2 = x1 x2, f = g1 - 4 g2 at (1, 2),
df/dg1 = 1, df/dg2 = -4, df/dx1 = 2 - 4 x2 = -6, df/dx2 = 3 - 4 x1 = -1."""
import importlib.util
import json
import shutil

import pytest

from symgraph.cli.prairielearn import main
from tests.grading.spec import validate_prairielearn
from tests.helpers import ROOT

QUESTIONS = ROOT / "examples" / "prairielearn" / "questions"


def _grade_dir(tmp_path, answers: str):
    grade = tmp_path / "grade"
    (grade / "student").mkdir(parents=True)
    shutil.copytree(QUESTIONS / "backwardPassExternal" / "tests", grade / "tests")
    (grade / "student" / "answers.toml").write_text(answers, encoding="utf-8")
    assert main(["--grade-dir", str(grade)]) == 0
    data = json.loads((grade / "results" / "results.json").read_text(encoding="utf-8"))
    validate_prairielearn(data)
    return data


def test_external_grader_scores_in_0_1_with_a_test_per_claim(tmp_path):
    data = _grade_dir(tmp_path, '"backward pass" = """\ndf/dg1 = 1\ndf/dg2 = -4\ndf/dx1 = -8\ndf/dx2 = -1\n"""\n')
    assert data["gradable"] is True and data["score"] == pytest.approx(4 / 6)      # 1 + 1 + 0 + 2 of 6
    points = {t["name"]: (t["points"], t["max_points"]) for t in data["tests"]}
    assert points["backward pass: df/dx1 = -8"] == (0, 2) and points["backward pass: df/dx2 = -1"] == (2, 2)


@pytest.mark.parametrize("answers, says", [
    ('"backward pass" = ["df/dx1 = 2 - 4*x2)"]\n', "unmatched ')'"),                # a claim that cannot be read
    ('"backward pass" = ["df/dx1 = -6 * q"]\n', "'q' on the right-hand side"),      # a name the question lacks
    ('"backward pas" = ["df/dx1 = -6"]\n', "'backward pas' is not a problem"),       # a typo in the id
    ('"backward pass" = [\n', "not valid TOML"),
])
def test_what_cannot_be_read_is_a_format_error_not_a_wrong_answer(tmp_path, answers, says):
    data = _grade_dir(tmp_path, answers)
    assert data["gradable"] is False and data["tests"] == []
    assert any(says in e for e in data["format_errors"]), data["format_errors"]


def test_the_teachers_error_exits_2_without_results(tmp_path, capsys):
    grade = tmp_path / "grade"
    (grade / "tests").mkdir(parents=True)
    (grade / "student").mkdir()
    (grade / "tests" / "problems.toml").write_text('[[problem]]\nexpression = "x**2"\npoints = { "df/dz" = 1 }\n')
    (grade / "student" / "answers.toml").write_text('"#1" = ["df/dx = 2*x"]\n')
    assert main(["--grade-dir", str(grade)]) == 2
    assert "'df/dz'" in capsys.readouterr().err
    assert not (grade / "results" / "results.json").exists()


def _server():
    spec = importlib.util.spec_from_file_location("pl_server", QUESTIONS / "backwardPass" / "server.py")
    server = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(server)
    return server


def _data(answers: dict) -> dict:
    """What PrairieLearn passes to grade(data) (the keys it always sets)."""
    return {"params": {}, "correct_answers": {}, "submitted_answers": answers, "format_errors": {},
            "partial_scores": {}, "score": 0, "feedback": {}, "variant_seed": 1, "options": {}, "raw_submitted_answers": answers}


def test_server_grade_sets_partial_scores_score_and_feedback():
    server = _server()
    data = _data({"dfdx1": "2 - 4*x2", "dfdx2": "-2"})
    server.grade(data)
    assert data["format_errors"] == {}
    assert data["partial_scores"]["dfdx1"]["score"] == 1.0 and data["partial_scores"]["dfdx2"]["score"] == 0.0
    assert data["score"] == 0.5
    assert data["feedback"]["dfdx1"].startswith("right: proved")
    assert data["feedback"]["dfdx2"].startswith("wrong: the true value is -1, yours is -2")


def test_server_names_the_mistake():
    data = _data({"dfdx1": "-4*x2", "dfdx2": "-1"})       # the path through g1 left out: -4*x2 instead of 2 - 4*x2
    _server().grade(data)
    assert data["score"] == 0.5 and "path-missing" in data["feedback"]["dfdx1"]


@pytest.mark.parametrize("typed", ["2 - 4*x2)", "2 - 4*x3", "", "   "])
def test_server_a_blank_that_cannot_be_read_is_a_format_error(typed):
    data = _data({"dfdx1": typed, "dfdx2": "-1"})
    _server().grade(data)
    assert set(data["format_errors"]) == {"dfdx1"} and data["partial_scores"] == {} and data["score"] == 0


def test_the_validator_refuses_what_the_spec_refuses():
    for bad in ({"gradable": True, "score": 1.5}, {"score": 0.5, "tests": [{"points": 1}]},
                {"score": 0.5, "format_errors": [1]}):
        with pytest.raises(AssertionError):
            validate_prairielearn(bad)
