"""The tensor trace with rich tables (``grad --format rich`` on a terminal): the forward pass, the backward
pass with every VJP rule and its shapes, the gradient and the checks, as the scalar trace lays them out
(values green, adjoints red). A pipe and ``--format plain`` keep tensor_text's line layout. Computes
nothing: every number comes from the report."""
from __future__ import annotations

from rich.text import Text

from symgraph.safe_text import cell
from symgraph.render.terminal.tensor_text import contribution_text, fmt_array, footer_lines
from symgraph.render.terminal.trace import DIM, GRAD, VALUE, TraceOut


def _shape(shape) -> str:
    return "scalar" if not shape else "×".join(str(n) for n in shape)


def render_rich(report, console, digits: int = 6, trace: bool = True) -> None:
    out = TraceOut(console, digits, plain=False)
    g = report.graph
    program = "; ".join(line.strip() for line in report.source.splitlines()
                        if line.strip() and not line.strip().startswith("#"))
    console.print(Text(f"tensor program: {cell(program)}", style="bold"))
    if trace:
        t = out.table("Forward pass: the value (primal) of every node", "node", "shape", "computes", "value")
        for i, node in enumerate(g.nodes):
            what = node.op if node.op in ("input", "const") else (
                f"{node.op}({', '.join(g.node_name(a) for a in node.args)})")
            what += "".join(f", {k}={v}" for k, v in node.params if k != "idx")
            t.add_row(g.node_name(i), _shape(node.shape), what, Text(fmt_array(report.primals[i], digits), VALUE))
        console.print(t)
        if report.tangents is not None:
            t = out.table("Forward mode along the direction u: every node's tangent (by the JVP rows)", "tangent",
                          "shape", "value")
            for i, node in enumerate(g.nodes):
                tan = report.tangents[i]
                t.add_row(f"tan({g.node_name(i)})", _shape(node.shape),
                          Text(fmt_array(0.0 * report.primals[i] if tan is None else tan, digits), VALUE))
            console.print(t)
        if report.adjoints is not None:
            t = out.table(f"Backward pass: adjoints (reverse mode, seed adj({report.output}) = 1) and the VJP "
                          "rule on every edge", "adjoint", "shape", "value", "passed on by")
            for row in reversed(report.rows()):
                if row["adjoint"] is None or "vjp" not in row:
                    continue
                rules = [f"{r['rule']}  [{', '.join(f'{n} {_shape(s)}' for n, s in r['shapes'].items())}]"
                         + ("" if r.get("value") is None else f": {contribution_text(r['value'], digits)}")
                         for k, r in enumerate(row["vjp"])
                         if report.adjoints[g.nodes[row["id"]].args[k]] is not None]
                t.add_row(f"adj({row['name']})", _shape(row["shape"]),
                          Text(fmt_array(report.adjoints[row["id"]], digits), GRAD), Text("\n".join(rules), DIM))
            console.print(t)
    t = out.table("Result", "", "shape", "value")
    t.add_row(report.output, _shape(g.nodes[g.output].shape), Text(fmt_array(report.primals[g.output], digits), VALUE))
    for name, grad in (report.gradient or {}).items():
        t.add_row(f"d{report.output}/d{name}", _shape(grad.shape), Text(fmt_array(grad, digits), GRAD))
    console.print(t)
    if report.checks:
        t = out.table("Checks: the left side is the graph, the right side the independent reference",
                      "", "check", "max abs err")
        for c in report.checks:
            mark = Text("✓ ok" if c.status == "ok" else c.status, style="green" if c.status == "ok" else "red")
            t.add_row(mark, Text(c.name, style="bold"), "-" if c.max_abs_error is None else f"{c.max_abs_error:.2g}")
        console.print(t)
        out.aside(*[f"{c.name}: {c.lhs} vs {c.rhs}" for c in report.checks])
    for line in footer_lines(report, digits):
        if line.startswith("warning: "):
            console.print(Text(line, style="yellow"))
        else:
            out.aside(line)
