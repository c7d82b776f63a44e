"""``check --code DIR``'s batch in batch grading's shape (the fields of ``symgraph.grade/1`` that the
exporters read), so the teacher's class report (grading/class_report.py) and Gradescope's results.json
(grading/gradescope.py) are built by the same code as for an answer file. Each judged gradient line is a
claim worth 1 point; its note says why (the line's own ``why``). Nothing is judged here."""
from __future__ import annotations

from symgraph.judging import classroom

METHOD = "random inputs"       # how check --code judges a line: against the true VJP at seeded random inputs
RIGHT = "matches the true gradient at random inputs and a random dout"


def grading_dict(batch) -> dict:
    """``batch`` is a finished ``CodeBatch``; the answer file's ``file`` is the folder."""
    results = [classroom.annotate(row, {"problem": row.problem, "student": row.student, "ok": row.ok,
                                        "error": row.error, "report": _report(row.report)}) for row in batch.rows]
    return {"file": batch.folder, "ok": batch.ok, "answers": len(batch.rows),
            "answers_right": sum(r.ok for r in batch.rows), "needs_review": 0, "warnings": [],
            "results": results, **classroom.summary(batch.rows)}


def _report(report):
    return None if report is None else {"claims": [_claim(v) for v in report.verdicts]}


def _claim(v) -> dict:
    """A judged line as a claim: ``lhs`` names the gradient (with its function), ``claim`` adds the line."""
    lhs = f"{v.unit}: {v.name}" if v.unit else v.name
    return {"claim": f"line {v.line}: {lhs}", "lhs": lhs, "ok": v.ok, "status": "right" if v.ok else "wrong",
            "method": METHOD, "note": v.why or RIGHT, "diagnosis": v.diagnosis, "expected": None, "got": None,
            "tolerance": None, "counterexample": None}
