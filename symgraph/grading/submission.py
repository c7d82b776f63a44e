"""One student's submission: the file a student uploads to Gradescope (or PrairieLearn's external
grader), graded against the teacher's problem file (judging/grading.py's format, answers optional).

The submission is TOML. Each key is a problem's id, its value the student's claims: a list of strings,
or one string with a claim per line (blank lines and lines starting with '#' are skipped). An optional
``student`` key names the student::

    student = "ada"
    "10.4 backward pass" = ["df/dx1 = -6", "df/dx2 = -1"]
    "10.3 (3x)^2" = '''
    df/dg = 24
    df/dx = 72
    '''

A problem the submission does not answer is graded as an answer with no claims (0 points). A key that is
no problem's id is reported back to the student (``unknown``), so that a typo in an id is visible. A
submission that is not valid TOML, or whose values are not claims, is a SubmissionError: the student's
format error, which the platforms report as such (never the teacher's exit 2). Nothing here prints.
"""
from __future__ import annotations

import sys

from symgraph.core.toml_guard import check_toml
from symgraph.errors import LimitError, SymgraphError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

MAX_CLAIMS = 200          # per problem: a submission is a student's hand derivation, not a data set


class SubmissionError(SymgraphError):
    """The student's submission file cannot be read (a format error, not a wrong answer)."""


def read_submission(text: str, path: str = "submission") -> dict:
    """{"student": name or None, "answers": {problem id: [claim, ...]}}. The text passes the TOML guard
    (core/toml_guard.py: a dotted key of 40,000 parts would take Python's reader half a minute and gigabytes)
    before it is parsed; what the guard refuses is the student's format error too."""
    try:
        check_toml(text, path)
        data = tomllib.loads(text)
    except LimitError as exc:
        raise SubmissionError(f"{exc.message}: write one line per problem, such as "
                              f"\"problem id\" = [\"df/dx = 2*x\"]") from None
    except tomllib.TOMLDecodeError as exc:
        raise SubmissionError(f"{path}: not valid TOML ({exc}); write one line per problem, such as "
                              f"\"problem id\" = [\"df/dx = 2*x\"]") from None
    student = data.pop("student", None)
    if student is not None and not isinstance(student, str):
        raise SubmissionError(f"{path}: 'student' must be a string")
    answers = {}
    for problem, value in data.items():
        answers[problem] = claims_of(value, f"{path}: {problem!r}")
    return {"student": student, "answers": answers}


def claims_of(value, where: str) -> list:
    """A list of claim strings, or one string with a claim per line."""
    if isinstance(value, str):
        claims = [line.strip() for line in value.splitlines()]
        claims = [c for c in claims if c and not c.startswith("#")]
    elif isinstance(value, list) and all(isinstance(c, str) for c in value):
        claims = [c for c in value if c.strip()]
    else:
        raise SubmissionError(f"{where}: give the claims as a list of strings, such as [\"df/dx = 2*x\"], "
                              "or as one string with a claim per line")
    if len(claims) > MAX_CLAIMS:
        raise SubmissionError(f"{where}: {len(claims)} claims (at most {MAX_CLAIMS} per problem)")
    return claims


def unknown_problems(submission: dict, batch_rows: list) -> list:
    """The submission's keys that are no problem's id."""
    known = {row.problem for row in batch_rows}
    return [p for p in submission["answers"] if p not in known]
