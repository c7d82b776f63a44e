"""``symgraph.plot(expr, at)``: the tangent picture as an object that a notebook displays.

Jupyter calls ``_repr_svg_`` (the vector picture) or ``_repr_png_`` (for front ends and exports that
want pixels, such as GitHub's notebook viewer); ``save(path)`` writes .svg or .png by the suffix.
"""
from __future__ import annotations

import os
from functools import cached_property
from typing import Optional

from symgraph.core import arguments as args
from symgraph.errors import SymgraphError
from symgraph.plotting.figure import PlotData, build_plot, parse_range


def output_format(path: str) -> str:
    fmt = os.path.splitext(path)[1].lower().lstrip(".")
    if fmt not in ("svg", "png"):
        raise SymgraphError(f"{path!r}: a plot is written to a file ending in .svg or .png")
    return fmt


class Plot:
    def __init__(self, data: PlotData, dpi: int):
        self.data, self.dpi = data, dpi

    @cached_property
    def svg(self) -> str:
        from symgraph.render.diagram.plot import render_plot_svg

        return render_plot_svg(self.data)

    def png(self) -> bytes:
        from symgraph.render.diagram.plot import figure_size
        from symgraph.render.diagram.png import svg_to_png

        return svg_to_png(self.svg, size=figure_size(self.data, self.dpi))

    def save(self, path: str) -> str:
        """Write the picture to ``path`` (.svg or .png); returns the format written."""
        path = args.path(path)
        fmt = output_format(path)
        content = self.svg.encode("utf-8") if fmt == "svg" else self.png()
        try:
            with open(path, "wb") as fh:
                fh.write(content)
        except OSError as exc:
            raise SymgraphError(f"cannot write {path!r}: {exc.strerror or exc}") from None
        return fmt

    def _repr_svg_(self) -> str:
        return self.svg

    def _repr_png_(self) -> bytes:
        return self.png()

    def __repr__(self) -> str:
        return f"<symgraph.Plot {self.data.kind}: {self.data.title}>"


def plot(expr: str, at=None, wrt: Optional[list] = None, range: Optional[str | tuple] = None, dpi: int = 100,
         check: str = "auto", timeout: Optional[float] = 10.0) -> Plot:
    """The tangent picture of ``expr`` at the point ``at`` (``"x=1"``, a dict of strings, or a Point).
    ``wrt`` chooses the varied inputs (the others stay at the point); ``range`` is "LO:HI" or (lo, hi).

    >>> import symgraph
    >>> p = symgraph.plot("x**2", {"x": 1})
    >>> p.data.tangent_label, p.data.slope
    ('tangent at x = 1: y = 2x − 1', 2.0)
    """
    from symgraph.core.point import Point, parse_point

    expr, at, dpi = args.text(expr, "expr"), args.point(at), args.integer(dpi, "dpi", 20, 600)
    point = at if isinstance(at, Point) else parse_point(at)
    span = args.span(range)
    return Plot(build_plot(expr, point, wrt=args.names(wrt, "wrt"), span=parse_range(span) if span else None,
                           check=args.choice(check, "check", ("auto", "full", "none")),
                           timeout=args.timeout(timeout)), dpi)
