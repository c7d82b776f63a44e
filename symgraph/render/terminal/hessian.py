"""The trace of ``hessian`` for the terminal: the forward-over-reverse sweeps, the matrix, its symmetry, the
eigenvalues and the second-derivative test, the checks and the cost. Every number comes from the report."""
from __future__ import annotations

from rich.console import Console
from rich.text import Text

from symgraph.higher.hessian_report import HessianReport
from symgraph.render.common.numbers import fmt
from symgraph.render.terminal.trace import DIM, GRAD, VALUE, TraceOut, checks_section, warnings_section

MATRIX_LIMIT = 12     # rows and columns of the matrix shown unless --full-trace (JSON has every entry)


def render_hessian(report: HessianReport, console: Console, digits: int = 6, plain: bool = False,
                   show_trace: bool = True, full: bool = False) -> None:
    out = TraceOut(console, digits, plain)
    out.full, out.brief = full, not show_trace
    out.heading(f"Hessian of {report.output} = {fmt(report.value, digits)} at "
                + ", ".join(f"{k} = {report.at_text.get(k, fmt(v, digits))}" for k, v in report.at.items()))
    if show_trace and report.sweep:
        _sweeps(out, report)
    elif show_trace and report.wrt and report.sweep is None:
        out.c.print(Text("  (the sweep tables are shown for graphs up to 400 nodes; --full-trace shows them)",
                         style=DIM))
    _matrix(out, report)
    _definiteness(out, report)
    checks_section(out, report)
    _cost(out, report)
    warnings_section(out, report)


def _sweeps(out: TraceOut, r: HessianReport) -> None:
    for var, rows in r.sweep.items():
        t = out.table(f"Forward-over-reverse along {var}: value tangents v̇ = dv/d{var} (forward), adjoints "
                      f"a = d{r.output}/dv (reverse), adjoint tangents ȧ = d(a)/d{var}; "
                      f"ȧ(u) += ȧ(v)·dv/du + a(v)·Σ d²v/du du'·u̇'",
                      "node", "computes", "value", f"v̇ (d/d{var})", "adjoint a", "ȧ (adjoint tangent)")
        for row in rows:
            t.add_row(row["node"], row["computes"], out.num(row["value"], VALUE), out.num(row["tangent"], ""),
                      out.num(row["adjoint"], GRAD), out.num(row["adjoint_tangent"], GRAD))
        out.c.print(t)
        out.c.print(Text(f"  column {var} of the Hessian = the adjoint tangents of the inputs", style=DIM))
    if len(r.sweep) < len(r.wrt):
        out.c.print(Text(f"  (sweeps shown for {len(r.sweep)} of {len(r.wrt)} directions; --full-trace shows all)",
                         style=DIM))


def _matrix(out: TraceOut, r: HessianReport) -> None:
    shown = r.wrt if out.full else r.wrt[:MATRIX_LIMIT]
    t = out.table(f"Hessian matrix H[i][j] = d²{r.output}/dx_i dx_j", "", *shown)
    for a in shown:
        t.add_row(a, *[out.num(r.hessian[a][b], GRAD) for b in shown])
    out.c.print(t)
    if len(shown) < len(r.wrt):
        out.c.print(Text(f"  ({len(shown)} of {len(r.wrt)} rows and columns; --full-trace or --format json "
                         "shows every entry)", style=DIM))
    sym = next((c for c in r.checks if c.name == "Hessian: symmetry"), None)
    if sym is not None:
        what = "symmetric" if sym.ok else ("not symmetric" if sym.ok is False else "one variable")
        err = f" (max |H[i][j] - H[j][i]| = {fmt(sym.max_abs_error, 3)})" if sym.max_abs_error is not None else ""
        out.c.print(Text(f"Symmetry: {what}{err}"))


def _definiteness(out: TraceOut, r: HessianReport) -> None:
    eig = ", ".join(fmt(x, out.d) for x in r.eigenvalues) or (
        "not computed (an entry is inf or nan)" if r.wrt else "none (no variables)")
    out.c.print(Text(f"Eigenvalues: {eig}"))
    cp = r.critical_point
    if cp["is_critical"]:
        out.c.print(Text.assemble("Critical point (∇f ≈ 0): ", (f"{cp['verdict']}", "bold"), f" — {cp['reason']}"))
    else:
        out.c.print(Text(f"Second-derivative test: {cp['reason']}"))
    out.c.print(Text(f"  rule: {cp['rule']}", style=DIM))


def _cost(out: TraceOut, r: HessianReport) -> None:
    c = r.cost
    ratio = c["ratio_multiplications"]
    out.c.print(Text(f"Cost: gradient 1 reverse pass, {c['gradient']['multiplications']:,} multiplications; Hessian "
                     f"{c['hessian']['passes']:,} forward-over-reverse sweeps (one per input), "
                     f"{c['hessian']['multiplications']:,} multiplications = {fmt(ratio, 3) if ratio else '-'} "
                     f"gradients for n = {c['inputs']} inputs (theory: O(n))"))
