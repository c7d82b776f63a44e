"""``symgraph check EXPR --claim "df/dx = RHS" ...`` and ``symgraph check --file answers.toml``."""
from __future__ import annotations

import json
import os
import sys
import time

import click

from symgraph.notation.cli_option import syntax_option
from symgraph.cli.args import Command
from symgraph.cli.common import (say, EXIT_DISAGREE, EXIT_OK, color_option, console_for, echo_json, examples,
                                 expression_label, finite, handle_errors, point_label, read_expression, read_file,
                                 read_stdin, reading, write_file, write_text)
from symgraph.cli.output import output_help, pick_format, terminal
from symgraph.safe_text import json_text, utf8
from symgraph.errors import SymgraphError
from symgraph.render.document.handout import render_document

FORMATS = ("rich", "plain", "json", "markdown", "latex", "html", "gradescope")

EXAMPLES = examples(
    'symgraph check "sin(x)*cos(x)" --claim "df/dx = cos(2*x)"',
    'symgraph check "g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2" --at x1=1,x2=2 --claim "df/dg2 = -4" '
    '--claim "df/dx1 = -6"',
    'symgraph check "f = -sigmoid(x)" --at x=1 --claim "df/dx = -0.20"',
    'symgraph check "g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2" --at x1=1,x2=2 --claim "df/dx1 = -5" '
    '--svg mistake.svg',
    "symgraph check --file examples/answers.toml --json-out grades.json",
    "symgraph check --code examples/code/seed_neuron.py",
    "symgraph check --code examples/code/layers.py --shapes x=NxD,w=DxM,b=M",
)


def _tol(value: str | None):
    if value is None or value == "auto":
        return None
    try:
        tol = float(value)
    except ValueError:
        raise SymgraphError(f"--tol must be 'auto' or a positive number, not {value!r}") from None
    if not tol > 0 or tol == float("inf"):
        raise SymgraphError(f"--tol must be 'auto' or a positive number, not {value!r}")
    return tol


def _write_svg(path: str, source: str, at, at_text: dict, data: dict) -> None:
    """The graph as in ``symgraph graph``, with the locator's first wrong step ringed and named on top."""
    from symgraph.render.diagram.model import build_diagram
    from symgraph.pipeline import graph_rows
    from symgraph.render.web.html import check_diagram_marks
    from symgraph.render.diagram.svg import render_svg

    rows = graph_rows(source, at, read_file=read_file)
    rows.pop("warnings", None)
    diagram = build_diagram(source, rows, at_text)
    node, diagram.note = check_diagram_marks(data)
    diagram.marks = {n.id: diagram.note for n in diagram.nodes if n.name == node}
    content, fmt = render_svg(diagram).encode("utf-8"), "svg"
    if path.lower().endswith(".png"):   # every picture also as PNG: --svg answers.png
        from symgraph.render.diagram.png import svg_to_png

        content, fmt = svg_to_png(content.decode("utf-8")), "png"
    write_file(content, path, fmt)


def _solution(source: str, point, timeout: float):
    """grad's report at the point, for the worked solution next to the verdicts (None where grad refuses,
    e.g. a point outside the domain: the verdicts still print)."""
    from symgraph.pipeline import grad

    try:
        return grad(source, point, timeout=timeout)
    except SymgraphError:
        return None


def _emit_json(data: dict, json_out: str | None, to_stdout: bool, to_json=None) -> None:
    if json_out:
        text = json_text(to_json(False) if to_json else json.dumps(data, indent=2, allow_nan=False,
                                                                   ensure_ascii=False)) + "\n"
        try:
            with open(json_out, "wb") as fh:
                fh.write(utf8(text))
        except OSError as exc:
            raise SymgraphError(f"cannot write {json_out!r}: {exc.strerror or exc}") from None
    if to_stdout:
        echo_json(data, to_json)


def _check_code(path, at, shapes, output, seed, fmt, color, json_out, csv_out, standalone=False,
                output_file=None) -> None:
    """check --code: read the file (or every .py of a folder), judge it, render, exit (0 all right, 1 a wrong
    line, 2 bad input)."""
    folder = os.path.isdir(path)
    if fmt == "latex" and folder:
        raise SymgraphError("--code DIR has --format rich, plain, json, markdown, html or gradescope")
    if fmt == "gradescope" and not folder:
        raise SymgraphError("--format gradescope with --code grades a folder of submissions: --code DIR")
    start = time.perf_counter()
    if csv_out and not folder:
        raise SymgraphError("--csv is for a folder of submissions: --code DIR --csv grades.csv")
    options = dict(shapes=shapes, at=at, output=output, seed=seed)
    if folder:
        from symgraph.code.batch import check_folder
        from symgraph.judging.classroom import write_csv

        report = check_folder(path, read_file, **options)
        if csv_out:
            write_csv(csv_out, report.rows)
    else:
        from symgraph.code.check import check_code

        source = read_stdin() if path == "-" else read_file(path)
        with reading(f"--code {path}"):
            report = check_code(source, source_name="standard input" if path == "-" else path,
                                read_file=read_file, **options)
    data = report.to_dict()
    if folder and fmt in ("markdown", "html", "gradescope"):       # batch grading's exporters
        from symgraph.cli.check_file import export_batch
        from symgraph.code.graded import grading_dict

        export_batch(grading_dict(report), fmt, output_file, time.perf_counter() - start, per_student=True)
    elif fmt == "html":
        from symgraph.render.web.code import code_page

        write_text(code_page(data, source), output_file, fmt)
    elif fmt in ("markdown", "latex"):
        from symgraph.render.document.code import code_document

        say(render_document(code_document(data), fmt, standalone), nl=False)
    elif fmt != "json":
        from symgraph.render.terminal.code import render_code, render_folder

        console, plain = console_for(fmt, color)
        (render_folder if folder else render_code)(data, console, plain=plain)
    if fmt == "json" or json_out:
        _emit_json(data, json_out, fmt == "json")
    sys.exit(EXIT_OK if report.ok else EXIT_DISAGREE)


def _given(*options) -> list:
    """The options of ``(flag, parameter)`` that the command line gave (not left at their defaults)."""
    ctx = click.get_current_context()
    return [flag for flag, name in options
            if ctx.get_parameter_source(name) not in (None, click.core.ParameterSource.DEFAULT)]


def _check_tensor(source, claims, at, shapes, seed, fmt, color, json_out, given=()) -> None:
    """Claims about a tensor program's gradients (dL/dW = X.T @ dZ), at random points and shapes."""
    if fmt not in ("rich", "plain", "json"):
        raise SymgraphError("claims about a tensor program have --format rich, plain or json")
    if given:       # never silently ignored: drawn or written for scalars, or a tolerance the table does not use
        raise SymgraphError(f"{', '.join(given)} {'is' if len(given) == 1 else 'are'} not available for claims "
                            "about a tensor program (vectors and matrices), which are judged at random points "
                            "with the tolerance of docs/tensors.md; --json-out FILE writes the verdicts to a file")
    from symgraph.judging.tensor_claims import check_tensor_claims
    from symgraph.tensor.values import parse_arrays

    point = parse_arrays(at, read_file=read_file) if at else None
    report = check_tensor_claims(source, list(claims), shapes=shapes, at=point, seed=seed)
    data = report.to_dict()
    if fmt != "json":
        from symgraph.render.terminal.code import render_tensor_claims

        console, plain = console_for(fmt, color)
        render_tensor_claims(data, console, plain=plain)
    if fmt == "json" or json_out:
        _emit_json(data, json_out, fmt == "json")
    sys.exit(EXIT_OK if report.ok else EXIT_DISAGREE)


@click.command("check", cls=Command, epilog=EXAMPLES, short_help="Judge a hand derivation claim by claim.")
@click.argument("expr", required=False)
@click.option("--at", "at", metavar="POINT", help="The point for numeric claims: x1=1,x2=2 or @point.json.")
@click.option("--claim", "claims", multiple=True, metavar='"dOUT/dNAME = RHS"',
              help="A claim to judge, e.g. \"df/dx = cos(2*x)\" or \"df/dg2 = -4\". Repeat for more.")
@click.option("--file", "file", metavar="ANSWERS.toml", help="Grade every answer in a TOML file (batch mode).")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
              help="rich: verdict tables (colour on a terminal); plain: ASCII tables; json: the report; markdown / "
                   "latex: the verdicts and, at a point, the worked solution; html: one self-contained page "
                   "stepping through the passes, open at the first wrong step (with --file or --code DIR: the "
                   "class report, as markdown too); gradescope (with --file or --code DIR): "
                   "Gradescope's autograder results.json. [default: from the -o suffix, else rich]")
@click.option("--standalone", is_flag=True, help="latex: a complete document (else a fragment to \\input).")
@click.option("-o", "--output", "output", metavar="FILE", type=click.Path(dir_okay=False), default=None,
              help=output_help(FORMATS) + " With --code: the script's output variable (with --format html, "
                   "the page).")
@click.option("--json-out", metavar="FILE", help="Also write the JSON report to FILE.")
@click.option("--tol", metavar="auto|X", default="auto", show_default=True,
              help="Numeric claims: 'auto' = 1e-6 + 1e-6*|true|, or rounded to the decimals written; "
                   "X = absolute tolerance.")
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=10.0, show_default=True,
              callback=finite,
              help="Seconds of symbolic work allowed per claim.")
@click.option("--svg", "svg", metavar="FILE",
              help="Also draw the graph as SVG (PNG if FILE ends in .png), the first wrong step ringed in red.")
@click.option("--csv", "csv_out", metavar="FILE", help="With --file: one row per student and problem, for a gradebook.")
@click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
              help="With --file: grade in this many parallel processes.")
@click.option("--code", "code", metavar="FILE.py",
              help="Judge a backward pass written in Python/NumPy line by line (- reads stdin). The file is "
                   "read, never run. With --code, --output NAME names a script's output variable (with --format "
                   "html, -o names the page).")
@click.option("--shapes", metavar="x=NxD,w=DxM,b=M",
              help="With --code: the input shapes of layer and loss functions; with a tensor program's claims "
                   "(dL/dW = X.T @ dZ): its input shapes. Letters become distinct primes.")
@click.option("--seed", type=click.IntRange(0, 2**32 - 1), default=0, show_default=True,
              help="With --code: the seed of the random inputs and dout.")
@click.option("--executor", metavar="dask://HOST:PORT",
              help="With --file: grade on a Dask cluster (pip install 'symgraph[dask]').")
@click.option("--submission", metavar="ANSWERS.toml",
              help="With --file PROBLEMS.toml: grade one student's answer file against the problems.")
@click.option("--answer-limit", type=click.FloatRange(1, 36000), default=None, callback=finite,
              help="With --file: hard limit in seconds per answer  [default: 6 x --timeout, at least 30]")
@click.option("--batch-timeout", type=click.FloatRange(1, 86400), default=600.0, show_default=True,
              callback=finite, help="With --file: seconds for the whole batch; answers left when it runs out "
                                    "are listed as not graded.")
@color_option
@syntax_option
@handle_errors
def check(expr, at, claims, file, fmt, standalone, output, json_out, tol, timeout, svg, color, csv_out, jobs,
          executor, submission, answer_limit, code, shapes, seed, batch_timeout):
    """Judge a hand derivation claim by claim: right or wrong, a counterexample, the first wrong step.

    EXPR is an expression or a program of named steps (g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2),
    @PATH or -. A claim is dOUT/dNAME = RHS: OUT is the output (f) or a named step, NAME an input or a
    named step (df/dg2 is the adjoint of step g2); a number RHS is judged at --at, an expression RHS for
    all points. An EXPR that starts with '-' may be given as it is or after '--'.
    Exit 0: every claim right; 1: a claim is wrong or undecided; 2: bad input.
    """
    if code:
        if expr or claims or file or svg:
            raise SymgraphError("--code judges a Python file on its own: give --shapes/--at/--output/--seed, "
                                "not EXPR, --claim, --file or --svg")
        fmt = fmt or "rich"            # with --code, --output NAME is the script's variable (html: the page)
        _check_code(code, at, shapes, None if fmt == "html" else output, seed, fmt, color, json_out, csv_out,
                    standalone, output if fmt == "html" else None)
    if shapes and (file or not expr):
        raise SymgraphError("--shapes is for --code, or for claims about a tensor program (EXPR --claim ...)")
    fmt = pick_format(fmt, output, FORMATS, "check")
    tolerance = _tol(tol)
    if file:
        if expr or claims or at:
            raise SymgraphError("--file grades a whole answer file: give EXPR, --at and --claim only without it")
        from symgraph.cli.check_file import grade_file

        data, ok, to_json = grade_file(file, fmt, output, color, tolerance, timeout, jobs, executor, submission,
                                       answer_limit, csv_out, batch_timeout)
    else:
        if csv_out or jobs != 1 or executor or submission or answer_limit:
            raise SymgraphError("--csv, --jobs, --executor, --submission and --answer-limit grade an answer "
                                "file: use them with --file answers.toml")
        if fmt == "gradescope":
            raise SymgraphError("--format gradescope grades an answer file: use it with --file")
        if not expr:
            raise SymgraphError("give EXPR and --claim \"df/dx = ...\", or --file answers.toml")
        if not claims:
            raise SymgraphError("no claims: give at least one --claim \"df/dx = ...\"")
        from symgraph.judging.checking import check as run
        from symgraph.core.point import parse_point

        source = read_expression(expr)
        from symgraph.tensor.route import wants_tensor

        if shapes or wants_tensor(source, at, read_file=read_file):
            _check_tensor(source, claims, at, shapes, seed, fmt, color, json_out, _given(
                ("--svg", "svg"), ("-o", "output"), ("--standalone", "standalone"), ("--tol", "tol"),
                ("--timeout", "timeout")))
        with reading(point_label(at)):
            point = parse_point(at, read_file=read_file)
        with reading(expression_label(expr)):
            report = run(source, list(claims), at=point, timeout=timeout, tol=tolerance)
        data, ok = report.to_dict(), report.ok
        if svg:
            _write_svg(svg, source, at, point.text, data)
        if fmt == "html":
            from symgraph.render.web.html import check_page, check_rows

            write_text(check_page(data, check_rows(data)), output, fmt)
        elif fmt in ("markdown", "latex"):
            from symgraph.render.document.worked import check_document

            solution = _solution(source, point, timeout) if at else None
            write_text(render_document(check_document(report, solution), fmt, standalone), output, fmt)
        elif fmt != "json":
            from symgraph.render.terminal.check import render_check

            with terminal(fmt, color, output) as (console, plain):
                render_check(report, console, plain=plain)
    if fmt == "json" and output:
        text = to_json(False) if file and to_json else json.dumps(data, indent=2, allow_nan=False, ensure_ascii=False)
        write_text(json_text(text) + "\n", output, fmt)
    if fmt == "json" and not output or json_out:
        _emit_json(data, json_out, fmt == "json" and not output, to_json if file else None)
    sys.exit(EXIT_OK if ok else EXIT_DISAGREE)
