"""The public Python API: ``symgraph.grad``, ``symgraph.check`` and ``symgraph.graph``.

Each function runs the same library code as the command of the same name and returns a finished report:
plain data with ``to_dict()``, ``to_json()`` and ``str()`` (the plain-text trace). Bad input raises a
:class:`symgraph.SymgraphError` (the CLI's exit code 2) that says what and where.
"""
from __future__ import annotations

import json
from typing import Optional, Sequence, Union

from symgraph.core import arguments as args
from symgraph.core.point import Point, parse_point
from symgraph.errors import SymgraphError

PointLike = Union[str, dict, Point, None]
MODES = ("both", "forward", "reverse")
CHECKS = ("auto", "full", "none")


def grad(expr: str, at: PointLike = None, *, wrt: Optional[Sequence[str]] = None, mode: str = "both",
         check: str = "auto", timeout: Optional[float] = 10.0, trace: bool = True,
         full_trace: bool = False, shapes=None, direction=None, seed: Optional[int] = None):
    """Differentiate ``expr`` at the point ``at`` step by step, and cross-check the result.

    ``at`` is ``"x1=1,x2=pi/4"`` or a dict such as ``{"x1": 1, "x2": "pi/4"}``. ``mode``: both | forward |
    reverse; ``check``: auto | full | none; ``timeout``: seconds for symbolic work.

    Examples:
        >>> import symgraph
        >>> r = symgraph.grad("(2*x1 + 3*x2) - 4*x1*x2", {"x1": 1, "x2": 2})
        >>> r.gradient, r.ok
        ({'x1': -6.0, 'x2': -1.0}, True)

    A tensor program (arrays in ``at``, ``shapes``, or tensor syntax such as ``dot``, ``sum``, ``.T``) returns
    a :class:`symgraph.tensor.report.TensorGradReport` (see docs/tensors.md); ``direction`` and ``seed`` set
    its directional checks.
    """
    from symgraph.tensor.route import wants_tensor

    expr, at = args.text(expr, "expr"), args.point(at)
    if not isinstance(at, Point) and wants_tensor(expr, at, shapes, direction):
        from symgraph.tensor.pipeline import tensor_grad

        return tensor_grad(expr, at, shapes, wrt=list(wrt) if wrt else None, mode=mode, check=check,
                           direction=direction, seed=seed, timeout=timeout)
    from symgraph.pipeline import grad as run

    return run(args.text(expr, "expr"), _point(at), wrt=args.names(wrt, "wrt"),
               mode=args.choice(mode, "mode", MODES), check=args.choice(check, "check", CHECKS),
               timeout=args.timeout(timeout), trace=args.flag(trace, "trace"),
               full_trace=args.flag(full_trace, "full_trace"))


def check(expr: str, claims: Union[str, Sequence[str]], at: PointLike = None, *,
          timeout: Optional[float] = 10.0, tol: Optional[float] = None):
    """Judge the claims of a hand derivation (``"df/dx = 2*x"``, ``"df/dg1 = 1"``) about ``expr``.

    A numeric claim needs ``at``; a symbolic one is tested at random exact points and then proved.
    The report's ``verdicts`` say right / wrong / undecided per claim, and ``locator`` names the first
    wrong step.

    Examples:
        >>> import symgraph
        >>> r = symgraph.check("g = 3*x; f = g**2", ["df/dg = 24", "df/dx = 24"], {"x": 4})
        >>> [v.ok for v in r.verdicts]
        [True, False]
    """
    from symgraph.judging.checking import check as run

    return run(args.text(expr, "expr"), args.claims(claims), at=_point(at), timeout=args.timeout(timeout),
               tol=args.tolerance(tol))


def graph(expr: str, at: PointLike = None, *, tangent: Optional[str] = None, show_local: bool = False,
          digits: int = 2, shapes=None) -> "GraphView":
    """The computational graph of ``expr`` as a diagram model: values (green) and gradients (red) when
    ``at`` is given, structure alone otherwise.

    A tensor program (arrays in ``at``, ``shapes`` such as ``"W=3x4,x=4"``, or tensor syntax) is drawn with
    its shapes and each edge's VJP rule (docs/commands/graph.md); ``tangent`` is not available for it.

    Examples:
        >>> import symgraph
        >>> g = symgraph.graph("sin(x)*cos(x)", "x=2")
        >>> "<svg" in g.svg(), "digraph" in g.dot(), "flowchart" in g.mermaid()
        (True, True, True)
    """
    from symgraph.tensor.route import wants_tensor

    expr, at = args.text(expr, "expr"), args.point(at)      # checked at the door, before any routing
    if not isinstance(at, Point) and wants_tensor(expr, at, shapes):
        from symgraph.render.diagram.tensor_model import tensor_diagram
        from symgraph.tensor.graph_report import graph_report, graph_rows as tensor_rows

        if tangent is not None:
            raise SymgraphError("tangent is not available for tensor programs yet")
        report = graph_report(expr, at, shapes)
        return GraphView(tensor_diagram(report, digits), tensor_rows(report))
    from symgraph.render.diagram.model import build_diagram
    from symgraph.pipeline import graph_rows

    expr, point = args.text(expr, "expr"), _point(at)
    tangent = None if tangent is None else args.text(tangent, "tangent")
    show_local, digits = args.flag(show_local, "show_local"), args.integer(digits, "digits", 0, 12)
    rows = graph_rows(expr, point)
    diagram = build_diagram(expr, rows, point.text, tangent=tangent, show_local=show_local, digits=digits)
    return GraphView(diagram, rows)


class GraphView:
    """A finished diagram model (``.diagram``) and the JSON graph rows it was built from (``.rows``)."""

    def __init__(self, diagram, rows: dict):
        self.diagram = diagram
        self.rows = rows

    def svg(self) -> str:
        """A standalone SVG of the circuit, as ``symgraph graph --format svg`` writes it."""
        from symgraph.render.diagram.svg import render_svg

        return render_svg(self.diagram)

    def png(self, scale: float = 1.0) -> bytes:
        """The same circuit as PNG bytes (rasterized with resvg-py; ``scale`` 2 doubles the resolution)."""
        from symgraph.render.diagram.png import svg_to_png

        return svg_to_png(self.svg(), args.number(scale, "scale", 0.1, 20))

    def dot(self) -> str:
        """Graphviz DOT text."""
        from symgraph.render.diagram.text_graph import render_dot

        return render_dot(self.diagram)

    def mermaid(self) -> str:
        """A Mermaid flowchart."""
        from symgraph.render.diagram.text_graph import render_mermaid

        return render_mermaid(self.diagram)

    def to_dict(self) -> dict:
        """The graph rows: every node's name, op, inputs, value, adjoint and local partials."""
        return self.rows

    def to_json(self, indent: Optional[int] = 2) -> str:
        return json.dumps(self.rows, indent=indent, allow_nan=False, ensure_ascii=False)

    def __repr__(self) -> str:
        return f"<symgraph graph: {len(self.diagram.nodes)} nodes, {len(self.diagram.edges)} edges>"

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        """Jupyter: the circuit as inline SVG (the terminal drawing as plain text, or the reason there is no SVG)."""
        from symgraph.render.notebook.bundle import graph_bundle

        return graph_bundle(self.diagram, repr(self))


def _point(at: PointLike) -> Point:
    at = args.point(at)
    return at if isinstance(at, Point) else parse_point(at)
