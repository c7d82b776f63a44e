"""The ``graph`` rows of a program with several outputs: every output marked, the gradients of one.

The outputs are the program's ``return`` line, else every named statement nothing else uses (``f = x*y;
g = x + y`` has two). ``of`` picks whose gradients (adjoints) the picture shows; the default is the last.
The rows have grad's JSON schema plus ``outputs`` (node ids) and ``of`` (the output whose gradients they are).
"""
from __future__ import annotations

from symgraph.core.evaluate import evaluate
from symgraph.core.lower import Graph, lower
from symgraph.core.modes import forward_mode, reverse_mode
from symgraph.core.parser import parse
from symgraph.core.point import check_against, parse_point
from symgraph.higher.outputs import option_names, resolve_outputs, split_outputs, with_output
from symgraph.report import build_graph_rows


def sinks(graph: Graph) -> list:
    """(name, id) of every named statement that no other node uses, in program order."""
    used = {u for node in graph.nodes for u in node.inputs}
    return [(node.name, node.id) for node in graph.nodes if node.names and node.op != "input" and node.id not in used]


def several_outputs(source: str) -> bool:
    """Does the program name outputs, or end in more than one unused statement? (Cheap: parse and lower.)"""
    body, returned, _ = split_outputs(source)
    return bool(returned) or len(sinks(lower(parse(body)))) > 1


def output_rows(source: str, at, of: str | None, read_file=None, tangents: bool = False) -> tuple[str, dict]:
    """(the program without its return line, the rows)."""
    body, returned, _ = split_outputs(source)
    graph = lower(parse(body))
    outs = resolve_outputs(graph, returned, source) if returned else sinks(graph) or [("", graph.output)]
    chosen = resolve_outputs(graph, option_names([of]))[0][1] if of else outs[-1][1]
    graph = with_output(graph, chosen)
    if at is not None and at.strip():
        point = parse_point(at, read_file=read_file)
        check_against(point, list(graph.inputs))
        ev = evaluate(graph, point.floats, input_rounding=point.rounding)
        fwd = forward_mode(graph, ev, list(graph.inputs)) if tangents else None
        rows = build_graph_rows(graph, ev, fwd, reverse_mode(graph, ev, record=False))
        rows["warnings"] = [w["message"] for w in ev.warnings]
    else:
        from symgraph.pipeline import NoPoint   # unknown values and partials, as graph_rows uses
        from symgraph.pipeline import graph_rows

        rows = build_graph_rows(graph, NoPoint(graph), None, None)
        rows["warnings"] = []
    rows["outputs"] = [i for _, i in outs]
    rows["of"] = graph.nodes[chosen].name
    return body, rows
