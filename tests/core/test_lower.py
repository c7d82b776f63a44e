"""Lowering: structure as written, shared nodes, gates with inline constants, names kept."""
import math

from symgraph.core.lower import lower
from symgraph.core.parser import parse


def graph(text):
    return lower(parse(text))


def out_edges(g, node_id):
    return sum(node.inputs.count(node_id) for node in g.nodes)


def test_topological_order():
    g = graph("g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2")
    for node in g.nodes:
        assert all(u < node.id for u in node.inputs)
    assert g.output == len(g.nodes) - 1


def test_shared_input_has_two_out_edges():
    g = graph("sin(x)*cos(x)")
    assert list(g.inputs) == ["x"]
    assert out_edges(g, g.inputs["x"]) == 2


def test_identical_subexpressions_share_one_node():
    g = graph("cos(x**2)*sin(x**2)")
    squares = [n for n in g.nodes if n.op == "pow_c"]
    assert len(squares) == 1
    assert out_edges(g, squares[0].id) == 2


def test_no_cancellation():
    g = graph("(x+y)-y")
    assert list(g.inputs) == ["x", "y"]
    out = g.nodes[g.output]
    assert out.op == "sub" and out.inputs[1] == g.inputs["y"]


def test_seed_neuron_gates_match_the_circuit():
    g = graph("1/(1+exp(-(w0*x0+w1*x1+w2)))")
    gates = [n.label for n in g.nodes if n.op != "input"]
    assert gates == ["*", "*", "+", "+", "*-1", "exp", "+1", "1/x"]
    assert list(g.inputs) == ["w0", "x0", "w1", "x1", "w2"]


def test_single_gates_for_sigmoid_relu_softplus():
    g = graph("sigmoid(a*x+b) + relu(x) + softplus(b)")
    ops = {n.op for n in g.nodes}
    assert {"sigmoid", "relu", "softplus"} <= ops
    assert not ({"exp", "log"} & ops)


def test_named_statements_keep_names():
    g = graph("g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2")
    assert g.by_name("g1").op == "add"
    assert g.by_name("g2").op == "mul"
    assert g.nodes[g.output].name == "f"


def test_inline_constant_expression_is_folded_exactly():
    g = graph("2*pi*x")
    (gate,) = [n for n in g.nodes if n.op == "mul_c"]
    assert math.isclose(gate.param, 2 * math.pi, rel_tol=1e-15)


def test_auto_names_avoid_user_names():
    g = graph("v1 * sin(v1)")
    names = [n.name for n in g.nodes]
    assert len(names) == len(set(names))


def test_gate_labels_show_constants_as_written():
    g = graph("x*(1/3+pi/4) + (1 + exp(-x))")
    labels = [n.label for n in g.nodes]
    assert "*(1/3+pi/4)" in labels and "+1" in labels and "*-1" in labels


def test_unused_statements_are_found():
    from symgraph.core.lower import unused_names

    assert unused_names(graph("a = z*2; b = a + y; f = x*x")) == ["z", "a", "y", "b"]   # topological
    assert unused_names(graph("g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2")) == []
