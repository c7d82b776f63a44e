"""The HTML step-through of a tensor program (``symgraph grad ... --format html`` on arrays): the circuit with
shapes and VJP rules, then the stepper: the forward pass node by node (values), the seed, and the backward
pass edge by edge, each step one vector-Jacobian product rule with its shapes; an adjoint appears when its
last contribution has arrived. Same template, CSS and script as the scalar page (``html.page``).

Every number comes from the finished ``TensorGradReport`` (its graph rows: small arrays in full, big ones
summarized); this module only formats them into steps.
"""
from __future__ import annotations

from symgraph.safe_text import html_text as escape

from symgraph.errors import LimitError
from symgraph.render.common.arrays import array_text, shape_text
from symgraph.render.diagram.svg import MAX_SVG_NODES, render_svg
from symgraph.render.diagram.tensor_model import program_line, tensor_diagram
from symgraph.render.web.html import num, page, results_html
from symgraph.tensor.report import shown

LEGEND = ('<p class="legend"><span class="val">green: value</span> <span class="loc">blue: vector-Jacobian '
          'product rule</span> <span class="grad">red: adjoint (gradient)</span></p>')


def cell(value) -> str:
    """A value as a table cell writes it: 6 significant digits, big arrays summarized."""
    return array_text(value, num)


def tensor_circuit(report) -> tuple:
    """(the diagram, svg text without the XML declaration or None, why there is no svg)."""
    diagram = tensor_diagram(report)
    try:
        return diagram, render_svg(diagram).split("\n", 1)[1], ""
    except LimitError:
        return diagram, None, (f"No circuit: the graph has {len(report.graph.nodes):,} nodes, and a picture of more "
                               f"than {MAX_SVG_NODES} is an unreadable tangle. The table steps through the same "
                               "passes.")


def computes(row: dict) -> str:
    if row["op"] in ("input", "const"):
        return "input" if row["op"] == "input" else "constant"
    params = "".join(f", {k}={v}" for k, v in row["params"].items() if k != "idx")
    return f"{row['label']}({', '.join(row['args'])}{params})" if row["label"] not in ("+", "-", "*", "/", "@") \
        or len(row["args"]) != 2 else f"{row['args'][0]} {row['label']} {row['args'][1]}"


def rule_line(rule: dict) -> str:
    """``adj(W) += X.T @ adj(v2)   [X 5×4, W 4×3, v2 5×3]``"""
    shapes = ", ".join(f"{n} {shape_text(s)}" for n, s in rule["shapes"].items())
    return f"{rule['rule']}   [{shapes}]"


def tensor_steps(report, rows: list, diagram) -> tuple:
    """(forward steps, backward steps) in the stepper's format [edge, node id, text, updates]; an update is
    [field, node id, svg before, svg after, cell before, cell after] (v value, l VJP rules, g adjoint)."""
    forward = []
    for r, d in zip(rows, diagram.nodes):
        what = computes(r)
        text = f"forward: {r['name']} [{shape_text(r['shape'])}] = " + (
            f"{what} = {cell(r['primal'])}" if r["args"] else f"{cell(r['primal'])} ({what})")
        forward.append([None, r["id"], text, [["v", r["id"], "", d.value or "", "", cell(r["primal"])]]])
    if report.adjoints is None:
        return forward, []
    out = report.graph.output
    backward = [[None, out, f"backward: adj({rows[out]['name']}) = 1 (the seed)",
                 [["g", out, "", diagram.nodes[out].grad or "", "", cell(rows[out]["adjoint"])]]]]
    edges = [(v, slot, a) for v in reversed(range(len(rows))) for slot, a in enumerate(report.graph.nodes[v].args)
             if "vjp" in rows[v] and rows[v]["vjp"][slot]["contributes"] and rows[a]["adjoint"] is not None
             and rows[v]["adjoint"] is not None]
    last = {a: k for k, (_, _, a) in enumerate(edges)}     # the step after which adj(a) is complete
    ruled = set()
    for k, (v, slot, a) in enumerate(edges):
        rv, ra = rows[v], rows[a]
        rule = rv["vjp"][slot]
        updates = []
        if v not in ruled:          # node v's rules appear in the table with its first backward step
            ruled.add(v)
            updates.append(["l", v, "", "", "", "\n".join(rule_line(x) for x in rv["vjp"] if x["contributes"])])
        text = f"backward: {rule_line(rule)}"
        if last[a] == k:
            text += f"; adj({ra['name']}) = {cell(ra['adjoint'])}"
            updates.append(["g", a, "", diagram.nodes[a].grad or "", "", cell(ra["adjoint"])])
        else:
            text += f"; more contributions to adj({ra['name']}) follow"
        backward.append([f"{ra['name']}->{rv['name']}", a, text, updates])
    return forward, backward


def node_table(rows: list) -> str:
    body = "".join(f'<tr data-id="{r["id"]}"><td class="name">{escape(r["name"])} '
                   f'<span class="dim">{escape(shape_text(r["shape"]))}</span></td><td class="value"></td>'
                   f'<td class="adjoint"></td><td class="computes">{escape(computes(r))}</td>'
                   f'<td class="local"></td></tr>' for r in rows)
    return ('<table id="table"><thead><tr><th>node</th><th>value</th><th>adjoint</th><th>computes</th>'
            f'<th>VJP rules</th></tr></thead><tbody>{body}</tbody></table>')


def results(report) -> str:
    """The results and checks, as the scalar page shows them (arrays written by ``cell``)."""
    checks = [{"status": c.status, "name": c.name, "lhs": c.lhs, "rhs": c.rhs, "note": c.note, "ok": c.ok}
              for c in report.checks]
    return results_html({"output": report.output, "value": cell(shown(report.primals[report.graph.output])),
                         "gradient": {f"{k} [{shape_text(v.shape)}]": cell(shown(v))
                                      for k, v in (report.gradient or {}).items()},
                         "checks": checks, "ok": report.ok, "warnings": report.warnings})


def header(report, diagram) -> str:
    at = ", ".join(f"{k} = {v}" for k, v in diagram.at.items())
    return (f'<pre class="expr">{escape(program_line(report.source))}</pre>'
            + (f'<p class="at">at {escape(at)}</p>' if at else ""))


def tensor_page(report) -> str:
    """``TensorGradReport.to_html()``: one self-contained page that works from ``file://``."""
    rows = report.rows()
    diagram, svg, why = tensor_circuit(report)
    forward, backward = tensor_steps(report, rows, diagram)
    note = "" if backward else "<p class=\"note\">The backward pass was not run (mode forward): only the " \
                               "forward pass is shown.</p>"
    return page("symgraph: backpropagation of " + report.output, header(report, diagram) + note + LEGEND, svg, why,
                node_table(rows), results(report),
                {"steps": forward + backward, "start": 0,
                 "intro": "Press Next or → to run the forward pass node by node, then the backward pass edge by "
                          "edge, one vector-Jacobian product rule per step."})
