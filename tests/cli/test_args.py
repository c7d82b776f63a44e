"""Option parsing never guesses: an expression that starts with '-' is the expression (never the help,
never an exit 0 for misread input), a mistyped option is refused by name, a repeated option is refused."""
import json
import math
import os

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from tests.helpers import refused, run

STRESS = os.environ.get("SYMGRAPH_STRESS") == "1"         # make stress: many more examples
NEGATED = ["-tanh(x)", "-sinh(x)*y", "-(theta/c)", "-alpha*x", "-help*x", "-x**2*h", "-5*x", "-(x)", "-oh"]


def _json(*args):
    args = list(args)
    at = args.index("--") if "--" in args else len(args)
    result = run(*args[:at], "--format", "json", *args[at:])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def _point(expr: str) -> str:
    names = sorted({t for t in _tokens(expr) if t[0].isalpha() and t not in ("tanh", "sinh", "sin", "exp",
                                                                            "sigmoid", "cos")})
    return ",".join(f"{n}={0.3 + 0.1 * k:.1f}" for k, n in enumerate(names))


@pytest.mark.parametrize("expr", NEGATED)
@pytest.mark.parametrize("where", ["bare", "after --"])
def test_a_leading_minus_is_the_expression_not_an_option(expr, where):
    at = _point(expr)
    args = ["grad", expr, "--at", at] if where == "bare" else ["grad", "--at", at, "--"]
    minus = _json(*(args + ([expr] if where != "bare" else [])))
    plus = _json("grad", expr[1:], "--at", at)
    assert minus["value"] == pytest.approx(-plus["value"], rel=1e-12, abs=1e-300)
    for var, g in plus["gradient"].items():
        assert minus["gradient"][var] == pytest.approx(-g, rel=1e-12, abs=1e-300)


@pytest.mark.parametrize("command", [["check", "--claim", "df/dx = 0"], ["graph"]])
def test_check_and_graph_read_a_leading_minus_too(command):
    result = run(command[0], "-tanh(x)", "--at", "x=1", *command[1:])
    assert "Usage:" not in result.output and "Show this message" not in result.output
    if command[0] == "check":                      # d(-tanh x)/dx = -(1 - tanh(1)^2) = -0.41997...: wrong
        assert result.exit_code == 1 and "✗ wrong" in result.output
    else:
        assert result.exit_code == 0 and "tanh" in result.output


_NAMES = st.sampled_from(["x", "y", "h", "help", "theta", "alpha", "tanh_x"])
_FUNCS = st.sampled_from(["tanh", "sinh", "sin", "exp", "sigmoid", "cos"])
_FACTOR = st.one_of(_NAMES, st.builds("{}({})".format, _FUNCS, _NAMES),
                    st.builds("({} + {})".format, _NAMES, _NAMES), st.builds("{}**2".format, _NAMES))
_TERM = st.lists(_FACTOR, min_size=1, max_size=4).map("*".join)      # a product: -(a*b) == (-a)*b


@settings(max_examples=400 if STRESS else 40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(term=_TERM, trailing=st.booleans())
def test_any_expression_starting_with_minus_is_the_negated_expression(term, trailing):
    """The independent check: -E computes exactly -(value of E) and -(gradient of E), whatever E spells.
    (Only exactly ``-h``, the help option, needs ``--``: see the test below.)"""
    assume(term != "h")
    at = _point(term)
    args = ["grad", "-" + term, "--at", at] if trailing else ["grad", "--at", at, "-" + term]
    minus = _json(*args)
    plus = _json("grad", term, "--at", at)
    assert math.copysign(1, minus["value"]) != math.copysign(1, plus["value"]) or plus["value"] == 0
    assert minus["value"] == pytest.approx(-plus["value"], rel=1e-12)
    assert minus["gradient"] == pytest.approx({k: -v for k, v in plus["gradient"].items()}, rel=1e-12, abs=1e-15)


def _tokens(text: str) -> list:
    out, word = [], ""
    for ch in text + " ":
        if ch.isalnum() or ch == "_":
            word += ch
        else:
            out, word = out + ([word] if word else []), ""
    return out


@settings(max_examples=1000 if STRESS else 60, deadline=None)
@given(arg=st.text(alphabet="-htvabcdxyz0123456789()*+=", min_size=2, max_size=12).map(lambda s: "-" + s))
def test_misread_input_never_exits_0(arg):
    """Any argument starting with '-' is an expression (computed, or refused with exit 2) or an option
    refused by name: never the help text with exit 0."""
    result = run("grad", arg, "--at", "x=1", "--format", "json")
    if result.exit_code == 0:
        assert json.loads(result.output)["expression"] == arg
    else:
        assert result.exit_code == 2 and result.output.startswith("error: "), result.output


def test_a_mistyped_option_is_refused_by_name_with_a_suggestion():
    lines = refused("grad", "x", "--digit", "3", "--at", "x=1")
    assert lines[0] == "error: no such option --digit (did you mean --digits?)"
    assert refused("check", "x", "--claims", "df/dx = 1")[0].startswith(
        "error: no such option --claims (did you mean --claim")          # (or --csv, for batch grading)
    assert refused("graph", "x", "--fromat", "dot")[0].startswith("error: no such option --fromat (did you mean --format")
    assert refused("--verison")[0] == "error: no such option --verison (did you mean --version?)"


def test_an_unknown_option_with_nothing_close_points_at_double_dash():
    line = refused("grad", "--q", "--at", "x=1")[0]             # (--x would be close to --exact)
    assert line.startswith("error: no such option --q") and "'--'" in line


@pytest.mark.parametrize("args, option", [
    (["grad", "x", "--at", "x=1", "--at", "x=2"], "--at"),
    (["grad", "x", "--at", "x=1", "--digits", "3", "--digits=4"], "--digits"),
    (["graph", "x", "-o", "a.svg", "--output", "b.svg"], "--output"),
    (["check", "x", "--claim", "df/dx = 1", "--tol", "1e-3", "--tol", "1e-4"], "--tol"),
])
def test_a_repeated_single_valued_option_is_refused(args, option):
    line = refused(*args)[0]
    assert line.startswith(f"error: {option}") and "given twice" in line, line


def test_repeatable_options_stay_repeatable():
    doc = _json("check", "x*y", "--at", "x=1,y=2", "--claim", "df/dx = 2", "--claim", "df/dy = 1")
    assert doc["ok"] is True and len(doc["claims"]) == 2


def test_option_values_that_start_with_minus_are_values(tmp_path):
    out = tmp_path / "-neg.svg"
    result = run("graph", "-x", "-o", str(out))
    assert result.exit_code == 0 and "<svg" in out.read_text()
    assert _json("grad", "x**2", "--at=x=-3")["gradient"] == {"x": -6.0}


def test_exactly_dash_h_is_the_help_and_dash_dash_makes_it_an_expression():
    assert "Examples:" in run("grad", "-h").output
    assert _json("grad", "--at", "h=2", "--", "-h")["value"] == -2


def test_bare_symgraph_is_the_help_and_exit_0():
    result = run()
    assert result.exit_code == 0
    assert "Commands:" in result.output and "error" not in result.output.lower()


@pytest.mark.parametrize("arg", ["-tanh(x)", "-h*x", "-hx", "-help"])
def test_an_expression_without_a_command_is_refused_never_help(arg):
    assert refused(arg)[0].startswith("error: ")
