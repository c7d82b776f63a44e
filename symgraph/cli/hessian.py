"""``symgraph hessian EXPR --at POINT``: the Hessian by forward-over-reverse on the graph, with its checks."""
from __future__ import annotations

import importlib
import sys

import click

from symgraph.cli.args import Command
from symgraph.cli.common import (EXIT_DISAGREE, EXIT_OK, color_option, echo_json, examples, expression_label, finite,
                                 handle_errors, point_label, read_expression, read_file, reading, write_text)
from symgraph.cli.output import output_help, pick_format, terminal
from symgraph.notation.cli_option import syntax_option

FORMATS = ("rich", "plain", "json")

EXAMPLES = examples(
    'symgraph hessian "x^2*y + sin(x)" --at x=1,y=2',
    'symgraph hessian "x^2 + y^2 - x*y" --at x=0,y=0 --no-trace',
    'symgraph hessian "f = x*y; g = x^3*y" --at x=2,y=1 --of f --format json',
)


@click.command("hessian", cls=Command, epilog=EXAMPLES, short_help="The Hessian by forward-over-reverse, checked.")
@click.argument("expr")
@click.option("--at", "at", metavar="POINT", help="The point: x=1,y=pi/4 or @point.json.")
@click.option("--wrt", multiple=True, metavar="VARS", help="Only these variables' rows and columns (x,y).")
@click.option("--of", "of", metavar="NAME", help="Which named statement to differentiate (default: the last).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="rich: the trace with tables (colour on a terminal); plain: ASCII tables; json: the report. "
                   "[default: from the -o suffix, else rich]")
@click.option("-o", "--output", "output", metavar="FILE", type=click.Path(dir_okay=False), default=None,
              help=output_help(FORMATS))
@click.option("--no-trace", is_flag=True, help="The matrix, the test and the checks only.")
@click.option("--full-trace", is_flag=True, help="Every node of the sweeps (up to 64 directions) and the whole matrix.")
@click.option("--digits", type=click.IntRange(1, 17), default=6, show_default=True,
              help="Significant digits in the trace.")
@click.option("--check", "check", type=click.Choice(["auto", "full", "none"]), default="auto", show_default=True,
              help="Which independent checks run (see the manual: docs/commands/hessian.md).")
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=10.0, show_default=True, callback=finite,
              help="Seconds allowed for each symbolic or finite-difference check.")
@color_option
@syntax_option
@handle_errors
def hessian(expr, at, wrt, of, fmt, output, no_trace, full_trace, digits, check, timeout, color):
    """The Hessian of EXPR at a point, by forward-over-reverse on the graph, checked against SymPy and
    central differences of the gradient; at a critical point, the second-derivative test.

    EXPR is an expression or a program of named statements (--of picks the output), @PATH or -.
    An EXPR that starts with '-' may be given as it is or after '--'.
    Exit 0: every check agrees; 1: a check disagrees; 2: bad input."""
    from symgraph.core.point import parse_point
    from symgraph.higher.hessian import hessian as run

    fmt = pick_format(fmt, output, FORMATS, "hessian")
    source = read_expression(expr)
    with reading(point_label(at)):
        point = parse_point(at, read_file=read_file)
    wrt_names = [n.strip() for v in wrt for n in v.split(",") if n.strip()]
    with reading(expression_label(expr)):
        report = run(source, point, wrt=wrt_names, output=of, check=check, timeout=timeout,
                     trace=not no_trace and fmt != "json", full_trace=full_trace)
    emit(report, "hessian", fmt, color, output, digits=digits, show_trace=not no_trace, full=full_trace)


def emit(report, kind: str, fmt: str, color: str = "auto", output: str | None = None, **options) -> None:
    """JSON, or ``symgraph.render.terminal.<kind>.render_<kind>`` on a rich/plain console, to stdout or the file
    ``output``; then the exit code (0 agree, 1 a check disagrees). The renderer is imported only when it is
    used: JSON never loads rich."""
    if fmt == "json" and output:
        write_text(report.to_json() + "\n", output, fmt)
    elif fmt == "json":
        echo_json(report.to_dict())
    else:
        renderer = getattr(importlib.import_module(f"symgraph.render.terminal.{kind}"), f"render_{kind}")
        with terminal(fmt, color, output) as (console, plain):
            renderer(report, console, plain=plain, **options)
    sys.exit(EXIT_OK if report.ok else EXIT_DISAGREE)
