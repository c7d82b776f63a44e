"""The diagram model of a tensor program (``symgraph graph`` on arrays or ``--shapes``): the same ``Diagram``
every ``graph`` renderer draws, built from a finished ``TensorGradReport``'s graph rows (``symgraph.tensor.graph_report``
makes the report ``graph`` draws, structure-only ones included).

A node shows its shape (``W 3×4``; a gate's name and shape sit above its circle), an edge carries the
vector-Jacobian product rule of its argument (``adj(W) += outer(adj(v2), x)``: blue, where a scalar diagram
writes the local partial), and with a point each wire carries its value (green) and adjoint (red): arrays
of up to ``WIRE_FULL`` entries in full, bigger ones as the report's ``summary`` (shape, min, max, norm). An argument that takes no gradient (a
constant) has no rule. Renderers draw this model and compute nothing.
"""
from __future__ import annotations

from symgraph.render.common.arrays import array_text, shape_text
from symgraph.render.common.numbers import fmt
from symgraph.render.diagram.model import DEdge, Diagram, DNode, fmt_number
from symgraph.tensor.report import TensorGradReport, as_json, shown, summary

AT_DIGITS = 6        # the point in the header: significant digits, as the trace writes numbers
WIRE_FULL = 6        # a wire shows an array of up to this many entries in full, a bigger one summarized
WIRE_FIRST = 2       # ... with its first two entries (the JSON and the trace summarize above 24 entries)


def program_line(source: str) -> str:
    """The program on one line, comments dropped (as the trace writes it)."""
    return "; ".join(line.strip() for line in source.splitlines()
                     if line.strip() and not line.strip().startswith("#"))


def tensor_diagram(report: TensorGradReport, digits: int = 2) -> Diagram:
    """What the picture of ``report`` shows; a report without a point gives structure only."""
    has_point = bool(report.point)

    def one(x) -> str:
        return fmt_number(x, digits)

    nodes, edges = [], []
    for row in report.rows():
        i, name, op = row["id"], row["name"], row["op"]
        node = report.graph.nodes[i]
        shape = shape_text(row["shape"])
        if op == "input":
            label, names, shown_shape = name, [name], shape
        elif op == "const":          # a constant shows its value (a scalar one no shape)
            label, names = array_text(row["primal"], lambda x: fmt(x, AT_DIGITS)), []
            shown_shape = shape if row["shape"] else ""
        else:
            label, names, shown_shape = row["label"], [name] if node.name else [], shape
        value = _wire(report.primals[i], one) if has_point else None
        grad = _wire(report.adjoints[i], one) if has_point and report.adjoints is not None else None
        nodes.append(DNode(i, name, names, op, label, list(node.args), value, grad, shown_shape))
        for slot, (arg, rule) in enumerate(zip(node.args, row.get("vjp", []))):
            edges.append(DEdge(arg, i, slot, None, rule["rule"] if rule["contributes"] else ""))
    at = {k: _at_text(shown(v)) for k, v in report.point.items()}
    return Diagram(program_line(report.source), nodes, edges, report.graph.output, at,
                   "adjoint" if has_point and report.adjoints is not None else "none", None, True, digits,
                   edge_kind="vjp")


def _at_text(value) -> str:
    """An input in the header: in full when small, else its shape (its summary is on its wire)."""
    if isinstance(value, dict):
        return f"{shape_text(value['summary']['shape'])} array"
    return array_text(value, lambda x: fmt(x, AT_DIGITS))


def _wire(value, one):
    """A value on a wire: small arrays in full, bigger ones as the report's summary (shape, min, max, norm)."""
    if value is None:
        return None
    small = value.size <= WIRE_FULL
    return array_text(as_json(value) if small else {"summary": summary(value)}, one, None if small else WIRE_FIRST)
