"""The diagram as a self-contained SVG, drawn like the seed's circuit (CS231n's sigmoid neuron).

Inputs are names on the left, gates are labelled circles, edges end in arrowheads. Every node's output
wire carries its forward value in green above and its gradient in red below; with ``--show local`` each
edge also carries its local partial in blue. No external fonts, scripts or styles: the file opens in any
browser. All text is escaped (node names come from user input).
"""
from __future__ import annotations

import math
from xml.sax.saxutils import escape, quoteattr

from .diagram import Diagram, edge_local_text
from .errors import LimitError
from .layout import Size, layered_layout

MAX_SVG_NODES = 150
FONT = "DejaVu Sans, Verdana, Helvetica, Arial, sans-serif"
GREEN, RED, BLUE, GREY = "#1a7f37", "#cf222e", "#0550ae", "#6e7781"
GATE_FONT, VALUE_FONT, NAME_FONT, LOCAL_FONT, INPUT_FONT = 16, 13, 11, 11, 15
MIN_RADIUS, LABEL_MAX = 18.0, 9
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
    """Escape text for XML (&, <, >) and drop control characters, which XML 1.0 forbids."""
    return escape("".join(ch for ch in str(text) if ch >= " " or ch == "\t"))


def _a(text) -> str:
    return quoteattr("".join(ch for ch in str(text) if ch >= " "))


class _Geometry:
    """Sizes of every node, derived from the text it must show."""

    def __init__(self, d: Diagram):
        self.d = d
        self.radius, self.sizes, self.stub = [], [], []
        for node in d.nodes:
            texts = [d.fmt(node.value), d.fmt(node.grad)] if d.has_values else []
            stub = max([44.0] + [text_width(t, VALUE_FONT) + 14 for t in texts]) if texts else 26.0
            if node.id == d.output:
                stub += 10.0
            if node.op in ("input", "const"):
                r = 3.0
                left = text_width(_short(node.label, 16), INPUT_FONT) + 10
                up = down = 22.0
            else:
                r = max(MIN_RADIUS, text_width(_short(node.label), gate_font(node.label)) / 2 + 7)
                left = r
                up, down = max(r, 22.0) + NAME_FONT + 5, max(r, 22.0)
            right = r + stub
            if node.id == d.output:
                right += text_width(node.name, INPUT_FONT) + 10
            self.radius.append(r)
            self.stub.append(stub)
            self.sizes.append(Size(left, right, up, down))


def render_svg(d: Diagram) -> str:
    if len(d.nodes) > MAX_SVG_NODES:
        raise LimitError(
            f"the graph has {len(d.nodes)} nodes; an SVG of more than {MAX_SVG_NODES} nodes is an unreadable "
            "tangle, so symgraph does not draw it",
            hint="use --format dot (for Graphviz), --format json or --format rich, or draw a smaller part")
    geo = _Geometry(d)
    room = {}
    if d.show_local:
        for e in d.edges:
            room[(e.src, e.dst, e.slot)] = local_room(edge_local_text(d, e))
    lay = layered_layout(len(d.nodes), [(e.src, e.dst, e.slot) for e in d.edges], geo.sizes, gap=44.0,
                         vgap=16.0, margin=12.0, edge_room=room)
    header = _header(d)
    width = max(lay.width, max(sum(text_width(t, 12) + 10 for t, _ in line) for line in header) + 24)
    height = lay.height + HEADER
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
    out.append(f'<g transform="translate(0,{HEADER:.0f})">')
    for e in d.edges:
        out.append(_edge(d, geo, lay, e))
    for node in d.nodes:
        out.append(_node(d, geo, lay, node))
    out.append("</g></svg>")
    return "\n".join(out) + "\n"


def _header(d: Diagram) -> list:
    """Two lines of (text, colour) segments: the expression, then the point and the colour legend."""
    lines = [[(_short(d.expression, 120), "#24292f")]]
    if d.has_values:
        at = ", ".join(f"{k}={v}" for k, v in d.at.items())
        lines.append([(f"at {_short(at, 60)}", GREY), ("green: value", GREEN), (f"red: {d.grad_legend}", RED)]
                     + ([("blue: local partial", BLUE)] if d.show_local else []))
    else:
        lines.append([("structure only (add --at to see values and gradients)", GREY)]
                     + ([("blue: local partial", BLUE)] if d.show_local else []))
    return lines


def _edge(d: Diagram, geo: _Geometry, lay, e) -> str:
    src, dst = d.nodes[e.src], d.nodes[e.dst]
    start = (lay.columns[lay.layer[e.src]][1], lay.y[e.src])
    pts = [start] + lay.routes[(e.src, e.dst, e.slot)]
    cx, cy, r = lay.x[e.dst], lay.y[e.dst], geo.radius[e.dst]
    lx, ly = pts[-1]
    dist = math.hypot(cx - lx, cy - ly) or 1.0
    end = (cx - r * (cx - lx) / dist, cy - r * (cy - ly) / dist)
    pts.append(end)
    path = " ".join(f"{x:.1f},{y:.1f}" for x, y in pts)
    parts = [f'<g class="edge" data-src="{e.src}" data-dst="{e.dst}" data-slot="{e.slot}">',
             f'<title>{_t(f"{src.name} -> {dst.name} (argument {e.slot + 1})")}</title>',
             f'<polyline points="{path}" fill="none" stroke="#24292f" stroke-width="1.2" '
             f'marker-end="url(#symgraph-arrow)"/>']
    if d.show_local:
        x, y, anchor = _local_label_spot(pts[-2], pts[-1])
        text = edge_local_text(d, e)
        tip = f"local partial d{dst.name}/d{src.name} = {e.local_symbolic}"
        parts.append(f'<text class="local" x="{x:.1f}" y="{y:.1f}" font-size="{LOCAL_FONT}" '
                     f'text-anchor="{anchor}" fill="{BLUE}" stroke="white" stroke-width="3" '
                     f'paint-order="stroke"><title>{_t(tip)}</title>{_t(text)}</text>')
    parts.append("</g>")
    return "".join(parts)


def _local_label_spot(a: tuple, b: tuple) -> tuple:
    """Where an edge's local partial goes: on the side of the segment its line does not run through.

    Centred above a level segment; at 40% of a slanted one, to the right, above a falling line and below
    a rising one. ``LOCAL_ROOM`` makes the gap between columns wide enough for either."""
    (ax, ay), (bx, by) = a, b
    if abs(by - ay) < 0.25 * abs(bx - ax):
        return (ax + bx) / 2, (ay + by) / 2 - 4, "middle"
    x, y = ax + 0.4 * (bx - ax), ay + 0.4 * (by - ay)
    return (x + 4, y - 4, "start") if by > ay else (x + 4, y + LOCAL_FONT + 1, "start")


def local_room(text: str) -> float:
    """Horizontal room an edge needs for its local-partial label (see ``_local_label_spot``)."""
    return (text_width(text, LOCAL_FONT) + 8) / 0.6


def _node(d: Diagram, geo: _Geometry, lay, node) -> str:
    x, y, r = lay.x[node.id], lay.y[node.id], geo.radius[node.id]
    stub_end = lay.columns[lay.layer[node.id]][1]
    tip = [" = ".join(node.names) or node.name]
    if node.op not in ("input", "const") and len(node.label) > LABEL_MAX:
        tip.append(f"gate {node.label}")      # the circle shows it shortened
    if d.has_values:
        tip.append(f"value {d.fmt(node.value)}, {d.grad_name(node)} = {d.fmt(node.grad)}")
    parts = [f'<g class="node" id="node-{node.id}" data-id="{node.id}" data-name={_a(node.name)} '
             f'data-op={_a(node.op)}><title>{_t("; ".join(tip))}</title>']
    if node.op in ("input", "const"):
        colour = "#24292f" if node.op == "input" else GREY
        parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="#24292f"/>')
        parts.append(f'<text class="label" x="{x - 8:.1f}" y="{y + 5:.1f}" font-size="{INPUT_FONT}" '
                     f'text-anchor="end" fill="{colour}">{_t(_short(node.label, 16))}</text>')
    else:
        parts.append(f'<circle class="gate" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="white" '
                     f'stroke="#24292f" stroke-width="1.2"/>')
        size = gate_font(node.label)
        parts.append(f'<text class="label" x="{x:.1f}" y="{y + size * 0.35:.1f}" font-size="{size}" '
                     f'text-anchor="middle" fill="#24292f">{_t(_short(node.label))}</text>')
        named = bool(node.names)
        parts.append(f'<text class="name" x="{x:.1f}" y="{y - max(r, 22.0) - 5:.1f}" font-size="{NAME_FONT}" '
                     f'text-anchor="middle" fill="{"#24292f" if named else GREY}" stroke="white" '
                     f'stroke-width="3" paint-order="stroke">'
                     f'{_t(", ".join(node.names) or node.name)}</text>')
    wire_start = x + r
    marker = ' marker-end="url(#symgraph-arrow)"' if node.id == d.output else ""
    wire_end = wire_start + geo.stub[node.id] if node.id == d.output else stub_end
    parts.append(f'<line class="wire" x1="{wire_start:.1f}" y1="{y:.1f}" x2="{wire_end:.1f}" y2="{y:.1f}" '
                 f'stroke="#24292f" stroke-width="1.2"{marker}/>')
    if d.has_values:
        parts.append(f'<text class="value" x="{wire_start + 7:.1f}" y="{y - 6:.1f}" font-size="{VALUE_FONT}" '
                     f'fill="{GREEN}">{_t(d.fmt(node.value))}</text>')
        parts.append(f'<text class="grad" x="{wire_start + 7:.1f}" y="{y + 17:.1f}" font-size="{VALUE_FONT}" '
                     f'fill="{RED}">{_t(d.fmt(node.grad))}</text>')
    if node.id == d.output:
        parts.append(f'<text class="output" x="{wire_end + 6:.1f}" y="{y + 5:.1f}" font-size="{INPUT_FONT}" '
                     f'font-weight="bold" fill="#24292f">{_t(node.name)}</text>')
    parts.append("</g>")
    return "".join(parts)
