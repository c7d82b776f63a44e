"""Batch grading of a TOML answer file. Verdicts are checked against hand-computed answers."""
from pathlib import Path

import pytest

from symgraph.judging.grading import GradingError, grade

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "answers.toml"

ONE = '''
[[problem]]
id = "seed"
expression = "g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2"
at = { x1 = 1, x2 = 2 }
'''


def test_example_file_grades_as_computed_by_hand():
    batch = grade(EXAMPLE.read_text(), str(EXAMPLE))
    got = {(r.problem, r.student): r.ok for r in batch.rows}
    assert got == {
        ("10.4 backward pass", "ada"): True,    # 1, -4, -6, -1: the seed's values
        ("10.4 backward pass", "bob"): False,   # df/dx1 = -8 forgets the path through g1
        ("10.4 backward pass", "cy"): True,     # 2 - 4*x2, 3 - 4*x1, x2
        ("10.4 backward pass", "dee"): False,   # right claims, but the required df/dx2 is missing
        ("10.3.1 sin(x)cos(x)", "ada"): True,   # cos(2x); cos(4) = -0.6536 -> -0.65
        ("10.3.1 sin(x)cos(x)", "bob"): False,  # cos^2 + sin^2 = 1
        ("10.3 (3x)^2", "cy"): True,            # 24, 3, 72
    }
    bob = next(r for r in batch.rows if r.student == "bob")
    assert bob.report.locator["first_wrong"] == "df/dx1"
    data = batch.to_dict()
    assert data["answers"] == 7 and data["answers_right"] == 4 and data["ok"] is False
    assert data["results"][1]["report"]["claims"][2]["ok"] is False


def test_answers_and_point_table():
    text = ONE + '''
  [[problem.answer]]
  student = "a"
  claims = ["df/dx1 = -6"]
  [[problem.answer]]
  student = "b"
  claims = ["df/dx1 = -6"]
  at = "x1=2, x2=2"
'''
    rows = grade(text).rows
    # at (2, 2): df/dx1 = 2 - 4*x2 = -6 too; both right
    assert [(r.student, r.ok) for r in rows] == [("a", True), ("b", True)]


def test_a_students_malformed_claim_is_wrong_not_fatal():
    text = ONE + 'claims = ["df/dx1 = -6", "df/dz = 1", "df/dx2 = ((", "df/dx2 = -1"]\n'
    (row,) = grade(text).rows
    kinds = [(v.kind, v.ok) for v in row.report.verdicts]
    assert kinds.count(("malformed", False)) == 2 and kinds.count(("numeric", True)) == 2
    assert any("'z'" in v.note for v in row.report.verdicts)
    assert row.ok is False


def test_constant_claim_in_a_problem_without_point_is_judged_for_all_points():
    text = '[[problem]]\nexpression = "x**2"\nclaims = ["df/dx = 2"]\n'
    (row,) = grade(text).rows
    v = row.report.verdicts[0]          # d/dx x^2 = 2x is not the constant 2
    assert v.ok is False and v.method == "counterexample" and row.ok is False


LOG = '[[problem]]\nid = "log"\nexpression = "log(x)"\nat = "x=2"\n'


def test_a_students_point_outside_the_domain_fails_only_that_answer():
    text = LOG + ('[[problem.answer]]\nstudent = "a"\nclaims = ["df/dx = 0.5"]\n'
                  '[[problem.answer]]\nstudent = "b"\nat = "x=-1"\nclaims = ["df/dx = -1"]\n'
                  '[[problem.answer]]\nstudent = "c"\nclaims = ["df/dx = 1/x"]\n')
    rows = grade(text).rows
    assert [(r.student, r.ok) for r in rows] == [("a", True), ("b", False), ("c", True)]   # 1/2 at x = 2
    assert "log" in rows[1].error and "point" in rows[1].error


def test_a_teachers_point_outside_the_domain_names_file_problem_and_student():
    text = LOG.replace("x=2", "x=-1") + 'student = "a"\nclaims = ["df/dx = 1"]\n'
    with pytest.raises(GradingError) as info:
        grade(text, "hw.toml")
    assert "hw.toml" in info.value.message and "'log'" in info.value.message and "'a'" in info.value.message


def test_an_answer_with_no_claims_is_not_right():
    (row,) = grade(LOG + 'claims = []\n').rows
    assert row.ok is False and "no claims" in row.error
    assert grade(LOG + 'claims = []\n').to_dict()["answers_right"] == 0


def test_a_deep_claim_does_not_stop_the_batch():
    deep = "sin(" * 140 + "x" + ")" * 140
    text = (f'[[problem]]\nid = "deep"\nexpression = "{deep}"\nat = "x=1"\nclaims = ["df/dx = cos(x)"]\n'
            + LOG + 'claims = ["df/dx = 0.5"]\n')
    rows = grade(text).rows
    assert rows[0].ok is False and rows[1].ok is True


def test_duplicate_problem_ids_are_refused():
    with pytest.raises(GradingError) as info:
        grade(LOG + 'claims = ["df/dx = 0.5"]\n' + LOG + 'claims = ["df/dx = 0.5"]\n', "hw.toml")
    assert "'log'" in info.value.message and "twice" in info.value.message


@pytest.mark.parametrize("text, fragment", [
    ("[[problem]\nexpression = 1", "not valid TOML"),
    ("title = 'x'", "unknown top-level key"),
    ("[defaults]\ntol = 1", "no [[problem]]"),
    ('[[problem]]\nexpresion = "x"\nclaims = []', "unknown key(s) expresion"),
    ('[[problem]]\nclaims = ["df/dx = 1"]', "'expression'"),
    ('[[problem]]\nexpression = "x*"\nclaims = ["df/dx = 1"]', "expected a number"),
    ('[[problem]]\nexpression = "x"\nat = "y=1"\nclaims = ["df/dx = 1"]', "missing a value for x"),
    ('[[problem]]\nexpression = "x"\nclaims = "df/dx = 1"', "list of strings"),
    ('[[problem]]\nexpression = "x"\ntol = -1\nclaims = ["df/dx = 1"]', "positive number"),
    ('[[problem]]\nexpression = "x"', "no claims"),
    ('[defaults]\ntimeout = 1e9\n[[problem]]\nexpression = "x"\nclaims = ["df/dx = 1"]', "between 0.1"),
    ('[[problem]]\nexpression = "x"\ntimeout = 0.01\nclaims = ["df/dx = 1"]', "between 0.1"),
    ('[[problem]]\nexpression = "x"\ntimeout = nan\nclaims = ["df/dx = 1"]', "positive number"),
])
def test_malformed_files_are_bad_input(text, fragment):
    with pytest.raises(GradingError) as info:
        grade(text, "answers.toml")
    assert fragment in info.value.message


def test_defaults_tolerance_applies():
    text = '[defaults]\ntol = 0.1\n[[problem]]\nexpression = "x**2"\nat = "x=1"\nclaims = ["df/dx = 2.05"]\n'
    assert grade(text).rows[0].ok is True     # |2.05 - 2| <= 0.1
    assert grade(text.replace("tol = 0.1", "tol = 0.01")).rows[0].ok is False
