"""Which independent checks run, and how they stay bounded on big inputs.

* ``full`` (the default for small inputs, or ``--check full``): SymPy's ``diff`` for every variable and
  central differences per variable (2 forward passes each), both under the time budget.
* ``bounded`` (``--check auto`` above FULL_MAX_VARIABLES variables or FULL_MAX_NODES nodes): checks whose
  cost does not grow with the number of variables, along a random direction v (seeded, reported):
  - dot-product test ⟨J·v, w⟩ vs ⟨v, Jᵀ·w⟩: forward mode along v against reverse mode seeded with w;
  - complex step on the SymPy expression rebuilt from the parse tree (shares no code with the graph):
    its real part checks the value, Im f(x + i·h·v)/h checks v·∇f;
  - SymPy's ``diff`` on a seeded random sample of SAMPLE_SIZE variables;
  - central differences along v: 2 forward passes instead of 2n.
* ``none``: only forward vs reverse.

Every skipped or sampled check says why in its note; ``CheckPlan.to_json`` lists what ran.
"""
from __future__ import annotations

import math
import random
import sys
import time
from dataclasses import dataclass, field

from symgraph.checks import symbolic
from symgraph.checks.budget import BudgetExceeded, MemoryBudgetExceeded, budget_available, time_budget
from symgraph.checks.complex_step import Unsupported, complex_step
from symgraph.core.evaluate import evaluate
from symgraph.core.modes import forward_mode, reverse_mode
from symgraph.checks import resolution
from symgraph.checks.compare import compare, directional_check, skipped
from symgraph.checks.finite_diff import directional_fd_check, fd_check

FULL_MAX_VARIABLES = 32     # beyond this, n symbolic diffs cost more than everything else together
FULL_MAX_NODES = 2000
SAMPLE_SIZE = 6
SINGULARITY_BUDGET = 1.0    # seconds for asking SymPy whether the point as written is a singularity
SEED = 0                    # fixed, so that a rerun checks the same direction and sample

SYM_VALUE, SYM_GRAD = "value: graph vs SymPy", "gradient: graph vs SymPy"
SYM_LHS, SYM_RHS = "graph (reverse mode)", "SymPy diff at the float64 point, exactly"
SYM_AT = "SymPy at the float64 point, exactly (30 digits)"
CS_NAME = "directional derivative: graph vs complex step"
CS_LHS, CS_RHS = "v·∇f (reverse mode)", "Im f(x + i·h·v)/h on the SymPy expression (cmath)"


@dataclass
class CheckPlan:
    requested: str                  # auto | full | none (--check)
    strategy: str                   # full | bounded | none
    reason: str
    seed: int | None = None
    sampled: list = field(default_factory=list)    # variables whose SymPy diff was attempted (bounded)
    limits: dict = field(default_factory=lambda: {"full_max_variables": FULL_MAX_VARIABLES,
                                                  "full_max_nodes": FULL_MAX_NODES, "sample_size": SAMPLE_SIZE})

    def to_json(self, checks: list) -> dict:
        return {"requested": self.requested, "strategy": self.strategy, "reason": self.reason,
                "seed": self.seed, "sampled": list(self.sampled),
                "limits": dict(self.limits),
                "ran": [c.name for c in checks if c.status in ("ok", "mismatch")],
                "skipped": [{"name": c.name, "status": c.status, "reason": c.note}
                            for c in checks if c.status not in ("ok", "mismatch")]}


def plan(check: str, n_nodes: int, n_vars: int, seed: int = SEED) -> CheckPlan:
    size = f"{n_vars} variables, {n_nodes} nodes"
    if check == "none":
        return CheckPlan(check, "none", "--check none: only forward vs reverse")
    if check == "full":
        return CheckPlan(check, "full", f"--check full: every variable symbolically ({size})")
    if n_vars <= FULL_MAX_VARIABLES and n_nodes <= FULL_MAX_NODES:
        return CheckPlan(check, "full", f"small input ({size}): every variable is checked")
    return CheckPlan(check, "bounded", f"large input ({size}; full checks up to {FULL_MAX_VARIABLES} "
                     f"variables and {FULL_MAX_NODES} nodes): directional checks along a random v and SymPy "
                     f"diff on {min(SAMPLE_SIZE, n_vars)} sampled variables; --check full checks every "
                     "variable", seed)


def run(plan_: CheckPlan, program, graph, point, ev, wrt: list, gradient: dict, timeout,
        warnings: list | None = None) -> tuple[list, dict]:
    """The independent checks of ``plan_``: (checks, {var: SymPy derivative and value}); anything the
    user should know about the point is appended to ``warnings``."""
    at_kink = bool(ev.kinks)
    warnings = [] if warnings is None else warnings

    def f(values: dict) -> float:           # the forward pass alone (no derivative code), on the same pieces
        return evaluate(graph, values, with_partials=False, sides=ev.sides).values[graph.output]

    def f_free(values: dict) -> float:      # ... on whichever piece the step lands (one-sided slopes)
        return evaluate(graph, values, with_partials=False).values[graph.output]

    def resolves(up: dict, down: dict):     # why the step up..down cannot resolve f (resolution.py)
        return resolution.unresolved(graph, evaluate(graph, up, with_partials=False).values,
                                     evaluate(graph, down, with_partials=False).values)

    if plan_.strategy == "full":
        checks, sym = _symbolic_checks(symbolic.to_sympy, program, graph, point, ev, wrt, gradient, at_kink,
                                       timeout, "", warnings=warnings)
        return checks + [_per_variable_fd(f, point.floats, wrt, gradient, at_kink, timeout, f_free,
                                          resolves)], sym
    if plan_.strategy == "bounded":
        return _bounded(plan_, program, graph, point, ev, wrt, gradient, at_kink, f, timeout, resolves)
    return [], {}


def _per_variable_fd(f, point: dict, wrt: list, gradient: dict, at_kink: bool, timeout, f_free=None,
                     resolves=None) -> object:
    try:
        with time_budget(timeout):
            return fd_check(f, point, wrt, gradient, at_kink, f_free, resolves)
    except BudgetExceeded:
        return skipped("gradient: graph vs finite differences", "reverse mode (graph)", "central differences",
                       f"skipped: {2 * len(wrt)} forward passes exceed the time budget ({timeout:g} s, --timeout)")


def random_direction(wrt: list, rng: random.Random) -> dict:
    return {var: rng.uniform(-1.0, 1.0) for var in wrt}


def _bounded(plan_, program, graph, point, ev, wrt, gradient, at_kink, f, timeout, resolves=None):
    rng = random.Random(plan_.seed)
    v = random_direction(wrt, rng)
    w = rng.choice((-1.0, 1.0)) * rng.uniform(0.5, 2.0)
    if at_kink:
        # Move only inputs that cannot reach a kinked node: along such a v the kinks' arguments stay put,
        # so the directional checks stay valid for every other variable.
        frozen = kink_inputs(graph, ev.kinks)
        v = {var: (0.0 if var in frozen else c) for var, c in v.items()}
    along_kink = at_kink and not any(v.values())      # every input reaches a kink: v moves one
    checks = [dot_product_check(graph, ev, wrt, v, w, along_kink)]
    deadline = time.monotonic() + timeout if timeout else None
    sample = [wrt[i] for i in sorted(rng.sample(range(len(wrt)), min(SAMPLE_SIZE, len(wrt))))]
    plan_.sampled = sample
    note = f"SymPy diff on {len(sample)} of {len(wrt)} variables sampled at random (seed {plan_.seed})"

    def unevaluated(prog):
        return symbolic.to_sympy(prog, evaluate=False, only=[prog.output])

    sym_checks, sym = _symbolic_checks(unevaluated, program, graph, point, ev, sample, gradient, at_kink,
                                       _left(deadline), note, direction=v)
    return checks + sym_checks + [directional_fd_check(f, point.floats, v, gradient, along_kink,
                                                                     resolves)], sym


def kink_inputs(graph, kinks: set) -> set:
    """Names of the inputs some kinked node depends on."""
    reaches = set(kinks)
    for node in reversed(graph.nodes):
        if node.id in reaches:
            reaches.update(node.inputs)
    return {name for name, i in graph.inputs.items() if i in reaches}


def dot_product_check(graph, ev, wrt: list, v: dict, w: float, at_kink: bool = False):
    """⟨J·v, w⟩ from one forward-mode column seeded with v, against ⟨v, Jᵀ·w⟩ from one reverse pass
    seeded with w: two passes, however many variables."""
    jv = forward_mode(graph, ev, wrt, directions=[v]).tangent(graph.output, 0)
    rev = reverse_mode(graph, ev, record=False, seed=w)
    jtw = {var: rev.adjoints[graph.inputs[var]] for var in wrt}
    return dot_product_compare(jv, jtw, v, w, at_kink)


def dot_product_compare(jv: float, jtw: dict, v: dict, w: float, at_kink: bool = False):
    return directional_check("dot product: forward vs reverse", "⟨v, Jᵀ·w⟩ (reverse mode seeded with w)",
                             "⟨J·v, w⟩ (forward mode along v)", v, jtw, jv * w, at_kink,
                             f"random v (|v_i| ≤ 1) and w = {w:.6g}")


def _left(deadline) -> float | None:
    return None if deadline is None else deadline - time.monotonic()


def _symbolic_checks(build, program, graph, point, ev, variables, gradient, at_kink, timeout, note,
                     direction=None, warnings=None):
    """SymPy's value and diff of ``variables`` at the float64 point (exactly), under the time budget; with a
    ``direction``, also the complex-step value and directional derivative of the same SymPy expression."""
    checks, sym, values = [], {}, {}
    if not budget_available() and timeout:
        note = (note + "; " if note else "") + "ran without a time budget (not on the main thread)"
    try:
        if timeout is not None and timeout <= 0:
            raise BudgetExceeded
        with time_budget(timeout):
            expr = build(program)[program.output]
            if direction is not None:
                checks += _complex_step_checks(expr, point, ev.values[graph.output], direction, gradient,
                                               at_kink)
            else:
                checks.append(compare(SYM_VALUE, "graph forward pass", SYM_AT,
                                      {"value": ev.values[graph.output]},
                                      {"value": symbolic.value_at(expr, point.binary)}, note=note,
                                      rounding=(ROUNDING_MARGIN * _out_rounding(graph, ev), 0.0)))
                if warnings is not None:
                    warnings += _singular_as_written(expr, point)
            depth, limit = symbolic.depth(expr), sys.getrecursionlimit() // 10
            if depth > limit:
                reason = (f"symbolic check skipped: the expression is {depth} levels deep; SymPy's diff recurses "
                          f"about 8 Python frames per level and fails beyond about {limit}")
                return checks + [skipped(SYM_GRAD, SYM_LHS, SYM_RHS, reason)], sym
            for var in variables:
                d = symbolic.derivative(expr, var)
                values[var] = symbolic.value_at(d, point.binary)
                sym[var] = {"derivative": symbolic.show(d), "value": values[var]}
    except (BudgetExceeded, RecursionError) as exc:
        why = (f"not comparable (memory): {exc}" if isinstance(exc, MemoryBudgetExceeded)
               else f"time budget ({timeout:g} s, --timeout)" if isinstance(exc, BudgetExceeded) and timeout
               else "the time budget is used up" if isinstance(exc, BudgetExceeded)
               else "the expression is too deeply nested for SymPy")
        done = f" after {len(values)} of {len(variables)} variables" if values else ""
        if not checks:                  # the expression itself was not built or evaluated in time
            checks.append(skipped(SYM_VALUE, "graph", "SymPy", f"symbolic check skipped: {why}"))
            if direction is not None:
                checks.append(skipped(CS_NAME, CS_LHS, CS_RHS, f"skipped: {why}"))
        if not values:
            status = "not comparable" if isinstance(exc, MemoryBudgetExceeded) else "skipped"
            return checks + [skipped(SYM_GRAD, SYM_LHS, SYM_RHS, f"symbolic check skipped: {why}", status)], sym
        note = (note + "; " if note else "") + f"stopped{done}: {why}"
    if any(math.isnan(x) for x in values.values()):
        return checks + [skipped(SYM_GRAD, SYM_LHS, SYM_RHS, "not comparable: SymPy's derivative is undefined "
                                 "at this point", "not comparable")], sym
    graph_side = {var: gradient[var] for var in values}
    f = abs(ev.values[graph.output])
    relative = ROUNDING_MARGIN * _out_rounding(graph, ev) / f if f > 0 else 0.0
    return checks + [compare(SYM_GRAD, SYM_LHS, SYM_RHS, graph_side, values, at_kink, note,
                             rounding=(0.0, relative))], sym


ROUNDING_MARGIN = 4   # the running error bound is first-order: allow a few times it


def _out_rounding(graph, ev) -> float:
    """The running float64 error bound of the output's value (0 when evaluate did not compute it)."""
    return ev.rounding[graph.output] if ev.rounding else 0.0


def _singular_as_written(expr, point) -> list:
    """A point written exactly (``x=pi``) can be a singularity that its float64 neighbour is not: say so,
    because the graph's (huge but finite) numbers then describe the neighbour, not the point written."""
    if not point.rounded:
        return []
    try:
        with time_budget(SINGULARITY_BUDGET):      # a courtesy: never at the expense of the checks
            value = symbolic.value_by_substitution(expr, point.exact)
    except (BudgetExceeded, RecursionError):
        return []
    if math.isfinite(value):
        return []
    at = ", ".join(f"{k} = {point.text[k]}" for k in point.rounded)
    return [f"the expression is undefined at {at} exactly (SymPy: {value}); the numbers shown are for the "
            "nearest float64 point, a rounded neighbour of a singularity"]


def _complex_step_checks(expr, point, graph_value, direction, gradient, at_kink) -> list:
    try:
        value, slope = complex_step(expr, point.floats, direction)
    except (Unsupported, OverflowError, ValueError, ZeroDivisionError) as exc:
        reason = f"skipped: the complex evaluation failed ({exc or type(exc).__name__})"
        return [skipped(SYM_VALUE, "graph", "SymPy", reason), skipped(CS_NAME, CS_LHS, CS_RHS, reason)]
    return [compare(SYM_VALUE, "graph forward pass", "SymPy expression in complex arithmetic (real part)",
                    {"value": graph_value}, {"value": value}),
            directional_check(CS_NAME, CS_LHS, CS_RHS, direction, gradient, slope, at_kink, "same random v")]
