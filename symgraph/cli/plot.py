"""``symgraph plot EXPR --at POINT -o FILE.svg|png``: the function and its tangent at the point."""
from __future__ import annotations

import sys

import click

from symgraph.cli.args import Command
from symgraph.cli.common import (say, EXIT_DISAGREE, EXIT_OK, examples, expression_label, finite, handle_errors,
                                 point_label, read_expression, read_file, reading)

EXAMPLES = examples(
    'symgraph plot "x**2" --at x=1 -o tangent.png',
    'symgraph plot "x**2 + y**2" --at x=1,y=1 -o plane.png',
    'symgraph plot "-tanh(x)" --at x=0.5 --range -3:3 -o tanh.svg',
)


@click.command("plot", cls=Command, epilog=EXAMPLES, short_help="Plot the function and its tangent.")
@click.argument("expr")
@click.option("--at", "at", metavar="POINT", required=True, help="The point: x=1 or x=1,y=1 or @point.json.")
@click.option("-o", "--output", "output", required=True, type=click.Path(dir_okay=False, writable=True),
              help="The picture: FILE.svg or FILE.png.")
@click.option("--wrt", multiple=True, metavar="VARS",
              help="Vary only these inputs (one: curve, two: surface, more: slice along the gradient); "
                   "the others stay at the point.")
@click.option("--range", "span", metavar="LO:HI", default=None,
              help="The range of each varied axis (of t for a slice) [default: from the point and the domain].")
@click.option("--dpi", type=click.IntRange(20, 600), default=100, show_default=True,
              help="Pixels per inch of the PNG (the figure is 8 x 6 inches; 9 x 7.5 for a surface).")
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=10.0, show_default=True, callback=finite,
              help="Seconds allowed for the symbolic cross-check of the slope.")
@handle_errors
def plot(expr, at, output, wrt, span, dpi, timeout):
    """Plot EXPR near the point with its tangent (line, plane, or the slice along the gradient).

    The tangent's slope is the derivative computed on the graph (reverse mode, cross-checked as in
    grad); the legend gives the tangent's equation. Exit 1 when a cross-check of the slope disagrees.
    An EXPR that starts with '-' may be given as it is or after '--'.
    """
    from symgraph.core.point import parse_point
    from symgraph.plotting.api import Plot, output_format
    from symgraph.plotting.figure import build_plot, parse_range

    output_format(output)                       # a wrong suffix is refused before any work
    source = read_expression(expr)
    with reading(point_label(at)):
        point = parse_point(at, read_file=read_file)
    names = [n.strip() for v in wrt for n in v.split(",") if n.strip()]
    with reading(expression_label(expr)):
        picture = Plot(build_plot(source, point, wrt=names or None, span=parse_range(span), timeout=timeout), dpi)
    fmt = picture.save(output)
    for note in picture.data.notes:
        say(f"note: {note}", err=True)
    for warning in picture.data.report.warnings:
        say(f"warning: {warning}", err=True)
    say(f"wrote {fmt} to {output}: {picture.data.title}; {picture.data.tangent_label}", err=True)
    sys.exit(EXIT_OK if picture.data.ok else EXIT_DISAGREE)
