"""The diagram as a self-contained SVG, drawn like the seed's circuit (CS231n's sigmoid neuron).

Inputs are names on the left, gates are labelled circles, edges end in arrowheads. Every node's output
wire carries its forward value in green above and its gradient in red below; with ``--show local`` each
edge also carries its local partial in blue. No external fonts, scripts or styles: the file opens in any
browser. All text is escaped (node names come from user input).
"""
from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

from symgraph.safe_text import terminal

from symgraph.render.diagram.model import (Diagram, distinct_names, edge_caption, edge_local_text, leaf_text,
                                          node_title)
from symgraph.errors import LimitError
from symgraph.render.diagram.layout import Size, layered_layout
from symgraph.render.diagram.svg_labels import baseline, label_size, place_labels, text_box

MAX_SVG_NODES = 150
FONT = "DejaVu Sans, Verdana, Helvetica, Arial, sans-serif"
GREEN, RED, BLUE, GREY = "#1a7f37", "#cf222e", "#0550ae", "#6e7781"
GATE_FONT, VALUE_FONT, NAME_FONT, LOCAL_FONT, INPUT_FONT = 16, 13, 11, 11, 15
MIN_RADIUS, LABEL_MAX, INPUT_NAME_MAX = 18.0, 9, 40
HEADER = 46.0


def text_width(text: str, size: float) -> float:
    """A generous estimate (no font metrics here): DejaVu Sans digits are 0.64 em wide."""
    return len(text) * size * 0.64


def gate_font(label: str) -> int:
    """Long gate labels (``*(pi/4)``) get a smaller font so that their circle stays gate-sized."""
    return GATE_FONT if len(label) <= 4 else 13 if len(label) <= 6 else 11


def _short(text: str, limit: int = LABEL_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _t(text: str) -> str:
    """Escape text for XML (&, <, >); control characters, lone surrogates and non-characters, which XML 1.0
    forbids, become visible escapes (safe_text.terminal: \\x01, U+FFFE)."""
    return escape(terminal(str(text)).replace("\n", " "))


def _a(text) -> str:
    return quoteattr(terminal(str(text)).replace("\n", " ").replace("\t", " "))


class _Geometry:
    """Sizes of every node, derived from the text it must show."""

    def __init__(self, d: Diagram):
        self.d = d
        self.radius, self.sizes, self.stub = [], [], []
        leaves = [n for n in d.nodes if n.op in ("input", "const")]
        # long input names widen the left margin (up to INPUT_NAME_MAX characters) and stay distinct
        self.leaf_text = dict(zip((n.id for n in leaves), distinct_names([leaf_text(n) for n in leaves], INPUT_NAME_MAX)))
        for node in d.nodes:
            texts = [d.fmt(node.value), d.fmt(node.grad)] if d.has_values else []
            stub = max([44.0] + [text_width(t, VALUE_FONT) + 14 for t in texts]) if texts else 26.0
            if d.is_output(node.id):
                stub += 10.0
            right = 0.0
            if node.op in ("input", "const"):
                r = 3.0
                left = text_width(self.leaf_text[node.id], INPUT_FONT) + 10
                up = down = 22.0
            else:
                r = max(MIN_RADIUS, text_width(_short(node.label), gate_font(node.label)) / 2 + 7)
                left = right = max(r, text_width(gate_name(node), NAME_FONT) / 2 + 2)   # the name is centred above
                up, down = max(r, 22.0) + NAME_FONT + 5, max(r, 22.0)
            right = max(r + stub, right)
            if d.is_output(node.id):
                right += text_width(node.name, INPUT_FONT) + 10
            self.radius.append(r)
            self.stub.append(stub)
            self.sizes.append(Size(left, right, up, down))


def gate_name(node) -> str:
    return node_title(node)


def render_svg(d: Diagram) -> str:
    if len(d.nodes) > MAX_SVG_NODES:
        raise LimitError(
            f"the graph has {len(d.nodes)} nodes; an SVG of more than {MAX_SVG_NODES} nodes is an unreadable "
            "tangle, so symgraph does not draw it",
            hint="use --format dot (for Graphviz), --format json or --format rich, or draw a smaller part")
    geo = _Geometry(d)
    room = {}
    if d.show_local:
        pair = {}      # parallel edges (x*x) may share one label: room for all their partials
        for e in d.edges:
            pair.setdefault((e.src, e.dst), []).append(edge_local_text(d, e))
        for e in d.edges:
            room[(e.src, e.dst, e.slot)] = local_room(", ".join(pair[(e.src, e.dst)]))
    lay = layered_layout(len(d.nodes), [(e.src, e.dst, e.slot) for e in d.edges], geo.sizes, gap=44.0,
                         vgap=16.0, margin=12.0, edge_room=room)
    header = _header(d)
    width = max(lay.width, max(sum(text_width(t, 12) + 10 for t, _ in line) for line in header) + 24)
    top = HEADER + 17 * (len(header) - 2)          # a note adds a header line
    height = lay.height + top
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
           f'viewBox="0 0 {width:.0f} {height:.0f}" font-family={_a(FONT)}>',
           f'<title>{_t("computational graph of " + _short(d.expression, 200))}</title>',
           '<defs><marker id="symgraph-arrow" viewBox="0 0 10 8" refX="10" refY="4" markerWidth="9" '
           'markerHeight="7" markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,4 L0,8 Z" '
           'fill="#24292f"/></marker></defs>',
           '<rect width="100%" height="100%" fill="white"/>']
    for i, segments in enumerate(header):
        spans = "".join(f'<tspan dx="{10 if k else 0}" fill="{colour}">{_t(text)}</tspan>'
                        for k, (text, colour) in enumerate(segments))
        out.append(f'<text class="header" x="12" y="{18 + 17 * i}" font-size="12">{spans}</text>')
    out.append(f'<g transform="translate(0,{top:.0f})">')
    points = {(e.src, e.dst, e.slot): _edge_points(geo, lay, e) for e in d.edges}
    for e in d.edges:
        out.append(_edge(d, e, points[(e.src, e.dst, e.slot)]))
    texts = {node.id: _node_texts(d, geo, lay, node) for node in d.nodes}
    if d.show_local:      # after every line, so that no line runs over a label's white background
        out += _local_labels(d, geo, lay, points, texts)
    for node in d.nodes:
        out.append(_node(d, geo, lay, node, texts[node.id]))
    out.append("</g></svg>")
    return "\n".join(out) + "\n"


def _header(d: Diagram) -> list:
    """Two lines of (text, colour) segments: the expression, then the point and the colour legend."""
    lines = [[(_short(d.expression, 120), "#24292f")]]
    blue = [("blue: vector-Jacobian product rule", BLUE)] if d.edge_kind == "vjp" else [("blue: local partial", BLUE)]
    if d.has_values:
        at = ", ".join(f"{k}={v}" for k, v in d.at.items())
        lines.append([(f"at {_short(at, 60)}", GREY), ("green: value", GREEN), (f"red: {d.grad_legend}", RED)]
                     + (blue if d.show_local else []))
    else:
        lines.append([("structure only (add --at to see values and gradients)", GREY)]
                     + (blue if d.show_local else []))
    if d.note:
        lines.append([(_short(d.note, 160), RED)])
    return lines


def _edge_points(geo: _Geometry, lay, e) -> list:
    """The polyline of an edge: from the end of its source's wire, through its bends, to the target circle."""
    start = (lay.columns[lay.layer[e.src]][1], lay.y[e.src])
    pts = [start] + lay.routes[(e.src, e.dst, e.slot)]
    cx, cy, r = lay.x[e.dst], lay.y[e.dst], geo.radius[e.dst]
    lx, ly = pts[-1]
    dist = math.hypot(cx - lx, cy - ly) or 1.0
    return pts + [(cx - r * (cx - lx) / dist, cy - r * (cy - ly) / dist)]


def _edge(d: Diagram, e, pts: list) -> str:
    src, dst = d.nodes[e.src], d.nodes[e.dst]
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
    return (f'<g class="edge" data-src="{e.src}" data-dst="{e.dst}" data-slot="{e.slot}" '
            f'data-edge={_a(f"{src.name}->{dst.name}")}>'
            f'<title>{_t(f"{src.name} -> {dst.name} (argument {e.slot + 1})")}</title>'
            f'<polyline points="{path}" fill="none" stroke="#24292f" stroke-width="1.2" '
            f'marker-end="url(#symgraph-arrow)"/></g>')


def _local_labels(d: Diagram, geo: _Geometry, lay, points: dict, texts: dict) -> list:
    """Each edge's local partial, centred on its own edge where it touches no other text or circle."""
    obstacles = []
    for node in d.nodes:
        x, y, r = lay.x[node.id], lay.y[node.id], geo.radius[node.id]
        obstacles.append((x - r - 1, y - r - 1, x + r + 1, y + r + 1))
        obstacles += [text_box(t[1], t[2], t[3], t[4], t[5], pad=1.0) for t in texts[node.id] if t[0] != "label"]
    lines = [(key, p, q) for key, pts in points.items() for p, q in zip(pts, pts[1:])]
    lines += [(("wire", n.id), (lay.x[n.id] + geo.radius[n.id], lay.y[n.id]), (_wire_end(d, geo, lay, n), lay.y[n.id]))
              for n in d.nodes]
    # edges drawn on top of each other (x*x) share one label listing their partials in argument order
    groups = {}
    for e in d.edges:
        groups.setdefault((e.src, e.dst, tuple(points[(e.src, e.dst, e.slot)])), []).append(e)
    items, label = [], {}
    groups = {k: g for k, g in groups.items() if any(edge_caption(d, e) for e in g)}   # an edge with no rule
    for group in groups.values():
        keys = {(e.src, e.dst, e.slot) for e in group}
        key = (group[0].src, group[0].dst, group[0].slot)
        label[key] = ", ".join(text for text in (edge_local_text(d, e) for e in group) if text)
        w, h = label_size(label[key], LOCAL_FONT)
        items.append((key, w, h, points[key], keys | {("wire", group[0].src)}))
    spots = place_labels(items, obstacles, lines)
    out = []
    for group in groups.values():
        e = group[0]
        key = (e.src, e.dst, e.slot)
        (cx, cy), (w, h) = spots[key], label_size(label[key], LOCAL_FONT)
        tip = "; ".join(_local_tip(d, e) for e in group)
        slots = " ".join(str(e.slot) for e in group)
        out.append(f'<g class="local" data-src="{e.src}" data-dst="{e.dst}" data-slot="{e.slot}" '
                   f'data-slots="{slots}"><title>{_t(tip)}</title>'
                   f'<rect x="{cx - w / 2:.1f}" y="{cy - h / 2:.1f}" width="{w:.1f}" height="{h:.1f}" rx="2" '
                   f'fill="white" fill-opacity="0.9"/>'
                   f'<text class="local" x="{cx:.1f}" y="{baseline(cy, LOCAL_FONT):.1f}" font-size="{LOCAL_FONT}" '
                   f'text-anchor="middle" fill="{BLUE}">{_t(label[key])}</text></g>')
    return out


def _local_tip(d: Diagram, e) -> str:
    if d.edge_kind == "vjp":
        return f"vector-Jacobian product, argument {e.slot + 1}: {e.local_symbolic}"
    return f"local partial ∂{d.nodes[e.dst].name}/∂{d.nodes[e.src].name} (argument {e.slot + 1}) = {e.local_symbolic}"


def local_room(text: str) -> float:
    """Horizontal room an edge needs in front of its target for its local-partial label."""
    return (text_width(text, LOCAL_FONT) + 8) / 0.6


def _wire_end(d: Diagram, geo: _Geometry, lay, node) -> float:
    x, r = lay.x[node.id], geo.radius[node.id]
    return x + r + geo.stub[node.id] if d.is_output(node.id) else lay.columns[lay.layer[node.id]][1]


def _node_texts(d: Diagram, geo: _Geometry, lay, node) -> list:
    """(class, x, y, font size, anchor, text, fill) of every text a node carries."""
    x, y, r = lay.x[node.id], lay.y[node.id], geo.radius[node.id]
    out = []
    if node.op in ("input", "const"):
        colour = "#24292f" if node.op == "input" else GREY
        out.append(("label", x - 8, y + 5, INPUT_FONT, "end", geo.leaf_text[node.id], colour))
    else:
        size = gate_font(node.label)
        out.append(("label", x, y + size * 0.35, size, "middle", _short(node.label), "#24292f"))
        out.append(("name", x, y - max(r, 22.0) - 5, NAME_FONT, "middle", gate_name(node),
                    "#24292f" if node.names else GREY))
    if d.has_values:
        out.append(("value", x + r + 7, y - 6, VALUE_FONT, "start", d.fmt(node.value), GREEN))
        out.append(("grad", x + r + 7, y + 17, VALUE_FONT, "start", d.fmt(node.grad), RED))
    if d.is_output(node.id):
        out.append(("output", _wire_end(d, geo, lay, node) + 6, y + 5, INPUT_FONT, "start", node.name, "#24292f"))
    return out


def _node(d: Diagram, geo: _Geometry, lay, node, texts: list) -> str:
    x, y, r = lay.x[node.id], lay.y[node.id], geo.radius[node.id]
    tip = [" = ".join(node.names) or node.name]
    if node.op not in ("input", "const") and len(node.label) > LABEL_MAX:
        tip.append(f"gate {node.label}")      # the circle shows it shortened
    if d.has_values:
        tip.append(f"value {d.fmt(node.value)}, {d.grad_name(node)} = {d.fmt(node.grad)}")
    if node.id in d.marks:
        tip.append(d.marks[node.id])
    parts = [f'<g class="node" id="node-{node.id}" data-id="{node.id}" data-name={_a(node.name)} '
             f'data-op={_a(node.op)}><title>{_t("; ".join(tip))}</title>']
    if node.op in ("input", "const"):
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#24292f"/>')
    else:
        parts.append(f'<circle class="gate" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="white" '
                     f'stroke="#24292f" stroke-width="1.2"/>')
    if node.id in d.marks:      # a red ring on the node: check's first wrong step
        # a gate's ring lies just inside its border (its label keeps 7 px from the border, arrowheads end
        # on it); an input's dot has no arrowhead: its ring sits between the dot and the texts around it
        ring = r - 3.0 if node.op not in ("input", "const") else r + 3.0
        parts.append(f'<circle class="mark" cx="{x:.1f}" cy="{y:.1f}" r="{ring:.1f}" fill="none" '
                     f'stroke="{RED}" stroke-width="2.5"/>')
    marker = ' marker-end="url(#symgraph-arrow)"' if d.is_output(node.id) else ""
    parts.append(f'<line class="wire" x1="{x + r:.1f}" y1="{y:.1f}" x2="{_wire_end(d, geo, lay, node):.1f}" '
                 f'y2="{y:.1f}" stroke="#24292f" stroke-width="1.2"{marker}/>')
    for cls, tx, ty, size, anchor, text, fill in texts:
        extra = {"name": ' stroke="white" stroke-width="3" paint-order="stroke"',
                 "output": ' font-weight="bold"'}.get(cls, "")
        anchor_attr = f' text-anchor="{anchor}"' if anchor != "start" else ""
        parts.append(f'<text class="{cls}" x="{tx:.1f}" y="{ty:.1f}" font-size="{size}"{anchor_attr} '
                     f'fill="{fill}"{extra}>{_t(text)}</text>')
    parts.append("</g>")
    return "".join(parts)
