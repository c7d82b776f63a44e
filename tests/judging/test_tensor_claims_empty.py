"""A tensor claim about an input with no entries cannot be tested: refused (exit 2) with the name and shape,
never an internal error; the same claim on a non-empty shape is judged (2*W is the gradient of sum(W*W))."""
import pytest

from tests.helpers import refused, run


@pytest.mark.parametrize("where", [["--at", "W=[]"], ["--shapes", "W=0"], ["--shapes", "W=3x0"]])
def test_a_claim_about_an_empty_input_is_refused_with_its_shape(where):
    lines = refused("check", "L = sum(W*W)", *where, "--claim", "dL/dW = 2*W")
    assert lines[0].startswith("error: W has no entries (shape (")


def test_the_same_claim_on_entries_is_judged_right():
    assert run("check", "L = sum(W*W)", "--at", "W=[1,-2]", "--claim", "dL/dW = 2*W").exit_code == 0
    assert run("check", "L = sum(W*W)", "--at", "W=[1,-2]", "--claim", "dL/dW = W").exit_code == 1
