"""PrairieLearn's external grader (its command line: ``python -m symgraph.cli.prairielearn``, in
symgraph/cli/prairielearn.py): grades the student's answer file against the question's problem file and
writes ``results.json``.

Folders default to PrairieLearn's layout inside the grading container (``/grade``): the problem file is
``/grade/tests/problems.toml`` (the question's ``tests/`` folder), the student's file
``/grade/student/answers.toml`` (a ``<pl-file-editor file-name="answers.toml">`` or upload), and the
results go to ``/grade/results/results.json``. Each can be given as an option, so it runs anywhere.

Results (PrairieLearn's external grading format): ``gradable``, ``score`` in [0, 1] (points earned over
points possible), ``message``, ``output``, ``format_errors`` and ``tests[]`` with ``name``, ``points``,
``max_points``, ``message``, ``output``. A submission or a claim that cannot be read, or an answer to a
problem the question does not have, is a format error: ``gradable`` is false, so the submission is
invalid rather than wrong and the student loses no attempt. The teacher's own errors (a bad problem
file) exit 2 and write no results, so that PrairieLearn reports a grading failure.

Both files are read as the command line reads ``--file``: regular files only, at most 5 MB, and through
the TOML guard (core/toml_guard.py) before Python's TOML reader sees them. Its command line caps the address
space as symgraph's does (2 GiB, or ``SYMGRAPH_MEMORY``). results.json is
``json.dumps`` of the raw strings through ``safe_text.json_text``: valid JSON whatever a student wrote.
"""
from __future__ import annotations

import os

from symgraph.core.files import read_text_file
from symgraph.errors import SymgraphError
from symgraph.grading import feedback
from symgraph.grading.submission import read_submission, unknown_problems
from symgraph.safe_text import utf8

GRADE = "/grade"


def external_results(data: dict, unknown: list = ()) -> dict:
    """PrairieLearn's results from the batch's ``to_dict()`` (one student's submission)."""
    errors = [f"{c['claim']}: {c['note']}" for r in data["results"] if r["report"]
              for c in r["report"]["claims"] if c["method"] == "malformed"]
    errors += [f"'{p}' is not a problem of this question: check its id" for p in unknown]
    if errors:
        return not_gradable(errors)
    tests = [{"name": t["name"], "description": "", "points": t["earned"], "max_points": t["possible"],
              "message": t["text"].splitlines()[0], "output": t["text"]}
             for result in data["results"] for t in feedback.tests(result)]
    earned = sum(t["points"] for t in tests)
    possible = sum(t["max_points"] for t in tests)
    review = sum(r["needs_review"] for r in data["results"])
    message = f"{earned:g} of {possible:g} points" + (
        f"; {review} answer(s) need review: a time limit decided part of the grade" if review else "")
    return {"gradable": True, "score": earned / possible if possible else 0.0, "message": message,
            "output": "\n".join(data.get("warnings", [])), "format_errors": [], "tests": tests,
            "needs_review": bool(review)}


def not_gradable(errors: list) -> dict:
    return {"gradable": False, "score": 0.0, "format_errors": list(errors), "tests": [],
            "message": "Your answer could not be read, so it was not graded and no attempt was used: "
                       + errors[0]}


def run(problems: str, submission: str, results: str, timeout: float = 10.0) -> dict:
    """Grade ``submission`` against ``problems``, write ``results`` and return them."""
    from symgraph.judging.grading import grade

    problem_text = read_text_file(problems)          # the teacher's: a SymgraphError is exit 2
    try:
        answer = read_submission(read_text_file(submission), os.path.basename(submission))
    except SymgraphError as exc:                      # unreadable, too big, refused or not TOML: the student's
        out = not_gradable([exc.message])
    else:
        batch = grade(problem_text, os.path.basename(problems), timeout=timeout, submission=answer)
        out = external_results(batch.to_dict(), unknown_problems(answer, batch.rows))
    os.makedirs(os.path.dirname(os.path.abspath(results)), exist_ok=True)
    with open(results, "wb") as fh:
        fh.write(utf8(feedback.json_document(out)))
    return out
