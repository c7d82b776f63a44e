"""``symgraph hessian EXPR --at POINT``: the Hessian by forward-over-reverse on the graph, with its checks."""
from __future__ import annotations

import sys

import click

from symgraph.cli.common import EXIT_DISAGREE, EXIT_OK, console_for, finite, handle_errors, read_expression, read_file


@click.command("hessian", context_settings={"ignore_unknown_options": True})
@click.argument("expr")
@click.option("--at", "at", metavar="POINT", help="The point: x=1,y=pi/4 or @point.json.")
@click.option("--wrt", multiple=True, metavar="VARS", help="Only these variables' rows and columns (x,y).")
@click.option("--output", "output", metavar="NAME", help="Which named statement to differentiate (default: the last).")
@click.option("--format", "fmt", type=click.Choice(["rich", "plain", "json"]), default="rich", show_default=True)
@click.option("--no-trace", is_flag=True, help="The matrix, the test and the checks only.")
@click.option("--full-trace", is_flag=True, help="Every sweep and every row and column of the matrix.")
@click.option("--digits", type=click.IntRange(1, 17), default=6, show_default=True)
@click.option("--check", "check", type=click.Choice(["auto", "full", "none"]), default="auto", show_default=True,
              help="Which independent checks run (see README: Hessians).")
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=10.0, show_default=True, callback=finite,
              help="Seconds allowed for each symbolic or finite-difference check.")
@handle_errors
def hessian(expr, at, wrt, output, fmt, no_trace, full_trace, digits, check, timeout):
    """The Hessian of EXPR at a point, by forward-over-reverse on the graph, checked against SymPy and
    central differences of the gradient; at a critical point, the second-derivative test."""
    from symgraph.core.point import parse_point
    from symgraph.higher.hessian import hessian as run

    point = parse_point(at, read_file=read_file)
    wrt_names = [n.strip() for v in wrt for n in v.split(",") if n.strip()]
    report = run(read_expression(expr), point, wrt=wrt_names, output=output, check=check, timeout=timeout,
                 trace=not no_trace and fmt != "json", full_trace=full_trace)
    from symgraph.render.hessian import render_hessian

    emit(report, render_hessian, fmt, digits=digits, show_trace=not no_trace, full=full_trace)


def emit(report, renderer, fmt: str, **options) -> None:
    """JSON, or the renderer on a rich/plain console; then the exit code (0 agree, 1 a check disagrees)."""
    if fmt == "json":
        click.echo(report.to_json())
    else:
        console, plain = console_for(fmt)
        renderer(report, console, plain=plain, **options)
    sys.exit(EXIT_OK if report.ok else EXIT_DISAGREE)
