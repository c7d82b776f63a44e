"""The two grading bugs of issue 26: points keys are read by the claim reader (in every notation), and a
student who answers one problem twice gets a warning saying which answer counts."""
import pytest

from symgraph.judging.grading import GradingError, grade
from tests.helpers import refused, run

PRIME = """
[[problem]]
id = "slope"
expression = "x**3 - 2*x"
points = { "f'(1)" = 1, "df/dx" = 2 }
  [[problem.answer]]
  student = "ada"
  claims = ["f'(1) = 1", "df/dx = 3*x**2 - 2"]
  [[problem.answer]]
  student = "bob"
  claims = ["df/dx at x = 1 = 1", "df/dx = 3*x**2 - 2"]
  [[problem.answer]]
  student = "cy"
  claims = ["df/dx = 3*x**2 - 2"]
"""


def test_a_prime_notation_key_matches_the_claim_it_names():
    ada, bob, cy = grade(PRIME).rows
    # f'(1) = 3 - 2 = 1 (by hand): ada earns both keys, not "missing f'(1)"
    assert ada.ok and ada.missing == [] and ada.to_dict()["points"] == 3
    assert cy.missing == ["df/dx at x = 1"] and cy.to_dict()["points"] == 2


@pytest.mark.parametrize("key, claim", [("y'", "y' = 2*x"), ("d y/dx", "y' = 2*x"), ("∂y/∂x", "dy/dx = 2*x"),
                                        ("y'(x)", "dy/dx = 2*x")])
def test_keys_in_every_notation(key, claim):
    text = f'[[problem]]\nexpression = "y = x**2"\npoints = {{ "{key}" = 1 }}\nclaims = ["{claim}"]\n'
    (row,) = grade(text).rows
    assert row.ok and not row.missing


@pytest.mark.parametrize("key", ["df/dz", "dg/dx", "f'(", "d2f/dy2"])
def test_a_key_that_can_match_no_claim_is_the_teachers_error(key):
    text = f'[[problem]]\nexpression = "x**2"\npoints = {{ "{key}" = 1 }}\nclaims = ["df/dx = 2*x"]\n'
    with pytest.raises(GradingError) as err:
        grade(text)
    assert repr(key) in err.value.message and "can match no claim" in err.value.message


def test_two_keys_for_one_claim_are_refused():
    text = '[[problem]]\nexpression = "x**2"\npoints = { "df/dx" = 1, "d f / d x" = 2 }\nclaims = ["df/dx = 2*x"]\n'
    with pytest.raises(GradingError, match="twice"):
        grade(text)


def test_the_command_line_exits_2_naming_the_key(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text('[[problem]]\nid = "p"\nexpression = "x**2"\npoints = { "df/dq" = 1 }\nclaims = ["df/dx = 2*x"]\n')
    (line, *_) = refused("check", "--file", str(path))
    assert "'df/dq'" in line and "problem 'p'" in line


TWICE = """
[[problem]]
id = "chain"
expression = "sin(x**2)"
  [[problem.answer]]
  student = "ada"
  claims = ["df/dx = cos(x**2)"]
  [[problem.answer]]
  student = "bob"
  claims = ["df/dx = 2*x*cos(x**2)"]
  [[problem.answer]]
  student = "ada"
  claims = ["df/dx = 2*x*cos(x**2)"]
"""


def test_a_student_answering_twice_gets_a_warning_and_the_last_answer_counts(tmp_path):
    batch = grade(TWICE, "t.toml")
    assert [r.student for r in batch.rows] == ["bob", "ada"]
    assert all(r.ok for r in batch.rows)           # ada's second (right) answer is the one graded
    (warning,) = batch.warnings
    assert warning == ("t.toml: problem 'chain': student 'ada' answers 2 times; the last answer (answer 3 of "
                       "the problem's 3) counts, the others are not graded")
    assert batch.to_dict()["warnings"] == [warning]
    path = tmp_path / "t.toml"
    path.write_text(TWICE)
    result = run("check", "--file", str(path), "--format", "json")
    assert f"warning: {str(path)}: problem 'chain': student 'ada' answers 2 times" in result.output
