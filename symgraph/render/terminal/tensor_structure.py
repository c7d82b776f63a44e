"""Plain text of a structure-only tensor trace (``grad --shapes`` without values): every node with its
shape, then the backward pass's VJP rules with their shapes. Computes nothing."""
from __future__ import annotations

from symgraph.safe_text import cell


def _shape(shape) -> str:
    return "scalar" if not shape else "×".join(str(n) for n in shape)


def render_text(report) -> str:
    program = "; ".join(line.strip() for line in report.source.splitlines()
                        if line.strip() and not line.strip().startswith("#"))
    lines = [f"tensor program: {cell(program)}", "structure only: shapes and rules, no values "
             "(give values in --at for the numbers and the checks)", "", "forward pass (shapes)"]
    for node in report.nodes:
        what = node["op"] if not node["args"] else f"{node['op']}({', '.join(node['args'])})"
        params = "".join(f", {k}={v}" for k, v in node["params"].items() if k != "idx")
        lines.append(f"  {node['name']} [{_shape(node['shape'])}] = {what}{params}")
    lines += ["", f"backward pass (the VJP rule on every edge, seed adj({report.output}) = 1)"]
    for node in reversed(report.nodes):
        for rule in node.get("vjp", []):
            shapes = ", ".join(f"{n} {_shape(s)}" for n, s in rule["shapes"].items())
            lines.append(f"  {rule['rule']}    [{shapes}]")
    return "\n".join(lines) + "\n"
