"""The graders read hostile TOML as the command line does (issue 22): the TOML guard before Python's reader
(quadratic in a dotted key's parts: 15,000 parts cost it about 1 GB), and the command line's address-space
cap in PrairieLearn's external grader. Each grader runs in a subprocess under a modest RLIMIT_AS, so that a
regression fails (a MemoryError, exit 1) instead of eating the machine's memory."""
import json
import os
import resource
import subprocess
import sys

import pytest

from symgraph.grading.submission import SubmissionError, read_submission
from tests.grading.spec import validate_prairielearn
from tests.helpers import ROOT

LIMIT = 700 * 1024 ** 2           # bytes of address space: the grader starts in about 600 MB
DOTTED = "a" + ".a" * 20_000 + " = 1\n"      # unguarded, Python's TOML reader needs about 1.6 GB for it
PROBLEMS = '[[problem]]\nid = "p1"\nexpression = "x**2"\nat = "x=1"\n'


def _capped():
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT, LIMIT))


def _python(*args, env=None, cwd=None):
    env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, cwd=cwd,
                          preexec_fn=_capped, timeout=120)


def _grade_dir(tmp_path, answers: str):
    grade = tmp_path / "grade"
    for sub in ("tests", "student"):
        (grade / sub).mkdir(parents=True)
    (grade / "tests" / "problems.toml").write_text(PROBLEMS, encoding="utf-8")
    (grade / "student" / "answers.toml").write_text(answers, encoding="utf-8")
    return grade


@pytest.mark.parametrize("answers, says", [
    (DOTTED, "a dotted key of more than 16 parts"),
    ("x = " + "[" * 5000 + "]" * 5000 + "\n", "inside each other more than 32 deep"),
    ('"' + "p" * 300 + '" = ["df/dx = 2*x"]\n', "a key longer than 200 characters"),
])
def test_prairielearns_grader_refuses_a_hostile_submission_as_a_format_error(tmp_path, answers, says):
    grade = _grade_dir(tmp_path, answers)
    done = _python("-m", "symgraph.cli.prairielearn", "--grade-dir", str(grade))
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    data = json.loads((grade / "results" / "results.json").read_text(encoding="utf-8"))
    validate_prairielearn(data)
    assert data["gradable"] is False and data["tests"] == []
    assert any(says in e and "answers.toml: line 1" in e for e in data["format_errors"]), data["format_errors"]


def test_prairielearns_grader_still_grades_a_plain_submission_under_the_cap(tmp_path):
    grade = _grade_dir(tmp_path, '"p1" = ["df/dx = 2*x"]\n')
    done = _python("-m", "symgraph.cli.prairielearn", "--grade-dir", str(grade))
    assert done.returncode == 0, done.stderr
    data = json.loads((grade / "results" / "results.json").read_text(encoding="utf-8"))
    assert data["gradable"] is True and data["score"] == 1.0       # d(x^2)/dx = 2x, by hand


def test_the_teachers_hostile_problem_file_is_the_teachers_error(tmp_path):
    grade = _grade_dir(tmp_path, '"p1" = ["df/dx = 2*x"]\n')
    (grade / "tests" / "problems.toml").write_text(PROBLEMS + DOTTED, encoding="utf-8")
    done = _python("-m", "symgraph.cli.prairielearn", "--grade-dir", str(grade))
    assert done.returncode == 2 and "dotted key of more than 16 parts" in done.stderr, done.stderr
    assert not (grade / "results" / "results.json").exists()


CAP = """import resource, runpy, sys
sys.argv = ["prairielearn", "--grade-dir", sys.argv[1]]
try:
    runpy.run_module("symgraph.cli.prairielearn", run_name="__main__")
except SystemExit as exc:
    print(exc.code, resource.getrlimit(resource.RLIMIT_AS)[0])
"""


@pytest.mark.parametrize("memory, cap", [("512M", 512 * 1024 ** 2), ("600M", 600 * 1024 ** 2)])
def test_the_external_grader_caps_its_address_space_as_the_command_line_does(tmp_path, memory, cap):
    grade = _grade_dir(tmp_path, '"p1" = ["df/dx = 2*x"]\n')
    done = _python("-c", CAP, str(grade), env={"SYMGRAPH_MEMORY": memory})
    assert done.stdout.splitlines()[-1].split() == ["0", str(cap)], done.stderr     # after "1 of 1 points"


def test_gradescopes_submission_is_refused_before_the_toml_reader(tmp_path):
    problems = tmp_path / "problems.toml"
    problems.write_text(PROBLEMS, encoding="utf-8")
    submission = tmp_path / "submission.toml"
    submission.write_text(DOTTED, encoding="utf-8")
    done = _python("-m", "symgraph", "check", "--file", str(problems), "--submission", str(submission),
                   "--format", "gradescope", env={"SYMGRAPH_MEMORY": "off"})
    assert done.returncode == 1, done.stderr
    data = json.loads(done.stdout)
    assert data["score"] == 0 and "a dotted key of more than 16 parts" in data["output"]


def test_read_submission_names_the_line_of_the_refused_key():
    with pytest.raises(SubmissionError) as caught:
        read_submission('student = "ada"\n' + DOTTED, "answers.toml")
    assert caught.value.message.startswith("answers.toml: line 2: a dotted key of more than 16 parts")
