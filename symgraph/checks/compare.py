"""Cross-checks: the graph's derivatives against sources that do not share its derivative code.

Each check compares a left side (``lhs``, always the graph) with a right side (``rhs``) and reports the
maximum absolute and relative error over the variables. A comparison passes when
``|lhs - rhs| <= atol + rtol * |rhs|`` for every variable.

* forward vs reverse: two different loops over the same local partials.
* graph vs SymPy: ``sympy.diff`` of the whole expression rebuilt from the parse tree, at the float64 point, exactly.
* graph vs finite differences: central differences of the forward pass alone (no derivative code; in
  finite_diff.py).

Directional checks compare one number instead of one per variable: the graph's ``v·∇f`` for a random
direction v against a reference (forward mode along v, complex step, central differences along v). Their
tolerance scales with ``Σ|v_i·∂f/∂x_i|``, because rounding in a sum grows with its terms, not its total.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

TOLERANCES = {
    "forward vs reverse": (1e-10, 1e-9),      # (atol, rtol): same partials, different summation order
    "value: graph vs SymPy": (1e-9, 1e-9),     # float64 forward pass vs SymPy at 30 digits
    "gradient: graph vs SymPy": (1e-9, 1e-9),
    "gradient: graph vs finite differences": (1e-5, 1e-3),  # torch.autograd.gradcheck's atol and rtol
    "dot product: forward vs reverse": (1e-10, 1e-9),
    "directional derivative: graph vs complex step": (1e-9, 1e-9),   # complex step has no cancellation
    "directional derivative: graph vs finite differences": (1e-5, 1e-3),
    # Several outputs and second derivatives (symgraph/higher): the same tolerances per entry.
    "Jacobian: forward vs reverse": (1e-10, 1e-9),
    "Jacobian: graph vs SymPy": (1e-9, 1e-9),
    "Jacobian: graph vs finite differences": (1e-5, 1e-3),
    "Jacobian-vector product: graph vs finite differences": (1e-5, 1e-3),
    "Hessian: symmetry": (1e-9, 1e-8),                 # H[i][j] and H[j][i] come from different sweeps
    "Hessian: graph vs SymPy": (1e-8, 1e-8),           # two chain rules of float64 rounding
    "Hessian: graph vs finite differences of the gradient": (1e-5, 1e-3),
    "Hessian-vector product: graph vs finite differences of the gradient": (1e-5, 1e-3),
}
ROUNDING = 4 * 2.0 ** -52   # a few float64 ulps: the relative rounding of a computed value of f


@dataclass
class Check:
    name: str
    lhs: str                        # what the left side is (always the graph's result)
    rhs: str                        # what the right side is (the independent reference)
    status: str                     # ok | mismatch | skipped | not comparable
    max_abs_error: Optional[float] = None
    max_rel_error: Optional[float] = None
    atol: Optional[float] = None
    rtol: Optional[float] = None
    per_variable: dict = field(default_factory=dict)  # var -> {lhs, rhs, abs_error, rel_error, ok}
    note: str = ""
    values: dict = field(default_factory=dict)        # directional checks: {lhs, rhs, scale}
    warning: str = ""                                 # for the report's warnings, when the user must know

    @property
    def ok(self) -> Optional[bool]:
        """True or False when compared; None when skipped or not comparable."""
        return {"ok": True, "mismatch": False}.get(self.status)


def compare(name: str, lhs_label: str, rhs_label: str, lhs: dict, rhs: dict, at_kink: bool = False,
            note: str = "", scale: dict | None = None, rounding: tuple = (0.0, 0.0)) -> Check:
    """Compare two {var: number} maps within the tolerance registered for ``name``; ``scale[var]``, when
    given, replaces a smaller ``|rhs|`` as the size the relative error is measured against.

    ``rounding`` = (absolute, relative) error that float64 rounding alone can cause on the graph's side
    (evaluate's running error bound). An ill-conditioned expression (cos(1e6*x) at x = 1000.1) cannot be
    computed in float64 to 1e-9, so the tolerance grows to that bound, and the note says so."""
    atol, rtol = TOLERANCES[name]
    if rounding[1] >= 1 or rounding[0] and all(rounding[0] >= abs(b) for b in rhs.values()):
        return Check(name, lhs_label, rhs_label, "not comparable", atol=atol, rtol=rtol, note=(
            (note + "; " if note else "") + "not comparable: float64 rounding alone can move the graph's "
            f"result by more than its own size here (bound {rounding[0]:.2g} + {rounding[1]:.2g}·|right|), "
            "so no float64 evaluation can be judged at this point"))
    if rounding[0] > atol or rounding[1] > rtol:
        atol, rtol = max(atol, rounding[0]), max(rtol, rounding[1])
        note = (note + "; " if note else "") + (
            f"tolerance widened to float64's rounding bound here ({atol:.2g} + {rtol:.2g}·|right|): the "
            "expression is ill-conditioned at this point, so no float64 evaluation can be more exact")
    rows, worst_abs, worst_rel, all_ok = {}, 0.0, 0.0, True
    undefined = [var for var, b in rhs.items() if var in lhs and math.isnan(b)]
    if undefined:
        return Check(name, lhs_label, rhs_label, "not comparable", atol=atol, rtol=rtol, note=(
            (note + "; " if note else "") + f"not comparable: the reference is undefined here (nan for "
            f"{', '.join(undefined)})"))
    for var, a in lhs.items():
        b = rhs[var]
        size = max(abs(b), (scale or {}).get(var, 0.0))
        if math.isinf(a) and a == b:
            err, rel = 0.0, 0.0
        else:
            err = abs(a - b)
            rel = err / size if size != 0 else (0.0 if err == 0 else math.inf)
        ok = err <= atol + rtol * size if math.isfinite(err) else False
        rows[var] = {"lhs": a, "rhs": b, "abs_error": err, "rel_error": rel, "ok": ok}
        worst_abs, worst_rel = _max(worst_abs, err), _max(worst_rel, rel)
        all_ok &= ok
    status = "ok" if all_ok else "mismatch"
    if not all_ok and at_kink:
        status = "not comparable"
        note = (note + "; " if note else "") + "not comparable at a kink: the slopes on either side differ"
    return Check(name, lhs_label, rhs_label, status, worst_abs, worst_rel, atol, rtol, rows, note)


def directional(direction: dict, gradient: dict) -> tuple[float, float]:
    """(v·g, Σ|v_i·g_i|): the directional derivative along v and the size of its terms."""
    terms = [direction[var] * gradient[var] for var in direction]
    return math.fsum(terms), math.fsum(abs(t) for t in terms)


def directional_check(name: str, lhs_label: str, rhs_label: str, direction: dict, gradient: dict,
                      reference: float, at_kink: bool = False, note: str = "") -> Check:
    """Compare ``v·gradient`` (the graph's side) with a reference value of the same directional derivative."""
    lhs, size = directional(direction, gradient)
    check = compare(name, lhs_label, rhs_label, {"along v": lhs}, {"along v": reference}, at_kink, note,
                    scale={"along v": size})
    check.values = {"lhs": lhs, "rhs": reference, "scale": size}
    check.per_variable = {}          # one number for the whole gradient, not one per variable
    return check


def _max(a: float, b: float) -> float:
    return b if (b > a or math.isnan(b)) else a


def skipped(name: str, lhs: str, rhs: str, reason: str, status: str = "skipped") -> Check:
    atol, rtol = TOLERANCES[name]
    return Check(name, lhs, rhs, status, atol=atol, rtol=rtol, note=reason)


def overall(checks: list) -> bool:
    """True unless some check found a mismatch (skipped and not-comparable checks do not fail)."""
    return not any(c.status == "mismatch" for c in checks)
