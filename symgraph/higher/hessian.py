"""``hessian``: parse -> lower -> evaluate -> reverse -> forward-over-reverse -> checks, into one report.

The Hessian is computed on the graph (symgraph.higher.second); SymPy and finite differences only check
it. Nothing here prints.
"""
from __future__ import annotations

import math
import time

from symgraph.checks.budget import memory_bytes
from symgraph.core.evaluate import evaluate
from symgraph.core.modes import reverse_mode
from symgraph.checks.compare import overall
from symgraph.core.primitives import PRIMITIVES
from symgraph.errors import DomainError, LimitError, PointError
from symgraph.higher import hessian_checks
from symgraph.higher.hessian_report import HessianReport, eigenvalues, second_derivative_test
from symgraph.higher.outputs import api_arguments, prepare, with_output
from symgraph.higher.second import BLOCK, forward_over_reverse, second_partials
from symgraph.report import TRACE_ROW_LIMIT, as_written

HESSIAN_ENTRY_BYTES = 1_400         # memory per Hessian entry with its report (measured, n = 200 and 400)
BASELINE_BYTES = 300 * 1024 ** 2    # the process itself: SymPy, numpy, rich loaded
MAX_MULTIPLICATIONS = 200_000_000   # n sweeps x edges: beyond this the Hessian is refused (use --wrt)
TRACE_DIRECTIONS = 12               # input directions shown in the trace unless --full-trace
KINK_NOTE = ("second derivatives at a kink are taken as 0 (PyTorch's convention): abs'' and relu'' are 0 on "
             "either side and undefined at the kink itself")


def hessian(source: str, at=None, wrt: list | None = None, output: str | list | None = None, check: str = "auto",
            timeout: float | None = 10.0, trace: bool = True, full_trace: bool = False) -> HessianReport:
    """The Hessian of one output of ``source`` at ``at`` with respect to ``wrt`` (default: every input)."""
    timings: dict = {}
    start = time.perf_counter()
    source, at, wrt, output, check, timeout = api_arguments(source, at, wrt, output, check, timeout)
    prep, wrt = prepare(source, at, output, wrt)
    body, program, point, graph = prep.body, prep.program, prep.point, prep.graph
    if len(prep.outputs) > 1:
        raise PointError(f"the Hessian is of one output, but {len(prep.outputs)} are named "
                         f"({', '.join(n for n, _ in prep.outputs)}); pick one with --of NAME")
    out_name, node_id = prep.outputs[0]
    graph = with_output(graph, node_id)
    edges = sum(len(n.inputs) for n in graph.nodes[: graph.output + 1])
    if len(wrt) * edges * 2 > MAX_MULTIPLICATIONS:
        raise LimitError(f"the Hessian would need {len(wrt):,} sweeps over {edges:,} edges (about "
                         f"{2 * len(wrt) * edges:,} multiplications, more than {MAX_MULTIPLICATIONS:,}); "
                         "--wrt picks fewer variables")
    _refuse_memory(len(wrt))
    timings["parse"] = time.perf_counter() - start
    ev = evaluate(graph, point.floats, input_rounding=point.rounding)
    t = time.perf_counter()
    rev = reverse_mode(graph, ev, record=False)
    timings["gradient"] = time.perf_counter() - t
    gradient = {v: rev.adjoints[graph.inputs[v]] for v in wrt}
    t = time.perf_counter()
    seconds = second_partials(graph, ev)
    show = trace and (full_trace or len(graph.nodes) <= TRACE_ROW_LIMIT)
    sweep = forward_over_reverse(graph, ev, rev.adjoints, wrt, keep_first_block=show, seconds=seconds)
    timings["hessian"] = time.perf_counter() - t
    matrix = {r: {c: sweep.columns[k][i] for k, c in enumerate(wrt)} for i, r in enumerate(wrt)}

    _refuse_overflow(graph, ev, matrix, out_name)
    eig = eigenvalues(matrix, wrt)
    value = ev.values[graph.output]
    t = time.perf_counter()
    plan = hessian_checks.plan(check, len(graph.nodes), len(wrt))
    checks, sym = hessian_checks.run(plan, program, graph, point, ev, wrt, matrix, timeout, out_name)
    timings["check"] = time.perf_counter() - t
    pieces = any(PRIMITIVES[graph.nodes[k].op].side is not None for k in ev.kinks)    # abs, relu at 0
    warnings = [w["message"] for w in ev.warnings] + ([KINK_NOTE] if pieces else [])
    warnings += _non_finite(matrix) + [f"{c.name}: {c.note}" for c in checks if c.status == "skipped"]
    report = HessianReport(
        expression=source, output=out_name, at=dict(point.floats), at_text=dict(point.text), value=value,
        wrt=wrt, gradient=gradient, hessian=matrix, eigenvalues=eig,
        critical_point=second_derivative_test(gradient, value, eig), checks=checks, ok=overall(checks),
        warnings=warnings, timings=timings, symbolic=sym,
        statements=[(st.name, body[st.expr.start:st.expr.end]) for st in program.statements],
        cost=_cost(len(wrt), len(graph.nodes), edges, rev.multiplications, sweep, timings))
    report.check_plan = plan.to_json(checks)
    if show:
        report.sweep = _sweep_rows(graph, ev, rev.adjoints, sweep, wrt[:BLOCK if full_trace else TRACE_DIRECTIONS])
    return report


def _refuse_memory(n: int) -> None:
    """Refuse, before any sweep, a Hessian whose n² entries (with the report built from them) would not fit
    in the memory budget: measured at about HESSIAN_ENTRY_BYTES per entry (n = 400: 270 MB at the peak)."""
    need, budget = n * n * HESSIAN_ENTRY_BYTES + BASELINE_BYTES, memory_bytes()
    if need > budget:
        raise LimitError(f"the Hessian over {n:,} variables has {n * n:,} entries: about {need / 1024 ** 3:.1f} GiB "
                         f"with its report, more than the memory budget ({budget / 1024 ** 3:g} GiB); --wrt picks "
                         f"fewer variables (up to about {int(((budget - BASELINE_BYTES) / HESSIAN_ENTRY_BYTES) ** 0.5):,})")


def _refuse_overflow(graph, ev, matrix: dict, out_name: str) -> None:
    """Away from a kink or an infinite slope (where inf is a stated convention), an infinite or nan entry
    is a product beyond float64 (log(x) at 1e-200 has f'' = -1e400): refused, naming the entry, as grad does."""
    if ev.kinks:
        return
    for r, row in matrix.items():
        for c, x in row.items():
            if not math.isfinite(x):
                wrt = f"d{r}²" if r == c else f"d{r}d{c}"
                raise DomainError(f"overflow: d²{out_name}/{wrt} is beyond the float64 range (the graph gives "
                                  f"{x})", graph.source, graph.nodes[graph.inputs[r]].col)


def _non_finite(matrix: dict) -> list:
    bad = [f"{r},{c}" for r, row in matrix.items() for c, x in row.items() if not math.isfinite(x)]
    return [f"Hessian entries {', '.join(bad[:8])} are not finite (an infinite curvature, such as sqrt's at 0)"] \
        if bad else []


def _cost(n: int, nodes: int, edges: int, grad_mults: int, sweep, timings: dict) -> dict:
    return {"inputs": n, "nodes": nodes, "edges": edges,
            "gradient": {"passes": 1, "multiplications": grad_mults, "seconds": timings["gradient"]},
            "hessian": {"passes": sweep.passes, "multiplications": sweep.multiplications,
                        "seconds": timings["hessian"]},
            "ratio_multiplications": sweep.multiplications / grad_mults if grad_mults else None,
            "ratio_seconds": timings["hessian"] / timings["gradient"] if timings["gradient"] else None}


def _sweep_rows(graph, ev, adjoints: list, sweep, directions: list) -> dict:
    """Per input direction, every node's value tangent, adjoint and adjoint tangent (the trace's tables)."""
    out = {}
    if sweep.tangents is None or not len(sweep.tangents):           # no variables: no sweep
        return out
    width = len(sweep.tangents[0])                                  # the directions the first block kept
    for k, var in enumerate(directions[:width]):
        out[var] = [{"node": node.name, "computes": as_written(graph, node) if node.inputs else node.op,
                     "value": ev.values[node.id], "tangent": float(sweep.tangents[node.id][k]),
                     "adjoint": adjoints[node.id], "adjoint_tangent": float(sweep.adjoint_tangents[node.id][k])}
                    for node in graph.nodes[: graph.output + 1]]
    return out
