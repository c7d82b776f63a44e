"""--exact: exact values next to the floats, bounded. Expected values by hand (sin(pi/4) = sqrt(2)/2,
sigmoid(0) = 1/2, sigmoid'(0) = 1/4)."""
import json


from symgraph.core.lower import lower
from symgraph.core.parser import parse
from symgraph.core.point import parse_point
from symgraph.steps.derive import steps
from symgraph.steps.exact import graph_values
from tests.helpers import run


def _values(expr, at):
    return graph_values(lower(parse(expr)), parse_point(at).exact, 5)


def test_sin_at_pi_over_4_is_sqrt2_over_2():
    rows = _values("sin(x)", "x=pi/4")["nodes"]
    assert rows[1]["value"] == "sqrt(2)/2" and rows[1]["local"] == ["sqrt(2)/2"]


def test_sigmoid_at_0_is_one_half_with_local_partial_one_quarter():
    rows = _values("sigmoid(x)", "x=0")["nodes"]
    assert rows[1]["value"] == "1/2" and rows[1]["local"] == ["1/4"]


def test_steps_exact_derivative():
    (d,) = steps("sin(x)*cos(x)", at="x=pi/8", exact=True).derivations
    assert d.exact == "sqrt(2)/2"              # cos(2x) at pi/8 = cos(pi/4)


def test_huge_powers_are_skipped_and_said():
    out = _values("x**1000000000 + x", "x=3")
    assert out["nodes"][1]["value"] is None and out["skipped"] and "no short exact form" in out["note"]


def test_grad_exact_json_and_trace():
    data = json.loads(run("grad", "sin(x)", "--at", "x=pi/4", "--exact", "--format", "json").output)
    assert data["exact"]["nodes"][1] == {"node": "f", "value": "sqrt(2)/2", "local": ["sqrt(2)/2"]}
    out = run("grad", "sigmoid(x)", "--at", "x=0", "--exact", "--format", "plain").output
    assert "1/2" in out and "1/4" in out


def test_the_time_budget_falls_back_to_floats_and_says_so():
    expr = " + ".join(f"sin(x**{k})*exp(x/{k})" for k in range(1, 40))
    out = graph_values(lower(parse(expr)), parse_point("x=pi/7").exact, 0.05)   # it needs seconds
    assert "time budget" in out["note"] and len(out["nodes"]) < len(lower(parse(expr)).nodes)


def test_exact_gradient_by_reverse_mode_over_exact_partials():
    # by hand: d/dx sin(x)cos(y) = cos(pi/4)cos(pi/3) = sqrt(2)/4; d/dy = -sin(pi/4)sin(pi/3) = -sqrt(6)/4
    out = _values("sin(x)*cos(y)", "x=pi/4,y=pi/3")
    assert out["gradient"] == {"x": "sqrt(2)/4", "y": "-sqrt(6)/4"}
    # the seed's neuron: sigmoid'(1) = e/(1+e)^2 times x0 = -1 for w0
    neuron = _values("1/(1+exp(-(w0*x0+w1*x1+w2)))", "w0=2,x0=-1,w1=-3,x1=-2,w2=-3")
    assert neuron["gradient"]["w0"] == "-E/(1 + E)**2"
