"""Finite differences: the graph's gradient against central differences of its forward pass alone.

* per variable: (f(x+h) - f(x-h))/2h with h = FD_STEP·max(1, |x|), two forward passes per variable;
* along a random direction v: two forward passes however many variables (bounded checks);
* at a kink: one-sided differences, compared only where they agree.

A mismatch is retried with h/10 and counts only when both steps resolve f and agree with each other
(``settle``); a reference that cannot judge says "not comparable" and why, never "mismatch".
"""
from __future__ import annotations

import math
from typing import Callable

from symgraph.checks.compare import (ROUNDING, TOLERANCES, Check, compare, directional, directional_check,
                                     skipped)
from symgraph.errors import DomainError

FD_STEP = 1e-6  # central-difference step, relative to max(1, |x|), as in gradcheck's eps


def central_difference(f: Callable[[dict], float], point: dict, var: str, step: float = FD_STEP) -> tuple:
    """(f(x+h) - f(x-h)) / 2h along one variable, and its rounding noise.

    The step actually taken is (x+h) - (x-h) as floats, not 2h. The noise estimate is
    ROUNDING·(|f(x+h)| + |f(x-h)|)/2h: a quotient cannot resolve slopes finer than the rounding of the
    values it subtracts (x + y at x = 1e12 cannot see y's slope with h = 1e-6)."""
    up, down = nudged(point, var, step * max(1.0, abs(point[var])))
    f_up, f_down = f(up), f(down)
    width = up[var] - down[var]
    return (f_up - f_down) / width, ROUNDING * (abs(f_up) + abs(f_down)) / width


def nudged(point: dict, var: str, h: float) -> tuple:
    """The point with ``var`` moved by +h and by -h (two copies; the point itself is left alone)."""
    up, down = dict(point), dict(point)
    up[var] += h
    down[var] -= h
    return up, down


def finite_differences(f: Callable[[dict], float], point: dict, wrt: list, step: float = FD_STEP) -> dict:
    """Central differences per variable; raises DomainError if a step leaves the domain. ``f`` evaluates
    the graph's forward pass only."""
    return {var: central_difference(f, point, var, step)[0] for var in wrt}


def fd_check(f: Callable[[dict], float], point: dict, wrt: list, graph_grad: dict, at_kink: bool,
             f_free: Callable[[dict], float] | None = None, resolves: Callable | None = None) -> Check:
    """Central differences per variable against the graph. ``resolves(up, down)`` (see resolution.py) says
    why a step cannot resolve f, or None; a mismatch is only confirmed over steps that resolve f."""
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
        fine = {v: central_difference(f, point, v, FD_STEP / 10) for v in usable}
        finer = compare(name, lhs, rhs.replace(f"{FD_STEP:g}", f"{FD_STEP / 10:g}"),
                        {v: graph_grad[v] for v in usable}, {v: fine[v][0] for v in usable}, note=why)
        wrong = [v for v, row in finer.per_variable.items() if not row["ok"]]
        unresolved = {v: _unresolved(resolves, point, {v: 1.0}, FD_STEP * max(1.0, abs(point[v])))
                      for v in wrong}
    except DomainError as exc:
        return _step_failed(name, lhs, rhs, exc)
    noise = max((max(estimates[v][1], fine[v][1]) for v in wrong), default=0.0)
    return settle(first, finer, {v: estimates[v][0] for v in wrong}, {v: fine[v][0] for v in wrong}, noise,
                  {v: why for v, why in unresolved.items() if why})


def _unresolved(resolves: Callable | None, point: dict, direction: dict, h: float) -> str | None:
    """Why the step x ± h·v cannot resolve f (``resolves`` looks at the perturbed forward passes), or None."""
    if resolves is None:
        return None
    up = {k: x + h * direction.get(k, 0.0) for k, x in point.items()}
    down = {k: x - h * direction.get(k, 0.0) for k, x in point.items()}
    return resolves(up, down)


KINK_NOTE = "not comparable at a kink: the central difference straddles two slopes"


def kink_check(f: Callable[[dict], float], point: dict, wrt: list, graph_grad: dict) -> Check:
    """At a kink, look at the one-sided slopes (f evaluated freely on both sides). Where they differ the
    derivative does not exist and nothing is comparable. Where they agree, f is differentiable there after
    all (relu(x) - relu(-x) - x is constant): the graph's convention (relu'(0) = 0) may then give another
    number than the derivative, and the user is told."""
    name, lhs = "gradient: graph vs finite differences", "reverse mode (graph)"
    rhs = f"one-sided differences (h = {FD_STEP:g}·max(1,|x|)), where they agree"
    atol, rtol = ONE_SIDED_TOLERANCE
    close = lambda a, b: abs(a - b) <= atol + rtol * max(abs(a), abs(b))   # noqa: E731
    try:
        f0, slopes = f(point), {}
        for var in wrt:
            h = FD_STEP * max(1.0, abs(point[var]))
            (right, left), (right10, left10) = (_one_sided(f, f0, point, var, step) for step in (h, h / 10))
            # Both sides agree, and stay put when the step shrinks: a jump (sign at 0) gives quotients of
            # about jump/h on both sides, which agree with each other but grow tenfold at h/10.
            if close(right, left) and close(right, right10) and close(left, left10):
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


def _one_sided(f: Callable[[dict], float], f0: float, point: dict, var: str, h: float) -> tuple:
    """The right and left difference quotients of f in ``var`` at ``point`` with the step h."""
    up, down = nudged(point, var, h)
    return (f(up) - f0) / (up[var] - point[var]), (f0 - f(down)) / (point[var] - down[var])


ONE_SIDED_TOLERANCE = (1e-4, 1e-3)   # one-sided differences have an O(h) error, central ones O(h²)


def settle(first: Check, finer: Check, coarse_fd: dict, fine_fd: dict, noise: float = 0.0,
           unresolved: dict | None = None) -> Check:
    """A finite-difference mismatch is retried with h/10 before it counts. If the finer step agrees, it
    is the answer (the coarse step reached too far: a singularity or strong curvature nearby). A mismatch
    counts only when both steps resolve f (``unresolved``: variable -> why not) and agree with each other
    to the relative tolerance, up to their rounding ``noise`` (no absolute floor: two meaningless
    quotients of 1e-6 and 1e-5 must not "agree" because both are small). Anything else proves nothing
    either way: "not comparable"."""
    if finer.status != "mismatch":
        finer.note = (finer.note + "; " if finer.note else "") + ("h = 1e-6 was too coarse here (a "
                      "singularity or strong curvature is near); h/10 agrees")
        return finer
    unresolved = unresolved or {}
    if unresolved and set(unresolved) >= set(coarse_fd):
        reasons = "; ".join(f"{v}: {why}" for v, why in unresolved.items())
        agree = [v for v, row in finer.per_variable.items() if row["ok"]]
        return skipped(first.name, first.lhs, first.rhs, f"not comparable: {reasons}; the other checks "
                       "still judge it" + (f" ({', '.join(agree)}: agrees)" if agree else ""),
                       status="not comparable")
    _, rtol = TOLERANCES[first.name]
    judged = [v for v in coarse_fd if v not in unresolved]
    spread = max(abs(coarse_fd[v] - fine_fd[v]) - NOISE_MARGIN * noise
                 - rtol * max(abs(coarse_fd[v]), abs(fine_fd[v])) for v in judged)
    if spread > 0 or any(math.isnan(coarse_fd[v]) or math.isnan(fine_fd[v]) for v in judged):
        rel = max(abs(coarse_fd[v] - fine_fd[v]) / max(abs(coarse_fd[v]), abs(fine_fd[v]), 1e-300)
                  for v in judged)
        return skipped(first.name, first.lhs, first.rhs, "not comparable: central differences with h and h/10 "
                       f"disagree with each other (max rel. difference {rel:.2g}); a singularity, kink or "
                       "oscillation is within reach of the step", status="not comparable")
    if unresolved:
        first.note = "; ".join(filter(None, [first.note, "not comparable for " + ", ".join(
            f"{v} ({why})" for v, why in unresolved.items())]))
    return first


NOISE_MARGIN = 4   # the quotients' rounding noise is an estimate: allow a few times it between h and h/10


def directional_fd_check(f: Callable[[dict], float], point: dict, direction: dict, graph_grad: dict,
                         at_kink: bool, resolves: Callable | None = None) -> Check:
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
        why = _unresolved(resolves, point, direction, h)
    except DomainError as exc:
        return _step_failed(name, lhs, rhs, exc)
    finer = directional_check(name, lhs, rhs.replace(f"{h:.3g}", f"{h / 10:.3g}"), direction, graph_grad,
                              finer_reference)
    return settle(first, finer, {"along v": reference}, {"along v": finer_reference}, 10 * noise,
                  {"along v": why} if why else None)


def _step_failed(name: str, lhs: str, rhs: str, exc: DomainError) -> Check:
    """A finite-difference step that crossed a kink (evaluate's KinkCrossed) or left the domain."""
    if getattr(exc, "kink", False):
        return skipped(name, lhs, rhs, exc.message, status="not comparable")
    return skipped(name, lhs, rhs, f"skipped: a step of h leaves the domain ({exc.message})")
