"""Samples of f for a plot, computed by the graph's own forward pass (``core.evaluate``) at each sample.

A sample outside f's domain (log of a negative number, 1/0) is nan: it is not drawn, and the gaps are
named. Between two samples f may jump (a pole of 1/x or tan) or change the piece of a kinked op (abs,
relu): both are found by bisection on the graph itself, so a pole is cut rather than joined by a steep
line, and a kink is located to float precision and marked. The work is bounded: samples x nodes is at
most MAX_NODE_EVALS, and each bisection at most BISECT_STEPS evaluations.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field

from symgraph.core.evaluate import evaluate
from symgraph.core.lower import Graph
from symgraph.errors import SymgraphError

MAX_NODE_EVALS = 400_000    # node evaluations per picture (a 1,000-node graph still gets 400 samples)
CURVE_SAMPLES = 401
GRID_SAMPLES = 41           # per axis of a surface
BISECT_STEPS = 48
MAX_EVENTS = 20             # poles and kinks located per curve; more are only counted
JUMP_FRACTION = 0.2         # a step larger than this share of the visible range is tested for a pole


@dataclass
class Line:
    """Points origin + t * direction (names -> floats): x itself for one variable, a slice otherwise."""
    origin: dict
    direction: dict

    def at(self, t: float) -> dict:
        return {k: v + t * self.direction.get(k, 0.0) for k, v in self.origin.items()}


@dataclass
class Curve:
    ts: list
    ys: list                                      # nan where not drawn (outside the domain, a pole cut)
    undefined: list = field(default_factory=list)  # [(t_from, t_to, why)]
    poles: list = field(default_factory=list)      # t of each jump that was cut
    kinks: list = field(default_factory=list)      # [(t, f(t), op label, node id)]
    more_events: int = 0


def value_at(graph: Graph, point: dict):
    """(f, sides) at the point, or (nan, why) outside the domain."""
    try:
        ev = evaluate(graph, point, with_partials=False)
    except SymgraphError as exc:
        return math.nan, str(exc).split(": ", 1)[-1]
    return ev.values[graph.output], ev.sides


def samples_for(graph: Graph, wanted: int, dims: int = 1) -> int:
    """Samples per axis within the node-evaluation budget."""
    per_axis = (MAX_NODE_EVALS / max(1, len(graph.nodes))) ** (1.0 / dims)
    return max(11, min(wanted, int(per_axis)))


def linspace(lo: float, hi: float, n: int) -> list:
    return [lo + (hi - lo) * i / (n - 1) for i in range(n)]


def sample_curve(graph: Graph, line: Line, lo: float, hi: float, n: int) -> Curve:
    ts = linspace(lo, hi, n)
    evaluated = [value_at(graph, line.at(t)) for t in ts]
    ys = [y for y, _ in evaluated]
    curve = Curve(ts, ys)
    curve.undefined = _undefined(graph, line, ts, evaluated)
    _kinks(graph, line, ts, evaluated, curve)
    return curve


def cut_poles(graph: Graph, line: Line, curve: Curve, span: float) -> None:
    """Where two neighbouring samples differ by more than JUMP_FRACTION of the visible span, bisect: a
    continuous f keeps its midpoints between the ends; at a pole they escape (or leave the domain), and a
    nan is inserted there so that no line joins the two branches."""
    ts, ys = curve.ts, curve.ys
    cuts = []
    for i in range(len(ts) - 1):
        a, b = ys[i], ys[i + 1]
        if math.isfinite(a) and math.isfinite(b) and abs(b - a) > JUMP_FRACTION * span:
            where = _jump(graph, line, ts[i], ts[i + 1], a, b)
            if where is not None:
                cuts.append((i + 1, where))
    for i, where in reversed(cuts):
        ts.insert(i, where)
        ys.insert(i, math.nan)
    curve.poles = [w for _, w in cuts]


def _jump(graph: Graph, line: Line, ta: float, tb: float, ya: float, yb: float):
    """None if f looks continuous on [ta, tb]; else where it jumps, narrowed to the half that carries
    the larger change at every step (a pole's two sides differ most across it)."""
    escaped = False
    for _ in range(BISECT_STEPS):
        tm = 0.5 * (ta + tb)
        ym, _ = value_at(graph, line.at(tm))
        if not math.isfinite(ym):
            return tm                        # outside the domain: the pole itself (1/x at 0)
        lo, hi = min(ya, yb), max(ya, yb)
        escaped = escaped or not lo - 1e-12 * abs(lo) <= ym <= hi + 1e-12 * abs(hi)
        if abs(ym - ya) >= abs(yb - ym):
            tb, yb = tm, ym
        else:
            ta, ya = tm, ym
        if tb - ta <= 1e-12 * max(1.0, abs(ta)):
            break
    return 0.5 * (ta + tb) if escaped else None


def _undefined(graph: Graph, line: Line, ts: list, evaluated: list) -> list:
    """Runs of samples outside the domain, with the edges refined by bisection and the first reason."""
    runs, start = [], None
    for i, (y, why) in enumerate(evaluated + [(0.0, None)]):
        if not math.isfinite(y) and start is None:
            start = i
        elif math.isfinite(y) and start is not None:
            lo = ts[0] if start == 0 else _edge(graph, line, ts[start - 1], ts[start])
            hi = ts[-1] if i == len(ts) else _edge(graph, line, ts[i], ts[i - 1])
            runs.append((lo, hi, evaluated[start][1]))
            start = None
    return runs


def _edge(graph: Graph, line: Line, inside: float, outside: float) -> float:
    for _ in range(BISECT_STEPS):
        mid = 0.5 * (inside + outside)
        if math.isfinite(value_at(graph, line.at(mid))[0]):
            inside = mid
        else:
            outside = mid
    return outside


def _kinks(graph: Graph, line: Line, ts: list, evaluated: list, curve: Curve) -> None:
    """A kinked node (abs, relu) whose piece differs between two samples has its kink between them."""
    found = 0
    for i in range(len(ts) - 1):
        (_, sa), (_, sb) = evaluated[i], evaluated[i + 1]
        if not isinstance(sa, dict) or not isinstance(sb, dict):
            continue
        for node_id in sorted(k for k in sa if k in sb and sa[k] != sb[k]):
            if found >= MAX_EVENTS:
                curve.more_events += 1
                continue
            if sa[node_id] == 0 and curve.kinks and curve.kinks[-1][3] == node_id:
                continue                  # a sample exactly on the kink: already found from its left
            t = _kink(graph, line, ts[i], ts[i + 1], node_id, sa[node_id])
            if not _slope_breaks(graph, line, t, ts[i + 1] - ts[i]):
                continue                  # relu(x)*x, abs(x)**3: the piece changes, the slope does not
            y, _ = value_at(graph, line.at(t))
            curve.kinks.append((t, y, graph.nodes[node_id].label, node_id))
            found += 1


def _kink(graph: Graph, line: Line, ta: float, tb: float, node_id: int, side_a) -> float:
    for _ in range(BISECT_STEPS):
        tm = 0.5 * (ta + tb)
        _, sides = value_at(graph, line.at(tm))
        if isinstance(sides, dict) and sides.get(node_id) == side_a:
            ta = tm
        else:
            tb = tm
    # the piece changes between ta and tb; a side of 0 is the kink itself
    _, sides = value_at(graph, line.at(tb))
    return tb if isinstance(sides, dict) and sides.get(node_id) == 0 else 0.5 * (ta + tb)


def _slope_breaks(graph: Graph, line: Line, t: float, spacing: float) -> bool:
    """Whether f's one-sided slopes at t differ: a real kink. Their difference stays the same as the step
    h shrinks at a kink (abs: 2), and shrinks with h where f is differentiable (relu(x)*x: h), so the
    test compares it at h and h/4. Undecidable (a side outside the domain) counts as a kink."""
    def gap(h: float) -> float:
        left, mid, right = (value_at(graph, line.at(t + d))[0] for d in (-h, 0.0, h))
        return abs((right - mid) - (mid - left)) / h

    h = 1e-3 * spacing
    wide, narrow = gap(h), gap(h / 4)
    if not (math.isfinite(wide) and math.isfinite(narrow)):
        return True
    return narrow > 0.5 * wide and narrow > 1e-6


def sample_grid(graph: Graph, point: dict, x: str, y: str, xs: list, ys: list) -> list:
    """f over the grid: rows follow ys, columns xs; nan outside the domain."""
    out = []
    for yv in ys:
        row = []
        for xv in xs:
            p = dict(point)
            p[x], p[y] = xv, yv
            row.append(value_at(graph, p)[0])
        out.append(row)
    return out


def visible_range(values: list, keep: list) -> tuple:
    """y-limits from the sampled values: the 2nd to 98th percentile (so that a pole does not flatten the
    rest), always including ``keep`` (the point), with a margin."""
    finite = sorted(v for v in values if math.isfinite(v))
    if not finite:
        finite = sorted(keep)
    k = int(0.02 * (len(finite) - 1))
    lo, hi = min([finite[k]] + keep), max([finite[len(finite) - 1 - k]] + keep)
    if hi - lo < 1e-9 * max(1.0, abs(hi)):
        lo, hi = lo - 1.0, hi + 1.0
    pad = 0.08 * (hi - lo)
    return lo - pad, hi + pad


def surface_range(values: list, keep: list) -> tuple:
    """z-limits of a surface: all of it, unless a pole makes the full range more than 3 times the
    percentile range of ``visible_range`` (then that, and the pole's spike is cut)."""
    lo, hi = visible_range(values, keep)
    finite = [v for v in values if math.isfinite(v)] + keep
    full_lo, full_hi = min(finite), max(finite)
    if full_hi - full_lo > 3 * (hi - lo):
        return lo, hi
    pad = 0.03 * (full_hi - full_lo) or 1.0
    return full_lo - pad, full_hi + pad
