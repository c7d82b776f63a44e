"""Several outputs: the Jacobian J[o][x] = do/dx of every output o by every input x.

* Forward mode gives J's columns: one pass per input (all run side by side), read at every output node.
* Reverse mode gives J's rows: one backward pass per output, each traced.
* With n inputs and m outputs forward mode costs n passes and reverse mode m: the seed's argument for
  backpropagation (m = 1) generalized, stated in numbers in the report.

Checks: forward vs reverse entry by entry; SymPy's ``jacobian`` of the statements rebuilt from the parse
tree, exactly at the float64 point; central differences of the forward pass' outputs. Big inputs (as for the
gradient: more than bounded.FULL_MAX_VARIABLES variables or FULL_MAX_NODES nodes) switch to SymPy on sampled
entries and J·v against central differences along a random v.
"""
from __future__ import annotations

import math
import random
import time

from symgraph.checks import symbolic
from symgraph.checks.bounded import FULL_MAX_NODES, FULL_MAX_VARIABLES, SAMPLE_SIZE, SEED, CheckPlan, random_direction
from symgraph.checks.compare import overall
from symgraph.core import arguments as args
from symgraph.core.evaluate import evaluate
from symgraph.core.modes import forward_mode, reverse_mode
from symgraph.errors import LimitError
from symgraph.higher import references as ref
from symgraph.higher.jacobian_report import JacobianReport
from symgraph.higher.outputs import api_arguments, prepare
from symgraph.pipeline import FORWARD_AUTO_LIMIT
from symgraph.report import build_trace

TRACE_OUTPUTS = 12                       # backward passes traced (the first outputs) unless --full-trace
MAX_REVERSE_MULTIPLICATIONS = 200_000_000  # outputs x edges: beyond this the Jacobian is refused
FVR, SYM, FD = "Jacobian: forward vs reverse", "Jacobian: graph vs SymPy", "Jacobian: graph vs finite differences"
JVP = "Jacobian-vector product: graph vs finite differences"


def jacobian(source: str, at=None, outputs=None, wrt: list | None = None, mode: str = "both", check: str = "auto",
             timeout: float | None = 10.0, trace: bool = True, full_trace: bool = False) -> JacobianReport:
    """J of the named ``outputs`` (a list, "f,g", or the program's ``return`` line; default: the last
    statement) at ``at``."""
    start = time.perf_counter()
    source, at, wrt, outputs, check, timeout = api_arguments(source, at, wrt, outputs, check, timeout)
    mode = args.choice(mode, "mode", ("both", "forward", "reverse"))
    prep, wrt = prepare(source, at, outputs, wrt)
    body, program, point, graph, outs = prep.body, prep.program, prep.point, prep.graph, prep.outputs
    graph.output = max(node_id for _, node_id in outs)      # the trace's forward pass runs up to the last one
    ev = evaluate(graph, point.floats, input_rounding=point.rounding)
    edges = sum(len(n.inputs) for n in graph.nodes)
    forward_skipped = mode == "both" and len(wrt) * edges > FORWARD_AUTO_LIMIT
    fwd = forward_mode(graph, ev, wrt) if mode == "forward" or (mode == "both" and not forward_skipped) else None
    if mode != "forward" and len(outs) * edges > MAX_REVERSE_MULTIPLICATIONS:
        raise LimitError(f"{len(outs):,} outputs x {edges:,} edges = {len(outs) * edges:,} multiplications in reverse "
                         f"mode (more than {MAX_REVERSE_MULTIPLICATIONS:,}); pick fewer outputs or --mode forward")
    traced = {o for o, _ in (outs if full_trace else outs[:TRACE_OUTPUTS])} if trace else set()
    revs = {o: reverse_mode(graph, ev, output=i, record=o in traced) for o, i in outs} if mode != "forward" else {}
    j_fwd = {o: {x: fwd.tangent(i, k) for k, x in enumerate(wrt)} for o, i in outs} if fwd else None
    j_rev = {o: {x: revs[o].adjoints[graph.inputs[x]] for x in wrt} for o in revs}
    matrix = j_rev or j_fwd
    plan = _plan(check, len(graph.nodes), len(wrt), len(outs))
    checks = ([ref.matrix_compare(FVR, "reverse mode (rows)", "forward mode (columns)", j_rev, j_fwd, bool(ev.kinks))]
              if j_fwd and j_rev else [])
    checks += _checks(plan, program, graph, point, ev, wrt, dict(outs), matrix, timeout,
                      "reverse" if j_rev else "forward")
    warnings = [w["message"] for w in ev.warnings] + [f"{c.name}: {c.note}" for c in checks if c.status == "skipped"]
    if forward_skipped:
        warnings.append(f"forward mode skipped: {len(wrt):,} inputs x {edges:,} edges; --mode forward runs it")
    report = JacobianReport(
        expression=source, outputs=[o for o, _ in outs], at=dict(point.floats), at_text=dict(point.text),
        values={o: ev.values[i] for o, i in outs}, wrt=wrt, mode=mode, jacobian=matrix, forward=j_fwd,
        checks=checks, ok=overall(checks), warnings=warnings, timings={"total": time.perf_counter() - start},
        statements=[(st.name, body[st.expr.start:st.expr.end]) for st in program.statements],
        cost=_cost(len(wrt), len(outs), fwd, revs, edges))
    report.check_plan = plan.to_json(checks)
    if trace:
        report.trace = build_trace(graph, ev, fwd, None, full=full_trace)
        report.backward = {o: _steps(graph, revs[o], full_trace, i) for o, i in outs if o in traced and o in revs}
    return report


def _plan(check: str, n_nodes: int, n_vars: int, n_outs: int) -> CheckPlan:
    size = f"{n_vars} inputs, {n_outs} outputs, {n_nodes} nodes"
    if check == "none":
        return CheckPlan(check, "none", "--check none: only forward vs reverse")
    if check == "full" or (n_vars <= FULL_MAX_VARIABLES and n_outs <= FULL_MAX_VARIABLES and n_nodes <= FULL_MAX_NODES):
        return CheckPlan(check, "full", f"{'--check full' if check == 'full' else 'small input'} ({size}): every entry")
    return CheckPlan(check, "bounded", f"large input ({size}; full checks up to {FULL_MAX_VARIABLES} inputs and "
                     f"outputs and {FULL_MAX_NODES} nodes): SymPy on {SAMPLE_SIZE} sampled entries and J·v against "
                     "central differences along a random v; --check full checks every entry", SEED)


def _checks(plan: CheckPlan, program, graph, point, ev, wrt, outs: dict, matrix: dict, timeout,
            mode: str) -> list:
    """``mode``: which mode's matrix is judged (forward with --mode forward, else reverse)."""
    if plan.strategy == "none":
        return []
    at_kink, exprs = bool(ev.kinks), {}

    def sum_of(o) -> ref.Sum:
        if not exprs:
            exprs.update(symbolic.to_sympy(program, evaluate=plan.strategy == "full"))
        return ref.Sum.of_expr(exprs[o])

    def values_at(values: dict) -> dict:        # the forward pass alone, on the same pieces of kinked ops
        vals = evaluate(graph, values, with_partials=False, sides=ev.sides).values
        return {o: vals[i] for o, i in outs.items()}

    lhs = f"graph ({mode} mode)"
    if plan.strategy == "full":
        entries = [(o, (x,), x) for o in outs for x in wrt]
        return [ref.sympy_check(SYM, lhs, "SymPy's jacobian entries (diff) at the float64 point, exactly",
                                matrix, entries, sum_of, point, timeout, at_kink),
                ref.fd_check(FD, lhs, "central differences of the forward pass, input by input", matrix,
                             lambda: ref.fd_columns(values_at, point.floats, wrt), at_kink, timeout)]
    rng = random.Random(plan.seed)
    cells = sorted({(rng.choice(list(outs)), rng.choice(wrt)) for _ in range(SAMPLE_SIZE)})
    plan.sampled = [f"{o},{x}" for o, x in cells]
    v = random_direction(wrt, rng)
    left = {o: {"along v": math.fsum(matrix[o][x] * v[x] for x in wrt)} for o in outs}
    return [ref.sympy_check(SYM, lhs, "SymPy diff at the float64 point, exactly", matrix,
                            [(o, (x,), x) for o, x in cells], sum_of, point, timeout, at_kink,
                            note=f"{len(cells)} entries sampled at random (seed {plan.seed})"),
            ref.fd_check(JVP, "J·v from the graph's rows", "central differences of the outputs along v", left,
                         lambda: ref.fd_direction(values_at, point.floats, v), at_kink, timeout,
                         note=f"random v (|v_i| <= 1, seed {plan.seed})")]


def _cost(n: int, m: int, fwd, revs: dict, edges: int) -> dict:
    """Passes and multiplications of each mode; which is cheaper by the multiplications both counted
    (``by``: multiplications), else by the passes (one per input against one per output)."""
    rev_mults = sum(r.multiplications for r in revs.values()) if revs else None
    if fwd is not None and rev_mults is not None:
        a, b, by = fwd.multiplications, rev_mults, "multiplications"
    else:
        a, b, by = n, m, "passes"
    cheaper = "equal" if a == b else ("forward" if a < b else "reverse")
    return {"inputs": n, "outputs": m, "edges": edges,
            "forward": {"passes": n, "multiplications": fwd.multiplications if fwd else n * edges,
                        "skipped": fwd is None},
            "reverse": {"passes": len(revs), "multiplications": rev_mults} if revs else None,
            "cheaper": cheaper, "by": by}


def _steps(graph, rev, full: bool, out: int, limit: int = 40) -> dict:
    """One output's backward pass, without the steps from nodes that do not feed it (their adjoint is 0)."""
    names = [node.name for node in graph.nodes]
    feeds = [False] * len(graph.nodes)
    feeds[out] = True
    for node in reversed(graph.nodes[: out + 1]):
        if feeds[node.id]:
            for u in node.inputs:
                feeds[u] = True
    steps = [s for s in rev.steps if feeds[s[0]]]
    steps = steps if full or len(steps) <= 400 else steps[:limit]
    return {"backward": [{"from": names[v], "to": names[u], "adjoint_from": a, "local": d, "before": b, "after": c}
                         for v, u, a, d, b, c in steps], "backward_total": sum(feeds[s[0]] for s in rev.steps)}

