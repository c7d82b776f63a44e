"""check's red ring around the first wrong step covers no arrowhead and no label (issue 24): measured on
the SVG itself, parsed as XML. Text boxes are over-estimated (0.65 em a character, 0.8 em above the
baseline and 0.25 em below), arrowheads taken from the marker's size at each edge's end."""
import math
import xml.etree.ElementTree as ET

import pytest

from tests.helpers import run

NS = {"s": "http://www.w3.org/2000/svg"}
SEED = "g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2"
ARROW_LENGTH, ARROW_HALF_WIDTH = 10.0, 3.5     # the marker: viewBox 10 x 8 drawn 9 x 7 user units


def _distance_range_box(cx, cy, x0, y0, x1, y1) -> tuple:
    """(nearest, farthest) distance from the centre to an axis-aligned box."""
    dx = max(x0 - cx, 0, cx - x1)
    dy = max(y0 - cy, 0, cy - y1)
    far = max(math.hypot(x - cx, y - cy) for x in (x0, x1) for y in (y0, y1))
    return math.hypot(dx, dy), far


def _segment_distance(cx, cy, a, b) -> float:
    (ax, ay), (bx, by) = a, b
    length2 = (bx - ax) ** 2 + (by - ay) ** 2 or 1.0
    t = max(0.0, min(1.0, ((cx - ax) * (bx - ax) + (cy - ay) * (by - ay)) / length2))
    return math.hypot(ax + t * (bx - ax) - cx, ay + t * (by - ay) - cy)


def _text_box(t) -> tuple:
    x, y, size = float(t.get("x")), float(t.get("y")), float(t.get("font-size"))
    width = 0.65 * size * len("".join(t.itertext()))
    anchor = t.get("text-anchor", "start")
    x0 = {"start": x, "middle": x - width / 2, "end": x - width}[anchor]
    return x0, y - 0.8 * size, x0 + width, y + 0.25 * size


def _arrowheads(svg):
    """Each arrowhead as its three corners: the tip at the polyline's end and the two base corners."""
    for line in svg.iterfind(".//s:polyline", NS):
        if "symgraph-arrow" not in (line.get("marker-end") or ""):
            continue
        pts = [tuple(map(float, p.split(","))) for p in line.get("points").split()]
        (ax, ay), (bx, by) = pts[-2], pts[-1]
        length = math.hypot(bx - ax, by - ay) or 1.0
        ux, uy = (bx - ax) / length, (by - ay) / length
        base = (bx - ARROW_LENGTH * ux, by - ARROW_LENGTH * uy)
        yield [(bx, by), (base[0] - ARROW_HALF_WIDTH * uy, base[1] + ARROW_HALF_WIDTH * ux),
               (base[0] + ARROW_HALF_WIDTH * uy, base[1] - ARROW_HALF_WIDTH * ux)]


@pytest.mark.parametrize("claim, node", [("df/dg2 = 4", "g2"), ("df/dx1 = -5", "x1"), ("df/dg1 = 2", "g1")])
def test_the_ring_covers_no_arrowhead_and_no_label(tmp_path, claim, node):
    path = tmp_path / "mark.svg"
    assert run("check", SEED, "--at", "x1=1,x2=2", "--claim", claim, "--svg", str(path)).exit_code == 1
    svg = ET.parse(path).getroot()
    ring, = svg.iterfind(".//s:circle[@class='mark']", NS)
    group = next(g for g in svg.iterfind(".//s:g[@class='node']", NS) if ring in list(g))
    assert group.get("data-name") == node
    cx, cy, r = float(ring.get("cx")), float(ring.get("cy")), float(ring.get("r"))
    half = float(ring.get("stroke-width")) / 2
    inner, outer = r - half, r + half
    texts = [t for t in svg.iterfind(".//s:text", NS) if t.get("class") != "header"]
    for t in texts:
        near, far = _distance_range_box(cx, cy, *_text_box(t))
        assert far < inner or near > outer, ("".join(t.itertext()), near, far, inner, outer)
    for corners in _arrowheads(svg):
        far = max(math.hypot(x - cx, y - cy) for x, y in corners)
        near = min(_segment_distance(cx, cy, corners[i], corners[i - 1]) for i in range(3))
        assert near > outer or far < inner, (near, far, inner, outer)
    # and the ring is seen: drawn after (over) the white gate it marks
    order = list(group)
    assert order.index(ring) > next(i for i, c in enumerate(order) if c.tag.endswith("circle") and c is not ring)
