"""Draw a ``PlotData`` (symgraph.plotting.figure) with matplotlib: SVG text, deterministic.

matplotlib is imported here only, and only through its object API (``Figure``, no pyplot): no GUI
backend is touched and no global figure state is kept. The SVG carries no date and a fixed hash salt
(``svg.hashsalt``), and glyphs are written as paths (``svg.fonttype = path``), so two runs give the same
bytes and the file looks the same without any font installed. Every number drawn comes from the data;
this module computes none. Elements tests read back carry ids: ``tangent``, ``curve``, ``plot-area``.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import replace

from symgraph.safe_text import terminal

CURVE, TANGENT, POINT, KINK = "#1f77b4", "#ff7f0e", "#d62728", "#2ca02c"
# text.parse_math off: every caption is plain text ('$a^$' in a comment is shown, never read as mathtext)
RC = {"svg.hashsalt": "symgraph", "svg.fonttype": "path", "font.family": "DejaVu Sans", "axes.grid": True,
      "grid.alpha": 0.35, "text.parse_math": False}
DEFAULT_DPI = 100


def _figure(data):
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(8, 6) if data.kind != "surface" else (9, 7.5))
    FigureCanvasAgg(fig)               # the Agg canvas: never a GUI backend, whatever MPLBACKEND says
    if data.kind == "surface":
        _draw_surface(fig, data)
    else:
        _draw_curve(fig, data)
    if data.notes:
        fig.text(0.01, 0.01, "\n".join(data.notes), fontsize=8, color="#444444", va="bottom", wrap=True)
    return fig


def render_plot_svg(data) -> str:
    import matplotlib

    import numpy as np

    # Huge values (x = 1e300) overflow in matplotlib's own shading and projection: the picture is drawn
    # as well as it can be, and numpy's RuntimeWarnings (with library paths) never reach the user.
    with matplotlib.rc_context(RC), np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        fig = _figure(_plain_captions(data))
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def _plain_captions(data):
    """Captions are plain text: control characters, lone surrogates and non-characters (which no SVG may
    hold and no font draws) become visible escapes (safe_text.terminal), so every writer survives them."""
    return replace(data, title=terminal(data.title), labels=[terminal(x) for x in data.labels],
                   point_label=terminal(data.point_label), tangent_label=terminal(data.tangent_label),
                   curve_label=terminal(data.curve_label), notes=[terminal(n) for n in data.notes])


def figure_size(data, dpi: int = DEFAULT_DPI) -> tuple:
    """The picture's size in pixels at ``dpi`` (the PNG's size)."""
    w, h = (8, 6) if data.kind != "surface" else (9, 7.5)
    return round(w * dpi), round(h * dpi)


def _bottom(data) -> float:
    """Room under the axes for the notes (one line each, wrapped lines counted)."""
    lines = sum(1 + len(n) // 130 for n in data.notes)
    return min(0.45, 0.1 + 0.028 * lines)


def _draw_curve(fig, data) -> None:
    ax = fig.add_subplot(111)
    fig.subplots_adjust(bottom=_bottom(data), top=0.92)
    ax.patch.set_gid("plot-area")
    c = data.curve
    (line,) = ax.plot(c.ts, c.ys, color=CURVE, lw=2, label=data.curve_label)
    line.set_gid("curve")
    if data.tangent:
        (tan,) = ax.plot([p[0] for p in data.tangent], [p[1] for p in data.tangent], "--", color=TANGENT,
                         lw=1.8, label=data.tangent_label)
        tan.set_gid("tangent")
    t0, f0 = data.point
    ax.scatter([t0], [f0], color=POINT, zorder=5, s=40)
    ax.annotate(data.point_label, (t0, f0), textcoords="offset points", xytext=(-8, 8), ha="right", fontsize=11)
    if c.kinks:
        ax.scatter([k[0] for k in c.kinks], [k[1] for k in c.kinks], marker="D", color=KINK, zorder=6, s=36,
                   label="kink (not differentiable)")
    (xlo, xhi), (ylo, yhi) = data.limits
    ax.set_xlim(xlo, xhi)
    ax.set_ylim(ylo, yhi)
    if xlo < 0 < xhi:
        ax.axvline(0, color="black", lw=0.5)
    if ylo < 0 < yhi:
        ax.axhline(0, color="black", lw=0.5)
    ax.set_title(data.title, fontsize=13)
    ax.set_xlabel(data.labels[0])
    ax.set_ylabel(data.labels[1])
    ax.legend(loc="best", fontsize=10)


def _draw_surface(fig, data) -> None:
    import numpy as np

    # computed_zorder off: matplotlib's per-object depth sort hides the point inside the surface; drawn
    # plane, then surface (a tangent plane lies mostly under the surface seen from above), then the point.
    ax = fig.add_subplot(111, projection="3d", computed_zorder=False)
    fig.subplots_adjust(bottom=_bottom(data) - 0.05, top=0.95)
    g = data.grid
    X, Y = np.meshgrid(g["xs"], g["ys"])
    Z = np.ma.masked_invalid(np.array(g["z"], dtype=float))
    ax.plot_surface(X, Y, Z, cmap="viridis", alpha=0.75, linewidth=0, antialiased=True,
                    zorder=2).set_gid("surface")
    ax.plot_surface(X, Y, np.array(g["plane"]), color=TANGENT, alpha=0.45, linewidth=0,
                    rstride=len(g["ys"]) - 1, cstride=len(g["xs"]) - 1, zorder=1).set_gid("tangent-plane")
    x0, y0, f0 = data.point
    ax.scatter([x0], [y0], [f0], color=POINT, s=60, depthshade=False, zorder=3)
    ax.text(x0, y0, f0, "  " + data.point_label, fontsize=11, zorder=4)
    (xlo, xhi), (ylo, yhi), (zlo, zhi) = data.limits
    ax.set_xlim(xlo, xhi)
    ax.set_ylim(ylo, yhi)
    ax.set_zlim(zlo, zhi)
    from matplotlib.ticker import MaxNLocator

    # x's last tick and y's first meet at the front corner ("3.0-1.0"): fewer ticks, and x's upper one pruned
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10], prune="upper"))
    ax.yaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10], prune="lower"))
    ax.set_title(data.title, fontsize=13)
    ax.set_xlabel(data.labels[0])
    ax.set_ylabel(data.labels[1])
    ax.set_zlabel(data.labels[2])
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color="#3b8c8c", label=data.curve_label),
                       Patch(color=TANGENT, alpha=0.6, label=data.tangent_label),
                       Line2D([], [], marker="o", ls="", color=POINT, label=f"the point {data.point_label}")],
              loc="upper left", fontsize=9)
