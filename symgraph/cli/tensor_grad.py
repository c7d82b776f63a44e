"""``symgraph grad`` on a tensor program (symgraph.tensor): convert the options, run, render, exit."""
from __future__ import annotations

import sys

from symgraph.cli.common import EXIT_DISAGREE, EXIT_OK, emit_json, say
from symgraph.errors import SymgraphError


def run_tensor(source, at, shapes, direction, seed, wrt, mode, fmt, output, no_trace, digits, check, timeout,
               read_file):
    from symgraph.tensor.pipeline import tensor_grad

    if fmt in ("markdown", "latex", "html"):
        raise SymgraphError(f"--format {fmt} is not available for tensor programs yet; use plain, rich or json")
    report = tensor_grad(source, at, shapes, wrt=wrt or None, mode=mode, check=check, direction=direction,
                         seed=seed, timeout=timeout, read_file=read_file)
    if fmt == "json":
        emit_json(report.to_dict(), output, fmt)
    else:
        from symgraph.render.terminal.tensor_text import render_text

        say(render_text(report, digits, trace=not no_trace), nl=False)
    sys.exit(EXIT_OK if report.ok else EXIT_DISAGREE)
