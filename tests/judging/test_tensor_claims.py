"""Claims about tensor gradients (issue 21 item 5): judged at random points and two shape draws."""
import json

import numpy as np
import pytest

from symgraph.errors import SymgraphError
from symgraph.judging.tensor_claims import check_tensor_claims, shape_sets
from tests.helpers import refused, run

LAYER = "Z = X @ W; L = sum(relu(Z))"


def test_matrixcalculus_orgs_quadratic_form():
    """matrixcalculus.org: d(xᵀAx)/dx = (Aᵀ + A) x; 2 A x only when A is symmetric."""
    report = check_tensor_claims("f = dot(x, A @ x)", ["df/dx = (A + A.T) @ x", "df/dx = 2 * A @ x"],
                                 shapes="x=N,A=NxN")
    assert [v.ok for v in report.verdicts] == [True, False]


def test_matrixcalculus_orgs_linear_and_trace_forms():
    report = check_tensor_claims("f = dot(a, X @ b)", ["df/dX = outer(a, b)", "df/da = X @ b", "df/db = X.T @ a"],
                                 shapes="a=M,X=MxN,b=N")
    assert report.ok


def test_layer_claims_and_a_transposed_one():
    report = check_tensor_claims(LAYER, ["dL/dW = X.T @ dZ", "dL/dX = dZ @ W.T", "dL/dW = dZ.T @ X"],
                                 shapes="X=NxD,W=DxM")
    right, right2, wrong = report.verdicts
    assert right.ok and right2.ok and not wrong.ok
    assert wrong.diagnosis["mistake"] == "transpose-missing"
    assert [t["shapes"] for t in report.tried] == [{"X": [7, 5], "W": [5, 3]}, {"X": [11, 13], "W": [13, 17]}]


def test_the_true_side_against_finite_differences():
    at = {"X": np.array([[1.0, -2.0], [0.5, 3.0]]), "W": np.array([[0.3, -1.0, 2.0], [1.5, 0.2, -0.7]])}
    report = check_tensor_claims("L = sum(tanh(X @ W))", ["dL/dW = X.T @ (1 - tanh(X @ W) ** 2) + 0.001"], at=at)
    v = report.verdicts[0]
    i, j = v.where
    e = np.zeros_like(at["W"])
    e[i, j] = 1e-6
    numeric = (np.sum(np.tanh(at["X"] @ (at["W"] + e))) - np.sum(np.tanh(at["X"] @ (at["W"] - e)))) / 2e-6
    assert not v.ok and v.true == pytest.approx(numeric, rel=1e-7)


def test_shape_sets_use_distinct_primes():
    assert shape_sets("X=NxD,W=Dx4,b=()") == [{"X": (7, 5), "W": (5, 4), "b": ()},
                                              {"X": (3, 11), "W": (11, 4), "b": ()}]


def test_bad_claims_are_bad_input():
    with pytest.raises(SymgraphError, match="not an input, a step or an adjoint"):
        check_tensor_claims(LAYER, ["dL/dW = X.T @ dQ"], shapes="X=NxD,W=DxM")
    with pytest.raises(SymgraphError, match="dOUT/dNAME = RHS"):
        check_tensor_claims(LAYER, ["W = 3"], shapes="X=NxD,W=DxM")


def test_cli_routes_tensor_claims_and_keeps_scalar_check():
    result = run("check", LAYER, "--shapes", "X=NxD,W=DxM", "--claim", "dL/dW = X.T @ dZ", "--format", "json")
    assert result.exit_code == 0 and json.loads(result.output)["schema"] == "symgraph.check-tensor/1"
    wrong = run("check", LAYER, "--shapes", "X=NxD,W=DxM", "--claim", "dL/dW = dZ.T @ X")
    assert wrong.exit_code == 1 and "mistake transpose-missing" in wrong.output
    assert run("check", "x*y", "--at", "x=1,y=2", "--claim", "df/dx = 2", "--format", "json").exit_code == 0
    assert "--shapes is for --code" in refused("check", "--file", "examples/answers.toml", "--shapes", "x=3")[0]
