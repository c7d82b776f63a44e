"""Property: a random expression printed three ways (explicit, implicit multiplication with textbook
notation, LaTeX) reads as the same tree, lowers to the same graph and has the same gradient. The random
expressions use the new primitives too (max, min, atan2, hypot, pow, erf, sign, sec, cot, asinh,
leaky_relu, log to a base)."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symgraph.core.lower import lower
from symgraph.core.parser import Node, parse
from symgraph.errors import SymgraphError
from symgraph.notation.printer import explicit, program_reading
from symgraph.notation.syntax import use
from symgraph.pipeline import grad
from tests.notation.printers import implicit, latex

POINT = {"x": "0.7", "y": "1.3", "w_0": "0.4"}
UNARY = ["sin", "cos", "exp", "tanh", "atan", "sigmoid", "sqrt", "abs", "erf", "sign", "asinh", "sec", "cot",
         "ln", "log"]
BINARY_FUNCTIONS = ["max", "min", "atan2", "hypot", "pow"]

leaves = st.one_of(st.sampled_from(["2", "3", "0.5"]).map(lambda t: Node("num", t)),
                   st.sampled_from(["x", "y", "w_0", "x", "y", "pi", "e"]).map(lambda t: Node("name", t)))


def _extend(children):
    return st.one_of(
        st.tuples(st.sampled_from(["+", "-", "*", "/", "*", "**"]), children, children)
          .map(lambda t: Node("bin", t[0], (t[1], t[2]))),
        children.map(lambda a: Node("neg", "-", (a,))),
        st.tuples(st.sampled_from(UNARY), children).map(lambda t: Node("call", t[0], (t[1],))),
        st.tuples(st.sampled_from(BINARY_FUNCTIONS), children, children)
          .map(lambda t: Node("call", t[0], (t[1], t[2]))),
        st.tuples(st.sampled_from([("leaky_relu", "0.2"), ("log", "2")]), children)
          .map(lambda t: Node("call", t[0][0], (t[1], Node("num", t[0][1])))),
    )


trees = st.recursive(leaves, _extend, max_leaves=12)


def _outcome(text: str, syntax: str):
    """(tree reading, graph shape, gradient) or the kind of error: the same for all three printings."""
    try:
        program = parse(text, syntax)
        graph = lower(program)
    except SymgraphError as exc:
        return type(exc).__name__
    shape = [(n.op, n.inputs, n.exact, tuple(n.names)) for n in graph.nodes]
    at = ",".join(f"{k}={POINT[k]}" for k in graph.inputs)
    try:
        with use(syntax):
            gradient = grad(text, at or None, check="none", trace=False).gradient
    except SymgraphError as exc:
        gradient = type(exc).__name__
    return program_reading(program), shape, gradient


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees)
def test_three_printings_give_the_same_tree_graph_and_gradient(tree):
    texts = {"plain": explicit(tree), "implicit": implicit(tree), "latex": latex(tree)}
    plain = _outcome(texts["plain"], "plain")
    assert _outcome(texts["implicit"], "plain") == plain, texts
    assert _outcome(texts["latex"], "latex") == plain, texts
    if not isinstance(plain, str):
        assert plain[0] == explicit(tree)        # the reading is the tree we printed
