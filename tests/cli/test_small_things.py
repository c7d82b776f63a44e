"""Small things a newcomer hit (issue 24, item 10): --no-trace without tolerance notes, the API's errors
naming its arguments, the JSON expression read from stdin without its line end, no hard wrap in a pipe,
str() of a report wrapped between words."""
import json
import re
import subprocess
import sys

import pytest

import symgraph
from tests.helpers import ROOT, run

MANY = " + ".join(f"w{i}*x{i}" for i in range(12))
POINT = ",".join(f"{v}{i}=1.5" for i in range(12) for v in "wx")


@pytest.mark.parametrize("command, expr", [("grad", "x*y + sin(x)"), ("hessian", "x^2*y"),
                                           ("grad", "f = x*y; g = x + y; return f, g")])
def test_no_trace_prints_no_tolerance_notes(command, expr):
    out = run(command, expr, "--at", "x=1,y=2", "--no-trace", "--format", "plain").output
    assert "Checks:" in out and "passes when" not in out
    full = run(command, expr, "--at", "x=1,y=2", "--format", "plain").output
    assert "passes when" in full


@pytest.mark.parametrize("call", [
    lambda: symgraph.grad("x*y", "x=1"),
    lambda: symgraph.grad("x*y", {"x": 1, "y": 2, "z": 3}),
    lambda: symgraph.check("x*y", ["df/dx = 2"], "x=1"),
    lambda: symgraph.hessian("x*y", "x=1"),
    lambda: symgraph.jacobian("f = x*y; g = x + y", "x=1", outputs=["f", "g"]),
    lambda: symgraph.graph("x*y", "x=1"),
])
def test_the_apis_errors_name_the_at_argument(call):
    with pytest.raises(symgraph.SymgraphError) as info:
        call()
    text = str(info.value) + (info.value.hint or "")
    assert "the at argument" in text and "--at" not in text


def test_the_cli_still_says_at_option():
    assert "--at is missing a value for y" in run("grad", "x*y", "--at", "x=1").output


def test_the_json_expression_from_stdin_has_no_line_end():
    data = json.loads(run("grad", "-", "--at", "x=1,y=2", "--format", "json", input="x*y\n").output)
    assert data["expression"] == "x*y"
    data = json.loads(run("check", "-", "--at", "x=1,y=2", "--claim", "df/dx = 2", "--format", "json",
                          input="x*y\r\n").output)
    assert data["expression"] == "x*y"


def _pipe(*args) -> str:
    """The command in a real pipe (stdout is not a terminal), as a user's `| less` gets it."""
    done = subprocess.run([sys.executable, "-m", "symgraph", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120, env={"PYTHONPATH": str(ROOT), "COLUMNS": "80", "PATH": ""})
    return done.stdout


def test_a_pipe_gets_long_lines_whole():
    out = _pipe("check", MANY, "--at", POINT, "--claim", "df/dx1 = 3", "--format", "plain")
    header = out.splitlines()[0]
    # one line, whatever COLUMNS says: no "x3 \n= 1.5" split inside a name = value pair
    assert header.startswith("Checking claims about f at w0 = 1.5") and header.endswith("x11 = 1.5")
    assert not any(re.match(r"^= ", line) for line in out.splitlines())


def test_str_of_a_report_wraps_between_words():
    report = symgraph.check(MANY, ["df/dx1 = 3"], POINT)
    text = str(report)
    lines = text.splitlines()
    assert max(len(line.rstrip()) for line in lines) <= 100
    # joined again at the breaks, the wrapped prose is the pipe's one-line prose, word for word (a break
    # inside a word, "x1" / "0", would make other words)
    unwrapped = _pipe("check", MANY, "--at", POINT, "--claim", "df/dx1 = 3", "--format", "plain")
    first = unwrapped.splitlines()[0]
    assert " ".join(line.strip() for line in lines[:3]).split() == first.split()
