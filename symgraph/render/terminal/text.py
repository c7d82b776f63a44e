"""Any finished report as plain text, exactly as ``--format plain`` prints it: ``str(report)`` in the
Python API. It picks the report's own renderer and captures what it writes."""
from __future__ import annotations

import io


def plain_text(report, width: int = 100) -> str:
    from symgraph.judging.checking import CheckReport
    from symgraph.judging.grading import Batch
    from symgraph.render.terminal.check import render_batch, render_check
    from symgraph.render.terminal.trace import render_trace
    from symgraph.report import GradReport

    buffer = io.StringIO()
    console = capture_console(buffer, width)
    if isinstance(report, GradReport):
        render_trace(report, console, plain=True)
    elif isinstance(report, CheckReport):
        render_check(report, console, plain=True)
    elif isinstance(report, Batch):
        render_batch(report, console, plain=True)
    else:
        raise TypeError(f"no text renderer for {type(report).__name__}")
    return buffer.getvalue()


def capture_console(buffer, width: int = 100):
    """A plain rich Console that writes into ``buffer``. ``force_jupyter=False`` because inside a kernel
    rich otherwise sends every print to the notebook as its own output and leaves the buffer empty: a
    report's text/plain (and ``str(report)``) would be blank and the trace would spill into the cell."""
    from rich.console import Console

    return Console(file=buffer, markup=False, highlight=False, emoji=False, soft_wrap=False, no_color=True,
                   color_system=None, width=width, force_jupyter=False)
