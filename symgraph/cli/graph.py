"""``symgraph graph EXPR [--at POINT]``: the computational graph as a picture (SVG, DOT, Mermaid, terminal)."""
from __future__ import annotations

import json
import sys

import click

from symgraph.notation.cli_option import syntax_option
from symgraph.cli.args import Command
from symgraph.cli.common import (say, color_option, console_for, examples, expression_label, finite, handle_errors,
                                 point_label, read_expression, read_file, reading, write_file,
                                 write_text)
from symgraph.cli.output import output_help, pick_format

FORMATS = ("svg", "png", "dot", "mermaid", "rich", "json")


EXAMPLES = examples(
    'symgraph graph "1/(1+exp(-(w0*x0+w1*x1+w2)))" --at w0=2,x0=-1,w1=-3,x1=-2,w2=-3',
    'symgraph graph "(3*x)**2" --at x=4 -o square.svg',
    'symgraph graph "g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2" --format dot',
    'symgraph graph "sin(x)*cos(x)" --at x=2 --show local --tangent x --format mermaid',
    "symgraph graph \"sigmoid(dot(w, x) + b)\" --at 'w=[2,-3], x=[-1,-2], b=-3' -o neuron.svg",
    'symgraph graph "sum(relu(W @ x))" --shapes W=3x4,x=4',
)


@click.command("graph", cls=Command, epilog=EXAMPLES, short_help="Draw the computational graph.")
@click.argument("expr")
@click.option("--at", "at", metavar="POINT", help="The point: x1=1,x2=pi/4 or @point.json. Without it: structure only.")
@click.option("--shapes", metavar="SHAPES", help="Tensor programs: input shapes without values, W=3x4,x=4.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="Output format [default: from the -o suffix, else rich].")
@click.option("-o", "--output", "output", type=click.Path(dir_okay=False, writable=True), default=None,
              metavar="FILE", help=output_help(FORMATS))
@click.option("--digits", type=click.IntRange(0, 12), default=2, show_default=True,
              help="Decimals shown for values and gradients (the seed shows 2).")
@click.option("--show", "show", type=click.Choice(["local"]), multiple=True,
              help="local: write each edge's local partial on the edge.")
@click.option("--tangent", metavar="VAR", default=None,
              help="Show the forward-mode tangents dv/dVAR instead of the adjoints (the derivative graph).")
@click.option("--scale", type=click.FloatRange(0.1, 20), default=2.0, show_default=True, callback=finite,
              help="PNG only: pixels per SVG pixel (2 = sharp on high-density screens).")
@click.option("--of", "of", metavar="NAME", default=None,
              help="Several outputs: whose gradients (adjoints) are shown [default: the last output].")
@color_option
@syntax_option
@handle_errors
def graph(expr, at, shapes, fmt, output, digits, show, tangent, scale, color, of):
    """Draw the computational graph of EXPR: gates, wires, values (green) and gradients (red).

    EXPR is an expression, a program of statements (g1 = 2*x1 + 3*x2; f = g1 - 4*x1*x2), @PATH or -.
    An EXPR that starts with '-' may be given as it is or after '--'.
    """
    from symgraph.render.diagram.model import build_diagram
    from symgraph.pipeline import graph_rows
    from symgraph.core.point import parse_point

    fmt = pick_format(fmt, output, FORMATS, "graph")
    source = read_expression(expr)
    from symgraph.tensor.route import wants_tensor

    if wants_tensor(source, at, shapes, None, read_file):      # vectors and matrices: symgraph.tensor
        from symgraph.cli.tensor_graph import tensor_graph_diagram

        with reading(expression_label(expr)):
            diagram, rows = tensor_graph_diagram(source, at, shapes, digits, tangent, of, read_file)
        return _draw(diagram, fmt, output, color, scale, rows)
    with reading(point_label(at)):
        at_text = parse_point(at, read_file=read_file).text if at and at.strip() else {}
    from symgraph.higher.diagram_rows import output_rows, several_outputs

    with reading(expression_label(expr)):
        if of or several_outputs(source):      # every output drawn, the gradients of one (symgraph.higher)
            source, rows = output_rows(source, at, of, read_file=read_file, tangents=tangent is not None)
        else:
            rows = graph_rows(source, at, read_file=read_file)
    for warning in rows.pop("warnings", []):
        say(f"warning: {warning}", err=True)
    diagram = build_diagram(source, rows, at_text, tangent=tangent, show_local="local" in show, digits=digits)
    _draw(diagram, fmt, output, color, scale, rows)


def _draw(diagram, fmt: str, output, color: str, scale: float, rows: dict) -> None:
    """Print the rows' warnings left, then hand the diagram to the renderer of ``fmt`` (json: the rows)."""
    for warning in rows.pop("warnings", []):
        say(f"warning: {warning}", err=True)
    if fmt == "rich":
        _write_rich(diagram, output, color)
        return
    if fmt == "json":
        text = json.dumps(rows, indent=2, allow_nan=False) + "\n"
    elif fmt in ("svg", "png"):
        from symgraph.render.diagram.svg import render_svg

        text = render_svg(diagram)
        if fmt == "png":
            from symgraph.render.diagram.png import svg_to_png

            _emit_bytes(svg_to_png(text, scale), output)
            return
    elif fmt == "dot":
        from symgraph.render.diagram.text_graph import render_dot

        text = render_dot(diagram)
    else:
        from symgraph.render.diagram.text_graph import MERMAID_MAX_EDGES, render_mermaid

        text = render_mermaid(diagram)
        if len(diagram.edges) + 1 > MERMAID_MAX_EDGES:
            say(f"warning: {len(diagram.edges) + 1} edges: Mermaid draws at most {MERMAID_MAX_EDGES} "
                       "unless its maxEdges setting is raised; --format dot has no such limit", err=True)
    _emit(text, output, fmt)


def _emit(text: str, output, fmt: str) -> None:
    write_text(text, output, fmt)


def _emit_bytes(data: bytes, output) -> None:
    if output is None:
        if sys.stdout.isatty():
            from symgraph.errors import SymgraphError

            raise SymgraphError("a PNG is not shown on a terminal: give -o FILE.png or pipe the output")
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_file(data, output, "png")


def _write_rich(diagram, output, color: str) -> None:
    from symgraph.render.terminal.graph_rich import render_graph_rich

    if output is None:
        console, plain = console_for("rich", color)
        render_graph_rich(diagram, console, plain=plain)
        return
    import io

    buffer = io.StringIO()
    console, plain = console_for("plain", stream=buffer)
    render_graph_rich(diagram, console, plain=True)
    _emit(buffer.getvalue(), output, "text")
