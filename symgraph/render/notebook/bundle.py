"""Notebook display: a report as one static HTML fragment, with its plain text as the fallback.

No script (Jupyter does not run the scripts of an untrusted notebook): the whole trace is laid out at
once. The fragment sets its own white background and dark text, and the SVG draws its own white
rectangle, so it reads the same in a light or a dark notebook theme. Every number comes from the
finished report; this module only lays it out.
"""
from __future__ import annotations

from html import escape

from symgraph.render.web.html import (check_circuit, check_rows, circuit_svg, computes, header_html, local_text, num,
                                      update_text, written_as)
from symgraph.render.web.sections import claims_html, results_html

ROWS = 40           # table rows shown for a big graph (the trace itself is summarized above 400 nodes)

# Scoped to the fragment; !important because notebook themes colour table rows (dark rows in a dark theme).
STYLE = """<style>
.symgraph-nb, .symgraph-nb table, .symgraph-nb tr, .symgraph-nb th, .symgraph-nb td {
  background: #ffffff !important; color: #24292f !important; }
.symgraph-nb { padding: 10px 14px; border: 1px solid #d0d7de; border-radius: 6px;
  font-family: system-ui, "DejaVu Sans", sans-serif; font-size: 13.5px; line-height: 1.4; }
.symgraph-nb h3 { font-size: 14px; margin: 12px 0 4px; color: #24292f !important; }
.symgraph-nb h2 { font-size: 14px; margin: 12px 0 4px; }
.symgraph-nb table { border-collapse: collapse; margin: 2px 0; }
.symgraph-nb th, .symgraph-nb td { border-bottom: 1px solid #d0d7de; padding: 2px 8px; text-align: left; }
.symgraph-nb pre.expr { background: #f6f8fa !important; color: #24292f !important; padding: 4px 8px; margin: 0;
  white-space: pre-wrap; max-height: 9.5em; overflow: auto; }
.symgraph-nb .val, .symgraph-nb td.value, .symgraph-nb .ok { color: #1a7f37 !important; }
.symgraph-nb .grad, .symgraph-nb td.adjoint, .symgraph-nb .bad, .symgraph-nb .note { color: #cf222e !important; }
.symgraph-nb td.adjoint, .symgraph-nb .grad { font-weight: 600; }
.symgraph-nb .loc, .symgraph-nb td.local { color: #0550ae !important; }
.symgraph-nb .dim, .symgraph-nb .at { color: #6e7781 !important; }
.symgraph-nb tr.wrong td { background: #ffebe9 !important; }
.symgraph-nb svg { max-width: 100%; height: auto; }
.symgraph-nb p.at { max-height: 4.4em; overflow: auto; }
</style>"""


def wrap(body: str) -> str:
    return f'{STYLE}<div class="symgraph-nb">{body}</div>'


def circuit_html(svg, why: str) -> str:
    return svg if svg is not None else f'<p class="dim">{escape(why)}</p>'


def _more(shown: int, total: int, what: str) -> str:
    if total <= shown:
        return ""
    return (f'<p class="dim">… {total - shown:,} more {what} (report.to_html() steps through them; the JSON report '
            'lists every node)</p>')


def forward_table(rows: list, written: dict) -> str:
    """The forward pass: each node's value (green) and its local partials (blue)."""
    names = [r["name"] for r in rows]
    shown = rows if len(rows) <= 400 else rows[:ROWS]
    body = "".join(f'<tr><td>{escape(r["name"])}</td><td>{escape(computes(r, names, written))}</td>'
                   f'<td class="value">{num(r["value"])}</td><td class="local">{escape(local_text(r, names))}</td></tr>'
                   for r in shown)
    return ('<h3>Forward pass: values (green) and local partials (blue)</h3><table><thead><tr><th>node</th>'
            '<th>computes</th><th>value</th><th>local partials</th></tr></thead>'
            f'<tbody>{body}</tbody></table>' + _more(len(shown), len(rows), "nodes"))


def backward_table(data: dict, trace: dict) -> str:
    """The backward pass: each accumulation, the adjoint after it in red."""
    steps = trace.get("backward") or []
    if not steps:
        return ""
    out = data["output"]
    body = "".join(f'<tr><td>{k}</td><td>{escape(update_text(s, out))}</td><td class="adjoint">{num(s["after"])}</td></tr>'
                   for k, s in enumerate(steps, 1))
    return (f'<h3>Backward pass: d{escape(out)}/d{escape(out)} = 1, then d{escape(out)}/du += d{escape(out)}/dv·∂v/∂u in '
            'reverse order; '
            'adjoints (gradients) in red</h3><table><thead><tr><th>step</th><th>update</th><th>adjoint after</th>'
            f'</tr></thead><tbody>{body}</tbody></table>' + _more(len(steps), trace.get("backward_total", 0), "steps"))


def grad_html(data: dict, trace) -> str:
    """A grad report (``to_dict()`` and its trace): circuit, forward pass, backward pass, results, checks."""
    svg, why = circuit_svg(data["expression"], data["graph"], data["at_text"])
    legend = ('<p><span class="val">green: value</span> &nbsp; <span class="loc">blue: local partial</span> &nbsp; '
              '<span class="grad">red: adjoint (gradient)</span></p>')
    parts = [header_html(data["expression"], data["at_text"]), legend, circuit_html(svg, why)]
    if trace is not None:
        parts += [forward_table(data["graph"]["nodes"], written_as(trace)), backward_table(data, trace)]
    parts.append(results_html(data))
    return wrap("".join(parts))


def check_html(data: dict) -> str:
    """A check report (``to_dict()``): the verdict table, the first wrong step and the named steps."""
    _, note, svg, why = check_circuit(data, check_rows(data))
    steps = "".join(f'<tr class="{"wrong" if s["ok"] is False else ""}"><td>{escape(s["node"])}</td>'
                    f'<td class="adjoint">{num(s["adjoint"])}</td><td>{escape(s["claim"] or "")}</td></tr>'
                    for s in data["steps"])
    body = (header_html(data["expression"], data["at_text"], note)
            + claims_html(data)
            + (f'<h3>Backward pass over the named steps: true adjoints d{escape(data["output"])}/d(step)</h3>'
               f'<table><thead><tr><th>step</th><th>true adjoint</th><th>claim</th></tr></thead>'
               f'<tbody>{steps}</tbody></table>' if steps else "")
            + circuit_html(svg, why))
    return wrap(body)


def graph_html(svg: str) -> str:
    """A diagram model's SVG (``symgraph.graph(...)``), inline."""
    return wrap(svg.split("\n", 1)[1] if svg.startswith("<?xml") else svg)


def mimebundle(report) -> dict:
    """``_repr_mimebundle_`` of a grad or check report: the HTML fragment and the plain text."""
    from symgraph.judging.checking import CheckReport
    from symgraph.report import GradReport

    text = report.to_text()
    if isinstance(report, GradReport):
        html = grad_html(report.to_dict(), report.trace)
    elif isinstance(report, CheckReport):
        html = check_html(report.to_dict())
    else:                                   # a graded answers file: its plain report
        html = wrap(f"<pre>{escape(text)}</pre>")
    return {"text/plain": text, "text/html": html}


def graph_bundle(diagram, summary: str) -> dict:
    """``_repr_mimebundle_`` of ``symgraph.graph(...)``: the SVG inline, the terminal drawing as text."""
    import io

    from symgraph.errors import LimitError
    from symgraph.render.terminal.graph_rich import render_graph_rich
    from symgraph.render.diagram.svg import render_svg
    from symgraph.render.terminal.text import capture_console

    buffer = io.StringIO()
    render_graph_rich(diagram, capture_console(buffer), plain=True)
    text = summary + "\n" + buffer.getvalue()
    try:
        html = graph_html(render_svg(diagram))
    except LimitError as exc:
        html = wrap(f'<p class="dim">{escape(str(exc))}</p><pre>{escape(buffer.getvalue())}</pre>')
    return {"text/plain": text, "text/html": html}
