"""Notebook display of a tensor program's report: one static HTML fragment (the circuit with shapes and VJP
rules, the forward pass, the backward pass rule by rule, results and checks) and the plain trace as the
fallback. No script; the same scoped style as the scalar bundle. Every number comes from the report."""
from __future__ import annotations

from html import escape

from symgraph.render.notebook.bundle import ROWS, circuit_html, wrap
from symgraph.render.web.tensor_page import LEGEND, header, results, tensor_circuit, tensor_steps


def _table(title: str, steps: list) -> str:
    shown = steps if len(steps) <= 400 else steps[:ROWS]
    body = "".join(f'<tr><td>{k}</td><td>{escape(step[2].split(": ", 1)[1])}</td></tr>'
                   for k, step in enumerate(shown, 1))
    more = "" if len(shown) == len(steps) else \
        f'<p class="dim">… {len(steps) - len(shown):,} more steps (report.to_html() steps through them)</p>'
    return f'<h3>{title}</h3><table><tbody>{body}</tbody></table>{more}'


def tensor_html(report) -> str:
    rows = report.rows()
    diagram, svg, why = tensor_circuit(report)
    forward, backward = tensor_steps(report, rows, diagram)
    parts = [header(report, diagram), LEGEND.replace("legend", "dim"), circuit_html(svg, why),
             _table("Forward pass: each node's value (green)", forward)]
    if backward:
        parts.append(_table(f"Backward pass: adj({escape(report.output)}) = 1, then each vector-Jacobian product "
                            "rule in reverse order; an adjoint (red) once its last contribution has arrived",
                            backward))
    parts.append(results(report))
    return wrap("".join(parts))


def tensor_mimebundle(report) -> dict:
    """``TensorGradReport._repr_mimebundle_``: the HTML fragment and the plain trace."""
    return {"text/plain": report.to_text(), "text/html": tensor_html(report)}
