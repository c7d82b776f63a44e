"""``symgraph graph`` on a tensor program (arrays in --at, or --shapes): run symgraph.tensor (checks off),
build the tensor diagram model, and hand it to the same renderers as a scalar graph."""
from __future__ import annotations

from symgraph.errors import SymgraphError


def tensor_graph_diagram(source: str, at, shapes, digits: int, tangent, of, read_file) -> tuple:
    """(diagram, graph rows with their warnings) of a tensor program; structure only without a point."""
    from symgraph.render.diagram.tensor_model import structure_report, tensor_diagram

    if tangent is not None or of:
        raise SymgraphError(f"{'--tangent' if tangent is not None else '--of'} is not available for tensor "
                            "programs yet; the diagram shows the adjoints of the (scalar) output")
    if at and at.strip():
        from symgraph.tensor.pipeline import tensor_grad

        report = tensor_grad(source, at, shapes, mode="reverse", check="none", read_file=read_file)
    else:
        from symgraph.tensor.build import build_graph
        from symgraph.tensor.values import parse_shapes

        given = parse_shapes(shapes) if shapes else {}
        report = structure_report(build_graph(source, tuple(sorted(given.items()))), source)
    rows = {"nodes": report.rows(), "inputs": list(report.graph.inputs), "output": report.graph.output,
            "shapes": report.shapes, "warnings": report.kinks() if report.point else []}
    return tensor_diagram(report, digits), rows
