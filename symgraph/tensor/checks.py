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
DIRECTIONS = 3          # random directions for the directional finite differences


def compare_entries(name: str, lhs_label: str, rhs_label: str, lhs: dict, rhs: dict, note: str = "",
                    at_kink: bool = False) -> Check:
    """Compare two {input: array} maps entry by entry; per_variable has one row per input (its worst entry)."""
    atol, rtol = TOLERANCES[name]
    rows, worst_abs, worst_rel, ok = {}, 0.0, 0.0, True
    for var in rhs:
        a, b = np.asarray(lhs[var], dtype=float), np.asarray(rhs[var], dtype=float)
        err = np.abs(a - b)
        rel = err / np.maximum(np.abs(b), 1e-300)
        good = bool(np.all(err <= atol + rtol * np.abs(b)))
        k = np.unravel_index(int(np.argmax(err)), err.shape) if err.size else ()
        rows[var] = {"lhs": float(a[k]) if a.size else 0.0, "rhs": float(b[k]) if b.size else 0.0,
                     "abs_error": float(err[k]) if err.size else 0.0, "rel_error": float(rel[k]) if err.size else 0.0,
                     "ok": good, "entry": [int(i) for i in k]}
        worst_abs, worst_rel = max(worst_abs, rows[var]["abs_error"]), max(worst_rel, rows[var]["rel_error"])
        ok = ok and good
    status = "ok" if ok else ("not comparable" if at_kink else "mismatch")
    if at_kink and not ok:
        note = (note + "; " if note else "") + "not comparable: the point is at a kink, where one-sided slopes differ"
    return Check(name, lhs_label, rhs_label, status, worst_abs, worst_rel, atol, rtol, rows, note)


def compare_directional(name: str, lhs_label: str, rhs_label: str, lhs: float, rhs: float, scale: float,
                        note: str = "", at_kink: bool = False) -> Check:
    atol, rtol = TOLERANCES[name]
    err = abs(lhs - rhs)
    ok = err <= atol + rtol * max(scale, abs(rhs))
    status = "ok" if ok else ("not comparable" if at_kink else "mismatch")
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


def finite_differences(graph, point: dict, wrt: list) -> dict:
    """Central differences of the forward pass, entry by entry; the step scales with each entry."""
    out = {}
    for name in wrt:
        base = point[name]
        col = np.zeros(np.shape(base))
        for k in np.ndindex(col.shape):
            h = 1e-6 * max(1.0, abs(float(base[k])))
            col[k] = (_shifted(graph, point, {name: _unit(base, k, h)})
                      - _shifted(graph, point, {name: _unit(base, k, -h)})) / (2 * h)
        out[name] = col
    return out


def directional_fd(graph, point: dict, direction: dict) -> float:
    """(f(x + h u) - f(x - h u)) / 2h along the direction u (every input of ``direction``)."""
    size = max(1.0, max(float(np.max(np.abs(point[n]))) if np.size(point[n]) else 0.0 for n in direction))
    h = 1e-6 * size
    plus = {n: h * u for n, u in direction.items()}
    minus = {n: -h * u for n, u in direction.items()}
    return (_shifted(graph, point, plus) - _shifted(graph, point, minus)) / (2 * h)


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
