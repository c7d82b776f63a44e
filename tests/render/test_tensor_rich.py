"""The tensor trace as rich tables (grad --format rich on a terminal): the seed's neuron, vectorized, with
the seed's numbers (0.73; -0.20, 0.39, -0.39, -0.59, 0.20) in the tables."""
import io

from rich.console import Console

import symgraph
from symgraph.render.terminal.tensor_rich import render_rich


def _text(report, trace=True) -> str:
    buf = io.StringIO()
    console = Console(file=buf, width=160, force_terminal=False, no_color=True, highlight=False, markup=False)
    render_rich(report, console, 2, trace=trace)
    return buf.getvalue()


def test_tables_hold_the_seed_numbers_and_every_rule():
    r = symgraph.grad("sigmoid(dot(w, x) + b)", {"w": [2.0, -3.0], "x": [-1.0, -2.0], "b": -3.0})
    out = _text(r)
    for heading in ("Forward pass", "Backward pass", "Result", "Checks"):
        assert heading in out
    assert "0.73" in out and "[-0.2 , -0.39]" in out and "[ 0.39, -0.59]" in out
    assert "adj(w) += adj(v2) * x  [w 2, x 2, v2 scalar]" in out
    assert "adj(v4) += adj(f) * f * (1 - f)" in out


def test_no_trace_keeps_results_and_checks():
    r = symgraph.grad("sum(W @ x)", {"W": [[1.0, 2.0], [3.0, 4.0]], "x": [1.0, -1.0]})
    out = _text(r, trace=False)
    assert "Forward pass" not in out and "Result" in out and "[[ 1., -1.], [ 1., -1.]]" in out


def test_rich_layout_shows_contributions_and_forward_tangents():
    import numpy as np
    from rich.console import Console

    import symgraph
    from symgraph.render.terminal.tensor_rich import render_rich

    A, c = np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([[1.0], [2.0]])
    console = Console(width=160, color_system=None, record=True)
    render_rich(symgraph.grad("sum(A * c)", {"A": A, "c": c}, check="none", mode="reverse"), console)
    # adj(c) = row sums of A (by hand with NumPy)
    assert f"adj(c) += sum(adj(v2) * A, axis=1, keepdims)  [A 2×2, c 2×1, v2 2×2]: [[{A.sum(1)[0]:g}.], " \
           f"[{A.sum(1)[1]:g}.]]" in console.export_text()
    console = Console(width=160, color_system=None, record=True)
    r = symgraph.grad("sum(A * c)", {"A": A, "c": c}, check="none", mode="forward", direction={"c": [[1], [0]]})
    render_rich(r, console)
    text = console.export_text()
    assert "tan(c)" in text and "tan(f)    scalar   3 " in text      # d sum(A*c) along c = e_0: A[0].sum() = 3
