"""symgraph plot: the seed's two tangent figures, the slice, ranges from the domain, poles, kinks.

The tangent's slope is read back from the SVG's path data (pixels, converted with the axes' frame and
limits) and compared with the graph's derivative and with SymPy's diff, an independent reference."""
import math
import re
import subprocess
import sys

import pytest
import sympy
from hypothesis import given, settings, strategies as st

from symgraph.plotting.api import plot
from symgraph.plotting.figure import build_plot
from symgraph.render.diagram.plot import render_plot_svg
from tests.helpers import EXAMPLES, ROOT, refused, run


def _path(svg: str, gid: str) -> list:
    """The points of the first path inside the element with id ``gid``."""
    block = svg[svg.index(f'<g id="{gid}">'):]
    d = re.search(r'<path d="([^"]*)"', block).group(1)
    return [(float(x), float(y)) for x, y in re.findall(r"(-?[\d.]+) (-?[\d.]+)", d)]


def tangent_from_svg(svg: str, limits: list) -> tuple:
    """(slope, intercept) of the drawn tangent in data units: pixels mapped through the plot area."""
    frame = _path(svg, "plot-area")
    left, right = min(p[0] for p in frame), max(p[0] for p in frame)
    top, bottom = min(p[1] for p in frame), max(p[1] for p in frame)
    (xlo, xhi), (ylo, yhi) = limits

    def data(p):
        return (xlo + (p[0] - left) / (right - left) * (xhi - xlo),
                ylo + (bottom - p[1]) / (bottom - top) * (yhi - ylo))

    (xa, ya), (xb, yb) = (data(p) for p in _path(svg, "tangent")[:2])
    slope = (yb - ya) / (xb - xa)
    return slope, ya - slope * xa


def _sympy_slope(expr, x0):
    x = sympy.Symbol("x")
    return float(sympy.diff(expr(x), x).subs(x, x0))


@pytest.mark.parametrize("source, x0, expr", [
    ("x**2", 1, lambda x: x ** 2),                                   # the seed's first figure
    ("sin(x)*cos(x)", 2, lambda x: sympy.sin(x) * sympy.cos(x)),      # the seed's example at 2
    ("(3*x)**2", 4, lambda x: (3 * x) ** 2),
])
def test_tangent_slope_read_from_the_svg_is_the_graphs_derivative(tmp_path, source, x0, expr):
    out = tmp_path / "f.svg"
    result = run("plot", source, "--at", f"x={x0}", "-o", str(out))
    assert result.exit_code == 0, result.output
    data = build_plot(source, f"x={x0}")
    slope, intercept = tangent_from_svg(out.read_text(), data.limits)
    assert slope == pytest.approx(data.report.gradient["x"], rel=1e-5, abs=1e-6)
    assert slope == pytest.approx(_sympy_slope(expr, x0), rel=1e-5, abs=1e-6)
    # the line touches the curve at the point
    assert slope * x0 + intercept == pytest.approx(float(expr(sympy.Integer(x0))), rel=1e-5, abs=1e-5)


def test_seed_first_figure_legend_and_range():
    data = build_plot("x**2", "x=1")
    assert data.kind == "curve"
    assert data.tangent_label == "tangent at x = 1: y = 2x − 1"
    assert data.limits[0] == (-1.0, 3.0)           # the seed draws x from -1 to 3
    assert data.point == (1.0, 1.0)


def test_seed_second_figure_surface_and_tangent_plane():
    data = build_plot("x**2 + y**2", "x=1,y=1")
    assert data.kind == "surface" and data.slope == (2.0, 2.0)
    assert data.tangent_label == "tangent plane: z = 2·(x − 1) + 2·(y − 1) + 2"
    assert data.limits[:2] == [(-1.0, 3.0), (-1.0, 3.0)]          # the seed's grid
    g = data.grid
    # the plane is f(1,1) + 2(x-1) + 2(y-1) at every grid point; the surface is x^2 + y^2
    for i in (0, len(g["ys"]) // 2, len(g["ys"]) - 1):
        for j in (0, len(g["xs"]) - 1):
            x, y = g["xs"][j], g["ys"][i]
            assert g["plane"][i][j] == pytest.approx(2 + 2 * (x - 1) + 2 * (y - 1))
            assert g["z"][i][j] == pytest.approx(x * x + y * y)
    svg = render_plot_svg(data)
    assert 'id="tangent-plane"' in svg and "Tangent plane to f(x, y) = x^2 + y^2 at (1, 1)" in svg


def test_more_variables_slice_along_the_gradient_says_so(tmp_path):
    neuron = (EXAMPLES / "sigmoid_neuron.txt").read_text()
    data = build_plot(neuron, "w0=2,x0=-1,w1=-3,x1=-2,w2=-3")
    assert data.kind == "slice"
    seed = [-0.20, 0.39, -0.39, -0.59, 0.20]                  # the seed's gradient, 2 decimals
    assert data.slope == pytest.approx(math.sqrt(sum(g * g for g in seed)), abs=0.01)
    assert data.slope == pytest.approx(math.sqrt(sum(v * v for v in data.report.gradient.values())))
    svg = render_plot_svg(data)
    slope, _ = tangent_from_svg(svg, data.limits)
    assert slope == pytest.approx(data.slope, rel=1e-5)
    assert "along the gradient" in svg and "slope |∇f|" in svg


def test_wrt_one_input_keeps_the_others_fixed():
    data = build_plot("x*y", "x=1,y=3", wrt=["x"])
    assert data.kind == "curve" and data.slope == 3.0
    assert any("fixed at y = 3" in n for n in data.notes)


def test_log_is_not_drawn_for_x_at_most_0():
    data = build_plot("log(x)", "x=1")
    assert any(n.startswith("not drawn for x ≤ 0") for n in data.notes), data.notes
    c = data.curve
    assert all(t > 0 for t, y in zip(c.ts, c.ys) if math.isfinite(y))
    assert data.limits[0][0] > -0.5                  # the range was cut down to the domain


def test_surface_range_follows_the_domain():
    data = build_plot("log(x) + log(y)", "x=1,y=1")
    assert all(-0.5 < lo < 0 for lo, _ in data.limits[:2])


@pytest.mark.parametrize("source, pole", [("1/(x - 0.3)", 0.3), ("tan(x)", math.pi / 2)])
def test_poles_are_cut_not_joined(source, pole):
    data = build_plot(source, "x=1")
    c = data.curve
    assert c.poles == [pytest.approx(pole, abs=1e-9)]
    for (ta, ya), (tb, yb) in zip(zip(c.ts, c.ys), zip(c.ts[1:], c.ys[1:])):
        if math.isfinite(ya) and math.isfinite(yb):
            assert not ta < pole < tb, (ta, tb)     # no drawn segment crosses the pole


@pytest.mark.parametrize("source", ["atan(1000*(x - 1.5))", "exp(5*x)", "x**3"])
def test_steep_continuous_curves_are_not_cut(source):
    data = build_plot(source, "x=1")
    assert data.curve.poles == [] and all(math.isfinite(y) for y in data.curve.ys)


def test_infinite_slope_draws_a_vertical_tangent():
    data = build_plot("sqrt(x)", "x=0")
    assert data.tangent_label.endswith("vertical, x = 0 (infinite slope)")
    assert {p[0] for p in data.tangent} == {0.0}


def test_zero_gradient_slice_says_so():
    data = build_plot("x*y*z", "x=0,y=0,z=0")
    assert data.slope == 0 and any("the gradient is 0 here" in n for n in data.notes)
    assert "u = the x axis" in data.notes[0]


def test_kinks_are_located_and_marked():
    data = build_plot("abs(x - 2) + relu(x)", "x=1", span=(-1.5, 3.5))
    kinks = sorted(k[0] for k in data.curve.kinks)
    assert kinks == [pytest.approx(0.0, abs=1e-9), pytest.approx(2.0, abs=1e-9)]
    assert "kink (not differentiable)" in render_plot_svg(data)


def test_two_runs_give_the_same_svg(tmp_path):
    a, b = tmp_path / "a.svg", tmp_path / "b.svg"
    for out in (a, b):
        run("plot", "x**2 + y**2", "--at", "x=1,y=1", "-o", str(out))
    assert a.read_bytes() == b.read_bytes()
    assert "<dc:date>" not in a.read_text()


def test_notebook_object_displays():
    import symgraph

    assert symgraph.plot.__wrapped__ is plot          # the API function, its errors naming its arguments
    picture = symgraph.plot("x**2", {"x": 1})
    assert picture._repr_svg_().lstrip().startswith("<?xml")
    assert picture._repr_png_()[:8] == b"\x89PNG\r\n\x1a\n"


@settings(max_examples=8, deadline=None)
@given(a=st.integers(-5, 5).filter(bool), b=st.integers(-5, 5), x0=st.integers(-6, 6))
def test_property_tangent_of_a_parabola(a, b, x0):
    data = build_plot(f"{a}*x**2 + {b}*x", f"x={x0}")
    slope, _ = tangent_from_svg(render_plot_svg(data), data.limits)
    assert slope == pytest.approx(2 * a * x0 + b, rel=1e-5, abs=1e-5)


@pytest.mark.parametrize("args, message", [
    (["x", "--at", "x=1", "-o", "f.jpg"], ".svg or .png"),
    (["x", "--at", "x=1", "-o", "f.svg", "--range", "3:1"], "--range"),
    (["x", "--at", "x=1", "-o", "f.svg", "--wrt", "y"], "--wrt"),
    (["x**2", "--at", "x=1", "-o", "f.svg", "--range", "2:3"], "does not contain the point"),
    (["x**2", "--at", "x=1", "-o", "f.svg", "--range", "-1e308:1e308"], "within ±1e+12"),
    (["log(x)", "--at", "x=-1", "-o", "f.svg"], "log of a non-positive number"),
])
def test_bad_input_is_refused(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    assert message in refused("plot", *args)[0]


def test_matplotlib_is_imported_only_by_plot():
    code = ("import sys; from click.testing import CliRunner; from symgraph.cli import main;"
            "r = CliRunner().invoke(main, ['grad', 'x*y', '--at', 'x=1,y=2']);"
            "r2 = CliRunner().invoke(main, ['graph', 'x*y', '--at', 'x=1,y=2', '--format', 'svg']);"
            "assert r.exit_code == 0 and r2.exit_code == 0; print('matplotlib' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_plot_docstring_example_runs():
    import doctest

    from symgraph.plotting import api

    result = doctest.testmod(api)
    assert result.attempted >= 2 and result.failed == 0


@pytest.mark.parametrize("expr", ["relu(x)*x", "abs(x)**3", "abs(x)*x + 1"])
def test_a_piece_change_where_f_stays_differentiable_is_no_kink(expr):
    # relu(x)*x is 0 left of 0 and x**2 right of it: both one-sided slopes at 0 are 0 (SymPy: the
    # derivative 2*x*Heaviside(x) is continuous), so nothing may be marked "not differentiable".
    data = build_plot(expr, "x=1")
    assert data.curve.kinks == []
    assert "kink" not in render_plot_svg(data)


def test_a_kink_inside_a_smooth_curve_is_still_marked():
    data = build_plot("exp(x) + 0.01*abs(x - 0.5)", "x=1")       # slopes jump by 0.02 at 0.5
    assert [k[0] for k in data.curve.kinks] == [pytest.approx(0.5, abs=1e-9)]


@pytest.mark.parametrize("expr, at, wrt, equation", [
    ("x**2", "x=1", None, "y = 2x − 1"),                       # the seed's figure keeps its y
    ("y**2", "y=1", None, "f = 2y − 1"),                       # not "y = 2y − 1"
    ("x*y", "x=1,y=2", ["x"], "f = 2x"),                       # y is an input held at 2: not "y = 2x"
    ("x**2 + y**2", "x=1,y=1", None, "z = 2·(x − 1) + 2·(y − 1) + 2"),
    ("z*x + y", "x=1,y=2,z=3", ["z", "y"], "f = (z − 3) + (y − 2) + 5"),     # not "z = (z − 3) ..."
])
def test_the_tangents_left_side_is_never_an_input(expr, at, wrt, equation):
    # z*x + y at (1, 2, 3): d/dz = x = 1, d/dy = 1, f0 = 3 + 2 = 5
    data = build_plot(expr, at, wrt=wrt)
    assert data.tangent_label.endswith(equation), data.tangent_label
