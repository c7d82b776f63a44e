"""The API's promise (README): bad input raises ``SymgraphError``, never a TypeError from inside.

A property test calls every public function with hostile values of every type in every argument. A value
of the wrong type must be refused with a SymgraphError that names the argument; a value of the right type
either works or is refused with a SymgraphError. Anything else escaping is a broken promise.
"""
import math

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import symgraph
from symgraph import SymgraphError

HOSTILE = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12), st.binary(max_size=8), st.lists(st.integers(), max_size=3),
    st.tuples(st.text(max_size=3)), st.dictionaries(st.integers(), st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.one_of(st.none(), st.floats(), st.binary()), max_size=2),
    st.builds(object), st.just(complex(1, 2)), st.sampled_from([math.nan, math.inf, -math.inf, -1, -5, 0, "x\x00"]),
)

# (function, argument, the types it accepts): each call keeps the other arguments valid and cheap.
CALLS = {
    "grad.expr": (lambda v: symgraph.grad(v, "x=1", check="none"), "expr", (str,)),
    "grad.at": (lambda v: symgraph.grad("x*y", v, check="none"), "at", (str, dict, type(None))),
    "grad.wrt": (lambda v: symgraph.grad("x*y", "x=1,y=2", wrt=v, check="none"), "wrt", (str, list, tuple, type(None))),
    "grad.mode": (lambda v: symgraph.grad("x*y", "x=1,y=2", mode=v, check="none"), "mode", (str,)),
    "grad.check": (lambda v: symgraph.grad("x", "x=1", check=v, timeout=1), "check", (str,)),
    "grad.timeout": (lambda v: symgraph.grad("x*y", "x=1,y=2", timeout=v), "timeout", (int, float, type(None))),
    "grad.trace": (lambda v: symgraph.grad("x", "x=1", trace=v, check="none"), "trace", (bool,)),
    "check.expr": (lambda v: symgraph.check(v, ["df/dx = 1"], "x=1", timeout=1), "expr", (str,)),
    "check.claims": (lambda v: symgraph.check("x*y", v, "x=1,y=2", timeout=1), "claims", (str, list, tuple)),
    "check.at": (lambda v: symgraph.check("x*y", ["df/dx = 2"], v, timeout=1), "at", (str, dict, type(None))),
    "check.timeout": (lambda v: symgraph.check("x*y", ["df/dx = 2"], "x=1,y=2", timeout=v), "timeout",
                      (int, float, type(None))),
    "check.tol": (lambda v: symgraph.check("x*y", ["df/dx = 2"], "x=1,y=2", tol=v, timeout=1), "tol",
                  (int, float, type(None))),
    "graph.expr": (lambda v: symgraph.graph(v, "x=1"), "expr", (str,)),
    "graph.at": (lambda v: symgraph.graph("x*y", v), "at", (str, dict, type(None))),
    "graph.tangent": (lambda v: symgraph.graph("x*y", "x=1,y=2", tangent=v).svg(), "tangent", (str, type(None))),
    "graph.digits": (lambda v: symgraph.graph("x", "x=1", digits=v).svg(), "digits", (int,)),
    "graph.png": (lambda v: symgraph.graph("x", "x=1").png(scale=v), "scale", (int, float)),
    "hessian.source": (lambda v: symgraph.hessian(v, "x=1", check="none"), "source", (str,)),
    "hessian.at": (lambda v: symgraph.hessian("x*y", v, check="none"), "at", (str, dict, type(None))),
    "hessian.wrt": (lambda v: symgraph.hessian("x*y", "x=1,y=2", wrt=v, check="none"), "wrt",
                    (str, list, tuple, type(None))),
    "hessian.output": (lambda v: symgraph.hessian("f = x*y", "x=1,y=2", output=v, check="none"), "outputs",
                       (str, list, tuple, type(None))),
    "hessian.timeout": (lambda v: symgraph.hessian("x*y", "x=1,y=2", timeout=v), "timeout",
                        (int, float, type(None))),
    "jacobian.outputs": (lambda v: symgraph.jacobian("f = x*y; g = x", "x=1,y=2", outputs=v, check="none"),
                         "outputs", (str, list, tuple, type(None))),
    "jacobian.mode": (lambda v: symgraph.jacobian("f = x*y; g = x", "x=1,y=2", mode=v, check="none"), "mode", (str,)),
    "jacobian.timeout": (lambda v: symgraph.jacobian("f = x*y; g = x", "x=1,y=2", timeout=v), "timeout",
                         (int, float, type(None))),
    "plot.expr": (lambda v: symgraph.plot(v, "x=1", check="none"), "expr", (str,)),
    "plot.range": (lambda v: symgraph.plot("x**2", "x=1", range=v, check="none"), "range",
                   (str, list, tuple, type(None))),
    "plot.dpi": (lambda v: symgraph.plot("x**2", "x=1", dpi=v, check="none"), "dpi", (int,)),
    "plot.timeout": (lambda v: symgraph.plot("x**2", "x=1", timeout=v), "timeout", (int, float, type(None))),
}


def _accepted(value, types) -> bool:
    if isinstance(value, bool) and bool not in types:
        return False
    return isinstance(value, types)


@pytest.mark.parametrize("name", sorted(CALLS))
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(value=HOSTILE)
def test_every_argument_refuses_hostile_values_with_a_symgraph_error(name, value):
    call, argument, types = CALLS[name]
    try:
        call(value)
    except SymgraphError as exc:
        if not _accepted(value, types):
            assert argument in exc.message, (name, value, exc.message)
    else:
        assert _accepted(value, types), f"{name} accepted {value!r}"


@pytest.mark.parametrize("call", [
    lambda: symgraph.grad("x", "x=1", timeout=math.nan),
    lambda: symgraph.grad("x", "x=1", timeout=math.inf),
    lambda: symgraph.grad("x", "x=1", timeout=-1),
    lambda: symgraph.grad("x", "x=1", timeout=0),
    lambda: symgraph.check("x", ["df/dx = 1"], "x=1", tol=math.nan),
    lambda: symgraph.check("x", ["df/dx = 1"], "x=1", tol=-1),
    lambda: symgraph.check("x", ["df/dx = 1"], "x=1", tol=0),
    lambda: symgraph.graph("x", "x=1").png(scale=-1),
    lambda: symgraph.graph("x", "x=1").png(scale=math.nan),
    lambda: symgraph.graph("x", "x=1", digits=-5),
    lambda: symgraph.plot("x**2", "x=1", check="none").save("a\x00.svg"),
])
def test_nan_infinite_and_negative_budgets_tolerances_and_scales_are_refused(call):
    with pytest.raises(SymgraphError):
        call()


def test_the_documented_forms_still_work():
    assert symgraph.check("x**2", "df/dx = 2", "x=1", tol="auto").ok
    assert symgraph.grad("x*y", "x=1,y=2", wrt="y", check="none").gradient == {"y": 1.0}
    assert symgraph.grad("x*y", "x=1,y=2", wrt=("x", "y"), check="none").gradient == {"x": 2.0, "y": 1.0}
    assert symgraph.jacobian("f = x*y; g = x", "x=1,y=2", outputs="f,g", check="none").outputs == ["f", "g"]
