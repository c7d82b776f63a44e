"""The diagram as text for other tools: DOT (Graphviz) and Mermaid (renders in Markdown on GitHub).

Both carry the same graph: one node per graph node (``n<id>``; inputs as boxes, gates as circles showing
their op and name), one edge per argument, and an ``out`` node after the output. With a point, every edge
carries its source's value and gradient (as the seed's wires do); with ``--show local`` also the edge's
local partial. Labels are escaped for each format: node names come from user input. The legend is comment
lines (``//`` in DOT, ``%%`` in Mermaid) holding the expression and the point, comments included: each is
one line (every line break, CR and U+2028 among them, shown visibly as ``safe_text.cell`` does) with control
characters and non-characters as visible escapes, in the file as on the terminal.
"""
from __future__ import annotations

from symgraph.render.diagram.model import Diagram, edge_caption, leaf_text, node_title
from symgraph.safe_text import cell, terminal

GREEN, RED, BLUE, GREY = "#1a7f37", "#cf222e", "#0550ae", "#6e7781"
OUT = "out"
MM_SEP = " · "      # between a Mermaid gate's op and its name
MERMAID_MAX_EDGES = 500   # Mermaid's default maxEdges: beyond it, it shows an error instead of the chart


def edge_texts(d: Diagram, src: int, edge=None) -> list:
    """(kind, text) lines an edge from ``src`` carries: value, gradient and, with --show local, the partial."""
    node = d.nodes[src]
    lines = []
    if d.has_values:
        lines.append(("value", f"value {d.fmt(node.value)}"))
        lines.append(("grad", f"{d.grad_name(node)} {d.fmt(node.grad)}"))
    if edge is not None and d.show_local and edge_caption(d, edge):
        lines.append(("local", edge_caption(d, edge)))
    return lines


def _one_line(text: str) -> str:
    """User text on one line of a comment or label: no line break of any kind (a newline as ⏎, CR, VT, FF,
    U+001C..U+001E, U+0085, U+2028, U+2029 as visible escapes), no control or non-character raw; runs of
    other whitespace as one space."""
    return " ".join(cell(str(text)).split())


def _legend(d: Diagram) -> list:
    lines = [f"symgraph graph: {d.expression}"]
    if d.has_values:
        lines.append("at " + ", ".join(f"{k}={v}" for k, v in d.at.items()))
        lines.append(f"each edge: value of its source (green), {d.grad_legend} (red)")
        if d.edge_kind == "vjp":
            lines.append("and its vector-Jacobian product rule (blue); nodes show their shapes")
    elif d.edge_kind == "vjp":
        lines.append("structure only: no point given; each edge: its vector-Jacobian product rule; nodes show "
                     "their shapes")
    else:
        lines.append("structure only: no point given")
    return lines


# ---------------------------------------------------------------- DOT

def _dot_html(text: str) -> str:
    """Escape for a Graphviz HTML-like label."""
    return (terminal(str(text)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def _dot_comment(text: str) -> str:
    return "// " + _one_line(text)


_DOT_COLOUR = {"value": GREEN, "grad": RED, "local": BLUE}


def _dot_edge_label(lines: list) -> str:
    if not lines:
        return ""
    body = "<br/>".join(f'<font color="{_DOT_COLOUR[kind]}">{_dot_html(text)}</font>' for kind, text in lines)
    return f" [label=<{body}>]"


def render_dot(d: Diagram) -> str:
    out = [_dot_comment(line) for line in _legend(d)]
    out += ["digraph symgraph {", "  rankdir=LR;",
            '  node [fontname="Helvetica"];', '  edge [fontname="Helvetica", fontsize=10];']
    for node in d.nodes:
        if node.op in ("input", "const"):
            out.append(f'  n{node.id} [shape=box, style=rounded, label=<{_dot_html(leaf_text(node))}>];')
        else:
            name = node_title(node)
            out.append(f'  n{node.id} [shape=circle, label=<{_dot_html(node.label)}<br/>'
                       f'<font point-size="9" color="{GREY}">{_dot_html(name)}</font>>];')
    for k in _outs(d):
        out.append(f'  {_out(d, k)} [shape=plaintext, label=<<b>{_dot_html(d.nodes[k].name)}</b>>];')
    for e in d.edges:
        out.append(f"  n{e.src} -> n{e.dst}{_dot_edge_label(edge_texts(d, e.src, e))};")
    out += [f"  n{k} -> {_out(d, k)}{_dot_edge_label(edge_texts(d, k))};" for k in _outs(d)]
    out.append("}")
    return "\n".join(out) + "\n"


# ---------------------------------------------------------------- Mermaid

def _mm(text: str) -> str:
    """Escape for a quoted Mermaid label: entity codes, since Mermaid has no backslash escapes."""
    return "".join(_MM_ENTITY.get(ch, ch) for ch in _one_line(text))


# "%" too: "%%{" anywhere in the text, a label or a comment, would start a Mermaid directive.
_MM_ENTITY = {"#": "#35;", '"': "#quot;", "&": "#amp;", "<": "#lt;", ">": "#gt;", "|": "#124;", "`": "#96;",
              "%": "#37;"}


def _mm_comment(text: str) -> str:
    """A ``%%`` comment line: one line (Mermaid reads a CR as a line break), and no "%%" that could start a
    directive (``%%{init: ...}%%``) inside it: a % is shown as U+0025."""
    return "%% " + _one_line(text).replace("%", "U+0025")


def render_mermaid(d: Diagram) -> str:
    out = [_mm_comment(line) for line in _legend(d)] + ["flowchart LR"]
    for node in d.nodes:
        if node.op in ("input", "const"):
            out.append(f'  n{node.id}["{_mm(leaf_text(node))}"]')
        else:
            name = node_title(node)
            # one line: Mermaid sizes a circle for a single line of text, but not for two
            out.append(f'  n{node.id}(("{_mm(node.label)}{MM_SEP}{_mm(name)}"))')
    out += [f'  {_out(d, k)}(["{_mm(d.nodes[k].name)}"])' for k in _outs(d)]
    for e in d.edges:
        out.append(f"  n{e.src} -->{_mm_edge_label(edge_texts(d, e.src, e))} n{e.dst}")
    out += [f"  n{k} -->{_mm_edge_label(edge_texts(d, k))} {_out(d, k)}" for k in _outs(d)]
    out.append("  classDef gate fill:#fff,stroke:#24292f")
    gates = [f"n{n.id}" for n in d.nodes if n.op not in ("input", "const")]
    if gates:
        out.append(f"  class {','.join(gates)} gate")
    return "\n".join(out) + "\n"


def _mm_edge_label(lines: list) -> str:
    if not lines:
        return ""
    return '|"' + "<br/>".join(_mm(text) for _, text in lines) + '"|'


def _outs(d: Diagram) -> list:
    """Every output's node id (one ``out`` terminal each); the output whose gradients are shown included."""
    return sorted(set(d.outputs) | {d.output})


def _out(d: Diagram, k: int) -> str:
    """The terminal after output k: ``out`` for the one whose gradients are shown (as with one output)."""
    return OUT if k == d.output else f"{OUT}{k}"
