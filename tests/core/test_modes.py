"""Forward and reverse mode against hand computations from the seeds and against each other."""
import math

import pytest

from symgraph.core.evaluate import evaluate
from symgraph.core.lower import lower
from symgraph.core.modes import count_paths, forward_mode, reverse_mode
from symgraph.core.parser import parse


def run(text, point):
    g = lower(parse(text))
    ev = evaluate(g, point)
    return g, ev, forward_mode(g, ev, list(g.inputs)), reverse_mode(g, ev)


def test_seed_square_of_3x():
    # Chapter 10.3: g = 3x, f = g^2 at x = 4: dg/dx = 3, df/dg = 2g = 24, df/dx = 72.
    g, ev, fwd, rev = run("g = 3*x; f = g**2", {"x": 4.0})
    assert ev.values[g.output] == 144.0
    assert fwd.derivative(g, "x", of=g.by_name("g").id) == 3.0
    assert rev.adjoints[g.by_name("g").id] == 24.0
    assert rev.adjoints[g.inputs["x"]] == 72.0 == fwd.derivative(g, "x")


def test_seed_backward_mode_example():
    # Chapter 10.4: g1 = 2x1 + 3x2, g2 = x1 x2, f = g1 - 4 g2 at (1, 2).
    g, ev, fwd, rev = run("g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2", {"x1": 1.0, "x2": 2.0})
    adj = {name: rev.adjoints[i] for name, i in g.names.items()}
    assert adj["f"] == 1 and adj["g1"] == 1 and adj["g2"] == -4
    assert adj["x1"] == 2 - 4 * 2 and adj["x2"] == 3 - 4 * 1
    assert [fwd.derivative(g, v) for v in ("x1", "x2")] == [-6.0, -1.0]


def test_seed_sigmoid_neuron():
    point = {"w0": 2.0, "x0": -1.0, "w1": -3.0, "x1": -2.0, "w2": -3.0}
    g, ev, fwd, rev = run("1/(1+exp(-(w0*x0+w1*x1+w2)))", point)
    dot = 2 * -1 + -3 * -2 + -3
    s = 1 / (1 + math.exp(-dot))
    ddot = s * (1 - s)                       # the seed's "(1 - f) * f"
    expected = {"w0": -1 * ddot, "x0": 2 * ddot, "w1": -2 * ddot, "x1": -3 * ddot, "w2": ddot}
    for name, value in expected.items():
        assert rev.adjoints[g.inputs[name]] == pytest.approx(value, rel=1e-14)
        assert fwd.derivative(g, name) == pytest.approx(value, rel=1e-14)
    assert round(ev.values[g.output], 2) == 0.73


def test_adjoints_accumulate_at_shared_nodes():
    g, ev, fwd, rev = run("x*x*x", {"x": 1.5})
    assert rev.adjoints[g.inputs["x"]] == pytest.approx(3 * 1.5 ** 2)
    g, ev, fwd, rev = run("sin(x)*cos(x)", {"x": 2.0})
    assert rev.adjoints[g.inputs["x"]] == pytest.approx(math.cos(4.0), rel=1e-14)


def test_unused_variable_gets_zero():
    g, ev, fwd, rev = run("(x+y)-y", {"x": 1.0, "y": 5.0})
    assert rev.adjoints[g.inputs["y"]] == 0.0
    assert fwd.derivative(g, "y") == 0.0


def test_reverse_from_an_intermediate_output():
    g, ev, fwd, rev = run("g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2", {"x1": 1.0, "x2": 2.0})
    partial = reverse_mode(g, ev, output=g.by_name("g2").id)
    assert partial.adjoints[g.inputs["x1"]] == 2.0 and partial.adjoints[g.inputs["x2"]] == 1.0


def test_path_counts_follow_the_seed():
    # f(g1(x1, x2), g2(x1, x2)) has 2*2 = 4 paths; three inputs and three middle nodes have 9.
    g = lower(parse("g1 = x1 + x2; g2 = x1 * x2; f = g1 * g2"))
    assert count_paths(g) == 4
    g = lower(parse("g1 = x1+x2+x3; g2 = x1*x2*x3; g3 = x1-x2-x3; f = g1*g2*g3"))
    assert count_paths(g) == 9


def test_multiplication_counts():
    g, ev, fwd, rev = run("g1 = x1 + x2; g2 = x1 * x2; f = g1 * g2", {"x1": 1.0, "x2": 2.0})
    edges = sum(len(n.inputs) for n in g.nodes)
    assert rev.multiplications == edges
    assert fwd.multiplications == 2 * edges and fwd.passes == 2


def test_reverse_steps_are_in_reverse_topological_order():
    g, ev, fwd, rev = run("sin(x)*cos(x)", {"x": 2.0})
    order = [v for v, *_ in rev.steps]
    assert order == sorted(order, reverse=True)


def test_path_counts_for_a_subset_of_inputs():
    g = lower(parse("x*y + sin(y)"))
    assert count_paths(g) == 3 and count_paths(g, ["y"]) == 2 and count_paths(g, ["x"]) == 1
