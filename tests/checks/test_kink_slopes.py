"""At a kink, finite differences judge from one-sided slopes: a jump is never taken for a derivative, and a
function that is differentiable after all (relu(x) - relu(-x) - x) is still recognized."""
from hypothesis import given, settings
from hypothesis import strategies as st

from symgraph.pipeline import grad

DIFFERENTIABLE = "one-sided slopes agree, so f is differentiable here"


@settings(max_examples=25, deadline=None)
@given(st.sampled_from([0.5, 1.0, 3.0, -2.0, 1e-3]), st.sampled_from(["x", "sin(x)", "x**2", "0"]))
def test_a_jump_is_never_called_differentiable(jump, smooth):
    report = grad(f"{jump!r}*sign(x) + {smooth}", "x=0")
    assert not any(DIFFERENTIABLE in w for w in report.warnings), report.warnings
    fd = next(c for c in report.checks if "finite differences" in c.name)
    assert fd.status == "not comparable"


def test_a_differentiable_combination_of_kinks_is_still_recognized():
    report = grad("relu(x) - relu(-x) - x", "x=0")
    assert any(DIFFERENTIABLE in w for w in report.warnings)
    assert report.gradient["x"] == -1.0      # relu'(0) = 0 on both gates: -1, where the derivative is 0
