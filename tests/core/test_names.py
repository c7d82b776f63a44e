"""Names: the output's name means the same node everywhere; generated names never read as the user's.

Issue 10: ``f = 2*x; x*f`` used to check SymPy's ``f`` (the statement) against the graph's output (the
unnamed last statement). Issue 9: an input ``t`` next to ``v1`` made unnamed nodes ``t1 ... t17``.
"""
import math
import re

from hypothesis import assume, given, settings, strategies as st

from symgraph.checks import symbolic
from symgraph.core.evaluate import evaluate
from symgraph.core.lower import lower
from symgraph.core.parser import parse
from symgraph.errors import DomainError
from symgraph.pipeline import grad

# Names that collide with the default output name, its fallbacks and the generated names.
POOL = ["f", "out", "out_", "v", "v1", "v2", "v_1", "v10", "t", "t1", "x", "y", "g"]


@st.composite
def programs(draw):
    """A few statements over variables and earlier statements, names drawn from POOL; the last one
    unnamed or named."""
    names = draw(st.lists(st.sampled_from(POOL), min_size=1, max_size=4, unique=True))
    variables = [n for n in POOL if n not in names]
    variables = draw(st.lists(st.sampled_from(variables), min_size=1, max_size=3, unique=True))
    unnamed_last = draw(st.booleans())
    statements, known = [], list(variables)
    for k, name in enumerate(names):
        a, b = draw(st.sampled_from(known)), draw(st.sampled_from(known))
        op = draw(st.sampled_from(["+", "*", "-"]))
        fn = draw(st.sampled_from(["", "sin", "exp", "tanh"]))
        expr = f"{fn}({a} {op} {b})" if fn else f"{a} {op} 2*{b}"
        last = k == len(names) - 1
        statements.append(expr if last and unnamed_last else f"{name} = {expr}")
        known.append(name)
    point = {v: draw(st.floats(-1.5, 1.5).map(lambda z: round(z, 3))) for v in variables}
    return "; ".join(statements), point


@settings(max_examples=60, deadline=None)
@given(programs())
def test_the_output_name_and_sympys_reference_describe_the_same_node(case):
    text, point = case
    program = parse(text)
    graph = lower(program)
    used = [v for v in graph.inputs]
    values = {v: float(point[v]) for v in used}
    ev = evaluate(graph, values)
    out = graph.nodes[graph.output]
    assert program.output in out.names                      # the graph's output carries that name
    others = [n for n in graph.nodes if n.id != graph.output]
    assert all(program.output not in n.names for n in others)
    expr = symbolic.to_sympy(program)[program.output]      # SymPy's side, by the same name
    exact = {v: symbolic.sympy.Rational(*values[v].as_integer_ratio()) for v in used}
    assert math.isclose(symbolic.value_at(expr, exact), ev.values[graph.output], rel_tol=1e-9, abs_tol=1e-12)


@settings(max_examples=25, deadline=None)
@given(programs())
def test_right_gradients_exit_0_whatever_the_statement_names(case):
    text, point = case
    graph = lower(parse(text))
    at = ",".join(f"{v}={point[v]}" for v in graph.inputs)
    try:
        report = grad(text, at, trace=False)
    except DomainError:                  # exp(exp(v + f)**2) overflows float64: not a question of names
        assume(False)
    assert report.ok, [(c.name, c.status, c.note) for c in report.checks]
    assert parse(text).output in [n["names"] for n in report.graph["nodes"]][report.graph["output"]]


def test_the_reported_case():
    report = grad("f = 2*x; x*f", "x=3", trace=False)
    assert report.ok and report.output == "out" and report.gradient["x"] == 12.0
    assert report.value == 18.0


@settings(max_examples=80, deadline=None)
@given(programs())
def test_generated_names_never_look_like_a_users_name(case):
    text, _ = case
    graph = lower(parse(text))
    user = {name for node in graph.nodes for name in node.names}
    auto = [node.auto_name for node in graph.nodes if not node.names]
    assert len(set(auto)) == len(auto) and not set(auto) & user
    for name in auto:
        # Never a user's name followed by digits or underscores (t -> t1, v1 -> v12, v -> v3).
        assert not any(re.fullmatch(re.escape(u) + r"[0-9_]+", name) for u in user), (name, user)
    if any(re.fullmatch(r"v[0-9_]*", u) for u in user):
        assert all(name.startswith("#") for name in auto)
    else:
        assert all(re.fullmatch(r"v[1-9][0-9]*", name) for name in auto)


def test_t_next_to_v1_no_longer_makes_t1():
    graph = lower(parse("t*v1 + sin(t)*cos(v1)"))
    auto = [n.auto_name for n in graph.nodes if not n.names]
    assert auto == [f"#{k}" for k in range(1, len(auto) + 1)]
    graph = lower(parse("t*w + sin(t)"))
    assert [n.auto_name for n in graph.nodes if not n.names] == ["v1", "v2"]
