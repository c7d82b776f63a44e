"""A PrairieLearn question's ``server.py`` grades with symgraph::

    from symgraph.grading.pl_question import Question

    QUESTION = Question("g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2", at="x1=1, x2=2",
                        blanks={"dfdx1": ("df/dx1", 2), "dfdx2": ("df/dx2", 2)})

    def parse(data):
        QUESTION.parse(data)

    def grade(data):
        QUESTION.grade(data)

Each blank is a ``<pl-string-input answers-name="dfdx1">`` in question.html, where the student types the
right-hand side (``2 - 4*x2`` or ``-6``); the blank's left-hand side and points come from ``blanks``
(name -> left-hand side, or (left-hand side, points)). ``grade`` sets ``partial_scores`` (per blank: score
0 or 1, weight = its points, feedback), ``score`` (points earned over points possible), ``feedback`` per
blank, and ``format_errors``: a blank that is empty or cannot be read (a syntax error, a name that is not
a variable of the question) is a format error, so PrairieLearn marks the submission invalid, not wrong, and
the student loses no attempt. A claim whose proof runs out of time keeps its random-point verdict (a right
answer keeps its points) and its feedback says it needs review. The teacher's part (the expression, the
point, the left-hand sides) is checked when the Question is built: a mistake there raises at once.
"""
from __future__ import annotations

from typing import Optional

from symgraph.errors import SymgraphError
from symgraph.grading import feedback
from symgraph.grading.limits import HardLimit, hard_limit
from symgraph.judging import classroom
from symgraph.judging.checking import check, prepare
from symgraph.judging.claims import parse_claim, resolve


class Question:
    def __init__(self, expression: str, blanks: dict, at: Optional[str] = None, tol: Optional[float] = None,
                 timeout: float = 5.0, limit: float = 30.0):
        self.expression, self.tol, self.timeout, self.limit = expression, tol, timeout, limit
        self.prepared = prepare(expression, at)
        self.blanks = {}
        for name, spec in blanks.items():
            lhs, points = (spec, 1.0) if isinstance(spec, str) else spec
            resolve(parse_claim(f"{lhs} = 0"), self.prepared.graph)      # the teacher's left-hand side
            self.blanks[name] = (lhs, float(points))

    def parse(self, data: dict) -> None:
        """Sets ``data["format_errors"][name]`` for every blank that is empty or cannot be read."""
        errors = data.setdefault("format_errors", {})
        for name, (lhs, _) in self.blanks.items():
            text = data.get("submitted_answers", {}).get(name)
            if not isinstance(text, str) or not text.strip():
                errors[name] = f"enter {lhs}"
                continue
            try:
                resolve(parse_claim(f"{lhs} = {text}"), self.prepared.graph)
            except SymgraphError as exc:
                errors[name] = f"{lhs} = {text.strip()} cannot be read: {exc.message}"

    def grade(self, data: dict) -> None:
        self.parse(data)
        if data["format_errors"]:
            return
        names = list(self.blanks)
        claims = [f"{self.blanks[n][0]} = {data['submitted_answers'][n]}" for n in names]
        try:
            with hard_limit(self.limit):
                report = check(self.expression, claims, at=self.prepared.point, timeout=self.timeout,
                               tol=self.tol, prepared=self.prepared)
        except HardLimit:
            for n in names:
                data["format_errors"][n] = (f"grading stopped at its limit of {self.limit:g} s; "
                                            "this is not your mistake: try a simpler form, or ask your teacher")
            return
        partial = data.setdefault("partial_scores", {})
        notes = data.setdefault("feedback", {})
        earned = possible = 0.0
        for name, verdict in zip(names, report.verdicts):
            worth = self.blanks[name][1]
            score = 1.0 if verdict.ok is True else 0.0
            claim = {**verdict.to_dict(), "needs_review": classroom.needs_review(verdict)}
            text = feedback.claim_text(claim)
            partial[name] = {"score": score, "weight": worth, "feedback": text}
            notes[name] = text
            earned += worth * score
            possible += worth
        data["score"] = earned / possible
