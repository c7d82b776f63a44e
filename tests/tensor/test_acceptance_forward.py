"""--mode forward: the checks name the JVP rows, and the trace shows every node's tangent along u."""
import numpy as np

import symgraph
from tests.helpers import run


def test_forward_mode_prints_tangents_and_names_the_jvp_rows():
    argv = ["grad", "sum(tanh(W @ x))", "--at", "W=[[1,2],[3,4]], x=[0.1,-0.2]", "--mode", "forward",
            "--direction", "W=[[1,0],[0,0]]"]
    out = run(*argv).output
    assert "VJP rows" not in out and "tensor forward mode (JVP rows)" in out
    # tangent of tanh(W x) along dW = e_00: (1 - tanh(p)^2) * (dW x), p = W x; by hand with NumPy
    W, x = np.array([[1.0, 2.0], [3.0, 4.0]]), np.array([0.1, -0.2])
    dp = np.array([[1.0, 0.0], [0.0, 0.0]]) @ x
    tan_f = float(np.sum((1 - np.tanh(W @ x) ** 2) * dp))
    assert f"tan(f) [scalar] = {tan_f:.6g}" in out
    r = symgraph.grad("sum(tanh(W @ x))", {"W": W, "x": x}, mode="forward", direction={"W": [[1, 0], [0, 0]]})
    rows = {row["name"]: row for row in r.rows()}
    assert np.isclose(rows["f"]["tangent"], tan_f, rtol=1e-14)
