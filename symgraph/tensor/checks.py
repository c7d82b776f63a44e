"""Independent checks of a tensor gradient, each a ``Check`` with both sides named (symgraph.checks.compare):

* forward vs reverse: forward mode (the JVP rows) entry by entry for small inputs, else along the direction;
* finite differences of the forward pass alone (no derivative code): central differences entry by entry for
  small inputs, and along random directions (as JAX's check_grads and PyTorch's fast gradcheck do);
* the scalarized route (scalarize.py): the program expanded into scalars and differentiated by the scalar
  graph and by SymPy, with none of the tensor VJP rules.
"""
from __future__ import annotations

import numpy as np

from symgraph.checks.compare import Check
from symgraph.tensor import modes
from symgraph.tensor.evaluate import evaluate

# (atol, rtol) per check; a comparison passes when |lhs - rhs| <= atol + rtol * scale for every entry, where
# scale is |rhs| for entries and sum_i |u_i * g_i| for a directional derivative (rounding grows with the terms).
TOLERANCES = {
    "forward vs reverse": (1e-10, 1e-9),
    "directional derivative: forward vs reverse": (1e-10, 1e-9),
    "gradient: graph vs finite differences": (1e-5, 1e-3),          # torch.autograd.gradcheck's atol and rtol
    "directional derivative: graph vs finite differences": (1e-5, 1e-3),
    "value: graph vs scalarized graph": (1e-10, 1e-10),
    "gradient: graph vs scalarized graph": (1e-10, 1e-9),
    "value: graph vs SymPy (scalarized)": (1e-10, 1e-10),
    "gradient: graph vs SymPy (scalarized)": (1e-9, 1e-9),
}
ENTRY_LIMIT = 64        # entry-by-entry checks (forward mode, finite differences) up to this many input entries
FULL_ENTRY_LIMIT = 4096  # ... with --check full (and forward mode alone, one pass per entry, up to this many)
ROUNDOFF = 4 * 2.0 ** -52  # a few float64 ulps: the relative rounding of a computed value of f
DIRECTIONS = 3          # random directions for the directional finite differences


def compare_entries(name: str, lhs_label: str, rhs_label: str, lhs: dict, rhs: dict, note: str = "",
                    at_kink: bool = False, unresolved: dict | None = None) -> Check:
    """Compare two {input: array} maps entry by entry; per_variable has one row per input: its worst entry
    relative to that entry's tolerance (atol + rtol * |rhs|), not merely its largest absolute error.

    An entry where either side is not a finite number (SymPy's 0/0 at a kink), or that ``unresolved`` marks
    (input -> {entry: reason}, a finite difference swamped by rounding), is not comparable: it is left out
    of the judgement and named in the note. Status: mismatch when a compared entry fails, else not comparable
    when some entry could not be compared, else ok."""
    atol, rtol = TOLERANCES[name]
    rows, worst_abs, worst_rel, ok, skipped = {}, 0.0, 0.0, True, []
    for var in rhs:
        a, b = np.asarray(lhs[var], dtype=float), np.asarray(rhs[var], dtype=float)
        with np.errstate(all="ignore"):
            bad = ~(np.isfinite(a) & np.isfinite(b))
            for k, why in (unresolved or {}).get(var, {}).items():
                bad[k] = True
            err = np.where(bad, 0.0, np.abs(a - b))
            tol = atol + rtol * np.where(bad, 0.0, np.abs(b))
            rel = err / np.maximum(np.abs(np.where(bad, 1.0, b)), 1e-300)
        for k in zip(*np.nonzero(bad)) if bad.ndim else ([()] if bad else []):
            k = tuple(int(i) for i in k)
            why = (unresolved or {}).get(var, {}).get(k) or (f"left {float(a[k]):g}, right {float(b[k]):g}: "
                                                             "not both finite numbers")
            skipped.append(f"{var}{list(k) if k else ''}: {why}")
        good = bool(np.all(err <= tol))
        k = np.unravel_index(int(np.argmax(err / tol)), err.shape) if err.size else ()
        rows[var] = {"lhs": _finite(a[k]) if a.size else 0.0, "rhs": _finite(b[k]) if b.size else 0.0,
                     "abs_error": float(err[k]) if err.size else 0.0, "rel_error": float(rel[k]) if err.size else 0.0,
                     "ok": good, "entry": [int(i) for i in k]}
        worst_abs, worst_rel = max(worst_abs, rows[var]["abs_error"]), max(worst_rel, rows[var]["rel_error"])
        ok = ok and good
    status = "ok" if ok else ("not comparable" if at_kink else "mismatch")
    if at_kink and not ok:
        note = (note + "; " if note else "") + "not comparable: the point is at a kink, where one-sided slopes differ"
    if skipped:
        shown_ = "; ".join(skipped[:3]) + (f"; and {len(skipped) - 3} more" if len(skipped) > 3 else "")
        note = (note + "; " if note else "") + f"not comparable at {len(skipped)} entr" \
            f"{'y' if len(skipped) == 1 else 'ies'} ({shown_})"
        if status == "ok":
            status = "not comparable"
    return Check(name, lhs_label, rhs_label, status, worst_abs, worst_rel, atol, rtol, rows, note)


def _finite(x) -> float | str:
    x = float(x)
    return x if np.isfinite(x) else str(x)


def compare_directional(name: str, lhs_label: str, rhs_label: str, lhs: float, rhs: float, scale: float,
                        note: str = "", at_kink: bool = False, unresolved: str = "") -> Check:
    atol, rtol = TOLERANCES[name]
    err = abs(lhs - rhs)
    ok = err <= atol + rtol * max(scale, abs(rhs))
    at_kink = at_kink or bool(unresolved)
    status = "ok" if ok else ("not comparable" if at_kink else "mismatch")
    if not ok and at_kink:
        note = (note + "; " if note else "") + "not comparable: " + (unresolved or "the point is at a kink")
    return Check(name, lhs_label, rhs_label, status, err, err / max(abs(rhs), 1e-300), atol, rtol, note=note,
                 values={"lhs": lhs, "rhs": rhs, "scale": scale})


def entries(point: dict, wrt: list) -> int:
    return int(sum(np.size(point[w]) for w in wrt))


def forward_entrywise(graph, primals, point: dict, wrt: list) -> dict:
    """d out / d input by forward mode, one pass per input entry (small inputs only)."""
    out = {}
    for name in wrt:
        shape = np.shape(point[name])
        col = np.zeros(shape)
        for k in np.ndindex(shape):
            e = np.zeros(shape)
            e[k] = 1.0
            t = modes.forward(graph, primals, {name: e})[graph.output]
            col[k] = 0.0 if t is None else float(t)
        out[name] = col
    return out


def finite_differences(graph, point: dict, wrt: list, unresolved: dict | None = None) -> dict:
    """Central differences of the forward pass, entry by entry; the step h scales with each entry.

    Rounding: f(x +- h) carry about ROUNDOFF * |f| each, so the quotient carries ROUNDOFF * (|f+| + |f-|) / 2h.
    When that exceeds the comparison's tolerance the difference is swamped by cancellation (sum(exp(x)) at
    x = [700, 1]: d/dx_1 = e is lost against e^700); such entries go into ``unresolved`` (input -> {entry:
    reason}), and compare_entries counts them as not comparable. So do entries where the one-sided slopes
    (f+ - f) / h and (f - f-) / h differ by more than half their size: a kink lies within the step (norm(x)
    at x = [0, 1e-200]), where a central difference means nothing."""
    atol, rtol = TOLERANCES["gradient: graph vs finite differences"]
    f0 = _shifted(graph, point, {}) if unresolved is not None else 0.0
    out = {}
    for name in wrt:
        base = point[name]
        col = np.zeros(np.shape(base))
        for k in np.ndindex(col.shape):
            h = 1e-6 * max(1.0, abs(float(base[k])))
            plus, minus = (_shifted(graph, point, {name: _unit(base, k, h)}),
                           _shifted(graph, point, {name: _unit(base, k, -h)}))
            col[k] = (plus - minus) / (2 * h)
            noise = ROUNDOFF * (abs(plus) + abs(minus)) / (2 * h)
            tol = atol + rtol * abs(col[k])
            fwd, bwd = (plus - f0) / h, (f0 - minus) / h
            if unresolved is None:
                continue
            if noise > tol:
                unresolved.setdefault(name, {})[tuple(int(i) for i in k)] = (
                    f"the finite difference is swamped by rounding (|f| about {max(abs(plus), abs(minus)):.3g}, "
                    f"step {h:.3g}: rounding error about {noise:.3g})")
            elif abs(fwd - bwd) > 0.5 * (abs(fwd) + abs(bwd)) + tol:
                unresolved.setdefault(name, {})[tuple(int(i) for i in k)] = (
                    f"the one-sided slopes differ ({fwd:.3g} and {bwd:.3g}): a kink lies within the step {h:.3g}")
        out[name] = col
    return out


def directional_fd(graph, point: dict, direction: dict, why: list | None = None) -> float:
    """(f(x + h u) - f(x - h u)) / 2h along the direction u (every input of ``direction``); ``why`` receives
    the reason when the quotient cannot be trusted (rounding swamps it, or a kink lies within the step)."""
    size = max([1.0] + [float(np.max(np.abs(point[n]))) for n in direction if np.size(point[n])])
    h = 1e-6 * size
    plus = _shifted(graph, point, {n: h * u for n, u in direction.items()})
    minus = _shifted(graph, point, {n: -h * u for n, u in direction.items()})
    out = (plus - minus) / (2 * h)
    if why is not None:
        atol, rtol = TOLERANCES["directional derivative: graph vs finite differences"]
        f0, tol = _shifted(graph, point, {}), atol + rtol * abs(out)
        fwd, bwd = (plus - f0) / h, (f0 - minus) / h
        noise = ROUNDOFF * (abs(plus) + abs(minus)) / (2 * h)
        if noise > tol:
            why.append(f"the finite difference is swamped by rounding (|f| about {max(abs(plus), abs(minus)):.3g}, "
                       f"step {h:.3g}: rounding error about {noise:.3g})")
        elif abs(fwd - bwd) > 0.5 * (abs(fwd) + abs(bwd)) + tol:
            why.append(f"the one-sided slopes differ ({fwd:.3g} and {bwd:.3g}): a kink lies within the step {h:.3g}")
    return out


def random_direction(point: dict, wrt: list, seed: int) -> dict:
    """A standard normal direction, scaled to unit norm over all the entries."""
    rng = np.random.default_rng(seed)
    u = {n: rng.standard_normal(np.shape(point[n])) for n in wrt}
    norm = np.sqrt(sum(float(np.sum(v * v)) for v in u.values())) or 1.0
    return {n: v / norm for n, v in u.items()}


def _unit(base, k, h):
    e = np.zeros(np.shape(base))
    e[k] = h
    return e


def _shifted(graph, point: dict, shift: dict) -> float:
    moved = {n: (v + shift[n] if n in shift else v) for n, v in point.items()}
    return float(evaluate(graph, moved)[graph.output])
