"""SVG text placement: ``--show local`` labels sit on their own edge and nothing drawn overlaps; long input
names stay distinct and fit the margin; small numbers never read as zero.

Geometry is read back from the SVG as XML. Text boxes are estimated here independently of the renderer:
0.65 em per character, from 0.8 em above the baseline to 0.25 em below it.
"""
import math
import random
import xml.etree.ElementTree as ET

import pytest

from symgraph.render.diagram.model import build_diagram

from symgraph.pipeline import graph_rows
from symgraph.render.diagram.svg import render_svg

SVG = "{http://www.w3.org/2000/svg}"
REVIEW_1 = ("h1 = tanh(a*w1 + b1); h2 = sigmoid(a*w2 + b2); out = h1*h2 + relu(h1 - h2) + softplus(a)",
            "a=0.5,w1=1.5,b1=-0.2,w2=-0.7,b2=0.1")
REVIEW_2 = ("r = w*x + 1e-3; L = r^2/sqrt(x^2+1)", "w=2,x=3")
REVIEW_2_LONG = ("r = learning_rate_alpha_very_long*x + 1e-3; loss_function_value = r^2/sqrt(x^2+1)",
                 "learning_rate_alpha_very_long=2,x=3")


def draw(source, at, **kw):
    at_text = dict(p.split("=") for p in at.split(",")) if at else {}
    return ET.fromstring(render_svg(build_diagram(source, graph_rows(source, at), at_text, **kw)).encode())


def text_box(t):
    x, y, size = float(t.get("x")), float(t.get("y")), float(t.get("font-size"))
    w = len("".join(t.itertext()).strip()) * size * 0.65
    x0 = {"end": x - w, "middle": x - w / 2}.get(t.get("text-anchor"), x)
    return (x0, y - 0.8 * size, x0 + w, y + 0.25 * size)


def drawn_boxes(svg):
    """(owner, box) of every circle and text in the picture; a gate's op label lies inside its circle and
    is covered by the circle's box."""
    out = []
    for g in svg.iter(SVG + "g"):
        if g.get("class") == "node":
            owner = ("node", g.get("data-id"))
            for c in g.iter(SVG + "circle"):
                cx, cy, r = (float(c.get(k)) for k in ("cx", "cy", "r"))
                out.append((owner, (cx - r, cy - r, cx + r, cy + r)))
            gate = g.get("data-op") not in ("input", "const")
            out += [(owner, text_box(t)) for t in g.iter(SVG + "text") if not (gate and t.get("class") == "label")]
        elif g.get("class") == "local":
            out += [(edge_key(g), text_box(t)) for t in g.iter(SVG + "text")]
    return out


def edge_key(g):
    return ("edge", g.get("data-src"), g.get("data-dst"), g.get("data-slot"))


def polylines(svg):
    out = {}
    for g in svg.iter(SVG + "g"):
        if g.get("class") == "edge":
            pts = [tuple(map(float, p.split(","))) for p in g.find(SVG + "polyline").get("points").split()]
            out[edge_key(g)] = pts
    return out


def overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def seg_dist(p, a, b):
    (px, py), (ax, ay), (bx, by) = p, a, b
    L2 = (bx - ax) ** 2 + (by - ay) ** 2
    t = 0.0 if L2 == 0 else max(0.0, min(1.0, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / L2))
    return math.hypot(px - ax - t * (bx - ax), py - ay - t * (by - ay))


def crosses(box, a, b):
    """Does segment ab pass through the inside of ``box``? (sampled every half pixel)"""
    n = max(2, int(math.dist(a, b)) * 2)
    return any(box[0] < a[0] + (b[0] - a[0]) * i / n < box[2] and box[1] < a[1] + (b[1] - a[1]) * i / n < box[3]
               for i in range(n + 1))


def assert_readable(svg, strict_lines=True):
    boxes = drawn_boxes(svg)
    for i, (o1, a) in enumerate(boxes):
        for o2, b in boxes[i + 1:]:
            if o1 == o2 and o1[0] == "node":
                continue        # a node's own texts are placed by hand around its circle
            assert not overlap(a, b), (o1, a, o2, b)
    lines = polylines(svg)
    labels = [(o, b) for o, b in boxes if o[0] == "edge"]
    # one label per drawn line: edges drawn on top of each other (x*x) share one
    assert len(labels) == len({tuple(pts) for pts in lines.values()})
    for key, box in labels:
        centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        own = min(seg_dist(centre, p, q) for p, q in zip(lines[key], lines[key][1:]))
        assert own <= 3.0, (key, own)          # centred on its own edge
        if strict_lines:                       # and no other edge runs through it
            for other, pts in lines.items():
                if other != key:
                    assert not any(crosses(box, p, q) for p, q in zip(pts, pts[1:])), (key, other)


@pytest.mark.parametrize("case", [REVIEW_1, REVIEW_2, REVIEW_2_LONG])
def test_reviewer_local_labels_are_on_their_edges_and_overlap_nothing(case):
    assert_readable(draw(*case, show_local=True))


def test_neuron_local_labels_readable():
    assert_readable(draw("1/(1+exp(-(w0*x0+w1*x1+w2)))", "w0=2,x0=-1,w1=-3,x1=-2,w2=-3", show_local=True))


@pytest.mark.parametrize("seed", range(6))
def test_random_programs_local_labels_overlap_nothing(seed):
    rng = random.Random(300 + seed)
    names = ["x", "y", "z", "w"][: rng.randint(2, 4)]
    lines = []
    for i in range(rng.randint(6, 16)):
        a, b = rng.choice(names), rng.choice(names)
        form = rng.choice(["{a}*{b}", "{a}+{b}", "sin({a})", "{a}-2*{b}", "exp({a}*{b})+1", "1/(1+{a}^2)",
                           "tanh({a}) + {b}"])
        lines.append(f"g{i} = " + form.format(a=a, b=b))
        names.append(f"g{i}")
    source = "; ".join(lines)
    variables = [v for v in ("x", "y", "z", "w") if v in source]
    at = ",".join(f"{v}=0.{i + 3}" for i, v in enumerate(variables))
    assert_readable(draw(source, at, show_local=True), strict_lines=False)
    assert_readable(draw(source, None, show_local=True), strict_lines=False)   # formulas as labels


def input_labels(svg):
    return {g.get("data-name"): g for g in svg.iter(SVG + "g")
            if g.get("class") == "node" and g.get("data-op") == "input"}


def test_long_input_names_are_shown_whole_and_fit_the_margin():
    a, b = "feature_value_left_aa", "feature_value_left_bb"
    svg = draw(f"{a} * {b} + {a}", f"{a}=1,{b}=2")
    shown = {name: "".join(g.find(SVG + "text").itertext()) for name, g in input_labels(svg).items()}
    assert shown == {a: a, b: b}
    for g in input_labels(svg).values():
        assert text_box(g.find(SVG + "text"))[0] >= 0


def test_very_long_input_names_stay_distinct_with_a_middle_ellipsis():
    a = "the_left_input_feature_of_the_first_hidden_layer_aa"       # 51 characters
    b = "the_left_input_feature_of_the_first_hidden_layer_bb"
    svg = draw(f"{a} * {b} + {a}", f"{a}=1,{b}=2")
    shown = {name: "".join(g.find(SVG + "text").itertext()) for name, g in input_labels(svg).items()}
    assert shown[a] != shown[b]
    for name, text in shown.items():
        assert len(text) <= 40 and "…" in text
        head, tail = text.split("…")
        assert name.startswith(head) and name.endswith(tail) and tail.endswith(name[-2:])
    for g in input_labels(svg).values():
        assert text_box(g.find(SVG + "text"))[0] >= 0


def node_text(svg, op, cls):
    g = next(g for g in svg.iter(SVG + "g") if g.get("class") == "node" and g.get("data-op") == op)
    return "".join(next(t for t in g.iter(SVG + "text") if t.get("class") == cls).itertext())


@pytest.mark.parametrize("source,at,op,expected", [
    ("x/1e4", "x=1", None, 1 / 1e4),               # the output: 1 / 10000
    ("x*2", "x=-0.000123", "input", -0.000123),
    ("x*2", "x=-0.000123", None, -0.000246),
    ("x*3", "x=0.002", None, 0.006),               # an ordinary case: rounds to 0.01, keeps fixed decimals
])
def test_small_values_never_print_as_zero_or_lose_their_sign(source, at, op, expected):
    svg = draw(source, at)
    if op is None:
        g = [g for g in svg.iter(SVG + "g") if g.get("class") == "node"][-1]
        text = "".join(next(t for t in g.iter(SVG + "text") if t.get("class") == "value").itertext())
    else:
        text = node_text(svg, op, "value")
    shown = float(text)
    assert shown != 0 and math.copysign(1, shown) == math.copysign(1, expected)
    assert shown == pytest.approx(expected, rel=0.05) or abs(shown - expected) <= 0.005
    if abs(expected) >= 0.005:
        assert text == f"{expected:.2f}"             # the seed's fixed decimals stay for ordinary values
