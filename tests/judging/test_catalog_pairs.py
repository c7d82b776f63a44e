"""Two mistakes at once beyond a chain: a product or quotient rule slip with a sign lost or an inner derivative
dropped, and two mistakes at one node ((uⁿ)' as n·uⁿ: the exponent kept and u' left out). The wrong answers
are worked by hand (in the comments), independently of the catalog."""
import pytest

from symgraph.judging.checking import check


def verdict(expr, claim, at=None):
    (v,) = check(expr, [claim], at=at, timeout=10).verdicts
    return v

PAIRS = [
    # (u·v)' as u'·v' = cos(x)·2x, and (cos x)' as +sin x
    ("sin(x)*x**2 + cos(x)", "df/dx = 2*x*cos(x) + sin(x)", None,
     {"product-rule-derivatives-multiplied", "trig-sign"}),
    # (u·v)' as u'·v' = 2x·cos(3x)·3, and the inner 3 of sin(3x) left out
    ("x**2*sin(3*x)", "df/dx = 2*x*cos(3*x)", None, None),
    # ((x²+1)³)' as 3·(x²+1)³: the exponent not lowered and the inner 2x left out, both at the power
    ("(x**2 + 1)**3", "df/dx = 3*(x**2 + 1)**3", None, {"chain-inner-missing", "power-rule-exponent-kept"}),
    # the same at x = 3: 3·10³ = 3000 (true 6·3·10² = 1800)
    ("(x**2 + 1)**3", "df/dx = 3000", "x=3", {"chain-inner-missing", "power-rule-exponent-kept"}),
]


@pytest.mark.parametrize("expr, claim, at, ids", PAIRS)
def test_two_mistakes_are_named_together(expr, claim, at, ids):
    v = verdict(expr, claim, at) if at else verdict(expr, claim)
    d = v.diagnosis
    assert v.status == "wrong" and d is not None and d.get("together") is True, d
    if ids is not None:
        assert {d["mistake"], d["also"][0]["mistake"]} == ids


@pytest.mark.parametrize("expr, claim, at", [
    ("(x**2 + 1)**3", "df/dx = 6*x*(x**2 + 1)**2", None),
    ("(x**2 + 1)**3", "df/dx = 1800", "x=3"),
    ("sin(x)*x**2 + cos(x)", "df/dx = x**2*cos(x) + 2*x*sin(x) - sin(x)", None),
])
def test_right_claims_about_them_get_no_name(expr, claim, at):
    v = verdict(expr, claim, at) if at else verdict(expr, claim)
    assert v.status == "right" and v.diagnosis is None
