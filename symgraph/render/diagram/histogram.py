"""A problem's mistake histogram as a bar chart (matplotlib, SVG text, deterministic as plot.py's: no date,
a fixed hash salt, glyphs as paths). Every number drawn comes from the class report; none is computed."""
from __future__ import annotations

import io

RC = {"svg.hashsalt": "symgraph", "svg.fonttype": "path", "font.family": "DejaVu Sans"}
BAR = "#d62728"


def histogram_svg(problem: dict) -> str:
    """Horizontal bars, one per mistake id, the number of answers on each."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    bars = list(reversed(problem["histogram"]))
    fig = Figure(figsize=(6.5, 0.6 + 0.45 * max(1, len(bars))))
    FigureCanvasAgg(fig)
    with matplotlib.rc_context(RC):
        ax = fig.add_subplot()
        ax.barh([b["mistake"] for b in bars], [b["count"] for b in bars], color=BAR)
        ax.set_xlim(0, max(1, problem["answers"]))
        ax.set_xlabel(f"answers (of {problem['answers']})")
        ax.xaxis.get_major_locator().set_params(integer=True)
        fig.tight_layout()
        out = io.StringIO()
        fig.savefig(out, format="svg", metadata={"Date": None})
    return out.getvalue()
