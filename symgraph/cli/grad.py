"""``symgraph grad EXPR --at POINT``: the whole pipeline with its step-by-step trace."""
from __future__ import annotations

import sys

import click

from symgraph.notation.cli_option import syntax_option
from symgraph.cli.args import Command
from symgraph.cli.common import (EXIT_DISAGREE, EXIT_OK, color_option, emit_json, examples,
                                 expression_label, finite, handle_errors, point_label, read_expression, read_file,
                                 reading, write_text)
from symgraph.cli.output import output_help, pick_format, terminal
from symgraph.errors import SymgraphError
from symgraph.render.document.handout import render_document

FORMATS = ("rich", "plain", "json", "markdown", "latex", "html")

EXAMPLES = examples(
    'symgraph grad "(3*x)**2" --at x=4',
    'symgraph grad "g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2" --at x1=1,x2=2',
    "symgraph grad @examples/sigmoid_neuron.txt --at @examples/sigmoid_neuron.point.json --no-trace",
    'symgraph grad "-tanh(x)" --at x=1 --format json',
    'symgraph grad --at x=pi/4 --wrt x --digits 10 -- "-sin(x)*cos(x)"',
    "symgraph grad \"sigmoid(dot(w, x) + b)\" --at 'w=[2,-3], x=[-1,-2], b=-3'",
)


def _split_names(values: tuple) -> list:
    return [n.strip() for v in values for n in v.split(",") if n.strip()]


@click.command("grad", cls=Command, epilog=EXAMPLES, short_help="Differentiate step by step and cross-check.")
@click.argument("expr")
@click.option("--at", "at", metavar="POINT", help="The point: x1=1,x2=pi/4 or @point.json.")
@click.option("--shapes", metavar="SHAPES", help="Tensor programs: input shapes without values, W=3x4,x=4.")
@click.option("--direction", metavar="POINT", help="Tensor programs: the direction of forward mode and the "
              "directional checks, as arrays (w=[1,0]); random by default, its seed printed.")
@click.option("--seed", type=click.IntRange(0, 2**32 - 1), default=None, help="Tensor programs: the seed of the random directions (0).")
@click.option("--wrt", multiple=True, metavar="VARS", help="Differentiate only with respect to these (x1,x2).")
@click.option("--outputs", "outputs", multiple=True, metavar="NAMES",
              help="Named statements to differentiate (f,g): several give the Jacobian. Or end the program "
                   "with 'return f, g'.")
@click.option("--mode", type=click.Choice(["both", "forward", "reverse"]), default="both", show_default=True,
              help="Which modes run: both also checks forward mode against reverse mode (backpropagation).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="rich: the trace with tables (colour on a terminal); plain: ASCII tables; json: the report; "
                   "markdown / latex: the worked solution, for a handout; html: one self-contained page that "
                   "steps through the passes. [default: from the -o suffix, else rich]")
@click.option("--standalone", is_flag=True, help="latex: a complete document (else a fragment to \\input).")
@click.option("--practice", is_flag=True,
              help="html: the page opens in practice mode (type each tangent and adjoint before it is shown).")
@click.option("-o", "--output", "output", metavar="FILE", type=click.Path(dir_okay=False), default=None,
              help=output_help(FORMATS))
@click.option("--no-trace", is_flag=True, help="Results and checks only.")
@click.option("--full-trace", is_flag=True,
              help="Big graphs: every trace row and, in JSON, every node's tangents (can be very long).")
@click.option("--digits", type=click.IntRange(1, 17), default=6, show_default=True,
              help="Significant digits in the trace.")
@click.option("--check", "check", type=click.Choice(["auto", "full", "none"]), default="auto", show_default=True,
              help="Which independent checks run (see the manual: docs/checks.md).")
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=10.0, show_default=True, callback=finite,
              help="Seconds allowed for symbolic work (SymPy's diff); beyond it that check is skipped.")
@click.option("--exact", is_flag=True, help="Exact values (rationals, surds, pi) next to the floats.")
@color_option
@syntax_option
@handle_errors
def grad(expr, at, shapes, direction, seed, wrt, outputs, mode, fmt, standalone, practice, output, no_trace,
         full_trace, digits, check, timeout, color, exact):
    """Differentiate EXPR at a point, step by step, and cross-check the result.

    EXPR is an expression (sin(x)*cos(x)), a program of statements (g1 = 2*x1 + 3*x2; f = g1 - 4*x1*x2),
    @PATH to read it from a file, or - to read it from stdin. An EXPR that starts with '-' may be given
    as it is or after '--'. Exit 0: every check agrees; 1: a check disagrees; 2: bad input.
    """
    from symgraph.pipeline import grad as run
    from symgraph.core.point import parse_point

    fmt = pick_format(fmt, output, FORMATS, "grad")
    if practice and fmt != "html":
        raise SymgraphError("--practice is a mode of the page: give --format html (or -o FILE.html)")
    source = read_expression(expr)
    from symgraph.tensor.route import wants_tensor

    if wants_tensor(source, at, shapes, direction, read_file):       # vectors and matrices: symgraph.tensor
        from symgraph.cli.tensor_grad import run_tensor

        if outputs or exact or standalone:
            raise SymgraphError("--outputs, --exact and --standalone are not available for tensor programs yet")
        from symgraph.notation.syntax import is_latex

        if is_latex(""):            # --syntax latex chosen (auto would see LaTeX in a comment's braces)
            raise SymgraphError("LaTeX is not read for tensor programs (vectors and matrices): write the program "
                                "in the tensor language, e.g. sum(W @ x) (see docs/tensors.md)")
        from symgraph.tensor.values import parse_arrays

        with reading(point_label(at)):          # a refusal of the point names --at, not the expression
            at = parse_arrays(at, read_file) if isinstance(at, str) else at
        with reading(expression_label(expr)):
            return run_tensor(source, at, shapes, direction, seed, _split_names(wrt), mode, fmt, output, no_trace,
                              digits, check, timeout, read_file, color)
    with reading(point_label(at)):
        point = parse_point(at, read_file=read_file)
    from symgraph.higher.outputs import split_outputs

    if outputs or split_outputs(source)[1]:      # chosen outputs: the Jacobian route (symgraph.higher)
        with reading(expression_label(expr)):
            return _jacobian(source, point, outputs, wrt, mode, fmt, no_trace, full_trace, digits, check, timeout,
                             color, exact, output)
    with reading(expression_label(expr)):
        report = run(source, point, wrt=_split_names(wrt), mode=mode, check=check, timeout=timeout,
                     trace=not no_trace and fmt != "json", full_trace=full_trace)
    if exact:
        from symgraph.steps.exact import attach

        attach(report, source, point, timeout)
    if fmt == "json":
        emit_json(report.to_dict(), output, fmt)
    elif fmt == "html":
        from symgraph.render.web.html import grad_page

        write_text(grad_page(report.to_dict(), report.trace, practice), output, fmt)
    elif fmt in ("markdown", "latex"):
        from symgraph.render.document.worked import grad_document

        write_text(render_document(grad_document(report, digits), fmt, standalone), output, fmt)
    else:
        from symgraph.render.terminal.trace import render_trace

        with terminal(fmt, color, output) as (console, plain):
            render_trace(report, console, digits=digits, plain=plain, show_trace=not no_trace,
                         full=full_trace)
    sys.exit(EXIT_OK if report.ok else EXIT_DISAGREE)


def _jacobian(source, point, outputs, wrt, mode, fmt, no_trace, full_trace, digits, check, timeout, color, exact,
              output):
    from symgraph.errors import SymgraphError
    from symgraph.higher.jacobian import jacobian

    if fmt in ("markdown", "latex", "html") or exact:
        what = f"--format {fmt} shows the passes" if not exact else "--exact annotates the trace"
        raise SymgraphError(f"{what} of one output; with several outputs (--outputs, return) leave it out")
    report = jacobian(source, point, outputs=list(outputs), wrt=_split_names(wrt), mode=mode, check=check,
                      timeout=timeout, trace=not no_trace and fmt != "json", full_trace=full_trace)
    from symgraph.cli.hessian import emit

    emit(report, "jacobian", fmt, color, output, digits=digits, show_trace=not no_trace, full=full_trace)
