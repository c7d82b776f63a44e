"""Mistake diagnosis: each catalog entry is recognized on a planted mistake (the wrong answers below are
worked by hand), and a right answer never gets a diagnosis (hypothesis, against SymPy's own diff)."""
import json
import re

import pytest
import sympy
from hypothesis import HealthCheck, given, settings, strategies as st

from symgraph.checks.symbolic import to_sympy
from symgraph.core.parser import parse
from symgraph.judging.checking import check
from tests.helpers import run

SEED = "g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2"

PLANTED = [  # (expression, claim, point, the mistake), each wrong answer derived by hand
    ("sin(x**2)", "df/dx = cos(x**2)", None, "chain-inner-missing"),
    ("(3*x)**2", "df/dx = 24", "x=4", "chain-inner-missing"),                  # 2*(3x) without the 3
    ("x**2*sin(x)", "df/dx = 2*x*cos(x)", None, "product-rule-derivatives-multiplied"),
    ("x**2*sin(x)", "df/dx = 2*x*sin(x)", None, "product-rule-term-missing"),
    ("x**2*sin(x)", "df/dx = x**2*cos(x)", None, "product-rule-term-missing"),
    ("sin(x)/x", "df/dx = (sin(x) - x*cos(x))/x**2", None, "quotient-rule-sign"),
    ("sin(x)/x", "df/dx = (x*cos(x) - sin(x))/x", None, "quotient-rule-denominator"),
    ("sin(x)/x", "df/dx = x*cos(x) - sin(x)", None, "quotient-rule-denominator"),
    ("x**3", "df/dx = 3*x**3", None, "power-rule-exponent-kept"),
    ("x**3", "df/dx = 3*x**4", None, "power-rule-exponent-raised"),
    ("sqrt(x)", "df/dx = sqrt(x)/2", None, "power-rule-exponent-kept"),
    ("2**x", "df/dx = x*2**(x-1)", None, "exp-base-rule"),
    ("cos(x)", "df/dx = sin(x)", None, "trig-sign"),
    ("sin(2*x)", "df/dx = -2*cos(2*x)", None, "trig-sign"),
    ("log(x**2 + 1)", "df/dx = 1/(x**2 + 1)", None, "log-inner-missing"),
    (SEED, "df/dx1 = 2", "x1=1,x2=3", "path-missing"),   # misses the path via g2 (at x2=2, dg2/dx1 is 2 too)
    (SEED, "df/dx1 = -4*x2", None, "path-missing"),                            # misses the path via g1
    ("x*y", "df/dx = y + x", None, "constant-treated-as-variable"),
    ("x + 3", "df/dx = 2", None, "constant-treated-as-variable"),
    ("y*sin(x)", "df/dx = 0", None, "variable-treated-as-constant"),
    ("x**2*y", "df/dx = 2*x", None, "constant-factor-dropped"),                # y is a constant here
    ("x**2*y", "∂f/∂x = 6", "x=3,y=2", "constant-factor-dropped"),             # 2*3 without the 2; ∂ alike
    ("3*sin(x)", "df/dx = cos(x)", None, "constant-factor-dropped"),
    ("x**2/4", "df/dx = 2*x", None, "constant-factor-dropped"),
    ("-x**3", "df/dx = 3*x**2", None, "constant-factor-dropped"),             # the minus sign lost
    ("sin(x)^2", "∂f/∂x = 2*sin(x)", None, "chain-inner-missing"),            # a ∂ claim of one statement
]


def diagnosis(expr, claim, at=None):
    (v,) = check(expr, [claim], at=at, timeout=10).verdicts
    assert v.status == "wrong"
    return v.diagnosis


@pytest.mark.parametrize("expr, claim, at, mistake", PLANTED)
def test_each_planted_mistake_is_named(expr, claim, at, mistake):
    d = diagnosis(expr, claim, at)
    assert d is not None, claim
    assert mistake in [d["mistake"]] + [a["mistake"] for a in d["also"]]
    assert d["text"].startswith("your answer is what")


def test_the_issue_example_reads_as_promised():
    d = diagnosis("sin(x**2)", "df/dx = cos(x**2)")
    assert d["text"] == ("your answer is what the chain rule gives at sin(x**2) if the inner derivative 2*x "
                         "is left out")
    assert d["mistake"] == "chain-inner-missing" and d["node"] == "f"


def test_two_fitting_mistakes_are_both_named():
    # x*sin(x) claimed x*cos(x): the product rule's u'·v term left out, which is also the path from x into
    # the product left out
    d = diagnosis("x*sin(x)", "df/dx = x*cos(x)")
    assert {d["mistake"]} | {a["mistake"] for a in d["also"]} == {"product-rule-term-missing", "path-missing"}
    assert "; or " in d["text"]


def test_no_guess_for_an_unrelated_wrong_answer():
    assert diagnosis("sin(x**2)", "df/dx = 17*x**5") is None
    assert diagnosis("(3*x)**2", "df/dx = 5", "x=4") is None


def test_json_key_and_right_claims_have_null():
    out = run("check", "sin(x**2)", "--claim", "df/dx = cos(x**2)", "--claim", "df/dx = 2*x*cos(x**2)",
              "--format", "json")
    claims = json.loads(out.output)["claims"]
    assert claims[0]["diagnosis"]["mistake"] == "chain-inner-missing"
    assert claims[1]["diagnosis"] is None


FUNCS = ["sin", "cos", "exp", "log"]
EXPRS = st.recursive(
    st.sampled_from(["x", "y", "2", "3"]),
    lambda inner: st.one_of(
        st.tuples(inner, st.sampled_from(["+", "-", "*", "/"]), inner).map(lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(st.sampled_from(FUNCS), inner).map(lambda t: f"{t[0]}({t[1]})"),
        st.tuples(inner, st.sampled_from(["2", "3"])).map(lambda t: f"({t[0]})**{t[1]}")),
    max_leaves=5)


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(EXPRS.filter(lambda e: re.search(r"\bx\b", e)))
def test_property_a_right_answer_is_never_diagnosed(expr):
    """The claim is SymPy's own diff (an independent route), written out: right, so never a diagnosis."""
    program = parse(expr)
    true = sympy.diff(to_sympy(program)[program.output], sympy.Symbol("x", real=True))
    claim = f"df/dx = {sympy.sstr(true)}"
    if not re.fullmatch(r"[\w\s+\-*/().]*", claim.split("=", 1)[1]) or "zoo" in claim or "nan" in claim:
        return                                    # a form the claim language does not read
    (v,) = check(expr, [claim], timeout=5).verdicts
    assert v.status != "wrong"
    assert v.diagnosis is None


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["sin", "cos", "exp", "log", "sqrt"]), st.sampled_from(["x**2 + 1", "3*x", "x**3 + x"]),
       st.sampled_from(["0.5", "2", "1.5"]))
def test_property_right_numbers_are_never_diagnosed(fn, inner, at):
    expr = f"{fn}({inner})"
    from symgraph.judging.checking import check as run_check

    program = parse(expr)
    true = sympy.diff(to_sympy(program)[program.output], sympy.Symbol("x", real=True))
    value = true.subs(sympy.Symbol("x", real=True), sympy.Rational(at))
    if not value.is_real:
        return
    claim = f"df/dx = {float(value):.15g}"
    (v,) = run_check(expr, [claim], at=f"x={at}", timeout=5).verdicts
    assert v.status == "right" and v.diagnosis is None


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EXPRS.filter(lambda e: re.search(r"\bx\b", e)), st.integers(0, 10_000))
def test_property_a_planted_mistake_is_recognized(expr, pick):
    """Plant one catalog mistake in a random expression (the derivative that mistake gives, written out as
    the claim): when that claim is wrong, its diagnosis names that mistake."""
    from symgraph.core.lower import lower
    from symgraph.judging.mistakes import catalog
    from symgraph.judging.truth import Truth
    from symgraph.steps.walk import Partials, tangents

    from symgraph.errors import SymgraphError

    try:
        graph = lower(parse(expr))
    except SymgraphError:
        return                                   # not a real expression (log(cos(2))): bad input, not this test
    truth, partials = Truth(graph), Partials()
    wrt, out = graph.inputs["x"], graph.output
    ds = tangents(graph, truth.full, wrt, out, partials)
    candidates = catalog(graph, truth.full, ds, wrt, out, partials)
    if not candidates:
        return
    cand = candidates[pick % len(candidates)]
    if cand.of_claim or cand.kind == "numeric":
        return                                   # planted as a number or an antiderivative: tests/judging/test_catalog.py
    wrong = cand.replacement if cand.final else \
        tangents(graph, truth.full, wrt, out, partials, prefix=ds[: cand.node] + [cand.replacement])[out]
    claim = f"df/dx = {sympy.sstr(wrong)}"
    if not re.fullmatch(r"[\w\s+\-*/().]*", claim.split("=", 1)[1]) or re.search(r"zoo|nan|\bE\b", claim):
        return                                   # a form the claim language does not read (SymPy's E is e)
    (v,) = check(expr, [claim], timeout=5).verdicts
    if v.status != "wrong":
        return                                   # this mistake does not change the answer here
    if v.diagnosis is None:       # only when more than MAX_NAMED mistakes give this same answer (SymPy decides)
        same = {(c.mistake, c.node) for c in candidates if not (c.of_claim or c.kind == "numeric") and sympy.simplify(
            (c.replacement if c.final else tangents(graph, truth.full, wrt, out, partials,
                                                    prefix=ds[: c.node] + [c.replacement])[out]) - wrong) == 0}
        assert len(same) > 3, (expr, claim, cand.mistake)
        return
    assert cand.mistake in [v.diagnosis["mistake"]] + [a["mistake"] for a in v.diagnosis["also"]]


@pytest.mark.parametrize("expr, claim", [
    ("g = sin(x^2); f = 3*g", "∂f/∂g = 3*cos(x^2)"),      # d/dg starts after g: g's own statement is not a step
    ("g = 3*x; f = g^2", "∂g/∂g = 0"),
    ("3*x", "df/df = 0"),
    ("x^2", "df/df = 0"),
])
def test_a_named_steps_own_statement_is_never_the_mistake(expr, claim):
    assert diagnosis(expr, claim) is None


def test_a_partial_by_a_named_step_names_the_step_held_fixed():
    d = diagnosis("g = 3*x; f = g*y", "∂f/∂g = 0")           # true: y; 0 is g*y with g held constant
    assert d["mistake"] == "variable-treated-as-constant" and d["node"] == "f"
