"""The graded rows of an answer file (one per student and problem) and the batch report around them."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from symgraph.errors import SymgraphError
from symgraph.judging import classroom
from symgraph.judging.checking import CheckReport
from symgraph.report import JsonReport

SCHEMA = "symgraph.grade/1"


class GradingError(SymgraphError):
    """The answer file itself is malformed (exit 2)."""


@dataclass
class BatchRow:
    problem: str
    student: Optional[str]
    report: Optional[CheckReport] = None
    error: Optional[str] = None
    points: Optional[dict] = None       # the problem's points per left-hand side (classroom.py)
    partial_is_total: bool = True       # no named steps: ∂f/∂x and df/dx are the same claim
    stopped: bool = False               # the per-answer hard limit stopped its grading

    @property
    def missing(self) -> list:
        """Left-hand sides the problem's points require and the answer has no claim about."""
        return classroom.missing(self)

    @property
    def ok(self) -> bool:
        return self.report is not None and self.report.ok and not self.missing

    @property
    def needs_review(self) -> bool:
        """A time limit decided part of this answer's grade: a teacher should look (never a silent zero)."""
        return self.stopped or any(classroom.needs_review(v) for v in (self.report.verdicts if self.report else []))

    def to_dict(self) -> dict:
        return classroom.annotate(self, {"problem": self.problem, "student": self.student, "ok": self.ok,
                                         "error": self.error,
                                         "report": self.report.to_dict() if self.report else None})


@dataclass
class Batch(JsonReport):
    path: str
    rows: list = field(default_factory=list)
    warnings: list = field(default_factory=list)     # e.g. a student who answers one problem twice

    @property
    def ok(self) -> bool:
        return all(r.ok for r in self.rows)

    @property
    def answers_right(self) -> int:
        return sum(r.ok for r in self.rows)

    def to_dict(self) -> dict:
        verdicts = [v for r in self.rows if r.report for v in r.report.verdicts]
        return {"schema": SCHEMA, "file": self.path, "ok": self.ok, "answers": len(self.rows),
                "answers_right": self.answers_right, "claims": len(verdicts),
                "claims_right": sum(v.ok is True for v in verdicts),
                "claims_missing": sum(len(r.missing) for r in self.rows),
                "needs_review": sum(r.needs_review for r in self.rows), "warnings": list(self.warnings),
                "results": row_dicts(self.rows), **classroom.summary(self.rows)}


def row_dicts(rows: list) -> list:
    """Every row's JSON. Copies of one graded answer (the engine grades identical answers once and shares
    the report) share one dictionary apart from the student's name, so 10,000 copies cost one."""
    done: dict = {}
    out = []
    for row in rows:
        key = (id(row.report), id(row.points), row.error, row.stopped)
        if row.report is None or key not in done:
            data = row.to_dict()
            if row.report is not None:
                done[key] = data
            out.append(data)
        else:
            out.append({**done[key], "student": row.student})
    return out
