"""What a tangent plot shows, as plain data: the renderer (``symgraph.render.diagram.plot``) only draws it.

One varied input: the curve and its tangent line (the seed's first figure). Two: the surface and its
tangent plane (the seed's second). More: the 1-D slice through the point along the gradient, whose
tangent has slope |grad f| (the directional derivative along grad f / |grad f|). Every slope comes from
the ``grad`` report (reverse mode, cross-checked); every sample from the graph's forward pass.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Optional

from symgraph.core.lower import lower
from symgraph.core.parser import parse
from symgraph.errors import PointError
from symgraph.plotting import sample as S

MAX_COORDINATE = 1e12      # beyond, axis ticks and the tangent's ends lose float64 precision


@dataclass
class PlotData:
    kind: str                      # "curve" | "surface" | "slice"
    title: str
    labels: list                   # axis labels
    variables: list                # the varied inputs
    point: tuple                   # (t0, f0) or (x0, y0, f0)
    point_label: str
    slope: object                  # df/dx, (df/dx, df/dy) or |grad f|, from the report
    tangent_label: str
    curve_label: str
    limits: list                   # [(lo, hi)] per axis
    curve: Optional[S.Curve] = None
    tangent: list = field(default_factory=list)    # the tangent line's two ends [(t, y), (t, y)]
    grid: Optional[dict] = None                    # {"xs", "ys", "z", "plane"}
    notes: list = field(default_factory=list)
    ok: bool = True                                # the report's checks agreed
    report: object = None


def num(x: float, digits: int = 4) -> str:
    text = f"{x:.{digits}g}"
    return "0" if text == "-0" else text


def parse_range(text: Optional[str]) -> Optional[tuple]:
    """``--range LO:HI`` (or LO,HI): plain numbers, LO < HI."""
    if text is None:
        return None
    parts = re.split(r"[:,]", text.strip())
    try:
        lo, hi = (float(p) for p in parts) if len(parts) == 2 else (None, None)
    except ValueError:
        lo = hi = None
    if lo is None or not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise PointError(f"--range must be LO:HI with finite numbers LO < HI, not {text!r}")
    if max(abs(lo), abs(hi)) > MAX_COORDINATE or hi - lo < 1e-9 * max(1.0, abs(lo), abs(hi)):
        raise PointError(f"--range {text}: the ends must be within ±{MAX_COORDINATE:g} and the range wider than "
                         "a billionth of its size (float64 and the axes' ticks need it)")
    return lo, hi


def _span_with(span: Optional[tuple], centre: float, what: str) -> tuple:
    """The user's range, which must contain the point; else the default around it."""
    if span is None:
        return _default_span(centre)
    if not span[0] <= centre <= span[1]:
        raise PointError(f"--range {num(span[0])}:{num(span[1])} does not contain the point's {what} = {num(centre)}")
    return span


def build_plot(source: str, at, wrt: Optional[list] = None, span: Optional[tuple] = None,
               check: str = "auto", timeout: Optional[float] = 10.0) -> PlotData:
    from symgraph.pipeline import grad

    report = grad(source, at, wrt=wrt, check=check, timeout=timeout, trace=False)
    graph = lower(parse(source, names=report.at))
    varied = list(report.wrt)
    if not varied:
        raise PointError("nothing to plot: the expression has no variable")
    build = _curve if len(varied) == 1 else _surface if len(varied) == 2 else _slice
    data = build(report, graph, varied, span)
    fixed = [f"{k} = {report.at_text.get(k, num(v))}" for k, v in report.at.items() if k not in varied]
    if fixed:
        data.notes.append("other inputs fixed at " + ", ".join(fixed))
    data.ok, data.report = report.ok, report
    return data


def _out(report) -> str:
    """The function's name: the output's, or f when the expression is a bare input (``x``)."""
    return "f" if report.output in report.inputs else report.output


def _lhs(report, axis: str) -> str:
    """The left side of a tangent's equation: the seed's y (z for a plane), unless an input has that name
    (y**2 at y = 1 would read "y = 2y − 1"); then the function's own name."""
    return next(n for n in (axis, _out(report), "f", "F") if n not in report.at)


def function_label(report, varied: list) -> str:
    args = ", ".join(varied)
    single = len(report.statements) == 1 and not report.statements[0][0]
    text = report.statements[-1][1] if single else ""
    text = text.replace("**", "^")
    if single and len(text) <= 60:
        return f"{_out(report)}({args}) = {text}"
    return f"{_out(report)}({args})"


def _default_span(centre: float) -> tuple:
    """The seed's figure: x = 1 drawn over [-1, 3]; far from 0 the window grows with |centre|."""
    half = max(2.0, 0.5 * abs(centre))
    return centre - half, centre + half


def _linear(m: float, var: str, b: float, lhs: str = "y") -> str:
    """``y = 2x - 1``; ``2·x1`` for longer names."""
    times = "" if len(var) == 1 else "·"
    parts = [] if m == 0 else [f"{'-' if m < 0 else ''}{'' if abs(m) == 1 else num(abs(m))}{times if abs(m) != 1 else ''}{var}"]
    if b != 0 or not parts:
        parts.append(f"{'-' if b < 0 else '+'} {num(abs(b))}" if parts else num(b))
    return f"{lhs} = " + " ".join(parts).replace("-", "−")


def _sampled_curve(report, graph, line: S.Line, lo: float, hi: float, t0: float, f0: float, var: str):
    n = S.samples_for(graph, S.CURVE_SAMPLES)
    curve = S.sample_curve(graph, line, lo, hi, n)
    new_lo, new_hi = _trim(curve, lo, hi, t0)
    if (new_lo, new_hi) != (lo, hi):           # most of one side is outside the domain: show the rest
        undefined = curve.undefined
        curve = S.sample_curve(graph, line, new_lo, new_hi, n)
        curve.undefined = [(max(a, lo), b, why) if a <= new_lo else (a, min(b, hi), why) for a, b, why in undefined]
        lo, hi = new_lo, new_hi
    ylim = S.visible_range(curve.ys, [f0])
    S.cut_poles(graph, line, curve, ylim[1] - ylim[0])
    notes = [_undefined_note(var, a, b, why, lo, hi) for a, b, why in curve.undefined]
    notes += [f"pole or jump near {var} = {num(_snap(t, hi - lo))}: cut, not joined" for t in curve.poles]
    notes += [f"kink of {what} at {var} = {num(_snap(t, hi - lo))} (marked ◆)" for t, _, what, _ in curve.kinks]
    if curve.more_events:
        notes.append(f"{curve.more_events} more kinks not located (at most {S.MAX_EVENTS})")
    return curve, (lo, hi), ylim, notes


def _trim(curve: S.Curve, lo: float, hi: float, t0: float) -> tuple:
    margin = 0.04 * (hi - lo)
    for a, b, _ in curve.undefined:
        if a <= lo and b < t0 and b - lo > 0.1 * (hi - lo):
            lo = b - margin
        if b >= hi and a > t0 and hi - a > 0.1 * (hi - lo):
            hi = a + margin
    return lo, hi


def _snap(t: float, span: float) -> float:
    """A bisected edge is exact to ~1e-15 of the span: print 0 as 0, not 1.4e-16."""
    return 0.0 if abs(t) < 1e-9 * span else t


def _undefined_note(var: str, a: float, b: float, why: str, lo: float, hi: float) -> str:
    why = re.sub(r" \([^()]*\)$", "", why or "outside the domain")
    a, b = _snap(a, hi - lo), _snap(b, hi - lo)
    where = (f"{var} ≤ {num(b)}" if a <= lo else f"{var} ≥ {num(a)}" if b >= hi
             else f"{var} = {num(a)}" if num(a) == num(b) else f"{num(a)} ≤ {var} ≤ {num(b)}")
    return f"not drawn for {where}: {why}"


def _curve(report, graph, varied, span) -> PlotData:
    var = varied[0]
    x0, f0, m = report.at[var], report.value, report.gradient[var]
    origin = dict(report.at)
    origin[var] = 0.0
    line = S.Line(origin, {var: 1.0})
    curve, (lo, hi), ylim, notes = _sampled_curve(report, graph, line, *_span_with(span, x0, var), x0, f0, var)
    label = function_label(report, varied)
    x_text = report.at_text.get(var, num(x0))
    return PlotData(
        kind="curve", title=f"Tangent to {label} at {var} = {x_text}", labels=[var, f"{_out(report)}({var})"],
        curve_label=label, variables=[var], point=(x0, f0), point_label=f"({x_text}, {num(f0)})", slope=m,
        tangent_label=f"tangent at {var} = {x_text}: " + _equation(m, var, x0, f0, _lhs(report, "y")),
        limits=[(lo, hi), ylim], curve=curve, tangent=_tangent(m, x0, f0, (lo, hi), ylim), notes=notes)


def _equation(m: float, var: str, t0: float, f0: float, lhs: str = "y") -> str:
    if math.isinf(m):
        return f"vertical, {var} = {num(t0)} (infinite slope)"
    if math.isnan(m):
        return "none (the slope is undefined here)"
    return _linear(m, var, f0 - m * t0, lhs)


def _tangent(m: float, t0: float, f0: float, xlim: tuple, ylim: tuple) -> list:
    """The tangent line's two ends across the visible range: vertical for an infinite slope (sqrt at 0),
    none for an undefined one."""
    if math.isinf(m):
        return [(t0, ylim[0]), (t0, ylim[1])]
    if math.isnan(m):
        return []
    lo, hi = xlim
    return [(lo, f0 + m * (lo - t0)), (hi, f0 + m * (hi - t0))]


def _slice(report, graph, varied, span) -> PlotData:
    g = [report.gradient[v] for v in varied]
    norm = math.hypot(*g)               # no overflow on squares of 1e200
    notes = []
    if norm == 0 or math.isnan(norm):
        direction = {varied[0]: 1.0}
        notes.append(f"the gradient is {'0' if norm == 0 else 'undefined'} here: the slice runs along "
                     f"{varied[0]}" + (", and the tangent is flat" if norm == 0 else ""))
    elif math.isinf(norm):              # an infinite slope (sqrt at 0): along the infinite components
        inf = {v: math.copysign(1.0, x) for v, x in zip(varied, g) if math.isinf(x)}
        direction = {v: x / math.sqrt(len(inf)) for v, x in inf.items()}
    else:
        direction = {v: x / norm for v, x in zip(varied, g)}
    line = S.Line(dict(report.at), direction)
    f0 = report.value
    size = math.hypot(*(report.at[v] for v in varied))
    lo, hi = _span_with(span, 0.0, "t") if span else (-max(2.0, 0.5 * size), max(2.0, 0.5 * size))
    curve, (lo, hi), ylim, more = _sampled_curve(report, graph, line, lo, hi, 0.0, f0, "t")
    label = function_label(report, varied)
    where = ", ".join(report.at_text.get(v, num(report.at[v])) for v in varied)
    u = ", ".join(num(direction.get(v, 0.0), 3) for v in varied)
    along = f"u = ∇{_out(report)}/|∇{_out(report)}|" if norm else f"u = the {varied[0]} axis"
    what = (f"1-D slice of {label} through the point along the gradient: t ↦ {_out(report)}(x₀ + t·u), "
            f"{along} = ({u}); the tangent's slope is |∇{_out(report)}| = {num(norm)}")
    return PlotData(
        kind="slice", title=f"{_out(report)} along its gradient through ({where})",
        labels=["t (distance from the point along the gradient)", f"{_out(report)}(x₀ + t·u)"],
        curve_label=f"{_out(report)} along the gradient", variables=list(varied), point=(0.0, f0),
        point_label=f"t = 0: {_out(report)} = {num(f0)}", slope=norm,
        tangent_label=f"tangent, slope |∇{_out(report)}| = {num(norm)}: " + _equation(norm, "t", 0.0, f0, _lhs(report, "y")),
        limits=[(lo, hi), ylim], curve=curve, tangent=_tangent(norm, 0.0, f0, (lo, hi), ylim),
        notes=[what] + notes + more)


def _plane(terms, f0: float, lhs: str = "z") -> str:
    """``z = 2·(x − 1) + 2·(y − 1) + 2``: the point-slope form, a coefficient of 1 and terms of 0 left out."""
    def shifted(var, v0):
        return var if v0 == 0 else f"({var} {'+' if v0 < 0 else '−'} {num(abs(v0))})"
    parts = [(c, shifted(var, v0) if abs(c) == 1 else f"{num(abs(c))}·{shifted(var, v0)}")
             for c, var, v0 in terms if c != 0] + ([(f0, num(abs(f0)))] if f0 != 0 else [])
    if not parts:
        return f"{lhs} = 0"
    text = ("−" if parts[0][0] < 0 else "") + parts[0][1]
    text += "".join(f" {'−' if c < 0 else '+'} {t}" for c, t in parts[1:])
    return f"{lhs} = " + text


def _axis_span(report, graph, span, var: str) -> tuple:
    """A surface's range along one axis: as for a curve, cut down where f is undefined along the axis
    through the point (log(x) + log(y) at (1, 1) is drawn from just below 0, not from -1)."""
    if span is not None:
        return _span_with(span, report.at[var], var)
    lo, hi = _default_span(report.at[var])
    origin = dict(report.at)
    origin[var] = 0.0
    probe = S.sample_curve(graph, S.Line(origin, {var: 1.0}), lo, hi, S.samples_for(graph, 101, dims=2))
    return _trim(probe, lo, hi, report.at[var])


def _surface(report, graph, varied, span) -> PlotData:
    x, y = varied
    x0, y0, f0 = report.at[x], report.at[y], report.value
    gx, gy = report.gradient[x], report.gradient[y]
    n = S.samples_for(graph, S.GRID_SAMPLES, dims=2)
    xs = S.linspace(*_axis_span(report, graph, span, x), n)
    ys = S.linspace(*_axis_span(report, graph, span, y), n)
    z = S.sample_grid(graph, report.at, x, y, xs, ys)
    plane = [[f0 + gx * (xv - x0) + gy * (yv - y0) for xv in xs] for yv in ys]
    flat = [v for row in z for v in row]
    zlo, zhi = S.surface_range(flat, [f0] + [v for row in plane for v in row])
    cut = sum(1 for v in flat if math.isfinite(v) and not zlo <= v <= zhi)
    # 3-D axes do not clip: what lies beyond the visible range is masked here, not drawn outside the box
    z = [[v if math.isfinite(v) and zlo <= v <= zhi else math.nan for v in row] for row in z]
    notes = []
    undefined = sum(1 for v in flat if not math.isfinite(v))
    if undefined:
        notes.append(f"not drawn: {undefined} of {len(flat)} grid points are outside the domain")
    if cut:
        notes.append(f"{cut} grid points near a pole cut (beyond the visible range)")
    label = function_label(report, varied)
    xt, yt = report.at_text.get(x, num(x0)), report.at_text.get(y, num(y0))
    plane_eq = _plane(((gx, x, x0), (gy, y, y0)), f0, _lhs(report, "z"))
    return PlotData(
        kind="surface", title=f"Tangent plane to {label} at ({xt}, {yt})", labels=[x, y, f"{_out(report)}({x}, {y})"],
        curve_label=label, variables=[x, y], point=(x0, y0, f0), point_label=f"({xt}, {yt}, {num(f0)})", slope=(gx, gy),
        tangent_label="tangent plane: " + plane_eq,
        limits=[(xs[0], xs[-1]), (ys[0], ys[-1]), (zlo, zhi)], grid={"xs": xs, "ys": ys, "z": z, "plane": plane},
        notes=notes)
