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
