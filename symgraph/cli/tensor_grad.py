"""``symgraph grad`` on a tensor program (symgraph.tensor): convert the options, run, render, exit."""
from __future__ import annotations

import sys

from symgraph.cli.common import EXIT_DISAGREE, EXIT_OK, console_for, emit_json, say, write_text
from symgraph.errors import SymgraphError


def run_tensor(source, at, shapes, direction, seed, wrt, mode, fmt, output, no_trace, digits, check, timeout,
               read_file, color="auto"):
    from symgraph.tensor.pipeline import tensor_grad

    if fmt in ("markdown", "latex"):
        raise SymgraphError(f"--format {fmt} is not available for tensor programs yet; use plain, rich, json or html")
    if not at and shapes and not direction:           # shapes alone: the structure, no values
        from symgraph.tensor.structure import structure

        if fmt == "html":
            raise SymgraphError("--format html needs values: give them in --at (with --shapes alone, grad shows "
                                "the structure in plain, rich or json)")
        report = structure(source, shapes)
        if fmt == "json":
            emit_json(report.to_dict(), output, fmt)
        else:
            say(report.to_text(), nl=False)
        sys.exit(EXIT_OK)
    report = tensor_grad(source, at, shapes, wrt=wrt or None, mode=mode, check=check, direction=direction,
                         seed=seed, timeout=timeout, read_file=read_file)
    if fmt == "html":                    # the step-through page, through the views registry
        from symgraph.views import render

        write_text(render("tensor_html", report), output, fmt)
    elif fmt == "json":
        emit_json(report.to_dict(), output, fmt)
    else:
        from symgraph.cli.common import console_for

        console, plain = console_for(fmt, color) if output is None else (None, True)
        if plain:              # a pipe, a file, a narrow terminal or --format plain: the line layout
            from symgraph.render.terminal.tensor_text import render_text

            write_text(render_text(report, digits, trace=not no_trace), output, "text")
        else:                  # rich on a terminal: tables, as the scalar trace
            from symgraph.render.terminal.tensor_rich import render_rich

            render_rich(report, console, digits, trace=not no_trace)
    sys.exit(EXIT_OK if report.ok else EXIT_DISAGREE)


def run_tensor_steps(source, at, shapes, wrt, fmt, read_file):
    """``steps`` on a tensor program: the matrix-calculus derivation (plain text, rich as plain, or json)."""
    from symgraph.tensor.derive import derive
    from symgraph.tensor.values import parse_arrays, parse_shapes

    if fmt in ("markdown", "latex"):
        raise SymgraphError(f"--format {fmt} is not available for tensor steps yet; use plain, rich or json")
    point = parse_arrays(at, read_file) if at else None
    given = parse_shapes(shapes) if shapes else {}
    sizes = {n: tuple(v.shape) for n, v in (point or {}).items()}
    for name, shape in given.items():
        if name in sizes and sizes[name] != tuple(shape):
            raise SymgraphError(f"--shapes says {name} is {tuple(shape)}, but its value at the point has shape "
                                f"{sizes[name]}")
        sizes.setdefault(name, tuple(shape))
    report = derive(source, sizes, wrt or None, point)
    if fmt == "json":
        emit_json(report.to_dict(), None, fmt)
    else:
        say(report.to_text(), nl=False)
    sys.exit(EXIT_OK if report.ok else EXIT_DISAGREE)
