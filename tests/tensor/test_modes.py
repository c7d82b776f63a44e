"""Reverse and forward mode on graphs built with the Builder: the seed's neuron, shared nodes (+=), the
aliasing of pass-through adjoints, vjp_of, and shape refusals."""
import numpy as np
import pytest

from symgraph.tensor import modes
from symgraph.tensor.evaluate import evaluate
from symgraph.tensor.graph import Builder
from symgraph.tensor.table import TShapeError


def neuron():
    b = Builder("sigmoid(dot(w, x) + b)")
    w, x, bias = b.input("w", (2,)), b.input("x", (2,)), b.input("b", ())
    f = b.apply("sigmoid", [b.apply("add", [b.apply("dot", [w, x]), bias])])
    return b.finish(f), {"w": np.array([2.0, -3.0]), "x": np.array([-1.0, -2.0]), "b": np.array(-3.0)}


def test_the_seed_neuron_vectorized():
    # The CS231n post: f = 0.73, dx = [0.39, -0.59], dw = [-0.20, -0.39], db = 0.20 (two decimals).
    g, point = neuron()
    values = evaluate(g, point)
    assert round(float(values[g.output]), 2) == 0.73
    grad = modes.gradient(g, modes.reverse(g, values))
    assert np.round(grad["x"], 2).tolist() == [0.39, -0.59]
    assert np.round(grad["w"], 2).tolist() == [-0.2, -0.39]
    assert round(float(grad["b"]), 2) == 0.2


def test_shared_nodes_accumulate_without_touching_the_shared_adjoint():
    b = Builder()
    x = b.input("x", (3,))
    s = b.apply("add", [x, x])                        # add hands its adjoint to both arguments unchanged
    p = b.apply("mul", [s, x])                        # f = sum((x + x) * x) = 2 sum(x^2): df/dx = 4x
    g = b.finish(b.apply("sum", [p]))
    xv = np.array([1.0, -2.0, 0.5])
    values = evaluate(g, {"x": xv})
    adj = modes.reverse(g, values)
    assert np.allclose(adj[x], 4 * xv, rtol=1e-15)
    assert np.allclose(adj[s], xv, rtol=1e-15)        # the shared adjoint was not mutated by the += at x


def test_forward_mode_agrees_with_reverse_mode_entry_by_entry():
    g, point = neuron()
    values = evaluate(g, point)
    grad = modes.gradient(g, modes.reverse(g, values))
    for name, value in point.items():
        for k in np.ndindex(value.shape):
            e = np.zeros(value.shape)
            e[k] = 1
            assert float(modes.forward(g, values, {name: e})[g.output]) == pytest.approx(grad[name][k], rel=1e-14)


def test_vjp_of_replaces_one_nodes_rule():
    g, point = neuron()
    values = evaluate(g, point)
    dot = next(i for i, n in enumerate(g.nodes) if n.op == "dot")
    wrong = modes.reverse(g, values, vjp_of=lambda i, row: (lambda gr, out, a, b: (gr * a, gr * b)) if i == dot else None)
    right = modes.reverse(g, values)
    assert np.allclose(wrong[g.inputs["w"]], right[g.inputs["x"]])   # the swapped rule sends x's adjoint to w


def test_wrt_prunes_the_data_branch():
    b = Builder()
    X, w = b.input("X", (4, 3)), b.input("w", (3,))
    g = b.finish(b.apply("sum", [b.apply("matmul", [X, w])]))
    values = evaluate(g, {"X": np.ones((4, 3)), "w": np.arange(3.0)})
    adj = modes.reverse(g, values, wrt=["w"])
    assert adj[g.inputs["X"]] is None and np.allclose(adj[g.inputs["w"]], 4.0)


def test_a_shape_mismatch_names_both_shapes_with_a_caret():
    source = "W @ x"
    b = Builder(source)
    W, x = b.input("W", (3, 4)), b.input("x", (3,))
    with pytest.raises(TShapeError) as err:
        b.apply("matmul", [W, x], span=(2, 3))
    assert err.value.render() == ("error: (3, 4) @ (3,): the inner sizes 4 and 3 differ\n  W @ x\n    ^")


def test_gradients_never_share_an_array():
    b = Builder()
    a, c = b.input("a", (3,)), b.input("c", (3,))
    g = b.finish(b.apply("sum", [b.apply("mul", [b.apply("add", [a, c]), b.const(2.0)])]))
    values = evaluate(g, {"a": np.ones(3), "c": np.ones(3)})
    grad = modes.gradient(g, modes.reverse(g, values))
    grad["a"][0] = 99.0
    assert grad["c"].tolist() == [2.0, 2.0, 2.0]
