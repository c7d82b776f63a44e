"""The trace of a run with several outputs: the forward pass, forward mode's columns, one backward pass per
output (its row), the Jacobian, the checks and the cost in passes (n inputs vs m outputs)."""
from __future__ import annotations

from types import SimpleNamespace

from rich.console import Console
from rich.text import Text

from symgraph.higher.jacobian_report import JacobianReport
from symgraph.render.common.numbers import fmt
from symgraph.render.terminal.trace import (GRAD, TraceOut, backward_section, checks_section, edges_section,
                                            forward_mode_section, forward_pass_section, warnings_section)

MATRIX_LIMIT = 40     # rows (outputs) and columns (inputs) shown unless --full-trace


def render_jacobian(report: JacobianReport, console: Console, digits: int = 6, plain: bool = False,
                    show_trace: bool = True, full: bool = False) -> None:
    out = TraceOut(console, digits, plain)
    out.full, out.brief = full, not show_trace
    out.heading(f"Outputs {', '.join(f'{o} = {fmt(v, digits)}' for o, v in report.values.items())} at "
                + ", ".join(f"{k} = {report.at_text.get(k, fmt(v, digits))}" for k, v in report.at.items()))
    if show_trace and report.trace is not None:
        forward_pass_section(out, report)
        edges_section(out, report)
        if report.forward is not None:
            out.c.print(Text("Forward mode: one column of J per input; each output's tangent is its entry",
                             style="bold"))
            forward_mode_section(out, report)
        for o, steps in report.backward.items():
            out.c.print(Text(f"Backward pass for output {o}: row {o} of J", style="bold"))
            backward_section(out, SimpleNamespace(trace=steps, output=o))
        if len(report.backward) < len(report.outputs) and report.mode != "forward":
            out.c.print(Text(f"  (backward passes traced for the first {len(report.backward)} of "
                             f"{len(report.outputs)} outputs; --full-trace traces them all)"))
    _matrix(out, report)
    checks_section(out, report)
    _cost(out, report)
    warnings_section(out, report)


def _matrix(out: TraceOut, r: JacobianReport) -> None:
    cols = r.wrt if out.full else r.wrt[:MATRIX_LIMIT]
    rows = r.outputs if out.full else r.outputs[:MATRIX_LIMIT]
    t = out.table(f"Jacobian J[output][input] = d(output)/d(input) "
                  f"({'forward mode' if r.mode == 'forward' else 'reverse mode rows'})", "", *cols)
    for o in rows:
        t.add_row(o, *[out.num(r.jacobian[o][x], GRAD) for x in cols])
    out.c.print(t)
    if len(cols) < len(r.wrt) or len(rows) < len(r.outputs):
        out.c.print(Text(f"  ({len(rows)} of {len(r.outputs)} rows, {len(cols)} of {len(r.wrt)} columns; "
                         "--full-trace or --format json shows every entry)"))


def _cost(out: TraceOut, r: JacobianReport) -> None:
    c = r.cost
    n, m = c["inputs"], c["outputs"]
    fwd = f"forward mode {n:,} pass{'es' if n != 1 else ''} (one per input: a column each)"
    if c["forward"]["skipped"]:
        fwd += " (not run)"
    else:
        fwd += f", {c['forward']['multiplications']:,} multiplications"
    rev = f"reverse mode {m:,} pass{'es' if m != 1 else ''} (one per output: a row each)"
    if c["reverse"]:
        rev += f", {c['reverse']['multiplications']:,} multiplications"
    if c.get("by") == "multiplications":          # the counts printed just before decide it
        f_, r_ = c["forward"]["multiplications"], c["reverse"]["multiplications"]
        verdict = {"forward": f"forward mode is cheaper here ({f_:,} < {r_:,} multiplications)",
                   "reverse": f"reverse mode is cheaper here ({r_:,} < {f_:,} multiplications)",
                   "equal": f"both cost the same here ({f_:,} multiplications each)"}[c["cheaper"]]
    else:
        verdict = {"forward": f"forward mode needs fewer passes here ({n} < {m})",
                   "reverse": f"reverse mode needs fewer passes here ({m} < {n})",
                   "equal": "both need the same number of passes here"}[c["cheaper"]]
    out.c.print(Text(f"Cost: n = {n} input{'s' if n != 1 else ''} vs m = {m} output{'s' if m != 1 else ''}: "
                     f"{fwd}; {rev}: {verdict}"))
