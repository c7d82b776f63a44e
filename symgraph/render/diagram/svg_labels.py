"""Where the SVG puts each edge's local-partial label: centred on its own edge, clear of everything else.

A label slides along its edge, starting just before the arrowhead on the last segment and moving back
toward the source, segment by segment, until its box touches no circle, no text and no other label, and
if possible crosses no other line. Being centred on its own line (on a white background) is what ties a
label to its edge: near the target, edges that fan out of one source have already parted.
No font metrics here: text boxes are generous estimates from the font size and the character count.
"""
from __future__ import annotations

import math

CHAR_EM = 0.68          # DejaVu Sans digits are 0.64 em wide; a little more so that estimates stay safe
ASCENT, DESCENT = 0.85, 0.3
ARROW_CLEAR = 12.0      # keep labels off the arrowhead
STEP = 3.0


def text_box(x: float, y: float, size: float, anchor: str, text: str, pad: float = 0.0) -> tuple:
    """(x0, y0, x1, y1) of ``text`` drawn at baseline ``y`` with ``text-anchor`` ``anchor``."""
    w = len(text) * size * CHAR_EM
    x0 = {"end": x - w, "middle": x - w / 2}.get(anchor, x)
    return (x0 - pad, y - ASCENT * size - pad, x0 + w + pad, y + DESCENT * size + pad)


def label_size(text: str, size: float, pad: float = 2.0) -> tuple:
    """Width and height of a label's box (its white background)."""
    return len(text) * size * CHAR_EM + 2 * pad, (ASCENT + DESCENT) * size + pad


def baseline(cy: float, size: float) -> float:
    """The baseline that centres a text box of font ``size`` on ``cy``."""
    return cy + (ASCENT - DESCENT) * size / 2


def _overlap(a: tuple, b: tuple) -> float:
    w = min(a[2], b[2]) - max(a[0], b[0])
    h = min(a[3], b[3]) - max(a[1], b[1])
    return w * h if w > 0 and h > 0 else 0.0


def _hits(box: tuple, p: tuple, q: tuple) -> bool:
    """Does segment pq pass through ``box``? (Liang-Barsky clipping.)"""
    t0, t1 = 0.0, 1.0
    dx, dy = q[0] - p[0], q[1] - p[1]
    for den, num in ((-dx, p[0] - box[0]), (dx, box[2] - p[0]), (-dy, p[1] - box[1]), (dy, box[3] - p[1])):
        if den == 0:
            if num < 0:
                return False
            continue
        t = num / den
        if den < 0:
            t0 = max(t0, t)
        else:
            t1 = min(t1, t)
        if t0 > t1:
            return False
    return True


def _candidates(points: list, w: float, h: float):
    """Centres along the polyline, from just before the arrowhead back toward the source."""
    last = len(points) - 2
    for i in range(last, -1, -1):
        (px, py), (qx, qy) = points[i], points[i + 1]
        length = math.hypot(qx - px, qy - py)
        if length < 1e-6:
            continue
        ux, uy = (qx - px) / length, (qy - py) / length
        half = w / 2 * abs(ux) + h / 2 * abs(uy)      # the box's half extent along the segment
        s = half + (ARROW_CLEAR if i == last else 0.0)
        while s <= length - half + 1e-9:
            yield qx - ux * s, qy - uy * s
            s += STEP


def _near(boxes_or_lines: list, bbox: tuple, as_line: bool) -> list:
    def inside(item):
        if as_line:
            _, p, q = item
            return _overlap(bbox, (min(p[0], q[0]) - 1, min(p[1], q[1]) - 1,
                                   max(p[0], q[0]) + 1, max(p[1], q[1]) + 1)) > 0
        return _overlap(bbox, item) > 0
    return [item for item in boxes_or_lines if inside(item)]


def place_labels(items: list, obstacles: list, lines: list) -> dict:
    """Centre of every label.

    ``items``: (key, width, height, polyline from source to target, own line tags); ``obstacles``: boxes
    nothing may overlap; ``lines``: (tag, p, q) segments a label should not cover unless the tag is its own.
    Labels with the least room go first; each placed label becomes an obstacle for the rest."""
    placed = {}
    boxes = list(obstacles)

    def room(item):
        pts = item[3]
        return sum(math.dist(a, b) for a, b in zip(pts, pts[1:]))

    for key, w, h, points, own in sorted(items, key=room):
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        area = (min(xs) - w, min(ys) - h, max(xs) + w, max(ys) + h)
        near_boxes = _near(boxes, area, False)
        near_lines = [ln for ln in _near(lines, area, True) if ln[0] not in own]
        best, best_cost = None, None
        for cx, cy in _candidates(points, w, h):
            box = (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)
            cost = sum(_overlap(box, b) for b in near_boxes) * 1000.0
            if cost == 0 and not any(_hits(box, p, q) for _, p, q in near_lines):
                best = (cx, cy)
                break
            cost += 1.0     # crossing lines only: acceptable when nothing better exists
            if best_cost is None or cost < best_cost:
                best, best_cost = (cx, cy), cost
        if best is None:    # a degenerate edge: put it at its end
            best = points[-1]
        placed[key] = best
        boxes.append((best[0] - w / 2, best[1] - h / 2, best[0] + w / 2, best[1] + h / 2))
    return placed
