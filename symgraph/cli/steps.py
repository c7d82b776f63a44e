"""``symgraph steps EXPR``: the derivation rule by rule, read off the graph and proved against SymPy."""
from __future__ import annotations

import sys

import click

from symgraph.cli.args import Command
from symgraph.notation.cli_option import syntax_option
from symgraph.cli.common import (EXIT_DISAGREE, EXIT_OK, color_option, echo_json, examples, expression_label, finite,
                                 handle_errors, point_label, read_expression, read_file, reading, write_text)
from symgraph.cli.output import output_help, pick_format, terminal

FORMATS = ("rich", "plain", "json", "markdown", "latex")

EXAMPLES = examples(
    'symgraph steps "sin(x**2)" --at x=pi/4 --exact',
    'symgraph steps "(3*x)**2" --at x=4 --detail brief',
    'symgraph steps "g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2" --at x1=1,x2=2 --wrt x1',
    'symgraph steps "sigmoid(x)" --at x=0 --exact --format json',
    'symgraph steps --wrt x -- "-x**2*sin(x)"',
    'symgraph steps "(3*x)**2" --at x=4 --format latex --standalone',
    'symgraph steps "x.T @ A @ x" --shapes x=3,A=3x3 --wrt x',
)


@click.command("steps", cls=Command, epilog=EXAMPLES, short_help="The derivation rule by rule, proved.")
@click.argument("expr")
@click.option("--wrt", multiple=True, metavar="VARS", help="Derive only with respect to these (x1,x2).")
@click.option("--at", "at", metavar="POINT", help="Also give each step's value at this point: x=pi/4 or @point.json.")
@click.option("--shapes", metavar="SHAPES", help="Tensor programs: the input shapes, x=3,A=3x3 (the derivation "
              "in matrix calculus; plain and json formats).")
@click.option("--detail", type=click.Choice(["brief", "full"]), default="full", show_default=True,
              help="brief folds the sum, difference and constant multiple steps.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="rich: colour on a terminal; plain: no colour; json: {steps, result, proved} per input; "
                   "markdown / latex: the worked solution, for a handout. [default: from the -o suffix, else rich]")
@click.option("-o", "--output", "output", metavar="FILE", type=click.Path(dir_okay=False), default=None,
              help=output_help(FORMATS))
@click.option("--standalone", is_flag=True, help="latex: a complete document (else a fragment to \\input).")
@click.option("--exact", is_flag=True, help="Exact values (rationals, surds, pi) next to the floats, with --at.")
@click.option("--digits", type=click.IntRange(1, 17), default=6, show_default=True,
              help="Significant digits of the values at the point.")
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=10.0, show_default=True, callback=finite,
              help="Seconds allowed for SymPy's simplify, diff and the proof.")
@color_option
@syntax_option
@handle_errors
def steps(expr, wrt, at, shapes, detail, fmt, output, standalone, exact, digits, timeout, color):
    """The derivative of EXPR rule by rule: each node's rule (product, quotient, chain with u = ...),
    its general form, the expression in between, and the result proved equal to SymPy's diff.

    A program with named steps (g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2) goes the seed's way: local
    partials on the edges, then the adjoints combined along paths. EXPR may be @PATH or -; an EXPR that
    starts with '-' may be given as it is or after '--'. Exit 0: the result agrees with SymPy; 1: it does
    not; 2: bad input.
    """
    from symgraph.core.point import parse_point
    from symgraph.steps.derive import steps as run

    fmt = pick_format(fmt, output, FORMATS, "steps")
    source = read_expression(expr)
    from symgraph.tensor.route import wants_tensor

    if wants_tensor(source, at, shapes, read_file=read_file):
        from symgraph.cli.tensor_grad import run_tensor_steps

        run_tensor_steps(source, at, shapes, [n.strip() for v in wrt for n in v.split(",") if n.strip()], fmt,
                         read_file)
    with reading(point_label(at)):
        point = parse_point(at, read_file=read_file)
    names = [n.strip() for v in wrt for n in v.split(",") if n.strip()]
    with reading(expression_label(expr)):
        report = run(source, wrt=names, at=point, detail=detail, timeout=timeout, exact=exact)
    if fmt == "json" and output:
        write_text(report.to_json() + "\n", output, fmt)
    elif fmt == "json":
        echo_json(report.to_dict())
    elif fmt in ("markdown", "latex"):
        from symgraph.render.document.handout import render_document
        from symgraph.render.document.steps_doc import steps_document

        write_text(render_document(steps_document(report, digits), fmt, standalone), output, fmt)
    else:
        from symgraph.render.terminal.steps import render_steps

        with terminal(fmt, color, output) as (console, plain):
            render_steps(report, console, digits=digits, plain=plain)
    sys.exit(EXIT_OK if report.ok else EXIT_DISAGREE)
