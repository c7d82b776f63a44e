"""``check --code``'s finished report: plain data (``to_dict`` / ``to_json``, schema ``symgraph.code/1``)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from symgraph.report_base import JsonReport

SCHEMA = "symgraph.code/1"


def _num(x):
    return None if x is None else float(f"{x:.12g}")


@dataclass
class CodeReport(JsonReport):
    source_name: str
    output: str                       # the output each claim differentiates (f, out, loss; several units: ", ")
    lines: list                       # LineVerdict, merged per (unit, line, name)
    first_wrong: Optional[dict]
    units: list = field(default_factory=list)     # [{name, kind, output, inputs: {name: shape}}]
    notes: list = field(default_factory=list)

    @property
    def verdicts(self) -> list:
        """The judged lines, as batch grading reads a report's verdicts (ok, diagnosis)."""
        return [v for v in self.lines if v.ok is not None]

    @property
    def ok(self) -> bool:
        judged = [v for v in self.lines if v.ok is not None]
        return bool(judged) and all(v.ok for v in judged)

    def to_dict(self) -> dict:
        return {
            "schema": SCHEMA, "source": self.source_name, "ok": self.ok, "output": self.output,
            "units": self.units,
            "lines": [{"line": v.line, "name": v.name, "claim": v.claim, "ok": v.ok,
                       "shape": list(v.shape) if v.shape is not None else None,
                       "expected_shape": list(v.expected_shape) if v.expected_shape is not None else None,
                       "max_abs_err": _num(v.max_abs_err), "diagnosis": v.diagnosis,
                       "unit": v.unit, "code": v.code, "lines": v.lines,
                       "where": list(v.where) if v.where is not None else None,
                       "yours": _num(v.yours), "true": _num(v.true), "scale": _num(v.scale), "why": v.why}
                      for v in self.lines],
            "first_wrong": None if self.first_wrong is None else {
                "line": self.first_wrong["line"], "name": self.first_wrong["name"], "why": self.first_wrong["why"],
                "unit": self.first_wrong["unit"], "code": self.first_wrong["code"]},
            "notes": list(self.notes),
        }


def merge(verdicts: list) -> list:
    """One row per (unit, line, name): a gradient judged several times (in a loop, or a layer called again)
    is right when every time is right; the row shows the first wrong time, else the largest error."""
    rows: dict = {}
    for v in verdicts:
        key = (v.unit, v.line, v.name)
        have = rows.get(key)
        if have is None:
            rows[key] = v
        elif have.ok is not False and (v.ok is False or (v.max_abs_err or 0) > (have.max_abs_err or 0)):
            rows[key] = v
    return list(rows.values())
