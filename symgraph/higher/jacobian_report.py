"""The finished report of a run with several outputs (the Jacobian): plain data the renderers only format.

JSON schema ``symgraph.jacobian/1``: see the README section "Hessians, Jacobians and several outputs".
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from symgraph.report import JsonReport, check_json, json_num
from symgraph.views import render

SCHEMA = "symgraph.jacobian/1"


@dataclass
class JacobianReport(JsonReport):
    expression: str
    outputs: list
    at: dict
    at_text: dict
    values: dict                    # {output: value}
    wrt: list
    mode: str
    jacobian: dict                  # {output: {input: number}}: reverse mode's rows (forward's columns with --mode forward)
    forward: Optional[dict]         # the same from forward mode's columns, when it ran
    checks: list
    ok: bool
    warnings: list
    timings: dict
    statements: list
    cost: dict
    check_plan: dict = field(default_factory=dict)
    trace: Optional[dict] = None    # forward pass, edges, forward mode (report.build_trace)
    backward: dict = field(default_factory=dict)   # {output: its traced backward pass}
    exact: Optional[dict] = None    # the trace renderer's --exact values: not offered with several outputs
    graph: dict = field(default_factory=dict)

    @property
    def output(self) -> str:        # the trace renderer's heading names one output
        return ", ".join(self.outputs)

    def to_dict(self) -> dict:
        def matrix(m):
            return None if m is None else {o: {x: json_num(v) for x, v in row.items()} for o, row in m.items()}

        return {"schema": SCHEMA, "expression": self.expression, "outputs": self.outputs, "at": self.at,
                "values": {o: json_num(v) for o, v in self.values.items()}, "wrt": self.wrt, "mode": self.mode,
                "jacobian": matrix(self.jacobian), "forward": matrix(self.forward),
                "checks": [check_json(c) for c in self.checks], "check_plan": self.check_plan, "ok": self.ok,
                "warnings": self.warnings, "cost": self.cost, "timings": self.timings}

    def to_text(self) -> str:
        """The plain-text trace, as ``--format plain`` prints it (``str(report)``)."""
        return render("text", self)
