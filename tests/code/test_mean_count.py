"""A loss divided by a constant that holds the batch size (sum(r*r) / (2*N)): a gradient with the 1/N missing
or doubled is mean-vs-sum, and the diagnosis names N itself. By hand: d/dx sum(r*r)/(2N) = r/N."""
import pytest

from symgraph.code.check import check_code

MSE = '''
import numpy as np
def sq_loss(x, t):
    N = x.shape[0]
    r = x - t
    loss = np.sum(r * r) / (2 * N)
    dx = DX
    return loss, dx
'''.lstrip("\n")


@pytest.mark.parametrize("dx", ["r", "r / N / N", "r / (N * N)"])
def test_the_count_inside_the_divisor_is_named(dx):
    report = check_code(MSE.replace("DX", dx), shapes="x=NxD,t=NxD")    # N = 7, D = 5
    row = report.lines[0]
    assert not row.ok and row.diagnosis["mistake"] == "mean-vs-sum"
    assert "N = 7" in row.diagnosis["text"]


@pytest.mark.parametrize("dx, mistake", [("r / N", None), ("2 * r / N", "l2-factor-2"),
                                         ("r / (2 * N)", "l2-factor-2"), ("3 * r / N", None)])
def test_right_is_right_and_other_factors_are_not_a_count(dx, mistake):
    """r / N is right; the square's own factor 2 doubled or halved is l2-factor-2; a 3 fits nothing."""
    row = check_code(MSE.replace("DX", dx), shapes="x=NxD,t=NxD").lines[0]
    assert row.ok is (dx == "r / N")
    assert (row.diagnosis or {}).get("mistake") == mistake
