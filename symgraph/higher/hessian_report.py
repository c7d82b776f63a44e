"""The finished report of ``hessian`` (plain data for the renderers) and the second-derivative test.

JSON schema ``symgraph.hessian/1``: see the README section "Hessians, Jacobians and several outputs".
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

from symgraph.report import JsonReport, check_json, json_num
from symgraph.views import render

SCHEMA = "symgraph.hessian/1"
CRITICAL_ATOL = 1e-8       # |df/dx_i| below this (relative to max(1, |f|)) for every i: a critical point
EIGEN_RTOL = 1e-9          # |eigenvalue| below this times the largest |eigenvalue|: counted as zero
RULE = ("second-derivative test at a critical point (∇f = 0): all eigenvalues of the Hessian > 0 -> local "
        "minimum; all < 0 -> local maximum; some > 0 and some < 0 -> saddle point; otherwise (an eigenvalue "
        "is 0) inconclusive")


@dataclass
class HessianReport(JsonReport):
    expression: str
    output: str
    at: dict
    at_text: dict
    value: float
    wrt: list
    gradient: dict
    hessian: dict                  # {input: {input: number}}
    eigenvalues: list
    critical_point: dict
    checks: list
    ok: bool
    warnings: list
    cost: dict
    timings: dict
    statements: list
    sweep: Optional[dict] = None   # the forward-over-reverse tables for the trace (small graphs)
    symbolic: dict = field(default_factory=dict)   # {input: {input: SymPy value}} where SymPy ran
    check_plan: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {
            "schema": SCHEMA, "expression": self.expression, "output": self.output, "at": self.at,
            "value": json_num(self.value), "wrt": self.wrt,
            "gradient": {k: json_num(v) for k, v in self.gradient.items()},
            "hessian": {r: {c: json_num(x) for c, x in row.items()} for r, row in self.hessian.items()},
            "eigenvalues": [json_num(x) for x in self.eigenvalues],
            "critical_point": self.critical_point,
            "checks": [check_json(c) for c in self.checks], "check_plan": self.check_plan, "ok": self.ok,
            "warnings": self.warnings, "cost": self.cost, "timings": self.timings,
        }

    def to_text(self) -> str:
        """The plain-text trace, as ``--format plain`` prints it (``str(report)``)."""
        return render("text", self)


def eigenvalues(hessian: dict, wrt: list) -> list:
    """Eigenvalues of the symmetrized Hessian, ascending ([] when it holds inf or nan)."""
    rows = [[hessian[r][c] for c in wrt] for r in wrt]
    if not rows or not all(math.isfinite(x) for row in rows for x in row):
        return []
    import numpy  # only here: the rest of the command never needs it

    m = numpy.array(rows)
    return [float(x) for x in numpy.linalg.eigvalsh((m + m.T) / 2)]


def second_derivative_test(gradient: dict, value: float, eigen: list) -> dict:
    """Whether the point is critical and, if so, the test's verdict with the rule it applied."""
    size = max((abs(g) for g in gradient.values()), default=0.0)
    tol = CRITICAL_ATOL * max(1.0, abs(value))
    critical = size <= tol
    out = {"is_critical": critical, "gradient_max_abs": json_num(size), "tolerance": tol, "verdict": None,
           "rule": RULE}
    if not gradient:
        out.update(is_critical=False, reason="no variables: the test does not apply")
        return out
    if not critical:
        out["reason"] = f"not a critical point: max |∂f/∂x_i| = {size:.3g} > {tol:.3g}, the test does not apply"
        return out
    if not eigen:
        out.update(verdict="inconclusive", reason="the Hessian has an infinite or undefined entry")
        return out
    zero = EIGEN_RTOL * max(1.0, max(abs(x) for x in eigen))
    pos, neg = sum(x > zero for x in eigen), sum(x < -zero for x in eigen)
    if pos == len(eigen):
        verdict, why = "minimum", "every eigenvalue is > 0 (positive definite)"
    elif neg == len(eigen):
        verdict, why = "maximum", "every eigenvalue is < 0 (negative definite)"
    elif pos and neg:
        verdict, why = "saddle", f"{pos} eigenvalue(s) > 0 and {neg} < 0 (indefinite)"
    else:
        verdict, why = "inconclusive", f"{len(eigen) - pos - neg} eigenvalue(s) are 0 (|λ| <= {zero:.2g})"
    out.update(verdict=verdict, reason=why)
    return out
