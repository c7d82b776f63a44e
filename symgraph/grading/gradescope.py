"""Gradescope's autograder results (results.json): one test per claim, with its points, the verdict
in words as output, the diagnosed mistake ids as tags, and ``extra_data.needs_review`` when a time limit
decided it. Built from the batch's JSON (a finished report); nothing is graded here.

The format (Gradescope's autograder specification): top level ``score``, ``execution_time``, ``output``,
``visibility``, ``stdout_visibility``, ``tests``; each test ``name``, ``score``, ``max_score``, ``status``
(passed or failed), ``output``, ``tags``, ``visibility``, ``extra_data``.
"""
from __future__ import annotations

from symgraph.grading import feedback

VISIBILITY = "visible"


def results(data: dict, execution_time: float, unknown: list = (), per_student: bool = False) -> dict:
    """``data`` is the batch's ``to_dict()``; ``per_student`` prefixes each test with the student (a
    whole class in one file, rather than one submission)."""
    tests = []
    for result in data["results"]:
        prefix = f"[{result['student'] or '(no name)'}] " if per_student else ""
        for t in feedback.tests(result, prefix):
            tests.append({"name": t["name"], "score": _n(t["earned"]), "max_score": _n(t["possible"]),
                          "status": "passed" if t["passed"] else "failed", "output": t["text"], "tags": t["tags"],
                          "visibility": VISIBILITY, "extra_data": {"needs_review": t["needs_review"]}})
    score = sum(t["score"] for t in tests)
    possible = sum(t["max_score"] for t in tests)
    lines = [f"{_n(score)} of {_n(possible)} points"]
    review = sum(r["needs_review"] for r in data["results"])
    if review:
        lines.append(f"{review} answer{'s' if review != 1 else ''} need{'s' if review == 1 else ''} review: "
                     "a time limit decided part of the grade, so your teacher will look at it")
    lines += [f"'{p}' is not a problem of this assignment: check its id" for p in unknown]
    lines += data.get("warnings", [])
    return {"score": _n(score), "execution_time": round(execution_time, 3), "output": "\n".join(lines),
            "visibility": VISIBILITY, "stdout_visibility": "hidden", "tests": tests}


def unreadable(message: str, execution_time: float) -> dict:
    """The results for a submission that cannot be read at all: 0 points, and why."""
    return {"score": 0, "execution_time": round(execution_time, 3), "visibility": VISIBILITY,
            "stdout_visibility": "hidden", "tests": [],
            "output": f"Your submission could not be read, so nothing was graded: {message}\n"
                      "Fix the file and submit again."}


def _n(x: float):
    return int(x) if float(x).is_integer() else round(float(x), 6)
