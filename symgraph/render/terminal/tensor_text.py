"""The plain-text trace of a tensor grad (--format plain and rich, str(report)). Forward values, then the
backward section with every VJP rule, its shapes and values;
small arrays in full, big ones summarized. It formats a finished report and computes nothing."""
from __future__ import annotations

import numpy as np

from symgraph.tensor.report import FIRST_ENTRIES, FULL_ENTRIES, norm2


def fmt_array(value, digits: int) -> str:
    a = np.asarray(value, dtype=float) + 0.0          # + 0.0: no "-0." in the trace
    if a.ndim == 0:
        return f"{float(a):.{digits}g}"
    if a.size <= FULL_ENTRIES:
        return np.array2string(a, precision=digits, separator=", ", floatmode="maxprec",
                               max_line_width=10_000).replace("\n", "")
    first = ", ".join(f"{x:.{digits}g}" for x in a.ravel()[:FIRST_ENTRIES])
    return (f"shape {a.shape}, min {a.min():.{digits}g}, max {a.max():.{digits}g}, "
            f"norm {norm2(a):.{digits}g}, first [{first}, ...]")


def contribution_text(value, digits: int) -> str:
    """A contribution as the report holds it: nested lists, or the summary of a big array."""
    if not isinstance(value, dict):
        return fmt_array(value, digits)
    s = value["summary"]
    first = ", ".join(f"{x:.{digits}g}" for x in s["first"])
    return (f"shape {tuple(s['shape'])}, min {s['min']:.{digits}g}, max {s['max']:.{digits}g}, "
            f"norm {s['norm']:.{digits}g}, first [{first}, ...]")


def _shape(shape) -> str:
    return "scalar" if not shape else "×".join(str(n) for n in shape)


def render_text(report, digits: int = 6, trace: bool = True) -> str:
    g = report.graph
    program = "; ".join(line.strip() for line in report.source.splitlines()
                        if line.strip() and not line.strip().startswith("#"))
    lines = [f"tensor program: {program}", ""]
    if trace:
        lines.append("forward pass (primal values)")
        for i, node in enumerate(g.nodes):
            what = node.op if node.op in ("input", "const") else (
                f"{node.op}({', '.join(g.node_name(a) for a in node.args)})")
            params = "".join(f", {k}={v}" for k, v in node.params if k != "idx")
            lines.append(f"  {g.node_name(i)} [{_shape(node.shape)}] = {what}{params}: "
                         f"{fmt_array(report.primals[i], digits)}")
        if report.tangents is not None:
            lines += ["", "forward mode along the direction u (tangents, by the JVP rows; 0 where nothing flows)"]
            for i, node in enumerate(g.nodes):
                t = report.tangents[i]
                lines.append(f"  tan({g.node_name(i)}) [{_shape(node.shape)}] = "
                             f"{fmt_array(np.zeros(node.shape) if t is None else t, digits)}")
        if report.adjoints is not None:
            lines += ["", f"backward pass (reverse mode: adjoints, seed adj({report.output}) = 1)"]
            rows = report.rows()
            for row in reversed(rows):
                if row["adjoint"] is None or "vjp" not in row:
                    continue
                lines.append(f"  adj({row['name']}) [{_shape(row['shape'])}] = "
                             f"{fmt_array(report.adjoints[row['id']], digits)}")
                for k, rule in enumerate(row["vjp"]):
                    if report.adjoints[g.nodes[row["id"]].args[k]] is None:
                        continue
                    shapes = ", ".join(f"{n} {_shape(s)}" for n, s in rule["shapes"].items())
                    sent = "" if report.adjoints[g.nodes[row["id"]].args[k]] is None or rule.get("value") is None \
                        else f": {contribution_text(rule['value'], digits)}"
                    lines.append(f"    {rule['rule']}    [{shapes}]{sent}")
            for row in rows:
                if row["op"] == "input" and row.get("contributions", 0) > 1:
                    lines.append(f"  adj({row['name']}) [{_shape(row['shape'])}] = "
                                 f"{fmt_array(report.adjoints[row['id']], digits)}    "
                                 f"(the sum of its {row['contributions']} contributions)")
        lines.append("")
    lines.append(f"value: {report.output} = {fmt_array(report.primals[g.output], digits)}")
    lines.append("gradient:")
    for name, grad in (report.gradient or {}).items():
        lines.append(f"  d{report.output}/d{name} [{_shape(np.shape(grad))}] = {fmt_array(grad, digits)}")
    if report.checks:
        lines.append("checks:")
        for c in report.checks:
            err = "" if c.max_abs_error is None else f" (max abs error {c.max_abs_error:.2g})"
            lines.append(f"  {c.status:<14} {c.name}: {c.lhs} vs {c.rhs}{err}")
    lines += footer_lines(report, digits)
    return "\n".join(lines) + "\n"


def footer_lines(report, digits: int) -> list:
    """The lines after the checks: the direction of forward mode, the checks skipped, the warnings."""
    lines = []
    if report.direction is not None and report.directional is not None:
        how = "given by --direction" if report.direction.get("given") else \
            f"random unit direction, seed {report.direction.get('seed')}"
        if "length" in report.direction:
            how += f", scaled to unit length (its length was {report.direction['length']:.{digits}g})"
        lines.append(f"direction u: {how}; u·∇f by {report.direction.get('by', 'forward mode')} = "
                     f"{report.directional:.{digits}g}")
    for skip in report.check_plan.get("skipped", []):
        if skip["status"] == "skipped" and not any(c.name == skip["name"] for c in report.checks):
            lines.append(f"skipped: {skip['name']}: {skip['reason']}")
    return lines + [f"warning: {w}" for w in report.warnings]
