"""Arrays given from Python meet the command line's size limits before anything is copied.

docs/safety.md ("Arrays"): 20,000,000 entries per array, 40,000,000 in the whole point. A NumPy broadcast
view stands for any number of entries at no cost, so a check made after a copy (``astype``, ``asarray``
with another dtype) would allocate gigabytes first. The oversized cases run in a child process capped at
1.5 GiB of address space: a regression fails there with a MemoryError instead of eating the machine.
"""
import json
import os
import subprocess
import sys

import numpy as np
import pytest

import symgraph
from symgraph import LimitError, PointError
from symgraph.tensor.npy import MAX_ENTRIES
from symgraph.tensor.values import MAX_TOTAL
from tests.helpers import ROOT

CHILD = r'''
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (3 * 2 ** 29, resource.RLIM_INFINITY))
import numpy as np
import symgraph
from symgraph.steps.derive import steps

B = np.broadcast_to
CASES = {
    "grad 10**9 float64 view": lambda: symgraph.grad("sum(W)", {"W": B(1.0, (10 ** 5, 10 ** 4))}),
    "grad 10**10 int8 view": lambda: symgraph.grad("sum(W)", {"W": B(np.int8(1), (10 ** 5, 10 ** 5))}),
    "grad 30,000,000 entries": lambda: symgraph.grad("sum(W)", {"W": B(1.0, (30_000_000,))}),
    "grad a total of 45,000,000": lambda: symgraph.grad(
        "sum(U) + sum(V) + sum(W)", {k: B(np.float32(1), (15_000_000,)) for k in "UVW"}),
    "grad direction 10**9": lambda: symgraph.grad("sum(w*w)", {"w": [1.0, 2.0]},
                                                  direction={"w": B(1.0, (10 ** 9,))}),
    "graph 10**9": lambda: symgraph.graph("sum(W)", {"W": B(1.0, (10 ** 9,))}),
    "check 10**9": lambda: symgraph.check("sum(W)", "dL/dW = 1", {"W": B(1.0, (10 ** 9,))}),
    "hessian 10**9": lambda: symgraph.hessian("x", {"x": B(1.0, (10 ** 9,))}),
    "steps 10**9": lambda: steps("x", at={"x": B(1.0, (10 ** 9,))}),
}
out = {}
for name, call in CASES.items():
    try:
        call()
        out[name] = "accepted"
    except symgraph.SymgraphError as exc:
        out[name] = [type(exc).__name__, exc.message]
    except MemoryError as exc:
        out[name] = ["MemoryError", str(exc)]
print(json.dumps(out))
'''


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_AS caps the child only on Linux")
def test_oversized_arrays_are_refused_before_any_copy():
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, cwd=ROOT,
                          timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    out = json.loads(done.stdout)
    limit = f"more than the limit of {MAX_ENTRIES:,}"
    assert out["grad 10**9 float64 view"] == ["LimitError", f"W has 1,000,000,000 entries, {limit}"]
    assert out["grad 10**10 int8 view"] == ["LimitError", f"W has 10,000,000,000 entries, {limit}"]
    assert out["grad 30,000,000 entries"] == ["LimitError", f"W has 30,000,000 entries, {limit}"]
    assert out["grad a total of 45,000,000"] == [
        "LimitError", f"the point has 45,000,000 entries, more than the limit of {MAX_TOTAL:,}"]
    assert out["grad direction 10**9"] == ["LimitError", f"w has 1,000,000,000 entries, {limit}"]
    assert out["graph 10**9"] == ["LimitError", f"W has 1,000,000,000 entries, {limit}"]
    assert out["check 10**9"] == ["LimitError", f"W has 1,000,000,000 entries, {limit}"]
    for name in ("hessian 10**9", "steps 10**9"):      # scalar routes: an array is not a scalar value
        assert out[name][0] == "PointError" and "must be a number" in out[name][1], out[name]


@pytest.mark.parametrize("value, found", [
    (np.array([1, "a"], dtype=object), "dtype object"),
    (np.array([1j, 2]), "dtype complex128"),
    (np.array([True, False]), "dtype bool"),
    (np.array(["1", "2"]), "dtype <U1"),
    (range(10 ** 12), "not range"),
    ({"a": 1}, "not dict"),
])
def test_values_that_are_not_real_arrays_are_refused(value, found):
    with pytest.raises(PointError) as info:
        symgraph.grad("sum(W) + sum(v)", {"W": [1.0, 2.0], "v": value})
    assert found in info.value.message


def test_a_masked_array_is_refused_and_a_strided_view_is_read():
    with pytest.raises(PointError, match="masked array"):
        symgraph.grad("sum(W)", {"W": np.ma.array([1.0, 2.0], mask=[0, 1])})
    base = np.arange(12.0).reshape(3, 4)
    view = base[::2, 1::2].T                     # non-contiguous, transposed: entries [[1, 9], [3, 11]]
    report = symgraph.grad("sum(W*W)", {"W": view}, check="none")
    np.testing.assert_array_equal(report.gradient["W"], 2 * np.array([[1.0, 9.0], [3.0, 11.0]]))
    assert report.gradient["W"].shape == (2, 2)
