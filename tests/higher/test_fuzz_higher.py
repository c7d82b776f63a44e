"""Fuzzing the new commands and options: token soups through ``symgraph hessian``, ``grad --outputs`` and
programs with a ``return`` line. Every run ends with exit 0, 1 or 2, never a traceback or exit 3."""
from hypothesis import given
from hypothesis import strategies as st

from tests.helpers import run
from tests.reliability.test_fuzz import FUZZ, TOKENS, VALUES, soup

GAPS = st.lists(st.sampled_from(["", " "]), min_size=12, max_size=12)
RETURN = st.sampled_from(["", "; return f", "\nreturn f, g", "; return", "; return x", "; return f,", "return f"])


@FUZZ
@given(tokens=st.lists(TOKENS, min_size=1, max_size=12), gaps=GAPS, x=VALUES, y=VALUES,
       fmt=st.sampled_from(["plain", "json"]))
def test_hessian_token_soups_never_crash(tokens, gaps, x, y, fmt):
    run("hessian", "--at", f"x={x},y={y}", "--format", fmt, "--timeout", "2", "--", soup(tokens, gaps))


@FUZZ
@given(tokens=st.lists(TOKENS, min_size=1, max_size=10), gaps=GAPS, tail=RETURN, x=VALUES,
       outputs=st.sampled_from(["", "f", "f,g", "g,x", "q"]))
def test_outputs_never_crash(tokens, gaps, tail, x, outputs):
    source = "f = x*y; g = " + soup(tokens, gaps) + tail
    extra = ["--outputs", outputs] if outputs else []
    run("grad", "--at", f"x={x},y=2", "--format", "json", "--timeout", "2", *extra, "--", source)
    run("graph", "--at", f"x={x},y=2", "--format", "json", *(["--of", outputs] if outputs else []), "--", source)


LHS = st.sampled_from(["d2f/dx2", "d²f/dx²", "d^2f/dxdy", "d^2 f/dx dy", "∂²f/∂x∂y", "d2g/dy2", "d2f/dxdx", "d²f/dq²",
                       "d^2f/dxdyd", "∂²f/∂x", "d2f/dx", "d2/dx2", "d2f/d2", "d^2f/dx^2"])


@FUZZ
@given(lhs=LHS, tokens=st.lists(TOKENS, min_size=0, max_size=8), gaps=GAPS, at=st.sampled_from(["", "x=1,y=2"]))
def test_second_derivative_claims_never_crash(lhs, tokens, gaps, at):
    extra = ["--at", at] if at else []
    run("check", *extra, "--claim", f"{lhs} = {soup(tokens, gaps)}", "--timeout", "2", "--",
        "g = x*y; f = sin(g) + x^3")
