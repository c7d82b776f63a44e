"""The graded rows of an answer file (one per student and problem) and the batch report around them."""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Optional

from symgraph.errors import SymgraphError
from symgraph.judging import classroom
from symgraph.judging.checking import CheckReport
from symgraph.report import JsonReport

SCHEMA = "symgraph.grade/1"
NOT_GRADED = "not graded: the batch's time budget"


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
    budget: float = 0.0                              # the overall time budget, seconds (--batch-timeout)

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
                "budget": {"seconds": self.budget, "not_graded": sum(str(r.error).startswith(NOT_GRADED)
                                                                     for r in self.rows)},
                "needs_review": sum(r.needs_review for r in self.rows), "warnings": list(self.warnings),
                "results": row_dicts(self.rows), **classroom.summary(self.rows)}


    def to_json(self, indent: int = 2, ensure_ascii: bool = False, data: Optional[dict] = None) -> str:
        """``json.dumps(self.to_dict(), indent=indent, ...)``, the same text, written faster: copies of one
        graded answer are written once and differ only in the student's name."""
        data = dict(self.to_dict() if data is None else data)
        results = data["results"]
        data["results"] = STUDENT
        head = json.dumps(data, indent=indent, allow_nan=False, ensure_ascii=ensure_ascii)
        field_line = f'{" " * indent}"results": {json.dumps(STUDENT)}'
        if not results or head.count(field_line) != 1:
            data["results"] = results
            return json.dumps(data, indent=indent, allow_nan=False, ensure_ascii=ensure_ascii)
        pad = "\n" + " " * (2 * indent)
        texts, templates = [], {}
        for row in results:
            key = id(row["report"]) if row["report"] is not None else None
            if key not in templates:
                text = json.dumps({**row, "student": STUDENT}, indent=indent, allow_nan=False, ensure_ascii=ensure_ascii)
                templates[key] = text.replace("\n", pad) if text.count(json.dumps(STUDENT)) == 1 else None
                if key is None:
                    templates.pop(key)
                    text = json.dumps(row, indent=indent, allow_nan=False, ensure_ascii=ensure_ascii)
                    texts.append(" " * (2 * indent) + text.replace("\n", pad))
                    continue
            template = templates[key]
            if template is None:
                text = json.dumps(row, indent=indent, allow_nan=False, ensure_ascii=ensure_ascii)
                texts.append(" " * (2 * indent) + text.replace("\n", pad))
            else:
                name = json.dumps(row["student"], ensure_ascii=ensure_ascii)
                texts.append(" " * (2 * indent) + template.replace(json.dumps(STUDENT), name, 1))
        listing = f'{" " * indent}"results": [\n' + ",\n".join(texts) + f'\n{" " * indent}]'
        return head.replace(field_line, listing, 1)


STUDENT = "\u0000symgraph: the student's name\u0000"     # a placeholder no TOML name ever is


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
