"""How every renderer writes a tensor program's array: small ones in full, big ones as the report summarized
them (shape, min, max, norm and the first entries), and a shape as ``3×4``. The numbers were chosen by the
report (``TensorGradReport.rows()`` and ``symgraph.tensor.report.shown``); this module only writes them."""
from __future__ import annotations


def shape_text(shape) -> str:
    """``3×4``, ``2``, or ``scalar`` for a 0-d value."""
    return "×".join(str(n) for n in shape) if len(shape) else "scalar"


def array_text(shown, one, first: int | None = None) -> str:
    """A value as the report shows it (a number, nested lists, or ``{"summary": ...}``), each number written
    by ``one``; ``None`` (not computed) is the empty string. ``first``: at most this many of a summary's
    first entries."""
    if shown is None:
        return ""
    if isinstance(shown, dict):
        s = shown["summary"]
        first = ", ".join(one(x) for x in s["first"][:first])
        return (f"{shape_text(s['shape'])}: min {one(s['min'])}, max {one(s['max'])}, norm {one(s['norm'])}, "
                f"first [{first}, …]")
    if isinstance(shown, list):
        return "[" + ", ".join(array_text(x, one) for x in shown) + "]"
    return one(shown)
