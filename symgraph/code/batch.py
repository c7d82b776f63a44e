"""``check --code DIR``: every ``*.py`` in a folder (a file per student), each judged as ``check --code``
judges one file, gathered into batch grading's rows, so the CSV, the mistake histogram and the per-student
totals are batch grading's own (symgraph.judging.classroom)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from symgraph.code.check import check_code
from symgraph.errors import SymgraphError
from symgraph.judging.classroom import summary
from symgraph.report_base import JsonReport

SCHEMA = "symgraph.code-batch/1"
MAX_FILES = 2000


@dataclass
class CodeRow:
    """One file, shaped as a batch-grading row (student, problem, ok, report with verdicts, error)."""
    student: str
    problem: str
    ok: bool
    report: Optional[object]
    error: Optional[str] = None
    points: Optional[dict] = None
    partial_is_total: bool = False
    needs_review: bool = False          # no time limit decides a line's grade here


@dataclass
class CodeBatch(JsonReport):
    folder: str
    rows: list = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.rows) and all(r.ok for r in self.rows)

    def to_dict(self) -> dict:
        return {"schema": SCHEMA, "folder": self.folder, "ok": self.ok,
                "files": [{"file": r.student, "ok": r.ok, "error": r.error,
                           "report": r.report.to_dict() if r.report is not None else None} for r in self.rows],
                **summary(self.rows)}


def check_folder(folder: str, read_file, **options) -> CodeBatch:
    """Judge every ``*.py`` directly in ``folder``, in name order; a file that cannot be read or is refused
    is a row with its error (it earns nothing), never the end of the batch."""
    paths = sorted(p for p in Path(folder).iterdir() if p.suffix == ".py" and p.is_file())
    if not paths:
        raise SymgraphError(f"--code {folder}: the folder has no .py files")
    if len(paths) > MAX_FILES:
        raise SymgraphError(f"--code {folder}: more than {MAX_FILES} files")
    batch = CodeBatch(folder)
    for path in paths:
        try:
            report = check_code(read_file(str(path)), source_name=path.name, read_file=read_file, **options)
            batch.rows.append(CodeRow(path.stem, "code", report.ok, report))
        except SymgraphError as exc:
            where = exc.render().splitlines()[0].removeprefix("error: ")      # with its line and column
            batch.rows.append(CodeRow(path.stem, "code", False, None, error=where))
    return batch
