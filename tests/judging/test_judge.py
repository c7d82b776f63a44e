"""Verdicts on claims. Expected values come from hand computation (the seed chapter) or SymPy."""
import math

import pytest
import sympy

from symgraph.judging.checking import check
from symgraph.core.lower import lower
from symgraph.core.parser import parse
from symgraph.judging.truth import Truth

SEED = "g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2"
x, y, x1, x2 = sympy.symbols("x y x1 x2", real=True)


def verdicts(source, claims, at=None, **kw):
    return check(source, claims, at=at, **kw).verdicts


# --- the true derivatives ---------------------------------------------------------------------------

def test_seed_adjoints_symbolically():
    g = lower(parse(SEED))
    t = Truth(g)
    ids = g.names
    # By hand (seed 10.4): df/dg1 = 1, df/dg2 = -4, df/dx1 = 2 - 4*x2, df/dx2 = 3 - 4*x1.
    assert t.total(ids["f"], ids["g1"]) == 1
    assert t.total(ids["f"], ids["g2"]) == -4
    assert sympy.expand(t.total(ids["f"], ids["x1"]) - (2 - 4 * x2)) == 0
    assert sympy.expand(t.total(ids["f"], ids["x2"]) - (3 - 4 * x1)) == 0
    assert t.total(ids["g2"], ids["x1"]) == x2
    assert t.total(ids["g1"], ids["g2"]) == 0          # g1 does not depend on g2


def test_adjoint_of_a_step_that_feeds_several_steps_sums_all_paths():
    # f = g*h with h = g + x: as a function of the node g (x, y fixed), f = g*(g + x), so
    # df/dg = 2g + x = 2xy + x (both paths), while the local partial of f's statement is h = xy + x.
    g = lower(parse("g = x*y; h = g + x; f = g*h"))
    t, ids = Truth(g), g.names
    assert sympy.expand(t.total(ids["f"], ids["g"]) - (2 * x * y + x)) == 0
    assert sympy.expand(t.local(ids["f"], ids["g"]) - (x * y + x)) == 0
    assert t.local(ids["f"], ids["g"], in_steps=True) == sympy.Symbol("h", real=True)


# --- symbolic claims ----------------------------------------------------------------------------------

@pytest.mark.parametrize("rhs", ["cos(2*x)", "cos(x)**2 - sin(x)**2", "1 - 2*sin(x)**2"])
def test_equivalent_forms_are_proved(rhs):
    (v,) = verdicts("sin(x)*cos(x)", [f"df/dx = {rhs}"])
    assert v.ok is True and v.method == "proved"


def test_wrong_symbolic_claim_gets_a_checkable_counterexample():
    (v,) = verdicts("sin(x)*cos(x)", ["df/dx = cos(x)**2 + sin(x)**2"])
    assert v.ok is False and v.method == "counterexample"
    c = v.counterexample
    at = float(c["point"]["x"])
    assert c["expected"] == pytest.approx(math.cos(2 * at), abs=1e-12)   # the true derivative there
    assert c["got"] == pytest.approx(1.0, abs=1e-12)                      # cos^2 + sin^2 = 1


def test_unprovable_but_true_claim_says_not_proven():
    (v,) = verdicts("abs(x)", ["df/dx = x/abs(x)"])      # sign(x) for x != 0; SymPy does not simplify it
    assert v.ok is True and v.method == "random points"
    assert "not proven" in v.note and v.points_tested >= 10


def test_claim_right_at_the_point_but_not_in_general():
    (v,) = verdicts(SEED, ["df/dx1 = -3*x2"], at="x1=1,x2=2")   # -6 at the point, but 2 - 4*x2 in general
    assert v.ok is False and "right at the given point" in v.note


def test_symbolic_claim_mentioning_steps():
    vs = verdicts(SEED, ["df/dx1 = 2 - 4*g2/x1", "dg2/dx1 = x2", "∂f/∂g2 = -4"], at="x1=3,x2=5")
    assert [v.ok for v in vs] == [True, True, True]


# --- numeric claims -----------------------------------------------------------------------------------

def test_seed_hand_derivation_at_the_point():
    vs = verdicts(SEED, ["df/dg1 = 1", "df/dg2 = -4", "df/dx1 = -6", "df/dx2 = -1"], at="x1=1,x2=2")
    assert all(v.ok for v in vs)
    assert [v.expected_value for v in vs] == [1, -4, -6, -1]


def test_seed_chain_rule_example():
    # (3x)^2 at x = 4 (seed 10.3): df/dg = 2g = 24, dg/dx = 3, df/dx = 72.
    vs = verdicts("g = 3*x; f = g**2", ["df/dg = 24", "dg/dx = 3", "df/dx = 72", "df/dx = 73"], at="x=4")
    assert [v.ok for v in vs] == [True, True, True, False]


SIGMOID_SLOPE = 0.19661193324148185       # sigma(1)*(1 - sigma(1)), by hand: 0.7310586 * 0.2689414


@pytest.mark.parametrize("rhs, ok", [
    ("-0.20", True), ("-0.2", True), ("-0.1966", True), ("-0.19", False), ("-0.197", True),
    ("-0.19661193", True), ("-0.1967", False), ("-1/5", False),
    ("-0.1966129", False), ("-0.1966119", True),    # 7 decimals: -0.19661193 rounds to -0.1966119
])
def test_rounded_hand_values_are_judged_by_the_decimals_written(rhs, ok):
    assert -SIGMOID_SLOPE == pytest.approx(-(1 / (1 + math.exp(-1))) * (1 - 1 / (1 + math.exp(-1))))
    (v,) = verdicts("f = -sigmoid(x)", [f"df/dx = {rhs}"], at="x=1")
    assert v.ok is ok
    assert v.expected_value == pytest.approx(-SIGMOID_SLOPE, rel=1e-12)


def test_explicit_absolute_tolerance():
    (v,) = verdicts("f = -sigmoid(x)", ["df/dx = -0.19"], at="x=1", tol=0.01)
    assert v.ok is True and "0.01" in v.tolerance
    (v,) = verdicts("f = -sigmoid(x)", ["df/dx = -0.20"], at="x=1", tol=1e-4)
    assert v.ok is False


def test_constant_claim_without_a_point_is_judged_for_all_points():
    # dg1/dx1 = 2 everywhere (g1 = 2*x1 + 3*x2); df/dx1 = 2 - 4*x2 is -6 only where x2 = 2.
    right, wrong = verdicts(SEED, ["dg1/dx1 = 2", "df/dx1 = -6"])
    assert right.ok is True and right.method == "proved" and right.kind == "symbolic"
    assert wrong.ok is False and wrong.method == "counterexample"
    c = wrong.counterexample
    assert c["expected"] == pytest.approx(2 - 4 * float(c["point"]["x2"])) and c["got"] == -6


# --- the expression's own domain --------------------------------------------------------------------

@pytest.mark.parametrize("source, claim", [("log(x)", "df/dx = 1/abs(x)"), ("log(x)+log(y)", "df/dx = 1/abs(x)"),
                                           ("g = sqrt(x); f = g*y", "df/dx = y/(2*abs(g))")])
def test_points_outside_the_expressions_domain_are_not_counterexamples(source, claim):
    # log(x) is only defined for x > 0, where 1/abs(x) = 1/x: the claim is right wherever f exists.
    (v,) = verdicts(source, [claim])
    assert v.ok is True and v.points_tested >= 10


def test_a_wrong_claim_on_a_restricted_domain_still_gets_a_counterexample_inside_it():
    (v,) = verdicts("log(x)", ["df/dx = 1/x**2"])
    assert v.ok is False
    at = float(v.counterexample["point"]["x"])
    assert at > 0 and at != 1 and v.counterexample["expected"] == pytest.approx(1 / at, rel=1e-12)


# --- tiny but real differences ----------------------------------------------------------------------

@pytest.mark.parametrize("offset", ["1e-12", "1e-30"])
def test_a_claim_off_by_a_tiny_constant_is_wrong(offset):
    # d/dx sin(x)cos(x) = cos(2x) exactly, so cos(2x) + c differs from it by c at every point.
    (v,) = verdicts("sin(x)*cos(x)", [f"df/dx = cos(2*x) + {offset}"])
    assert v.ok is False and v.method == "counterexample"
    assert v.counterexample["difference"] == pytest.approx(-float(offset), rel=1e-6)


def test_first_point_counterexample_counts_as_tested():
    (v,) = verdicts("x**2", ["df/dx = 3*x"], at="x=1")     # 2 != 3 at the given point already
    assert v.ok is False and v.points_tested == 1


def test_partial_claims_hold_other_steps_fixed():
    vs = verdicts("g = x*y; h = g + x; f = g*h", ["∂f/∂g = 6", "df/dg = 10"], at="x=2,y=2")
    # h = 4 + 2 = 6; df/dg = 2*x*y + x = 10.
    assert [v.ok for v in vs] == [True, True]


# --- kinks ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("source, rhs, ok, lo, hi", [
    # relu'(0) is any value in [0, 1], |x|'(0) any value in [-1, 1] (subgradients); by hand
    ("relu(x)", "1", True, 0, 1), ("relu(x)", "0.5", True, 0, 1), ("relu(x)", "0", True, 0, 1),
    ("relu(x)", "2", False, 0, 1), ("abs(x)", "-1", True, -1, 1), ("abs(x)", "1.5", False, -1, 1),
    ("3*relu(x) + x", "4", True, 1, 4), ("3*relu(x) + x", "0", False, 1, 4),
])
def test_numeric_claims_at_a_kink_are_judged_against_the_subgradients(source, rhs, ok, lo, hi):
    r = check(source, [f"df/dx = {rhs}"], at="x=0")
    (v,) = r.verdicts
    assert v.ok is ok and v.method == "at a kink"
    assert f"[{lo}, {hi}]" in v.expected
    assert v.expected_value == lo if source != "abs(x)" else v.expected_value == 0   # the convention
    texts = [e["text"] for e in r.locator.get("explanations", [])] + [v.note]
    assert not any("Heaviside" in t or "0.5" in t and rhs != "0.5" for t in texts)


def test_partial_claim_at_a_kink_uses_the_convention_not_heaviside_one_half():
    # g = relu(x) at x = 0: the local partial of g's statement is relu'(0) in [0, 1], never 1/2 only.
    (v,) = verdicts("g = relu(x); f = 2*g", ["∂g/∂x = 1"], at="x=0")
    assert v.ok is True and v.method == "at a kink"


# --- deep expressions ---------------------------------------------------------------------------------

def test_deep_expression_numeric_claim_is_judged_from_the_graph():
    depth = 140
    source = "sin(" * depth + "x" + ")" * depth
    slope, u = 1.0, 1.0                 # chain rule by hand: product of cos of each inner value
    for _ in range(depth):
        slope, u = slope * math.cos(u), math.sin(u)
    r = check(source, ["df/dx = 0.1", f"df/dx = {slope!r}", "df/dx = cos(x)"], at="x=1")
    wrong, right, symbolic = r.verdicts
    assert wrong.ok is False and wrong.expected_value == pytest.approx(slope, rel=1e-12)
    assert right.ok is True
    assert symbolic.ok is not True       # too deep for SymPy to prove, and cos(1) is not the slope


# --- the mistake locator ------------------------------------------------------------------------------

def test_locator_combining_the_paths():
    # -4 fits no mistake of the catalog: the pieces are right, so the error is in combining them
    r = check(SEED, ["df/dg1 = 1", "df/dg2 = -4", "df/dx1 = -4", "dg2/dx1 = x2"], at="x1=1,x2=2")
    assert r.locator["first_wrong"] == "df/dx1"
    text = r.locator["explanations"][0]["text"]
    assert "true -6" in text and "df/dg2 = -4" in text and "are right" in text
    assert "combining the paths into x1" in text


def test_locator_and_diagnosis_agree():
    # -5 is the constant 2 of 2*x1 differentiated as a variable (issue 24): that is the explanation, and the
    # right pieces and the paths read as "also", never as "the error is in combining the paths"
    r = check(SEED, ["df/dg1 = 1", "df/dg2 = -4", "df/dx1 = -5", "dg2/dx1 = x2"], at="x1=1,x2=2")
    text = r.locator["explanations"][0]["text"]
    assert "(constant-treated-as-variable). Also: x1 feeds g1 and g2" in text and "are right" in text
    assert "combining the paths" not in text


def test_locator_names_a_forgotten_path():
    r = check(SEED, ["df/dg1 = 1", "df/dg2 = -4", "df/dx1 = -8"], at="x1=1,x2=2")
    # -8 = df/dg2 * dg2/dx1 = -4 * 2: only the path through g2.
    assert "only the path through g2" in r.locator["explanations"][0]["text"]


def test_locator_points_at_the_first_wrong_step_in_backward_order():
    r = check(SEED, ["df/dg2 = -3", "df/dx1 = -4", "df/dx2 = 0"], at="x1=1,x2=2")
    # df/dx1 from the wrong df/dg2: 1*2 + (-3)*2 = -4, df/dx2: 1*3 + (-3)*1 = 0, both consistent with it.
    assert r.locator["first_wrong"] == "df/dg2"
    first, *rest = r.locator["explanations"]
    assert first["claim"] == "df/dg2" and first["first"]
    assert all("fix df/dg2 first" in e["text"] for e in rest)
    marked = [row for row in r.steps if row["ok"] is False]
    assert [row["node"] for row in marked] == ["g2", "x2", "x1"]   # backward order: g2 first


def test_locator_without_a_point_uses_the_counterexample():
    r = check(SEED, ["df/dx2 = -4*x1"])
    assert r.locator["first_wrong"] == "df/dx2"
    assert "only the path through g2" in r.locator["explanations"][0]["text"]


def test_all_right_has_no_locator():
    assert check(SEED, ["df/dx2 = 3 - 4*x1"]).locator == {}
