"""``symgraph check EXPR --claim "df/dx = RHS" ...`` and ``symgraph check --file answers.toml``."""
from __future__ import annotations

import json
import math
import sys

import click

from symgraph.cli.common import EXIT_DISAGREE, EXIT_OK, console_for, finite, handle_errors, read_expression, read_file
from symgraph.errors import SymgraphError
from symgraph.render.document import render_document


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
    from symgraph.render.diagram import build_diagram, graph_rows
    from symgraph.render.svg import render_svg

    rows = graph_rows(source, at, read_file=read_file)
    rows.pop("warnings", None)
    diagram = build_diagram(source, rows, at_text)
    locator = data.get("locator") or {}
    node = locator.get("first_wrong_node")
    if node is not None:
        claim = locator.get("first_wrong_claim")
        true = next((c.get("expected") for c in data["claims"] if c.get("claim") == claim), None)
        diagram.note = f"✗ first wrong step: {claim}" + (f" (true {true})" if true is not None else "")
        diagram.marks = {n.id: diagram.note for n in diagram.nodes if n.name == node}
    elif data.get("ok"):
        diagram.note = "✓ every claim is right"
    content, fmt = render_svg(diagram).encode("utf-8"), "svg"
    if path.lower().endswith(".png"):   # every picture also as PNG: --svg answers.png
        from symgraph.render.png import svg_to_png

        content, fmt = svg_to_png(content.decode("utf-8")), "png"
    try:
        with open(path, "wb") as fh:
            fh.write(content)
    except OSError as exc:
        raise SymgraphError(f"cannot write {path!r}: {exc.strerror or exc}") from None
    click.echo(f"wrote {fmt} to {path}", err=True)


def _solution(source: str, point, timeout: float):
    """grad's report at the point, for the worked solution next to the verdicts (None where grad refuses,
    e.g. a point outside the domain: the verdicts still print)."""
    from symgraph.pipeline import grad

    try:
        return grad(source, point, timeout=timeout)
    except SymgraphError:
        return None


def _emit_json(data: dict, json_out: str | None, to_stdout: bool) -> None:
    text = json.dumps(data, indent=2, allow_nan=False, ensure_ascii=False)
    if json_out:
        try:
            with open(json_out, "w", encoding="utf-8") as fh:
                fh.write(text + "\n")
        except OSError as exc:
            raise SymgraphError(f"cannot write {json_out!r}: {exc.strerror or exc}") from None
    if to_stdout:
        click.echo(text)


@click.command('check', context_settings={"ignore_unknown_options": True})  # EXPR may start with "-"
@click.argument("expr", required=False)
@click.option("--at", "at", metavar="POINT", help="The point for numeric claims: x1=1,x2=2 or @point.json.")
@click.option("--claim", "claims", multiple=True, metavar='"dOUT/dNAME = RHS"',
              help="A claim to judge, e.g. \"df/dx = cos(2*x)\" or \"df/dg2 = -4\". Repeat for more.")
@click.option("--file", "file", metavar="ANSWERS.toml", help="Grade every answer in a TOML file (batch mode).")
@click.option("--format", "fmt", type=click.Choice(["rich", "plain", "json", "markdown", "latex"]), default="rich",
              show_default=True, help="markdown / latex: the verdicts and, at a point, the worked solution.")
@click.option("--standalone", is_flag=True, help="latex: a complete document (else a fragment to \\input).")
@click.option("--json-out", metavar="FILE", help="Also write the JSON report to FILE.")
@click.option("--tol", metavar="auto|X", default="auto", show_default=True,
              help="Numeric claims: 'auto' = 1e-6 + 1e-6*|true|, or rounded to the decimals written; "
                   "X = absolute tolerance.")
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=10.0, show_default=True,
              callback=finite,
              help="Seconds of symbolic work allowed per claim.")
@click.option("--svg", "svg", metavar="FILE",
              help="Also draw the graph as SVG (PNG if FILE ends in .png), the first wrong step ringed in red.")
@handle_errors
def check(expr, at, claims, file, fmt, standalone, json_out, tol, timeout, svg):
    """Judge a hand derivation claim by claim: right or wrong, a counterexample, the first wrong step.

    EXPR is an expression or a program of named steps (g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2),
    @PATH or -. A claim is dOUT/dNAME = RHS: OUT is the output (f) or a named step, NAME an input or a
    named step (df/dg2 is the adjoint of step g2); a number RHS is judged at --at, an expression RHS for
    all points. Exit 0: every claim right; 1: a claim is wrong or undecided; 2: bad input.
    """
    tolerance = _tol(tol)
    if file:
        if expr or claims or at:
            raise SymgraphError("--file grades a whole answer file: give EXPR, --at and --claim only without it")
        if fmt in ("markdown", "latex"):
            raise SymgraphError("--format markdown/latex: give EXPR, --at and --claim (not --file)")
        from symgraph.judging.grading import grade

        batch = grade(read_file(file), file, tol=tolerance, timeout=timeout)
        data, ok = batch.to_dict(), batch.ok
        if fmt != "json":
            from symgraph.render.check import render_batch

            console, plain = console_for(fmt)
            render_batch(batch, console, plain=plain)
    else:
        if not expr:
            raise SymgraphError("give EXPR and --claim \"df/dx = ...\", or --file answers.toml")
        if not claims:
            raise SymgraphError("no claims: give at least one --claim \"df/dx = ...\"")
        from symgraph.judging.checking import check as run
        from symgraph.core.point import parse_point

        source = read_expression(expr)
        point = parse_point(at, read_file=read_file)
        report = run(source, list(claims), at=point, timeout=timeout, tol=tolerance)
        data, ok = report.to_dict(), report.ok
        if svg:
            _write_svg(svg, source, at, point.text, data)
        if fmt in ("markdown", "latex"):
            from symgraph.render.worked import check_document

            solution = _solution(source, point, timeout) if at else None
            click.echo(render_document(check_document(report, solution), fmt, standalone), nl=False)
        elif fmt != "json":
            from symgraph.render.check import render_check

            console, plain = console_for(fmt)
            render_check(report, console, plain=plain)
    if fmt == "json" or json_out:
        _emit_json(data, json_out, fmt == "json")
    sys.exit(EXIT_OK if ok else EXIT_DISAGREE)
