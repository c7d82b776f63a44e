"""What a ``#`` comment says never changes how the rest is read: a backslash, a brace or ``$`` in a comment
does not switch to the LaTeX reader, a ``[`` or ``sum(`` in one does not switch to the tensor route, and the
LaTeX reader takes ``#`` comments as the plain one does. Each reading is compared with the same input
without its comment (the same numbers), and with SymPy's derivative."""
import json

import pytest
import sympy
from hypothesis import given, settings, strategies as st

from tests.helpers import refused, run

x, y = sympy.symbols("x y")


def _grad(*args):
    result = run("grad", *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("expr, at", [
    ("x*y # see \\alpha", "x=2,y=3"),
    ("x*y # {braces} and $math$", "x=2,y=3"),
    ("x*y # sum(x) and W.T later", "x=2,y=3"),
    ("x*y", "x=2,y=3 # [a note]"),
    ("x*y", "x=2,y=3 # \\n and {x}"),
    ("\\sin x \\cdot y # a comment in LaTeX", "x=2,y=3"),
])
def test_a_comment_never_changes_the_reader_or_the_route(expr, at):
    data = _grad(expr, "--at", at)
    f = (sympy.sin(x) if "sin" in expr else x) * y
    assert "schema" in data and data["schema"].startswith("symgraph.grad")         # the scalar route
    for name, value in data["gradient"].items():
        assert value == pytest.approx(float(sympy.diff(f, sympy.Symbol(name)).subs({x: 2, y: 3})), rel=1e-15)


def test_a_claim_comment_with_latex_in_it_is_a_comment():
    result = run("check", "x*y", "--at", "x=1,y=2", "--claim", "df/dx = y # \\approx 2", "--format", "json")
    assert result.exit_code == 0, result.output
    claim = json.loads(result.stdout)["claims"][0]
    assert claim["ok"] is True and claim["expected"] == "y" and claim["got_value"] == 2.0


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="\\{}$[]#()@ sumaxisTdot.=", max_size=20))
def test_any_comment_text_reads_as_no_comment(comment):
    """Hypothesis: whatever characters a comment holds, the gradient is the comment-free one."""
    comment = comment.replace("\n", " ")
    assert _grad(f"x*y # {comment}", "--at", "x=2,y=3")["gradient"] == {"x": 3.0, "y": 2.0}


@pytest.mark.parametrize("at, missing", [
    ("x=2,y=3 # [1,2]", None),
    ("x=2,y=3 # note, see p. 3", None),
    ("x=2 # c, y=3", "y"),                 # y=3 is inside the comment: y is missing
    ("x=2 # c, y=5\n, y=3", None),         # the comment ends at its line: y=3 is given on the next
])
def test_an_at_comment_runs_to_the_end_of_its_line_commas_included(at, missing):
    if missing:
        lines = refused("grad", "x*y", "--at", at)
        assert f"missing a value for {missing}" in lines[0]
    else:
        assert _grad("x*y", "--at", at)["gradient"] == {"x": 3.0, "y": 2.0}


def test_a_tensor_at_comment_runs_to_the_end_of_its_line():
    result = run("grad", "sum(W*x)", "--at", "W=[1,2], x=[3,4] # note, [5]", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["gradient"] == {"W": [3.0, 4.0], "x": [1.0, 2.0]}
