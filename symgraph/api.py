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

    # every argument checked at the door, before the routing (the tensor route takes the same ones)
    expr, at, wrt = args.text(expr, "expr"), args.point(at), args.names(wrt, "wrt")
    mode, check = args.choice(mode, "mode", MODES), args.choice(check, "check", CHECKS)
    timeout, trace = args.timeout(timeout), args.flag(trace, "trace")
    full_trace, shapes = args.flag(full_trace, "full_trace"), args.shapes(shapes)
    direction = args.direction(direction)
    if not isinstance(at, Point) and wants_tensor(expr, at, shapes, direction):
        from symgraph.tensor.pipeline import tensor_grad

        return tensor_grad(expr, _arrays(at), shapes, wrt=wrt, mode=mode, check=check, direction=_arrays(direction),
                           seed=seed, timeout=timeout)
    from symgraph.pipeline import grad as run

    return run(expr, _point(at), wrt=wrt, mode=mode, check=check, timeout=timeout, trace=trace,
               full_trace=full_trace)


def check(expr: str, claims: Union[str, Sequence[str]], at: PointLike = None, *,
          timeout: Optional[float] = 10.0, tol: Optional[float] = None, shapes=None, seed: int = 0):
    """Judge the claims of a hand derivation (``"df/dx = 2*x"``, ``"df/dg1 = 1"``) about ``expr``.

    A numeric claim needs ``at``; a symbolic one is tested at random exact points and then proved.
    The report's ``verdicts`` say right / wrong / undecided per claim, and ``locator`` names the first
    wrong step.

    A tensor program (arrays in ``at`` such as ``{"W": [[1, 2]]}`` or ``"W=[[1,2]]"``, ``shapes`` such as
    ``"X=NxD,W=DxM"``, or tensor syntax) has its gradient claims (``"dL/dW = X.T @ dZ"``) judged as
    ``symgraph check`` judges them (docs/code.md), at the arrays given or at random points of two shape
    sets drawn with ``seed``; ``timeout`` and ``tol`` are the scalar route's.

    Examples:
        >>> import symgraph
        >>> r = symgraph.check("g = 3*x; f = g**2", ["df/dg = 24", "df/dx = 24"], {"x": 4})
        >>> [v.ok for v in r.verdicts]
        [True, False]
    """
    from symgraph.tensor.route import wants_tensor

    expr, claims, at = args.text(expr, "expr"), args.claims(claims), args.point(at)
    timeout, tol, shapes = args.timeout(timeout), args.tolerance(tol), args.shapes(shapes)
    seed = args.integer(seed, "seed", 0, 2 ** 32 - 1)
    if not isinstance(at, Point) and (shapes or wants_tensor(expr, at)):
        from symgraph.judging.tensor_claims import check_tensor_claims
        from symgraph.tensor.values import parse_arrays

        point = parse_arrays(at) or None
        empty = [name for name, value in (point or {}).items() if value.size == 0]
        if empty:                         # nothing to judge a claim at (the judge divides by the size)
            raise SymgraphError(f"the at argument gives {', '.join(empty)} no entries; tensor claims are judged "
                                "at arrays with at least one entry")
        return check_tensor_claims(expr, claims, shapes=shapes, at=point, seed=seed)
    from symgraph.judging.checking import check as run

    return run(expr, claims, at=_point(at), timeout=timeout, tol=tol)


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
    tangent = None if tangent is None else args.text(tangent, "tangent")
    show_local, digits = args.flag(show_local, "show_local"), args.integer(digits, "digits", 0, 12)
    shapes = args.shapes(shapes)
    if not isinstance(at, Point) and wants_tensor(expr, at, shapes):
        from symgraph.render.diagram.tensor_model import tensor_diagram
        from symgraph.tensor.graph_report import graph_report, graph_rows as tensor_rows

        if tangent is not None:
            raise SymgraphError("tangent is not available for tensor programs yet")
        report = graph_report(expr, _arrays(at), shapes)
        return GraphView(tensor_diagram(report, digits), tensor_rows(report))
    from symgraph.render.diagram.model import build_diagram
    from symgraph.pipeline import graph_rows

    point = _point(at)
    rows = graph_rows(expr, point)
    diagram = build_diagram(expr, rows, point.text, tangent=tangent, show_local=show_local, digits=digits)
    return GraphView(diagram, rows)


def hessian(source: str, at: PointLike = None, wrt: Optional[Sequence[str]] = None,
            output: Union[str, Sequence[str], None] = None, check: str = "auto", timeout: Optional[float] = 10.0,
            trace: bool = True, full_trace: bool = False):
    """The Hessian of one output of ``source`` at ``at`` (forward-over-reverse on the graph, checked against
    SymPy and finite differences), as ``symgraph hessian`` computes it. ``output`` names the statement
    (default: the last one); ``wrt`` the variables (default: every input); ``check``: auto | full | none.

    Examples:
        >>> import symgraph
        >>> symgraph.hessian("x**2*y + y**3", {"x": 1, "y": 2}).to_dict()["hessian"]
        {'x': {'x': 4.0, 'y': 2.0}, 'y': {'x': 2.0, 'y': 12.0}}
    """
    from symgraph.higher.hessian import hessian as run

    if output is not None:                # an empty list names no output: refused, not read as the default
        output = args.names(output, "outputs", empty=False)
    return run(source, at, wrt, output, check, timeout, trace, full_trace)


def jacobian(source: str, at: PointLike = None, outputs: Union[str, Sequence[str], None] = None,
             wrt: Optional[Sequence[str]] = None, mode: str = "both", check: str = "auto",
             timeout: Optional[float] = 10.0, trace: bool = True, full_trace: bool = False):
    """The Jacobian of the named ``outputs`` (a list, ``"f,g"``, or the program's ``return`` line; default:
    the last statement) at ``at``, by reverse mode (rows) and forward mode (columns), as ``symgraph grad
    --outputs`` computes it.

    Examples:
        >>> import symgraph
        >>> symgraph.jacobian("f = x*y; g = x + y", "x=1,y=2", outputs=["f", "g"]).to_dict()["jacobian"]
        {'f': {'x': 2.0, 'y': 1.0}, 'g': {'x': 1.0, 'y': 1.0}}
    """
    from symgraph.higher.jacobian import jacobian as run

    if outputs is not None:
        outputs = args.names(outputs, "outputs", empty=False)
    return run(source, at, outputs, wrt, mode, check, timeout, trace, full_trace)


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
        """The rows as JSON; ``indent`` as ``json.dumps`` takes it (None, 0 to 16, or spaces and tabs)."""
        return json.dumps(self.rows, indent=args.indent(indent), allow_nan=False, ensure_ascii=False)

    def __repr__(self) -> str:
        return f"<symgraph graph: {len(self.diagram.nodes)} nodes, {len(self.diagram.edges)} edges>"

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        """Jupyter: the circuit as inline SVG (the terminal drawing as plain text, or the reason there is no SVG)."""
        from symgraph.render.notebook.bundle import graph_bundle

        return graph_bundle(self.diagram, repr(self))


def _point(at: PointLike) -> Point:
    at = args.point(at)
    return at if isinstance(at, Point) else parse_point(at)


def _arrays(values):
    """A dict of arrays from Python read as the command line's are: sizes checked on the shapes before
    anything is copied (a broadcast view may stand for 10**9 entries), then dtypes, names and finiteness."""
    if not isinstance(values, dict):
        return values
    from symgraph.tensor.values import parse_arrays

    return parse_arrays(values)
