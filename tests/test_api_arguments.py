"""The API's promise (README): bad input raises ``SymgraphError``, never a TypeError from inside.

A property test calls every public function with hostile values of every type in every argument. A value
of the wrong type must be refused with a SymgraphError that names the argument; a value of the right type
either works or is refused with a SymgraphError. Anything else escaping is a broken promise.
"""
import functools
import math

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

import symgraph
from symgraph import SymgraphError
from symgraph.safe_text import terminal
from symgraph.steps.derive import steps

HOSTILE = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=12), st.binary(max_size=8), st.lists(st.integers(), max_size=3),
    st.tuples(st.text(max_size=3)), st.dictionaries(st.integers(), st.integers(), max_size=2),
    st.dictionaries(st.text(max_size=3), st.one_of(st.none(), st.floats(), st.binary()), max_size=2),
    st.builds(object), st.just(complex(1, 2)), st.sampled_from([math.nan, math.inf, -math.inf, -1, -5, 0, "x\x00"]),
    st.sampled_from([10 ** 400, -10 ** 400, 10 ** 5000, "x\x1b]0;T\x07", ["y\x1b[2J"], "\t", "  "]),
)
NONE = type(None)


@functools.lru_cache(maxsize=None)
def _report(kind: str):
    """One small finished report of each kind, for the report methods' arguments."""
    if kind == "tensor":
        return symgraph.grad("sum(w*x)", {"w": [1.0, 2.0], "x": [3.0, 4.0]}, check="none")
    if kind == "graph":
        return symgraph.graph("x*y", "x=1,y=2")
    return symgraph.grad("x*y", "x=1,y=2", check="none")

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
    # grad's tensor route: the same arguments, checked before the routing
    "grad.tensor_wrt": (lambda v: symgraph.grad("sum(w*x)", {"w": [1, 2], "x": [3, 4]}, wrt=v, check="none"),
                        "wrt", (str, list, tuple, NONE)),
    "grad.tensor_mode": (lambda v: symgraph.grad("sum(w*x)", {"w": [1, 2], "x": [3, 4]}, mode=v, check="none"),
                         "mode", (str,)),
    "grad.tensor_timeout": (lambda v: symgraph.grad("sum(w*x)", {"w": [1, 2], "x": [3, 4]}, timeout=v), "timeout",
                            (int, float, NONE)),
    "grad.shapes": (lambda v: symgraph.grad("sum(W)", shapes=v, check="none"), "shapes", (str, dict, NONE)),
    "grad.direction": (lambda v: symgraph.grad("sum(w*w)", {"w": [1, 2]}, direction=v), "direction",
                       (str, dict, NONE)),
    "graph.shapes": (lambda v: symgraph.graph("sum(W)", shapes=v).svg(), "shapes", (str, dict, NONE)),
    # steps (symgraph.steps.derive.steps)
    "steps.source": (lambda v: steps(v, at="x=1", timeout=1), "source", (str,)),
    "steps.at": (lambda v: steps("x*y", at=v, timeout=1), "at", (str, dict, NONE)),
    "steps.wrt": (lambda v: steps("x*y", wrt=v, at="x=1,y=2", timeout=1), "wrt", (str, list, tuple, NONE)),
    "steps.detail": (lambda v: steps("x*y", detail=v, timeout=1).to_json(), "detail", (str,)),
    "steps.timeout": (lambda v: steps("x*y", timeout=v), "timeout", (int, float, NONE)),
    "steps.exact": (lambda v: steps("x*y", at="x=1,y=2", exact=v, timeout=1), "exact", (bool,)),
    # the public methods of the finished reports
    "report.to_json": (lambda v: _report("grad").to_json(indent=v), "indent", (int, str, NONE)),
    "report.to_latex": (lambda v: _report("grad").to_latex(standalone=v), "standalone", (bool,)),
    "graph.to_json": (lambda v: _report("graph").to_json(indent=v), "indent", (int, str, NONE)),
    "tensor.to_json": (lambda v: _report("tensor").to_json(indent=v), "indent", (int, str, NONE)),
    "tensor.to_text": (lambda v: _report("tensor").to_text(digits=v), "digits", (int,)),
    "tensor.to_latex": (lambda v: _report("tensor").to_latex(standalone=v), "standalone", (bool,)),
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
        assert terminal(exc.message) == exc.message, f"the message is not safe to print: {exc.message!r}"
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
    lambda: steps("x", at="x=1", timeout=math.nan),
    lambda: steps("x", at="x=1", timeout=-1),
    lambda: steps("x", at="x=1", timeout=0),
    lambda: steps("x", at="x=1", timeout=math.inf),
])
def test_nan_infinite_and_negative_budgets_tolerances_and_scales_are_refused(call):
    with pytest.raises(SymgraphError):
        call()


def test_the_documented_forms_still_work():
    assert symgraph.check("x**2", "df/dx = 2", "x=1", tol="auto").ok
    assert symgraph.grad("x*y", "x=1,y=2", wrt="y", check="none").gradient == {"y": 1.0}
    assert symgraph.grad("x*y", "x=1,y=2", wrt=("x", "y"), check="none").gradient == {"x": 2.0, "y": 1.0}
    assert symgraph.jacobian("f = x*y; g = x", "x=1,y=2", outputs="f,g", check="none").outputs == ["f", "g"]


HUGE = 10 ** 400


@pytest.mark.parametrize("call, argument", [
    (lambda: symgraph.grad("x", "x=1", timeout=HUGE), "timeout"),
    (lambda: symgraph.grad("sum(w)", {"w": [1, 2]}, timeout=HUGE), "timeout"),
    (lambda: symgraph.check("x", ["df/dx = 1"], "x=1", timeout=HUGE), "timeout"),
    (lambda: symgraph.check("x", ["df/dx = 1"], "x=1", tol=HUGE), "tol"),
    (lambda: symgraph.check("x", ["df/dx = 1"], "x=1", tol=-HUGE), "tol"),
    (lambda: symgraph.graph("x", "x=1").png(scale=HUGE), "scale"),
    (lambda: symgraph.graph("x", "x=1", digits=10 ** 5000), "digits"),
    (lambda: symgraph.hessian("x*y", "x=1,y=2", timeout=HUGE), "timeout"),
    (lambda: symgraph.jacobian("f = x; g = x", "x=1", timeout=HUGE), "timeout"),
    (lambda: symgraph.plot("x**2", "x=1", timeout=HUGE), "timeout"),
    (lambda: steps("x", at="x=1", timeout=HUGE), "timeout"),
])
def test_integers_past_float64_are_refused_naming_the_argument(call, argument):
    with pytest.raises(SymgraphError) as info:
        call()
    assert info.value.message.startswith(f"{argument} must be"), info.value.message
    assert "digits" in info.value.message          # the value is described, not written out in full


@pytest.mark.parametrize("call", [
    lambda: symgraph.jacobian("f = x*y; g = x", "x=1,y=2", outputs=[]),
    lambda: symgraph.jacobian("f = x*y; g = x", "x=1,y=2", outputs=()),
    lambda: symgraph.jacobian("f = x*y; g = x", "x=1,y=2", outputs=" , "),
    lambda: symgraph.hessian("f = x*y", "x=1,y=2", output=[]),
])
def test_an_empty_outputs_list_is_refused(call):
    with pytest.raises(SymgraphError, match="^outputs must name at least one"):
        call()


@pytest.mark.parametrize("call", [
    lambda v: symgraph.grad("x*y", "x=1,y=2", wrt=v, check="none"),
    lambda v: symgraph.grad("sum(w*x)", {"w": [1, 2], "x": [3, 4]}, wrt=[v], check="none"),
    lambda v: symgraph.hessian("f = x*y", "x=1,y=2", output=v, check="none"),
    lambda v: symgraph.jacobian("f = x*y; g = x", "x=1,y=2", outputs=["f", v], check="none"),
    lambda v: symgraph.plot("x**2", "x=1", wrt=v, check="none"),
    lambda v: steps("x*y", wrt=v),
])
@pytest.mark.parametrize("payload, shown", [("x\x1b]0;T\x07", "x\\x1b]0;T\\x07"), ("x\x00", "x\\x00"),
                                            ("x\u202e", "xU+202E"), ("x\x9b2J", "x\\x9b2J"),
                                            ("x\nerror: forged", "x\u23ceerror: forged")])
def test_error_messages_show_the_callers_names_escaped(call, payload, shown):
    with pytest.raises(SymgraphError) as info:
        call(payload)
    message = info.value.message
    assert shown in message and terminal(message) == message and "\n" not in message, message


@pytest.mark.parametrize("indent", [None, 0, 1, 4, 16, "", "\t", "  \t"])
def test_to_json_takes_the_indents_json_takes(indent):
    import json

    for report in (_report("grad"), _report("graph"), _report("tensor")):
        text = report.to_json(indent=indent)
        assert text == json.dumps(json.loads(text), indent=indent, ensure_ascii=False)


@pytest.mark.parametrize("indent", [1.5, [2], b"  ", -1, 17, 10 ** 400, "x", " " * 17, True])
def test_to_json_refuses_other_indents(indent):
    import numpy as np

    for report in (_report("grad"), _report("graph"), _report("tensor")):
        for value in (indent, np.array([2])):
            with pytest.raises(SymgraphError, match="^indent must be None, an integer from 0 to 16"):
                report.to_json(indent=value)


def test_numpy_numbers_are_numbers_in_a_point():
    import numpy as np

    point = {"x": np.float64(3.0), "y": np.int32(2), "z": np.array(0.5)}
    assert symgraph.grad("x*y*z", point, check="none").gradient == {"x": 1.0, "y": 1.5, "z": 6.0}
    assert symgraph.check("x**2", "df/dx = 6", {"x": np.float32(3)}).ok


def test_steps_takes_the_forms_grad_takes():
    by_text = steps("x*y", wrt="x, y", at="x=1,y=2").to_dict()
    by_dict = steps("x*y", wrt=("x", "y"), at={"x": 1, "y": "2"}).to_dict()
    assert by_text == by_dict
    assert [d["wrt"] for d in by_text["derivations"]] == ["x", "y"]
    assert [d["value"] for d in by_text["derivations"]] == [2.0, 1.0]      # d(xy)/dx = y, d(xy)/dy = x
    assert steps("x*y", detail="brief", timeout=None).detail == "brief"


def test_check_takes_the_array_points_the_command_line_takes():
    """The same tensor claims through the API (a dict of lists, the --at text) and through the command line."""
    import json

    from tests.helpers import run

    program, claims = "Z = X @ W; L = sum(relu(Z))", ["dL/dW = X.T @ dZ", "dL/dW = dZ.T @ X"]
    text = "X=[[1,-2],[3,0.5]], W=[[0.5,1,-1],[2,-0.5,1.5]]"
    arrays = {"X": [[1, -2], [3, 0.5]], "W": [[0.5, 1, -1], [2, -0.5, 1.5]]}
    cli = run("check", program, "--at", text, "--claim", claims[0], "--claim", claims[1], "--format", "json")
    expected = json.loads(cli.output)
    assert [c["ok"] for c in expected["claims"]] == [True, False]
    assert symgraph.check(program, claims, arrays).to_dict() == expected
    assert symgraph.check(program, claims, text).to_dict() == expected
    assert symgraph.check(program, claims[0], shapes={"X": (7, 5), "W": (5, 3)}).ok
    report = symgraph.check(program, claims, arrays)
    plain = run("check", program, "--at", text, "--claim", claims[0], "--claim", claims[1], "--format", "plain")
    assert str(report) == plain.output          # the same table, as --format plain prints it
    for method in (report.to_html, report.to_markdown, report.to_latex):      # text and JSON only
        with pytest.raises(SymgraphError, match="no (HTML page|worked solution) for a TensorCheckReport"):
            method()
    with pytest.raises(SymgraphError, match="gives W no entries"):
        symgraph.check("L = sum(W*W)", "dL/dW = 2*W", {"W": [[]]})


class _EvilStr(str):
    def __str__(self):
        raise RuntimeError("the caller's __str__")

    def __iter__(self):
        raise RuntimeError("the caller's __iter__")

    def split(self, *args):
        raise RuntimeError("the caller's split")


class _EvilFloat(float):
    def __float__(self):
        raise RuntimeError("the caller's __float__")


class _EvilDict(dict):
    def items(self):
        raise RuntimeError("the caller's items")


class _EvilList(list):
    def __iter__(self):
        raise RuntimeError("the caller's __iter__")


def test_subclasses_are_read_as_the_plain_values_they_hold():
    """A subclass of str, float, dict or list whose own methods raise is read through the base type's
    methods at the door: the call works (or is refused) exactly as with the plain value."""
    report = symgraph.grad(_EvilStr("x*y"), _EvilDict({_EvilStr("x"): _EvilFloat(3.0), "y": _EvilStr("2")}),
                           wrt=_EvilList([_EvilStr("x")]), timeout=_EvilFloat(5.0), check="none")
    assert report.gradient == {"x": 2.0}
    assert symgraph.check("x**2", _EvilList([_EvilStr("df/dx = 6")]), {"x": 3}, tol=_EvilFloat(1e-9)).ok
    assert steps("x*y", wrt=_EvilStr("x,y"), at=_EvilDict(x=1, y=2), timeout=_EvilFloat(5)).ok
    with pytest.raises(SymgraphError, match="^timeout must be a finite number"):
        symgraph.grad("x", "x=1", timeout=_EvilFloat(-1.0))
