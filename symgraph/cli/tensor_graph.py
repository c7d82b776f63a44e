"""``symgraph graph`` on a tensor program (arrays in --at, or --shapes): the library's report (checks off),
its diagram model, drawn by the same renderers as a scalar graph."""
from __future__ import annotations

from symgraph.errors import SymgraphError


def refuse_scalar_only(tangent, of) -> None:
    if tangent is not None or of:
        raise SymgraphError(f"{'--tangent' if tangent is not None else '--of'} is not available for tensor "
                            "programs yet; the diagram shows the adjoints of the (scalar) output")


def tensor_graph_diagram(source: str, at, shapes, digits: int, tangent, of, read_file) -> tuple:
    """(diagram, graph rows with their warnings) of a tensor program; structure only without a point."""
    from symgraph.render.diagram.tensor_model import tensor_diagram
    from symgraph.tensor.graph_report import graph_report, graph_rows

    refuse_scalar_only(tangent, of)
    report = graph_report(source, at, shapes, read_file)
    return tensor_diagram(report, digits), graph_rows(report)
