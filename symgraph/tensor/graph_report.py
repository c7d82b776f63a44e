"""What ``graph`` draws for a tensor program (``symgraph graph`` and ``symgraph.graph`` on arrays or
shapes): the finished report, from symgraph.tensor with checks off, or a structure-only report when only
``shapes`` are given; and its JSON graph rows. The diagram model is built from this report by
``symgraph.render.diagram.tensor_model``."""
from __future__ import annotations

from symgraph.tensor.report import TensorGradReport


def structure_report(graph, source: str = "") -> TensorGradReport:
    """A report with no point (``--shapes`` only): shapes and VJP rules, no values."""
    return TensorGradReport(source=source or graph.source, graph=graph, point={}, primals=[None] * len(graph.nodes),
                            adjoints=None, gradient=None, wrt=list(graph.inputs), mode="none")


def graph_report(source: str, at=None, shapes=None, read_file=None) -> TensorGradReport:
    """The values and adjoints at ``at`` (reverse mode, no checks), or the structure from ``shapes``."""
    if isinstance(at, dict) and at or isinstance(at, str) and at.strip():
        from symgraph.tensor.pipeline import tensor_grad

        return tensor_grad(source, at, shapes, mode="reverse", check="none", read_file=read_file)
    from symgraph.tensor.build import build_graph
    from symgraph.tensor.values import parse_shapes

    given = parse_shapes(shapes) if isinstance(shapes, str) else dict(shapes or {})
    return structure_report(build_graph(source, tuple(sorted(given.items()))), source)


def graph_rows(report: TensorGradReport) -> dict:
    """``graph --format json``: the report's graph rows, the shapes and the kink warnings."""
    return {"nodes": report.rows(), "inputs": list(report.graph.inputs), "output": report.graph.output,
            "shapes": report.shapes, "warnings": report.kinks() if report.point else []}
