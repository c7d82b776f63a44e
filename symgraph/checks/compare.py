"""Cross-checks: the graph's derivatives against sources that do not share its derivative code.

Each check compares a left side (``lhs``, always the graph) with a right side (``rhs``) and reports the
maximum absolute and relative error over the variables. A comparison passes when
``|lhs - rhs| <= atol + rtol * |rhs|`` for every variable.

* forward vs reverse: two different loops over the same local partials.
* graph vs SymPy: ``sympy.diff`` of the whole expression rebuilt from the parse tree, at the float64 point, exactly.
* graph vs finite differences: central differences of the forward pass alone (no derivative code).

Directional checks compare one number instead of one per variable: the graph's ``v·∇f`` for a random
direction v against a reference (forward mode along v, complex step, central differences along v). Their
tolerance scales with ``Σ|v_i·∂f/∂x_i|``, because rounding in a sum grows with its terms, not its total.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Callable, Optional

from symgraph.errors import DomainError

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
FD_STEP = 1e-6  # central-difference step, relative to max(1, |x|), as in gradcheck's eps
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


def central_difference(f: Callable[[dict], float], point: dict, var: str, step: float = FD_STEP) -> tuple:
    """(f(x+h) - f(x-h)) / 2h along one variable, and its rounding noise.

    The step actually taken is (x+h) - (x-h) as floats, not 2h. The noise estimate is
    ROUNDING·(|f(x+h)| + |f(x-h)|)/2h: a quotient cannot resolve slopes finer than the rounding of the
    values it subtracts (x + y at x = 1e12 cannot see y's slope with h = 1e-6)."""
    h = step * max(1.0, abs(point[var]))
    up, down = dict(point), dict(point)
    up[var] += h
    down[var] -= h
    f_up, f_down = f(up), f(down)
    width = up[var] - down[var]
    return (f_up - f_down) / width, ROUNDING * (abs(f_up) + abs(f_down)) / width


def finite_differences(f: Callable[[dict], float], point: dict, wrt: list, step: float = FD_STEP) -> dict:
    """Central differences per variable; raises DomainError if a step leaves the domain. ``f`` evaluates
    the graph's forward pass only."""
    return {var: central_difference(f, point, var, step)[0] for var in wrt}


def fd_check(f: Callable[[dict], float], point: dict, wrt: list, graph_grad: dict, at_kink: bool,
             f_free: Callable[[dict], float] | None = None) -> Check:
    name = "gradient: graph vs finite differences"
    lhs, rhs = "reverse mode (graph)", f"central differences (h = {FD_STEP:g}·max(1,|x|))"
    if at_kink:
        return kink_check(f_free, point, wrt, graph_grad) if f_free else skipped(
            name, lhs, rhs, KINK_NOTE, status="not comparable")
    try:
        estimates = {var: central_difference(f, point, var) for var in wrt}
        atol, rtol = TOLERANCES[name]
        blurred = [v for v, (fd, noise) in estimates.items() if noise > atol + rtol * abs(fd)]
        usable = [v for v in wrt if v not in blurred]
        why = (f"not comparable for {', '.join(blurred)}: the rounding of f's values (about "
               f"{max(estimates[v][1] for v in blurred):.2g} in the quotient) exceeds the tolerance; "
               "the other checks still judge it") if blurred else ""
        if not usable:
            return skipped(name, lhs, rhs, why, status="not comparable")
        first = compare(name, lhs, rhs, {v: graph_grad[v] for v in usable},
                        {v: estimates[v][0] for v in usable}, note=why)
        if first.status != "mismatch":
            return first
        finer = compare(name, lhs, rhs.replace(f"{FD_STEP:g}", f"{FD_STEP / 10:g}"),
                        {v: graph_grad[v] for v in usable}, finite_differences(f, point, usable, FD_STEP / 10),
                        note=why)
    except DomainError as exc:
        return _step_failed(name, lhs, rhs, exc)
    return settle(first, finer, {v: r["rhs"] for v, r in first.per_variable.items()},
                  {v: r["rhs"] for v, r in finer.per_variable.items()})


KINK_NOTE = "not comparable at a kink: the central difference straddles two slopes"


def kink_check(f: Callable[[dict], float], point: dict, wrt: list, graph_grad: dict) -> Check:
    """At a kink, look at the one-sided slopes (f evaluated freely on both sides). Where they differ the
    derivative does not exist and nothing is comparable. Where they agree, f is differentiable there after
    all (relu(x) - relu(-x) - x is constant): the graph's convention (relu'(0) = 0) may then give another
    number than the derivative, and the user is told."""
    name, lhs = "gradient: graph vs finite differences", "reverse mode (graph)"
    rhs = f"one-sided differences (h = {FD_STEP:g}·max(1,|x|)), where they agree"
    atol, rtol = ONE_SIDED_TOLERANCE
    try:
        f0, slopes = f(point), {}
        for var in wrt:
            h = FD_STEP * max(1.0, abs(point[var]))
            up, down = dict(point), dict(point)
            up[var] += h
            down[var] -= h
            right, left = (f(up) - f0) / (up[var] - point[var]), (f0 - f(down)) / (point[var] - down[var])
            if abs(right - left) <= atol + rtol * max(abs(right), abs(left)):
                slopes[var] = (right + left) / 2
    except DomainError:
        slopes = {}
    if not slopes:
        return skipped(name, lhs, "central differences", KINK_NOTE, status="not comparable")
    check = compare(name, lhs, rhs, {v: graph_grad[v] for v in slopes}, slopes)
    kinked = [v for v in wrt if v not in slopes]
    if check.status == "mismatch":
        differing = [f"{v} (slope {slopes[v]:.6g}, graph {graph_grad[v]:.6g})"
                     for v, row in check.per_variable.items() if not row["ok"]]
        check.status, check.warning = "not comparable", (
            "at this kink the one-sided slopes agree, so f is differentiable here, but the graph's convention "
            f"gives another value for {', '.join(differing)}: the convention picks a subgradient of each "
            "kinked gate, which is not the derivative of f")
    check.note = "; ".join(filter(None, [check.note, KINK_NOTE + f" for {', '.join(kinked)}" if kinked else "",
                                         check.warning]))
    return check


ONE_SIDED_TOLERANCE = (1e-4, 1e-3)   # one-sided differences have an O(h) error, central ones O(h²)


def settle(first: Check, finer: Check, coarse_fd: dict, fine_fd: dict) -> Check:
    """A finite-difference mismatch is retried with h/10 before it counts. If the finer step agrees, it
    is the answer (the coarse step reached too far: a singularity or strong curvature nearby). If the two
    steps also disagree with each other, the differences have not settled and prove nothing either way:
    "not comparable". Only a mismatch that both steps confirm is reported as one."""
    if finer.status != "mismatch":
        finer.note = (finer.note + "; " if finer.note else "") + ("h = 1e-6 was too coarse here (a "
                      "singularity or strong curvature is near); h/10 agrees")
        return finer
    between = compare(first.name, "h", "h/10", coarse_fd, fine_fd)
    if between.status == "mismatch":
        return skipped(first.name, first.lhs, first.rhs, "not comparable: central differences with h and h/10 "
                       f"disagree with each other (max rel. difference {between.max_rel_error:.2g}); a "
                       "singularity or kink is within reach of the step", status="not comparable")
    return first


def directional_fd_check(f: Callable[[dict], float], point: dict, direction: dict, graph_grad: dict,
                         at_kink: bool) -> Check:
    """Central differences along v: two forward passes however many variables there are."""
    name = "directional derivative: graph vs finite differences"
    h = FD_STEP * max(1.0, max((abs(x) for x in point.values()), default=1.0))
    lhs, rhs = "v·∇f (reverse mode)", f"(f(x+h·v) - f(x-h·v))/2h, h = {h:.3g}"
    if at_kink:
        return skipped(name, lhs, rhs, "not comparable at a kink: the central difference straddles two "
                       "slopes", status="not comparable")
    up = {k: x + h * direction.get(k, 0.0) for k, x in point.items()}
    down = {k: x - h * direction.get(k, 0.0) for k, x in point.items()}
    try:
        f_up, f_down = f(up), f(down)
        reference = (f_up - f_down) / (2 * h)
        atol, rtol = TOLERANCES[name]
        noise = ROUNDING * (abs(f_up) + abs(f_down)) / (2 * h)
        if noise > atol + rtol * directional(direction, graph_grad)[1]:
            return skipped(name, lhs, rhs, f"not comparable: the rounding of f's values (about {noise:.2g} in "
                           "the quotient) exceeds the tolerance; the other checks still judge it",
                           status="not comparable")
        first = directional_check(name, lhs, rhs, direction, graph_grad, reference)
        if first.status != "mismatch":
            return first
        up = {k: x + h / 10 * direction.get(k, 0.0) for k, x in point.items()}
        down = {k: x - h / 10 * direction.get(k, 0.0) for k, x in point.items()}
        finer_reference = (f(up) - f(down)) / (2 * h / 10)
    except DomainError as exc:
        return _step_failed(name, lhs, rhs, exc)
    finer = directional_check(name, lhs, rhs.replace(f"{h:.3g}", f"{h / 10:.3g}"), direction, graph_grad,
                              finer_reference)
    return settle(first, finer, {"along v": reference}, {"along v": finer_reference})


def _step_failed(name: str, lhs: str, rhs: str, exc: DomainError) -> Check:
    """A finite-difference step that crossed a kink (evaluate's KinkCrossed) or left the domain."""
    if getattr(exc, "kink", False):
        return skipped(name, lhs, rhs, exc.message, status="not comparable")
    return skipped(name, lhs, rhs, f"skipped: a step of h leaves the domain ({exc.message})")


def overall(checks: list) -> bool:
    """True unless some check found a mismatch (skipped and not-comparable checks do not fail)."""
    return not any(c.status == "mismatch" for c in checks)
