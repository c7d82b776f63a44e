"""The Hessian's checks, and how they stay bounded on big inputs.

* always: symmetry (H[i][j] and H[j][i] come out of different forward-over-reverse sweeps);
* full (up to FULL_MAX_VARIABLES variables and bounded.FULL_MAX_NODES nodes, or ``--check full``): SymPy's
  ``hessian`` of the expression rebuilt from the parse tree, exactly at the float64 point, and central
  differences of the graph's own reverse-mode gradient, column by column (2n reverse passes);
* bounded: SymPy's second ``diff`` on SAMPLE_SIZE entries sampled at random (seeded, reported), and the
  reported Hessian times a random v (every entry, projected) against central differences of the gradient
  along v (2 reverse passes, whatever n);
* none: the symmetry check only.
"""
from __future__ import annotations

import math
import random

from symgraph.checks import symbolic
from symgraph.checks.bounded import FULL_MAX_NODES, SEED, CheckPlan, random_direction
from symgraph.checks.compare import compare, skipped
from symgraph.core.evaluate import evaluate
from symgraph.core.modes import reverse_mode
from symgraph.higher import references as ref

FULL_MAX_VARIABLES = 12      # n(n+1)/2 symbolic second derivatives: 78 at 12
SAMPLE_SIZE = 6
SAMPLE_ROWS = 2
SYM = "Hessian: graph vs SymPy"
FD = "Hessian: graph vs finite differences of the gradient"
HVP = "Hessian-vector product: graph vs finite differences of the gradient"
LHS = "forward-over-reverse (graph)"


def plan(check: str, n_nodes: int, n_vars: int) -> CheckPlan:
    size = f"{n_vars} variables, {n_nodes} nodes"
    if check == "none":
        out = CheckPlan(check, "none", "--check none: only the symmetry check")
    elif check == "full" or (n_vars <= FULL_MAX_VARIABLES and n_nodes <= FULL_MAX_NODES):
        out = CheckPlan(check, "full", f"{'--check full' if check == 'full' else 'small input'} ({size}): SymPy's "
                        "hessian and central differences of the gradient, every entry")
    else:
        out = CheckPlan(check, "bounded", f"large input ({size}; full Hessian checks up to {FULL_MAX_VARIABLES} "
                        f"variables and {FULL_MAX_NODES} nodes): SymPy on {SAMPLE_SIZE} sampled entries of "
                        f"{SAMPLE_ROWS} rows and a Hessian-vector product against central differences of the "
                        "gradient; --check full checks every entry", SEED)
    out.limits = {"full_max_variables": FULL_MAX_VARIABLES, "full_max_nodes": FULL_MAX_NODES,
                  "sample_size": SAMPLE_SIZE, "sample_rows": SAMPLE_ROWS}
    return out


def symmetry(hessian: dict, wrt: list):
    upper = {f"{a},{b}": hessian[a][b] for i, a in enumerate(wrt) for b in wrt[i + 1:]}
    lower = {f"{a},{b}": hessian[b][a] for i, a in enumerate(wrt) for b in wrt[i + 1:]}
    if not upper:
        return skipped("Hessian: symmetry", "H[i][j]", "H[j][i]", "one variable: nothing to compare",
                       status="not comparable")
    return compare("Hessian: symmetry", "H[i][j] (sweep along x_j)", "H[j][i] (sweep along x_i)", upper, lower)


def run(plan_: CheckPlan, program, graph, point, ev, wrt: list, hessian: dict, timeout, output: str) -> tuple[list, dict]:
    """(checks, {row: {col: SymPy value}}) for the statement ``output``."""
    checks = [symmetry(hessian, wrt)]
    if plan_.strategy == "none":
        return checks, {}
    at_kink = bool(ev.kinks)
    sums = {}

    def sum_of(_row) -> ref.Sum:   # built once, inside the first entry's budget
        if "f" not in sums:        # bounded: a one-statement sum converts only the terms it needs
            sums["f"] = (plan_.strategy == "bounded" and ref.Sum.of_program(program)) or ref.Sum.of_expr(
                symbolic.to_sympy(program, evaluate=plan_.strategy == "full", only=[output])[output])
        return sums["f"]

    def gradient_at(values: dict) -> dict:      # the graph's own reverse mode, on the same pieces
        e = evaluate(graph, values, sides=ev.sides)
        adj = reverse_mode(graph, e, record=False).adjoints
        return {name: adj[graph.inputs[name]] for name in wrt}

    if plan_.strategy == "full":
        entries = [(a, (a, b), b) for i, a in enumerate(wrt) for b in wrt[i:]]
        sym_check = ref.sympy_check(SYM, LHS, "SymPy's hessian entries (diff twice) at the float64 point, exactly", hessian, entries,
                                    sum_of, point, timeout, at_kink)
        fd_check = ref.fd_check(FD, LHS, "central differences of the reverse-mode gradient, column by column",
                                hessian, lambda: ref.fd_columns(gradient_at, point.floats, wrt), at_kink, timeout)
        return checks + [sym_check, fd_check], _sym_values(sym_check, hessian)
    rng = random.Random(plan_.seed)
    # SAMPLE_ROWS rows, SAMPLE_SIZE entries in all (the diagonal among them): the costly SymPy work is one
    # first derivative of the whole expression per row; each entry then differentiates that once more.
    rows = rng.sample(range(len(wrt)), min(SAMPLE_ROWS, len(wrt)))
    per_row = min(SAMPLE_SIZE // len(rows) - 1, len(wrt))
    pairs = sorted({(i, j) for i in rows for j in [i] + rng.sample(range(len(wrt)), per_row)})
    entries = [(wrt[i], (wrt[i], wrt[j]), wrt[j]) for i, j in pairs]
    plan_.sampled = [f"{r},{c}" for r, _, c in entries]
    sym_check = ref.sympy_check(SYM, LHS, "SymPy diff twice at the float64 point, exactly", hessian, entries,
                                sum_of, point, timeout, at_kink,
                                note=f"{len(entries)} of {len(wrt) ** 2} entries sampled at random (seed {plan_.seed})")
    v = random_direction(wrt, rng)
    # H·v from the reported matrix itself: a random projection of every entry, so that the whole matrix the
    # user reads is checked (a fresh sweep along v would check the sweep, not the numbers printed).
    left = {r: {"along v": math.fsum(hessian[r][c] * v.get(c, 0.0) for c in wrt)} for r in wrt}
    hv_check = ref.fd_check(HVP, "H·v (the reported Hessian times v)", "central differences of the gradient "
                            "along v", left, lambda: ref.fd_direction(gradient_at, point.floats, v), at_kink,
                            timeout, note=f"random v (|v_i| <= 1, seed {plan_.seed})")
    return checks + [sym_check, hv_check], _sym_values(sym_check, hessian)


def _sym_values(check, hessian: dict) -> dict:
    out: dict = {}
    for key, row in check.per_variable.items():
        r, c = key.split(",")
        out.setdefault(r, {})[c] = row["rhs"]
    return out

