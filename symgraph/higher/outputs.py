"""Which statements are outputs: ``--outputs f,g`` (grad), ``--of NAME`` (hessian, graph) or, inside the program, a last statement ``return f, g``.

``return`` is a word the expression grammar never uses, so the line is recognised as text before parsing
and cut off (the statements before it keep their columns, so carets still point into the source as
written). Every name is validated: an unknown name or an input is a ParseError with a caret at it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from symgraph.core import arguments as args
from symgraph.core.lower import Graph, lower
from symgraph.core.parser import Program, parse
from symgraph.core.point import Point, check_against, parse_point
from symgraph.errors import ParseError

_RETURN = re.compile(r"(?:^|(?<=[;\n]))[ \t]*return\b(?P<names>[^;\n]*)[;\n\s]*\Z")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def split_outputs(source: str) -> tuple[str, list, int | None]:
    """(the program without its ``return`` line, the names it returns with their columns, where it
    starts). A program without one is returned unchanged with no names."""
    m = _RETURN.search(source)
    if m is None:
        return source, [], None
    names, col = [], m.start("names")
    for part in m.group("names").split(","):
        start = col + len(part) - len(part.lstrip())
        text = part.strip()
        if not _NAME.fullmatch(text):
            raise ParseError("'return' takes the names of statements separated by commas (return f, g)",
                             source, start)
        names.append((text, start))
        col += len(part) + 1
    body = source[:m.start()].rstrip(" \t\n;")
    if not body.strip():
        raise ParseError("the program has only a 'return' line; write its statements before it", source, 0)
    return body, names, m.start()


def parse_one_output(source: str, names=None) -> Program:
    """A program whose ``return`` line, if any, names one statement (``return f``): parsed up to that
    statement, the output (what ``steps`` derives). ``return f, g`` is refused: one output at a time."""
    body, returned, _ = split_outputs(source)
    if len(returned) > 1:
        raise ParseError(f"'return' names {len(returned)} outputs; a derivation follows one at a time (return "
                         f"{returned[0][0]}), and symgraph grad gives the Jacobian of several", source, returned[1][1])
    program = parse(body, names=names)
    if returned:
        name, col = returned[0]
        defined = [st.name for st in program.statements]
        if name not in defined:
            raise ParseError(f"output '{name}' is not a named statement; outputs are named statements "
                             f"({', '.join(n for n in defined if n) or 'none'})", source, col)
        program.statements = program.statements[:defined.index(name) + 1]
    return program


def resolve_outputs(graph: Graph, names: list, source: str | None = None) -> list:
    """Node ids of the output names [(name, column or None)], in order, each once."""
    ids, out = graph.names, {}
    steps = [n.name for n in graph.nodes if n.names and n.op != "input"]
    for name, col in names:
        if name not in ids or name in graph.inputs:
            what = "an input" if name in graph.inputs else "not a named statement"
            raise ParseError(f"output '{name}' is {what}; outputs are named statements "
                             f"({', '.join(steps) or 'none'})", source if col is not None else None, col)
        out.setdefault(name, ids[name])
    return list(out.items())


def with_output(graph: Graph, node_id: int) -> Graph:
    """The same graph differentiated at another output node (nodes are shared, not copied)."""
    return replace(graph, output=node_id)


def option_names(values) -> list:
    """``--outputs f,g`` (repeatable) or ``--of f`` as [(name, None)]."""
    return [(n.strip(), None) for v in values or () for n in v.split(",") if n.strip()]


def api_arguments(source, at, wrt, outputs, check, timeout) -> tuple:
    """hessian's and jacobian's shared arguments, checked (a bad one is a SymgraphError naming it)."""
    return (args.text(source, "source"), args.point(at), args.names(wrt, "wrt"), args.names(outputs, "outputs"),
            args.choice(check, "check", ("auto", "full", "none")), args.timeout(timeout))


@dataclass
class Prepared:
    body: str                # the program without its return line
    program: Program
    point: Point
    graph: Graph
    outputs: list            # [(name, node id)]: the chosen outputs, or the last statement


def prepare(source: str, at, outputs, wrt: list | None) -> tuple[Prepared, list]:
    """Parse, read the point, lower and resolve the outputs and ``wrt``: the start every command with chosen
    outputs shares. Returns (Prepared, wrt)."""
    from symgraph.pipeline import check_wrt   # --wrt validated exactly as grad does

    body, returned, _ = split_outputs(source)
    point = at if isinstance(at, Point) else parse_point(at)
    program = parse(body, names=point.floats)
    graph = lower(program)
    names = option_names([outputs] if isinstance(outputs, str) else outputs) or returned
    outs = resolve_outputs(graph, names, source) if names else [(program.output, graph.output)]
    check_against(point, list(graph.inputs))
    return Prepared(body, program, point, graph, outs), check_wrt(wrt, graph)
