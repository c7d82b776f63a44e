"""The comparison logic: a wrong gradient is caught, kinks are not called mismatches."""
import math

import pytest

from symgraph.checks.compare import compare, overall
from symgraph.checks.finite_diff import fd_check, finite_differences


def test_compare_reports_errors_and_sides():
    check = compare("forward vs reverse", "forward mode", "reverse mode", {"x": 1.0, "y": 2.0},
                    {"x": 1.0, "y": 2.5})
    assert check.status == "mismatch" and check.ok is False
    assert check.max_abs_error == pytest.approx(0.5)
    assert check.max_rel_error == pytest.approx(0.2)
    assert check.lhs == "forward mode" and check.rhs == "reverse mode"
    assert check.per_variable["x"]["ok"] and not check.per_variable["y"]["ok"]


def test_compare_within_tolerance_passes():
    check = compare("gradient: graph vs finite differences", "graph", "fd", {"x": 1.0}, {"x": 1.0 + 1e-6})
    assert check.ok is True


def test_mismatch_at_a_kink_is_not_comparable():
    check = compare("gradient: graph vs SymPy", "graph", "sympy", {"x": 0.0}, {"x": 0.5}, at_kink=True)
    assert check.status == "not comparable" and check.ok is None
    assert overall([check])


def test_finite_differences_of_a_known_function():
    fd = finite_differences(lambda p: math.sin(p["x"]) * p["y"] ** 2, {"x": 0.3, "y": 2.0}, ["x", "y"])
    assert fd["x"] == pytest.approx(math.cos(0.3) * 4, rel=1e-8)
    assert fd["y"] == pytest.approx(math.sin(0.3) * 4, rel=1e-8)


def test_fd_check_catches_a_wrong_gradient():
    f = lambda p: p["x"] ** 3                                   # noqa: E731
    assert fd_check(f, {"x": 2.0}, ["x"], {"x": 12.0}, at_kink=False).ok is True
    assert fd_check(f, {"x": 2.0}, ["x"], {"x": 11.0}, at_kink=False).ok is False


def test_overall_fails_only_on_a_mismatch():
    good = compare("forward vs reverse", "a", "b", {"x": 1.0}, {"x": 1.0})
    bad = compare("forward vs reverse", "a", "b", {"x": 1.0}, {"x": 2.0})
    assert overall([good]) and not overall([good, bad])


def test_an_undefined_reference_is_not_comparable():
    check = compare("value: graph vs SymPy", "graph", "sympy", {"value": 1.0}, {"value": math.nan})
    assert check.status == "not comparable" and overall([check])


def test_finite_differences_that_do_not_settle_are_not_comparable():
    # 1/x at 1e-9: both h = 1e-6 and h/10 straddle the pole, so neither estimate means anything.
    check = fd_check(lambda p: 1 / p["x"], {"x": 1e-9}, ["x"], {"x": -1e18}, at_kink=False)
    assert check.status == "not comparable" and "h/10" in check.note


def test_a_mismatch_confirmed_by_both_steps_is_still_a_mismatch():
    check = fd_check(lambda p: math.exp(p["x"]), {"x": 0.0}, ["x"], {"x": 2.0}, at_kink=False)
    assert check.status == "mismatch"


def test_rounding_noise_of_finite_differences_is_not_a_mismatch():
    # f = x + y at x = 1e12: f(y ± 1e-6) rounds to the same float, so the quotient cannot see y's slope.
    f = lambda p: p["x"] + p["y"]                                   # noqa: E731
    check = fd_check(f, {"x": 1e12, "y": 2.0}, ["x", "y"], {"x": 1.0, "y": 1.0}, at_kink=False)
    assert check.status == "ok" and set(check.per_variable) == {"x"} and "y" in check.note
    wrong = fd_check(f, {"x": 1e12, "y": 2.0}, ["x", "y"], {"x": 3.0, "y": 1.0}, at_kink=False)
    assert wrong.status == "mismatch"          # x's slope is still judged


def test_directional_fd_with_rounding_noise_is_not_comparable():
    from symgraph.checks.finite_diff import directional_fd_check

    f = lambda p: p["x"] + 1e12                                     # noqa: E731
    check = directional_fd_check(f, {"x": 1.0}, {"x": 1e-9}, {"x": 1.0}, at_kink=False)
    assert check.status == "not comparable"


def test_a_kink_where_the_function_is_smooth_is_told_not_hidden():
    from symgraph.pipeline import grad

    # relu(x) - relu(-x) - x is 0 everywhere: the derivative of sigmoid of it is 0, but relu'(0) = 0
    # (the convention) gives sigmoid'(0)·(0 - 0 - 1) = -0.25 through the graph.
    report = grad("sigmoid(relu(x) - relu(-x) - x)", "x=0")
    assert report.gradient["x"] == -0.25
    assert any("one-sided slopes agree" in w for w in report.warnings)
    real_kink = grad("abs(x)", "x=0")
    assert not any("one-sided slopes agree" in w for w in real_kink.warnings)


def test_exact_integer_arithmetic_is_judged_but_cancellation_noise_is_not_comparable():
    """The seed's decomposition at x1=1, x2=2: f = (2 + 6) - 4*2 = 0, by hand; integer +, -, * below 2^53
    do not round in float64, so the value check is judged. (1e16 + x) - 1e16 at x = 1 is 1 but float64
    gives 0, and (x + cosh(400)) - sinh(400) is 1 but both float64 and 50-digit SymPy give 0: rounding alone
    exceeds the result, so those comparisons say "not comparable" (equal values prove nothing there); so
    does a constant that float64 rounds to an integer (3.0000000000000001 - 3 is 1e-16, not 0)."""
    from symgraph.pipeline import grad

    seed = {c.name: c for c in grad("g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2", "x1=1,x2=2").checks}
    assert seed["value: graph vs SymPy"].status == "ok" and seed["value: graph vs SymPy"].max_abs_error == 0
    for text in ("(1e16 + x) - 1e16", "(x + cosh(400)) - sinh(400)", "(x + 3.0000000000000001) - 3 - x"):
        noisy = {c.name: c for c in grad(text, "x=1").checks}["value: graph vs SymPy"]
        assert noisy.status == "not comparable" and "rounding alone" in noisy.note, (text, noisy.status)
