"""The public Python API (symgraph.grad / check / graph): what a script or notebook user gets, checked
against independent references (SymPy, the seeds' hand computations)."""
import doctest
import importlib.metadata
import json

import pytest
import sympy

import symgraph
from symgraph import api


def test_docstring_examples_run():
    result = doctest.testmod(api)
    assert result.attempted >= 3 and result.failed == 0


def test_version_is_the_installed_distributions():
    assert symgraph.__version__ == importlib.metadata.version("symgraph")


def test_grad_matches_sympy_and_returns_json_text():
    x1, x2 = sympy.symbols("x1 x2")
    f = (2 * x1 + 3 * x2) - 4 * x1 * x2
    report = symgraph.grad("(2*x1+3*x2)-4*x1*x2", {"x1": 1, "x2": "2"})
    for name, sym in (("x1", x1), ("x2", x2)):
        assert report.gradient[name] == float(sympy.diff(f, sym).subs({x1: 1, x2: 2}))
    text = report.to_json()
    assert isinstance(text, str)
    doc = json.loads(text)
    assert doc == json.loads(json.dumps(report.to_dict())) and doc["gradient"] == {"x1": -6, "x2": -1}
    assert "(e) Backward pass" in str(report)


def test_seed_neuron_through_the_api():
    program = "dot = w0*x0 + w1*x1 + w2; f = 1/(1 + exp(-dot))"
    point = {"w0": 2, "x0": -1, "w1": -3, "x1": -2, "w2": -3}
    report = symgraph.grad(program, point)
    seed = {"w0": -0.20, "x0": 0.39, "w1": -0.39, "x1": -0.59, "w2": 0.20}
    assert {k: round(v, 2) for k, v in report.gradient.items()} == seed


def test_check_reports_the_first_wrong_step():
    report = symgraph.check("g = 3*x; f = g**2", ["df/dg = 24", "df/dx = 24"], "x=4")
    assert [v.ok for v in report.verdicts] == [True, False]
    assert json.loads(report.to_json())["wrong"] == 1
    assert "wrong" in str(report)


def test_at_has_one_type_in_grad_and_check_json():
    g = json.loads(symgraph.grad("x*y", "x=1/2,y=pi").to_json())
    c = json.loads(symgraph.check("x*y", "df/dx = y", "x=1/2,y=pi").to_json())
    for doc in (g, c):
        assert doc["at"] == {"x": 0.5, "y": float(sympy.pi)}
        assert doc["at_text"] == {"x": "1/2", "y": "pi"}


def test_graph_model_renders_three_ways_with_the_seed_numbers():
    view = symgraph.graph("g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2", "x1=1,x2=2")
    adjoints = {row["name"]: row["adjoint"] for row in view.to_dict()["nodes"]}
    assert adjoints["x1"] == -6 and adjoints["x2"] == -1
    assert "-6" in view.svg() and "digraph" in view.dot() and "flowchart" in view.mermaid()
    assert json.loads(view.to_json())["nodes"]


@pytest.mark.parametrize("call, error", [
    (lambda: symgraph.grad("sin(x", "x=1"), "ParseError"),
    (lambda: symgraph.grad("x*y", "x=1"), "PointError"),
    (lambda: symgraph.grad("log(x)", "x=-1"), "DomainError"),
    (lambda: symgraph.grad("x" + "*1" * 6_000_000, "x=1"), "LimitError"),
])
def test_errors_form_one_hierarchy(call, error):
    with pytest.raises(symgraph.SymgraphError) as info:
        call()
    assert type(info.value).__name__ == error and info.value.exit_code == 2
    assert isinstance(info.value, getattr(symgraph, error))


def test_graph_png_is_a_decodable_picture_at_the_requested_scale():
    from io import BytesIO

    from PIL import Image

    view = symgraph.graph("sin(x)*cos(x)", "x=2")
    one, two = (Image.open(BytesIO(view.png(scale))) for scale in (1, 2))
    assert two.size[0] == 2 * one.size[0] and two.size[1] == 2 * one.size[1]


def test_hessian_and_jacobian_match_sympy():
    x, y = sympy.symbols("x y")
    f = x ** 2 * y + y ** 3
    h = symgraph.hessian("x**2*y + y**3", {"x": 1, "y": 2}).to_dict()["hessian"]
    for a in (x, y):
        for b in (x, y):
            assert h[str(a)][str(b)] == float(sympy.diff(f, a, b).subs({x: 1, y: 2}))
    j = symgraph.jacobian("f = x*y; g = x + sin(y)", "x=1,y=2", outputs=["f", "g"]).to_dict()["jacobian"]
    assert j == {"f": {"x": 2.0, "y": 1.0}, "g": {"x": 1.0, "y": pytest.approx(float(sympy.cos(2)))}}
