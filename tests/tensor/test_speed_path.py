"""The benchmark's fast path (mode reverse, checks off, wrt the parameters) equals NumPy with a hand-written
backward (benchmarks/tensor_bench.py) to 1e-12 relative; memory and time are measured by make bench, not here."""
import numpy as np

import symgraph
from benchmarks.tensor_bench import MLP, PARAMS, numpy_grad, point


def test_fast_path_equals_the_hand_written_backward():
    p = point(16, 12, 8, seed=3)
    loss, expected = numpy_grad(p)
    r = symgraph.grad(MLP, p, wrt=PARAMS, mode="reverse", check="none")
    assert r.check_plan["strategy"] == "none" and r.checks == []
    assert abs(r.value - loss) <= 1e-12 * abs(loss)
    for k in PARAMS:
        assert np.max(np.abs(r.gradient[k] - expected[k])) <= 1e-12 * np.max(np.abs(expected[k])), k
    assert set(r.gradient) == set(PARAMS)
    again = symgraph.grad(MLP, p, wrt=PARAMS, mode="reverse", check="none")   # the cached graph: same numbers
    assert all(np.array_equal(again.gradient[k], r.gradient[k]) for k in PARAMS)


def test_forward_mode_alone_gives_the_same_gradient():
    p = point(3, 2, 2, seed=4)
    r = symgraph.grad(MLP, p, mode="forward")
    _, expected = numpy_grad(p)
    for k in PARAMS:
        assert np.allclose(r.gradient[k], expected[k], rtol=1e-12, atol=1e-15)
    assert all("reverse" not in c.lhs for c in r.checks) and r.ok
