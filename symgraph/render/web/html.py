"""The self-contained HTML step-through of a report: the circuit, a stepper and a table in step with it.

One file: the SVG, the CSS, the script and the steps (as JSON) are all inline, so the page works from
``file://`` with no network. Every number comes from the finished report (``to_dict()`` and its trace);
this module only formats them into steps. Each step is a list of updates that the script applies forward
(Next) or undoes (Previous), so stepping is O(1) whatever the graph's size.

Test contract (README): each SVG edge has ``data-edge="U->V"``; the current step's edge has class
``active``; ``#step-text`` holds the update's text; ``#step-index`` holds ``k/N``.
"""
from __future__ import annotations

import json
import re
from importlib import resources

from symgraph.errors import LimitError
from symgraph.safe_text import html_text as escape, json_text
from symgraph.render.diagram.model import build_diagram, fmt_number
from symgraph.render.diagram.svg import MAX_SVG_NODES, render_svg
from symgraph.render.common.numbers import factor
from symgraph.render.web.practice import forward_tangents, practice_items, tangent_input
from symgraph.render.web.sections import DIGITS, VERDICT, claims_html, final_html, mark, num, results_html



def _asset(name: str) -> str:
    return resources.files("symgraph.render.web").joinpath("assets", name).read_text(encoding="utf-8")


def circuit_svg(source: str, rows: dict, at_text: dict, marks: dict | None = None, note: str = "") -> tuple:
    """(svg text without the XML declaration, None) or (None, why there is no circuit)."""
    diagram = build_diagram(source, rows, at_text, show_local=bool(at_text))
    diagram.marks, diagram.note = dict(marks or {}), note
    try:
        svg = render_svg(diagram)
    except LimitError:
        return None, (f"No circuit: the graph has {len(rows['nodes']):,} nodes, and a picture of more than "
                      f"{MAX_SVG_NODES} is an unreadable tangle. The table steps through the same passes.")
    return svg.split("\n", 1)[1], None


def point_text(at_text: dict) -> str:
    return ", ".join(f"{k} = {v}" for k, v in at_text.items())


def computes(row: dict, names: list, written: dict) -> str:
    """What a node computes, in its inputs' names: the trace's text, else the gate and its inputs."""
    if not row["inputs"]:
        return "input" if row["op"] == "input" else "constant"
    return written.get(row["name"]) or gate_text(row["label"], [names[i] for i in row["inputs"]])


def gate_text(label: str, args: list) -> str:
    """A gate in its inputs' names when no written form is at hand (a check page): ``v1 + v2``, ``x1 * 2``,
    ``1/v7``, ``exp(v5)``, not ``+(v1, v2)`` or ``*2(x1)``."""
    if len(args) == 2 and label in ("+", "-", "*", "/", "^"):
        return f"{args[0]} {label} {args[1]}"
    if len(args) == 1 and label == "1/x":
        return f"1/{args[0]}"
    if len(args) == 1 and label[:1] in ("+", "-", "*", "/", "^") and len(label) > 1:
        return f"{args[0]} {label[0]} {label[1:]}"
    return f"{label}({', '.join(args)})"


def local_text(row: dict, names: list, sep: str = ", ") -> str:
    """``∂v1/∂w0 = x0 = -1``; a constant partial once: ``∂v3/∂v1 = 1``, not ``1 = 1``."""
    def one(p: dict) -> str:
        value, sym = num(p["value"]), p["symbolic"] or "?"
        formula = "" if sym == value else f"{sym} = "
        return f"∂{row['name']}/∂{names[p['input']]} = {formula}{value}"

    return sep.join(one(p) for p in row["local"])


def update_text(step: dict, out: str) -> str:
    """``df/dx1 += df/dv1·∂v1/∂x1 = -8 + 1·2 = -6``: adjoints with d, the local partial with ∂, as the seed."""
    u, v = step["to"], step["from"]
    return (f"d{out}/d{u} += d{out}/d{v}·∂{v}/∂{u} = {num(step['before'])} + {factor(step['adjoint_from'], DIGITS)}"
            f"·{factor(step['local'], DIGITS)} = {num(step['after'])}")


def grad_steps(data: dict, trace: dict | None) -> tuple:
    """(steps, note): the forward pass node by node, the seed, then each backward accumulation.

    A step is [edge or None, node id, text, updates]; an update is [field, node id, svg before, svg after,
    cell before, cell after] with field v (value), l (local partials) or g (adjoint)."""
    rows = data["graph"]["nodes"]
    names = [r["name"] for r in rows]
    steps = forward_steps(rows, written_as(trace), forward_tangents(data, trace))
    backward = (trace or {}).get("backward") or []
    if trace is None or rows[0].get("adjoint") is None:
        return steps, "The backward pass was not run (mode forward, or no trace): only the forward pass is shown."
    out = data["graph"]["output"]
    steps.append([None, out, f"backward: d{names[out]}/d{names[out]} = 1 (the seed)",
                  [["g", out, "", fmt_number(1.0), "", "1"]]])
    ids = {name: i for i, name in enumerate(names)}
    shown = {out: 1.0}
    for s in backward:
        u = ids[s["to"]]
        before = shown.get(u)
        steps.append([f"{s['to']}->{s['from']}", u, "backward: " + update_text(s, names[out]),
                      [["g", u, "" if before is None else fmt_number(before), fmt_number(s["after"]),
                        "" if before is None else num(before), num(s["after"])]]])
        shown[u] = s["after"]
    note = ""
    if trace.get("backward_total", 0) > len(backward):
        note = (f"The stepper shows the first {len(backward):,} of {trace['backward_total']:,} backward steps: "
                f"the trace is summarized for {trace['total_nodes']:,} nodes (symgraph grad --full-trace has "
                "every step), so the adjoints of the nodes not reached stay blank or partial.")
    return steps, note


def written_as(trace: dict | None) -> dict:
    """node name -> what it computes as written in its inputs' names (``w0 * x0``), from the trace."""
    return {r["node"]: r["expr"] for r in (trace or {}).get("forward_pass", [])}


def forward_steps(rows: list, written: dict, tangents: dict | None = None) -> list:
    """One step per node in topological order: its value (green), its local partials and (forward mode,
    ``tangents``: {node id: (tangent, pieces)}) its tangent appear."""
    if rows and rows[0]["value"] is None:
        return []                                   # structure only: no point, no values
    names = [r["name"] for r in rows]
    steps = []
    for r in rows:
        what = computes(r, names, written)
        text = f"{r['name']} = {what} = {num(r['value'])}" if r["inputs"] else f"{r['name']} = {num(r['value'])} ({what})"
        if r["local"]:
            text += f"; local partials: {local_text(r, names)}"
        steps.append([None, r["id"], "forward: " + text,
                      [["v", r["id"], "", fmt_number(r["value"]), "", num(r["value"])],
                       ["l", r["id"], "", "", "", local_text(r, names, "\n")]]
                      + ([["t", r["id"], "", "", "", num(tangents[r["id"]][0])]] if r["id"] in (tangents or {}) else [])])
    return steps


def node_table(rows: list, written: dict, head: str = "adjoint", along: str | None = None) -> str:
    """The table beside the circuit: one row per node; the stepper fills the value, local and adjoint cells
    (and with ``along``, the input forward mode's tangents are taken along, the tangent cells)."""
    names = [r["name"] for r in rows]
    tangent = '<td class="tangent"></td>' if along else ""
    body = "".join(f'<tr data-id="{r["id"]}"><td class="name">{escape(r["name"])}</td><td class="value"></td>{tangent}'
                   f'<td class="adjoint"></td><td class="computes">{escape(computes(r, names, written))}</td>'
                   f'<td class="local"></td></tr>' for r in rows)
    tangent_head = f"<th>tangent d·/d{escape(along)}</th>" if along else ""
    return (f'<table id="table"><thead><tr><th>node</th><th>value</th>{tangent_head}<th>{escape(head)}</th>'
            f'<th>computes</th><th>local partials</th></tr></thead><tbody>{body}</tbody></table>')


def page(title: str, header: str, svg: str | None, why: str, table: str, extra: str, payload: dict) -> str:
    """Fill the template: inline CSS, the circuit (or why there is none), the table and the script."""
    data = json_text(json.dumps(payload, allow_nan=False, ensure_ascii=False, separators=(",", ":")))
    data = data.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")  # no </script> inside
    circuit = svg if svg is not None else f'<p class="no-circuit">{escape(why)}</p>'
    width = re.match(r'<svg[^>]*? width="(\d+)"', svg or "")
    stage = f' style="--circuit-min: {int(0.8 * int(width.group(1)))}px"' if width else ""
    parts = {"TITLE": escape(title), "CSS": _asset("stepper.css"), "HEADER": header, "CIRCUIT": circuit,
             "STAGE": stage,
             "TABLE": table, "EXTRA": extra, "DATA": data, "JS": _asset("stepper.js")}
    # one pass over the template: the inserted values (user text among them) are never scanned again
    return _SLOT.sub(lambda m: parts[m.group(1)], _asset("page.html"))


_SLOT = re.compile(r"\{\{([A-Z]+)\}\}")


def header_html(expression: str, at_text: dict, note: str = "") -> str:
    return (f'<pre class="expr">{escape(expression.strip())}</pre>'
            + (f'<p class="at">at {escape(point_text(at_text))}</p>' if at_text else "")
            + (f'<p class="note">{escape(note)}</p>' if note else ""))


def grad_page(data: dict, trace: dict | None, practice: bool = False) -> str:
    """The step-through for a grad report: ``data`` is ``report.to_dict()``, ``trace`` its trace; ``practice``:
    the page opens in practice mode (the learner types each tangent and adjoint; a toggle in the page)."""
    at_text = data["at_text"]
    svg, why = circuit_svg(data["expression"], data["graph"], at_text)
    steps, note = grad_steps(data, trace)
    legend = ('<p class="legend"><span class="val">green: value</span> <span class="loc">blue: local partial'
              '</span> <span class="grad">red: adjoint (gradient)</span></p>')
    table = node_table(data["graph"]["nodes"], written_as(trace), along=tangent_input(data, trace) if steps else None)
    return page("symgraph: backpropagation of " + data["output"], header_html(data["expression"], at_text, note)
                + legend, svg, why, table, final_html(results_html(data)),
                {"steps": steps, "start": 0, "intro": "Press Next or → to run the forward pass node by node.",
                 "practice": practice, "items": practice_items(data, trace, steps)})


def check_diagram_marks(data: dict) -> tuple:
    """(node name, note) of check's first wrong step ringed in red, or (None, note)."""
    locator = data.get("locator") or {}
    node = locator.get("first_wrong_node")
    if node is not None:
        claim = locator.get("first_wrong_claim")
        true = next((c.get("expected") for c in data["claims"] if c.get("claim") == claim), None)
        return node, f"✗ first wrong step: {claim}" + (f" (true {true})" if true is not None else "")
    return None, "✓ every claim is right" if data.get("ok") else ""


def check_circuit(data: dict, rows: dict) -> tuple:
    """(first wrong node, its note, svg, why no svg): the check's circuit with the first wrong step ringed."""
    wrong, note = check_diagram_marks(data)
    marks = {r["id"]: note for r in rows["nodes"] if wrong in (r["name"], *r["names"])}
    return (wrong, note, *circuit_svg(data["expression"], rows, data["at_text"], marks, note))


def check_rows(data: dict) -> dict:
    """The graph rows of a check report's program at its point (structure only without one): the library
    computed them (CheckReport.graph); the page only draws them."""
    return data["graph"]


def check_page(data: dict, rows: dict) -> str:
    """The step-through for a check report: the forward pass, then the backward pass over the named steps
    with each claim's verdict; it opens at the first wrong step, ringed in red."""
    ids = {n: r["id"] for r in rows["nodes"] for n in [r["name"], *r["names"]]}
    wrong, note, svg, why = check_circuit(data, rows)
    steps = forward_steps(rows["nodes"], {})
    locator = data.get("locator") or {}
    explained = {e["claim"]: e["text"] for e in locator.get("explanations", [])}
    # the page opens at the wrong claim's row, else (a wrong local partial such as dg2/dx1) at its node's row
    target = next((k for k, r in enumerate(data["steps"]) if r["node"] == wrong and r["ok"] is False),
                  next((k for k, r in enumerate(data["steps"]) if r["node"] == wrong), None))
    start = 0
    for k, row in enumerate(data["steps"]):
        node = ids[row["node"]]
        text = f"backward: d{data['output']}/d{row['node']} = {num(row['adjoint'])}"
        if row["claim"]:
            lhs = row["claim"].split("=")[0].strip()
            text += f"; claim {row['claim']}: {mark(row['ok'])} {VERDICT[row['ok']]}"
            text += f". {explained[lhs]}" if lhs in explained else ""
        if k == target:
            start = len(steps) + 1
            if row["claim"] != locator.get("first_wrong_claim"):
                text += f"; first wrong step: {locator.get('first_wrong_claim')}. " \
                        + explained.get(locator.get("first_wrong"), "")
        steps.append([None, node, text, [["g", node, "", fmt_number(row["adjoint"]), "", num(row["adjoint"])]]])
    extra = claims_html(data)
    intro = "Press Next or → to step; the page opened at the first wrong step." if start else \
        "Press Next or → to run the forward pass, then the backward pass over the named steps." if steps else \
        "No point was given: the claims were judged symbolically (below), so there are no numbers to step through."
    return page("symgraph: check of " + data["output"], header_html(data["expression"], data["at_text"], note), svg,
                why, node_table(rows["nodes"], {}, "true adjoint"), extra,
                {"steps": steps, "start": start, "intro": intro})


def page_for(report) -> str:
    """``report.to_html()``: the step-through of a grad or check report."""
    from symgraph.judging.checking import CheckReport
    from symgraph.report import GradReport

    if isinstance(report, GradReport):
        return grad_page(report.to_dict(), report.trace)
    if isinstance(report, CheckReport):
        data = report.to_dict()
        return check_page(data, check_rows(data))
    from symgraph.errors import SymgraphError      # a report without a page (graded files, tensor claims)

    raise SymgraphError(f"no HTML page for a {type(report).__name__}: it has text (str) and JSON (to_json) only")
