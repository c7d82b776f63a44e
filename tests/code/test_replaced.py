"""A gradient assigned afresh before anything read it (``dx = ...`` where ``+=`` was meant at a fork): the
dead first value is not judged as a claim of its own; the line that replaced it is the wrong one, and it
says the two parts would add up to the true gradient. Truth by hand: out = x*w + tanh(x), so
dout·∂out/∂x = dout*w + dout*(1 - tanh(x)**2)."""
from symgraph.code.check import check_code

FORK = '''
import numpy as np
def fork_forward(x, w):
    out = x * w + np.tanh(x)
    return out, (x, w)
def fork_backward(dout, cache):
    x, w = cache
    dx = dout * w
    SECOND
    dw = np.sum(dout * x, axis=0)
    return dx, dw
'''.lstrip("\n")


def _rows(second):
    report = check_code(FORK.replace("SECOND", second), shapes="x=NxD,w=D")
    return report, {r.name: r for r in report.lines}


def test_the_line_that_replaced_a_path_is_the_first_wrong_line():
    report, rows = _rows("dx = dout * (1 - np.tanh(x) ** 2)")
    assert report.first_wrong["line"] == 8 and report.first_wrong["name"] == "dx"
    assert [r.line for r in report.lines if r.name == "dx"] == [8]
    assert "replaces dx from line 7 without adding to it" in rows["dx"].why


def test_accumulated_right_is_right_and_a_replaced_draft_is_no_alarm():
    report, _ = _rows("dx += dout * (1 - np.tanh(x) ** 2)")
    assert report.ok
    report, _ = _rows("dx = dout * w + dout * (1 - np.tanh(x) ** 2)")    # a draft, then the whole gradient
    assert report.ok


def test_no_hint_when_the_parts_do_not_add_up():
    _, rows = _rows("dx = dout * (1 + np.tanh(x) ** 2)")
    assert not rows["dx"].ok and "replaces" not in rows["dx"].why
