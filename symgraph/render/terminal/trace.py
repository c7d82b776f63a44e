"""The step-by-step trace of ``grad`` for the terminal: rich colours, or plain text.

Forward values are green and gradients red, as in the seed's circuit. Every number comes from the
report; this module only lays it out. Without colour (``--format plain`` or a pipe) every section is
still labelled, so nothing depends on colour to be read.
"""
from __future__ import annotations

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from symgraph.render.common.numbers import factor, fmt  # noqa: F401 (shared with the other renderers)
from symgraph.report import GradReport

VALUE, GRAD, DIM = "green", "red", "dim"
RESULT_ROWS = 40    # inputs listed in the results table unless --full-trace
INTERNAL_CHECKS = ("forward vs reverse", "dot product: forward vs reverse")
DERIVATIVE_CHARS = 48    # the SymPy derivative column, unless --full-trace (JSON always has it in full)


class TraceOut:
    def __init__(self, console: Console, digits: int, plain: bool):
        self.c, self.d, self.plain = console, digits, plain
        self.box = box.ASCII2 if plain else box.SIMPLE_HEAD
        self.full = False
        self.brief = False        # --no-trace: results and checks only, without each check's tolerance

    def table(self, title: str, *columns: str) -> Table:
        if title:
            self.heading(title)
        t = Table(box=self.box, show_edge=False, pad_edge=False)
        for col in columns:
            t.add_column(col, overflow="fold")
        return t

    def num(self, x, style: str) -> Text:
        return Text(fmt(x, self.d), style=style)

    def aside(self, *lines) -> None:
        """Indented lines (str: dim; Text: its own style) that wrap under their own indent."""
        for line in lines:            # a grid per line: padded to its own width, no trailing blanks
            grid = Table.grid(padding=(0, 1))
            grid.add_column(width=1)
            grid.add_column(style=DIM, overflow="fold")
            grid.add_row("", line)
            self.c.print(grid)

    def heading(self, text: str) -> None:
        self.c.print()
        self.c.print(Text(text, style="bold underline"))


def render_trace(report: GradReport, console: Console, digits: int = 6, plain: bool = False,
                 show_trace: bool = True, full: bool = False) -> None:
    out = TraceOut(console, digits, plain)
    out.full, out.brief = full, not show_trace
    if show_trace and report.trace is not None:
        _reading(out, report)
        forward_pass_section(out, report)
        edges_section(out, report)
        forward_mode_section(out, report)
        backward_section(out, report)
    _results(out, report)
    checks_section(out, report)
    _cost(out, report)
    warnings_section(out, report)


def _reading(out: TraceOut, r: GradReport) -> None:
    out.heading("(a) How the input was read")
    limit = r.trace.get("list_limit")           # None: everything (a small graph, or --full-trace)
    last = len(r.statements) - 1
    for k, (name, text) in enumerate(r.statements[:limit]):
        short = text if limit is None or len(text) <= 4 * limit else text[:4 * limit] + " ..."
        node = r.statement_nodes[k] if k < len(r.statement_nodes) else None
        out.c.print(Text(_statement(name, short, r.output if k == last else None, node)))
    if limit is not None and len(r.statements) > limit:
        out.c.print(Text(f"  ... {len(r.statements) - limit} more statements; {r.trace['hint']}", style=DIM))
    if r.read_as and "".join(r.read_as.split()) != "".join(r.expression.split()):   # implicit products, LaTeX, sin^2(x), ...
        shown = r.read_as if limit is None or len(r.read_as) <= 8 * limit else r.read_as[:8 * limit] + " ..."
        out.c.print(Text(f"  read as: {shown}"))
    for text in r.notes[:limit] if limit is not None else r.notes:     # readings another reader could take
        out.c.print(Text(f"  note: {text}"))
    at = _few([f"{k} = {r.at_text.get(k, fmt(v, out.d))}" for k, v in r.at.items()], limit)
    out.c.print(Text(f"  inputs: {_few(r.inputs, limit) or 'none'}; output: {r.output}; point: {at or 'none'}"))
    named = [name + (f" (also {', '.join(also)})" if also else "") for name, also in r.trace["named_steps"]]
    auto = r.trace["unnamed_steps"]
    out.c.print(Text(f"  graph: {r.trace['total_nodes']} nodes in topological order; named steps: "
                     f"{_few(named, limit) or 'none'}"
                     + (f"; unnamed steps are {', '.join(auto)}{', ...' if len(auto) > 1 else ''}" if auto else "")))


def _statement(name, text: str, output, node=None) -> str:
    """A statement as it was read: an unnamed one keeps its own generated name (the last is the output;
    an earlier one is an unused value), never another statement's name."""
    if name:
        return f"  {name} = {text}"
    if output:
        return f"  {output} = {text}   (unnamed: the output)"
    if node:
        return f"  {node} = {text}   (unnamed, not the output: computed, then unused)"
    return f"  {text}   (unnamed, not the output: computed, then unused)"


def _few(items: list, limit) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f", ... ({len(items) - limit} more)" if limit is not None and len(items) > limit else "")


def forward_pass_section(out: TraceOut, r: GradReport) -> None:
    t = out.table("(b) Forward pass: the value (primal) of every node", "node", "op", "computes", "value")
    for row in r.trace["forward_pass"]:
        op = row["expr"] if row["expr"] in ("input", "constant") else row["op"]
        t.add_row(row["node"], op, "" if op == row["expr"] else row["expr"],
                  out.num(row["value"], VALUE) + _exact(r, row["node"]))
    out.c.print(t)
    _more(out, r)


def edges_section(out: TraceOut, r: GradReport) -> None:
    t = out.table("(c) Local partial derivatives on each edge", "edge", "local partial", "symbolic", "value")
    for e in r.trace["edges"]:
        t.add_row(f"{e['from']} -> {e['to']}", f"d{e['to']}/d{e['from']}", e["symbolic"] or "-",
                  out.num(e["value"], "") + _exact(r, e["to"], e["from"]))
    out.c.print(t)


def _exact(r: GradReport, node: str, source: str | None = None) -> Text:
    """--exact: `` = sqrt(2)/2`` after a value (a node's, or the local partial on the edge from source)."""
    if not r.exact:             # without --exact the graph rows are not needed (GradReport.graph is lazy)
        return Text("")
    from symgraph.steps.exact import lookup

    text = lookup(r.exact, r.graph, node, source)
    return Text(f" = {text}", style=DIM) if text else Text("")


def _exact_gradient(r: GradReport, var: str) -> Text:
    text = (r.exact or {}).get("gradient", {}).get(var)
    return Text(f" = {text}", style=DIM) if text and not text.lstrip("-").isdigit() else Text("")


def forward_mode_section(out: TraceOut, r: GradReport) -> None:
    for var, rows in r.trace["forward_mode"].items():
        t = out.table(f"(d) Forward mode for {var}: tangent dv/d{var} = sum over in-edges of "
                      f"(local partial)·(input's tangent); d{var}/d{var} = 1", "node", "sum over in-edges",
                      f"d(node)/d{var}")
        for row in rows:
            terms = " + ".join(f"{factor(d, out.d)}·{factor(tin, out.d)}" for _, d, tin in row["terms"])
            t.add_row(row["node"], terms, out.num(row["tangent"], GRAD))
        out.c.print(t)
    if r.forward is not None and len(r.wrt) > len(r.trace["forward_mode"]):
        out.c.print(Text(f"  (forward mode shown for the first {len(r.trace['forward_mode'])} of {len(r.wrt)} "
                         "inputs; --full-trace shows them all)", style=DIM))


def backward_section(out: TraceOut, r: GradReport) -> None:
    if not r.trace["backward"]:
        return
    t = out.table(f"(e) Backward pass: adjoint(u) += adjoint(v)·dv/du, in reverse topological order; "
                  f"adjoint({r.output}) = 1", "step", "update", "adjoint(u) before + adjoint(v)·dv/du", "adjoint(u) after")
    for k, s in enumerate(r.trace["backward"], 1):
        t.add_row(str(k), f"adj({s['to']}) += adj({s['from']})·d{s['from']}/d{s['to']}",
                  Text(f"{fmt(s['before'], out.d)} + {factor(s['adjoint_from'], out.d)}·{factor(s['local'], out.d)}"),
                  out.num(s["after"], GRAD))
    out.c.print(t)
    if r.trace.get("backward_total", 0) > len(r.trace["backward"]):
        out.c.print(Text(f"  ... {r.trace['backward_total'] - len(r.trace['backward'])} more steps "
                         "(--full-trace shows every step; --format json has every adjoint)", style=DIM))


def _more(out: TraceOut, r: GradReport) -> None:
    hidden = r.trace["total_nodes"] - r.trace["shown_nodes"]
    if hidden > 0:
        out.c.print(Text(f"  ... {hidden} more nodes not shown; --full-trace shows every row, --format json "
                         "lists every node", style=DIM))


def _mark(ok) -> Text:
    if ok is None:
        return Text("~", style="yellow")
    return Text("✓", style="bold green") if ok else Text("✗", style="bold red")


def _results(out: TraceOut, r: GradReport) -> None:
    out.heading(f"(f) Results at the point: {r.output} = {fmt(r.value, out.d)}")
    t = out.table("", "input", f"d{r.output}/dx ({'forward' if r.mode == 'forward' else 'reverse'})", "forward",
                  "SymPy derivative", "SymPy value", "checks")
    verdicts = {}
    for var in r.wrt:
        marks = {c.name: _variable_mark(c, var) for c in r.checks if var in c.per_variable or not c.per_variable}
        independent = [m for name, m in marks.items() if name not in INTERNAL_CHECKS]
        # ✗ if any check disagrees; ✓ only if an independent reference (SymPy, complex step, finite
        # differences) agreed: forward vs reverse share the local partials, so alone they prove less.
        verdicts[var] = False if False in marks.values() else (True if True in independent else None)
    shown = r.wrt
    if not out.full and len(r.wrt) > RESULT_ROWS:     # disagreements first, then the first inputs
        wrong = [v for v in r.wrt if verdicts[v] is False][:RESULT_ROWS]
        shown = wrong + [v for v in r.wrt if verdicts[v] is not False][:RESULT_ROWS - len(wrong)]
    for var in shown:
        sym = r.symbolic.get(var, {})
        t.add_row(var, out.num(r.gradient[var], GRAD) + _exact_gradient(r, var),
                  out.num(r.forward[var], GRAD) if r.forward else Text("-"),
                  _compact(sym.get("derivative", "-"), out.full),
                  out.num(sym["value"], "") if sym else Text("-"),
                  _mark(verdicts[var]))
    out.c.print(t)
    if not out.full and any(len(r.symbolic.get(v, {}).get("derivative", "")) > DERIVATIVE_CHARS for v in shown):
        out.aside(f"long SymPy derivatives are shortened to {DERIVATIVE_CHARS} characters; --format json has "
                  "each in full (symbolic.NAME.derivative), as does --full-trace")
    if len(shown) < len(r.wrt):
        out.c.print(Text(f"  ... {len(r.wrt) - len(shown)} more inputs not shown (--full-trace lists them all; "
                         "--format json has every value)", style=DIM))


def _compact(text: str, full: bool) -> str:
    """A long SymPy derivative cut at a term boundary where possible, so the table stays readable."""
    if full or len(text) <= DERIVATIVE_CHARS:
        return text
    cut = text[:DERIVATIVE_CHARS]
    at = max(cut.rfind(" + "), cut.rfind(" - "))
    return (cut[:at] if at > DERIVATIVE_CHARS // 2 else cut) + " ..."


def _variable_mark(check, var: str):
    """✓/✗ for one variable in one check; None (shown as ~) when skipped or not comparable."""
    if check.ok is None:
        return None
    row = check.per_variable.get(var)
    return row["ok"] if row else check.ok


def checks_section(out: TraceOut, r: GradReport) -> None:
    """One row per check (it fits 80 columns); what each side is, its tolerance and each note, once,
    in an indented list below the table."""
    t = out.table("Checks: the left side is the graph, the right side the independent reference",
                  "", "check", "max abs err", "max rel err")
    for c in r.checks:
        t.add_row(Text.assemble(_mark(c.ok), " ", c.status), Text(c.name, style="bold"),
                  fmt(c.max_abs_error, 3) if c.max_abs_error is not None else "-",
                  fmt(c.max_rel_error, 3) if c.max_rel_error is not None else "-")
    out.c.print(t)
    tols = {c.name: f"; passes when |left-right| <= {c.atol:g} + {c.rtol:g}·|right|" if c.atol is not None else ""
            for c in r.checks}
    out.aside(*[f"{c.name}: {c.lhs} vs {c.rhs}{tols[c.name]}" for c in r.checks if not out.brief],
              *[Text(f"note ({', '.join(names)}): {note}", style="yellow")
                for note, names in _grouped_notes(r.checks).items()])
    out.c.print(_verdict(r))


def _grouped_notes(checks) -> dict:
    """Each distinct note once, with the checks it belongs to."""
    notes: dict = {}
    for c in checks:
        if c.note:
            notes.setdefault(c.note, []).append(c.name)
    return notes


def _verdict(r: GradReport) -> Text:
    if not r.ok:
        bad = ", ".join(c.name for c in r.checks if c.status == "mismatch")
        return Text.assemble("Verdict: ", (f"a check disagrees ✗ ({bad})", "bold red"))
    aside = [f"{sum(c.status == s for c in r.checks)} {s}" for s in ("not comparable", "skipped")
             if any(c.status == s for c in r.checks)]
    compared = sum(c.ok is True for c in r.checks)
    agree = "the one compared check agrees" if compared == 1 else f"all {compared} compared checks agree"
    return Text.assemble("Verdict: ", (f"{agree} ✓", "bold green"),
                         f" ({', '.join(aside)}; see the notes above)" if aside else "")


def _cost(out: TraceOut, r: GradReport) -> None:
    f, b = r.cost.get("forward"), r.cost.get("reverse")
    parts = []
    if f:
        would = "would need " if f.get("skipped") else ""
        parts.append(f"forward mode {would}{f['passes']:,} pass{'es' if f['passes'] != 1 else ''} (one per input), "
                     f"{_count(f['multiplications'], 'multiplication')}{' (skipped)' if would else ''}")
    if b:
        parts.append(f"reverse mode {b['passes']} pass, {_count(b['multiplications'], 'multiplication')}")
    paths = r.cost["paths"]
    parts.append(_count(paths, "input-to-output path") if isinstance(paths, int)
                 else f"{paths} input-to-output paths")
    out.c.print(Text(f"(g) Cost: {'; '.join(parts)} ({_count(r.cost['nodes'], 'node')}, "
                     f"{_count(r.cost['edges'], 'edge')})"))


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}{'' if n == 1 else 's'}"


def warnings_section(out: TraceOut, r: GradReport) -> None:
    for w in r.warnings:
        out.c.print(Text(f"warning: {w}", style="yellow"))
