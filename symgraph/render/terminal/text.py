"""Any finished report as plain text, exactly as ``--format plain`` prints it: ``str(report)`` in the
Python API. It picks the report's own renderer and captures what it writes."""
from __future__ import annotations

import io


def plain_text(report, width: int = 100) -> str:
    """``str(report)`` for every kind of report (symgraph.views' "text"): its terminal renderer, plain."""
    buffer = io.StringIO()
    _renderer(report)(report, capture_console(buffer, width), plain=True)
    return buffer.getvalue()


def _renderer(report):
    from symgraph.higher.hessian_report import HessianReport
    from symgraph.higher.jacobian_report import JacobianReport
    from symgraph.judging.checking import CheckReport
    from symgraph.judging.grading import Batch
    from symgraph.judging.tensor_claims import TensorCheckReport
    from symgraph.report import GradReport
    from symgraph.steps.derive import StepsReport

    if isinstance(report, GradReport):
        from symgraph.render.terminal.trace import render_trace as renderer
    elif isinstance(report, CheckReport):
        from symgraph.render.terminal.check import render_check as renderer
    elif isinstance(report, Batch):
        from symgraph.render.terminal.check import render_batch as renderer
    elif isinstance(report, HessianReport):
        from symgraph.render.terminal.hessian import render_hessian as renderer
    elif isinstance(report, JacobianReport):
        from symgraph.render.terminal.jacobian import render_jacobian as renderer
    elif isinstance(report, StepsReport):
        from symgraph.render.terminal.steps import render_steps as renderer
    elif isinstance(report, TensorCheckReport):      # check's tensor claims, as symgraph check prints them
        from symgraph.render.terminal.code import render_tensor_claims

        return lambda r, console, plain: render_tensor_claims(r.to_dict(), console, plain=plain)
    else:
        raise TypeError(f"no text renderer for {type(report).__name__}")
    return renderer


def capture_console(buffer, width: int = 100):
    """A plain rich Console that writes into ``buffer``. ``force_jupyter=False`` because inside a kernel
    rich otherwise sends every print to the notebook as its own output and leaves the buffer empty: a
    report's text/plain (and ``str(report)``) would be blank and the trace would spill into the cell."""
    from rich.console import Console

    return Console(file=buffer, markup=False, highlight=False, emoji=False, soft_wrap=False, no_color=True,
                   color_system=None, width=width, force_jupyter=False)
