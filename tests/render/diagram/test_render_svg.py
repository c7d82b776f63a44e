"""The SVG diagram: valid XML, the seed's circuit with the seed's numbers, escaped text, no overlaps.

Expected numbers are computed here by hand from the seed's formulas (math.exp), never taken from symgraph.
"""
import math
import random
import xml.etree.ElementTree as ET

import pytest

from symgraph.render.diagram.model import DEdge, Diagram, DNode, build_diagram

from symgraph.pipeline import graph_rows
from symgraph.errors import LimitError
from symgraph.render.diagram.svg import render_svg

NS = {"s": "http://www.w3.org/2000/svg"}
NEURON = "1/(1+exp(-(w0*x0+w1*x1+w2)))"
POINT = "w0=2,x0=-1,w1=-3,x1=-2,w2=-3"
AT = dict(p.split("=") for p in POINT.split(","))

# The seed's hand computation (CS231n): dot = w0*x0 + w1*x1 + w2, f = sigmoid(dot), ddot = (1 - f) * f
W0, X0, W1, X1, W2 = 2.0, -1.0, -3.0, -2.0, -3.0
DOT = W0 * X0 + W1 * X1 + W2
F = 1.0 / (1.0 + math.exp(-DOT))
DDOT = (1 - F) * F
SEED_GRADS = {"w0": X0 * DDOT, "x0": W0 * DDOT, "w1": X1 * DDOT, "x1": W1 * DDOT, "w2": DDOT}
EXP_OUT = math.exp(-DOT)                    # the exp gate's output
EXP_ADJ = -1.0 / (1.0 + EXP_OUT) ** 2       # d(1/u)/du at u = 1 + exp(-dot), times df/df = 1


def draw(source=NEURON, at=POINT, **kw):
    rows = graph_rows(source, at)
    at_text = dict(p.split("=") for p in at.split(",")) if at else {}
    return ET.fromstring(render_svg(build_diagram(source, rows, at_text, **kw)).encode())


def nodes(svg):
    return {g.get("data-name"): g for g in svg.iter("{%s}g" % NS["s"]) if g.get("class") == "node"}


def text_of(group, cls):
    found = [t for t in group.iter("{%s}text" % NS["s"]) if t.get("class") == cls]
    return "".join(found[0].itertext()).strip() if found else None


def test_seed_values_are_the_hand_computed_ones():
    # guard the guard: the hand computation reproduces the numbers printed in the seed's picture
    assert [f"{SEED_GRADS[v]:.2f}" for v in ("w0", "x0", "w1", "x1", "w2")] == \
        ["-0.20", "0.39", "-0.39", "-0.59", "0.20"]
    assert f"{F:.2f}" == "0.73" and f"{EXP_ADJ:.2f}" == "-0.53" and f"{EXP_OUT:.2f}" == "0.37"


def test_neuron_svg_carries_the_seeds_labels_and_numbers():
    svg = draw()
    assert svg.tag == "{%s}svg" % NS["s"]
    by_name = nodes(svg)
    gates = sorted(text_of(g, "label") for g in by_name.values() if g.get("data-op") not in ("input", "const"))
    assert gates == sorted(["*", "*", "+", "+", "*-1", "exp", "+1", "1/x"])
    for var, grad in SEED_GRADS.items():
        g = by_name[var]
        assert text_of(g, "label") == var
        assert text_of(g, "value") == f"{float(AT[var]):.2f}"
        assert text_of(g, "grad") == f"{grad:.2f}"
    out = by_name["f"]
    assert text_of(out, "value") == f"{F:.2f}" == "0.73"
    assert text_of(out, "grad") == "1.00"
    assert text_of(out, "output") == "f"
    exp_gate = next(g for g in by_name.values() if g.get("data-op") == "exp")
    assert text_of(exp_gate, "value") == f"{EXP_OUT:.2f}"
    assert text_of(exp_gate, "grad") == f"{EXP_ADJ:.2f}" == "-0.53"
    # colours as in the seed: values green, gradients red
    fills = {t.get("class"): t.get("fill") for t in svg.iter("{%s}text" % NS["s"])
             if t.get("class") in ("value", "grad")}
    assert fills["value"].lower() in ("#1a7f37", "green") and fills["grad"].lower() in ("#cf222e", "red")


def test_edges_have_arrowheads_and_match_the_graph():
    svg = draw()
    edges = [g for g in svg.iter("{%s}g" % NS["s"]) if g.get("class") == "edge"]
    assert len(edges) == 12                      # 4 inputs to the two *, then 2 + 2 + 1 + 1 + 1 + 1
    assert svg.find(".//s:marker[@id='symgraph-arrow']", NS) is not None
    for e in edges:
        line = e.find("s:polyline", NS)
        assert line.get("marker-end") == "url(#symgraph-arrow)"
    # self-contained: no external references
    text = ET.tostring(svg, encoding="unicode")
    assert "http" not in text.replace("http://www.w3.org/2000/svg", "") and "<script" not in text


def test_digits_option():
    svg = draw(digits=4)
    assert text_of(nodes(svg)["f"], "value") == f"{F:.4f}"


def test_tangent_view_shows_dv_dx():
    svg = draw(tangent="w0")
    by_name = nodes(svg)
    assert text_of(by_name["w0"], "grad") == "1.00"         # dw0/dw0
    assert text_of(by_name["x0"], "grad") == "0.00"         # dx0/dw0
    assert text_of(by_name["f"], "grad") == f"{SEED_GRADS['w0']:.2f}"   # df/dw0 at the output
    muls = sorted(text_of(g, "grad") for g in by_name.values() if g.get("data-op") == "mul")
    assert muls == sorted([f"{X0:.2f}", "0.00"])        # d(w0*x0)/dw0 = x0, d(w1*x1)/dw0 = 0


def test_show_local_puts_each_edge_partial_on_the_edge():
    svg = draw(show_local=True)
    locs = {(int(g.get("data-src")), int(g.get("data-dst"))): "".join(g.find("s:text", NS).itertext()).strip()
        for g in svg.iter("{%s}g" % NS["s"]) if g.get("class") == "local"}
    by_name = nodes(svg)
    ids = {name: int(g.get("data-id")) for name, g in by_name.items()}
    exp_id = next(int(g.get("data-id")) for g in by_name.values() if g.get("data-op") == "exp")
    # d exp(u)/du = exp(u); d(1/u)/du = -1/u^2; d(w0*x0)/dw0 = x0
    assert any(k[1] == exp_id and v == f"{EXP_OUT:.2f}" for k, v in locs.items())
    assert any(k[1] == ids["f"] and v == f"{-1 / (1 + EXP_OUT) ** 2:.2f}" for k, v in locs.items())
    assert locs[(ids["w0"], next(k[1] for k in locs if k[0] == ids["w0"]))] == f"{X0:.2f}"


def test_structure_only_without_a_point():
    svg = ET.fromstring(render_svg(build_diagram(NEURON, graph_rows(NEURON, None))).encode())
    classes = {t.get("class") for t in svg.iter("{%s}text" % NS["s"])}
    assert "value" not in classes and "grad" not in classes
    assert len(nodes(svg)) == 13


def test_user_text_is_escaped():
    evil = "a<b&c>\"'"
    d = Diagram(expression=f"{evil} + 1", nodes=[
        DNode(0, evil, [evil], "input", evil, [], 1.0, 2.0),
        DNode(1, "o&<", ["o&<"], "add_c", "+<&>", [0], 2.0, 1.0)],
        edges=[DEdge(0, 1, 0, 1.0, "1 & <2>")], output=1, at={evil: "1"}, show_local=True)
    text = render_svg(d)
    svg = ET.fromstring(text.encode())                       # still well-formed XML
    all_text = " ".join("".join(t.itertext()) for t in svg.iter("{%s}text" % NS["s"]))
    assert evil in all_text and "+<&>" in all_text
    assert nodes(svg)[evil].get("data-name") == evil


def boxes(svg):
    """Each node's drawn extent: its circle and every text it carries (text width estimated from its
    length at 0.65 em per character, generous for DejaVu Sans digits)."""
    out = {}
    for name, g in nodes(svg).items():
        xs, ys = [], []
        for c in g.iter("{%s}circle" % NS["s"]):
            cx, cy, r = (float(c.get(k)) for k in ("cx", "cy", "r"))
            xs += [cx - r, cx + r]
            ys += [cy - r, cy + r]
        for t in g.iter("{%s}text" % NS["s"]):
            x, y, size = float(t.get("x")), float(t.get("y")), float(t.get("font-size"))
            w = len("".join(t.itertext()).strip()) * size * 0.65
            x0 = {"end": x - w, "middle": x - w / 2}.get(t.get("text-anchor"), x)
            xs += [x0, x0 + w]
            ys += [y - size * 0.8, y + size * 0.25]
        out[name] = (min(xs), min(ys), max(xs), max(ys))
    return out


def assert_no_overlap(svg):
    b = list(boxes(svg).items())
    for i, (n1, a) in enumerate(b):
        for n2, c in b[i + 1:]:
            assert not (a[0] < c[2] and c[0] < a[2] and a[1] < c[3] and c[1] < a[3]), (n1, a, n2, c)


def random_program(rng, n_statements):
    names = ["x", "y", "z", "w"][: rng.randint(1, 4)]
    funcs = ["sin", "exp", "tanh", "sigmoid", "cos"]
    lines = []
    for i in range(n_statements):
        a, b = rng.choice(names), rng.choice(names)
        form = rng.choice(["{a}*{b}", "{a}+{b}", "{f}({a})", "{a}-2*{b}", "{f}({a}*{b})+1", "1/(1+{a}^2)"])
        lines.append(f"g{i} = " + form.format(a=a, b=b, f=rng.choice(funcs)))
        names.append(f"g{i}")
    return "; ".join(lines), sorted({n for n in ("x", "y", "z", "w") if n in "; ".join(lines)})


def test_neuron_no_overlaps():
    assert_no_overlap(draw())
    assert_no_overlap(draw(show_local=True))


@pytest.mark.parametrize("seed", range(5))
def test_random_programs_no_overlaps(seed):
    rng = random.Random(seed)
    source, variables = random_program(rng, rng.randint(8, 22))
    at = ",".join(f"{v}=0.{i + 3}" for i, v in enumerate(variables))
    svg = draw(source, at, show_local=bool(seed % 2))
    assert len(nodes(svg)) >= 8
    assert_no_overlap(svg)


def test_too_big_is_refused_with_a_suggestion():
    source = " + ".join(f"sin(x{i})" for i in range(80))      # 80 inputs + 80 sin + 79 adds
    with pytest.raises(LimitError) as info:
        render_svg(build_diagram(source, graph_rows(source, None)))
    assert "--format dot" in info.value.render() and "nodes" in info.value.message
