"""Gradescope: examples/gradescope/run_autograder on the sample submissions, its results.json validated
against the specification (tests/grading/spec.py); the points and tags are worked by hand below."""
import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.grading.spec import validate_gradescope
from tests.helpers import ROOT, run

EXAMPLE = ROOT / "examples" / "gradescope"


def _autograde(tmp_path, submission_dir) -> dict:
    if shutil.which("bash") is None:
        pytest.skip("run_autograder is a bash script and bash is not installed")
    results = tmp_path / "results" / "results.json"
    env = dict(os.environ, AUTOGRADER_SOURCE=str(EXAMPLE), AUTOGRADER_SUBMISSION=str(submission_dir),
               AUTOGRADER_RESULTS=str(results), SYMGRAPH=f"{sys.executable} -m symgraph",
               PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    done = subprocess.run(["bash", str(EXAMPLE / "run_autograder")], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    data = json.loads(results.read_text(encoding="utf-8"))
    validate_gradescope(data)
    return data


def _scores(data) -> dict:
    return {t["name"]: (t["score"], t["max_score"], t["tags"]) for t in data["tests"]}


def test_a_right_submission_gets_every_point(tmp_path):
    data = _autograde(tmp_path, EXAMPLE / "submissions" / "ada")
    assert data["score"] == 7 and data["output"].startswith("7 of 7 points")
    assert _scores(data)["tangent slope: f'(1) = 1"] == (1, 1, [])     # f'(1) = 3 - 2 = 1, the "f'(1)" key


def test_mistakes_are_tags_and_cost_their_points(tmp_path):
    data = _autograde(tmp_path, EXAMPLE / "submissions" / "bob")
    scores = _scores(data)
    # d/dx sin(x^2) = 2x cos(x^2); cos(x^2) drops the inner derivative. df/dx1 = 2 - 4*x2 = -6, not -8.
    assert scores["chain rule: df/dx = cos(x**2)"] == (0, 2, ["chain-inner-missing"])
    # -8 at x1=1, x2=2 fits two catalog mistakes (path-missing, constant-treated-as-variable) only by the
    # point's coincidence, so the catalog names none (precision first: docs/catalog.md)
    assert scores["backward pass: df/dx1 = -8"] == (0, 2, [])
    assert data["score"] == 3


def test_an_unanswered_problem_earns_nothing_and_says_so(tmp_path):
    data = _autograde(tmp_path, EXAMPLE / "submissions" / "cy")
    assert data["score"] == 6
    (missing,) = [t for t in data["tests"] if t["name"] == "tangent slope"]
    assert (missing["score"], missing["max_score"]) == (0, 1) and missing["output"] == "not graded: no claims in this answer"


def test_an_unreadable_submission_is_explained_not_crashed(tmp_path):
    data = _autograde(tmp_path, EXAMPLE / "submissions" / "dee")
    assert data["score"] == 0 and data["tests"] == []
    assert "could not be read" in data["output"] and "not valid TOML" in data["output"]


def test_no_answers_file_at_all(tmp_path):
    (tmp_path / "empty").mkdir()
    data = _autograde(tmp_path, tmp_path / "empty")
    assert data["score"] == 0 and "No answers.toml" in data["output"]


def test_a_whole_class_file_in_gradescope_format_names_each_student(tmp_path):
    out = tmp_path / "results.json"
    result = run("check", "--file", str(ROOT / "examples" / "answers.toml"), "--format", "gradescope", "-o", str(out))
    assert result.exit_code == 1
    data = json.loads(out.read_text(encoding="utf-8"))
    validate_gradescope(data)
    assert any(t["name"].startswith("[bob] 10.4 backward pass: df/dx1 = -8") for t in data["tests"])


def test_the_validator_refuses_what_the_spec_refuses():
    for bad in ({"tests": [{"name": "x"}]},                                  # no score anywhere
                {"score": 1, "tests": [{"score": 2, "max_score": 1}]},
                {"score": 1, "visibility": "public"},
                {"score": "1"}):
        with pytest.raises(AssertionError):
            validate_gradescope(bad)
