"""Fuzzing the CLI: random text and random token soups through ``symgraph grad`` via click's CliRunner.
Every run must end with exit 0, 1 or 2 and never a traceback or an internal error (exit 3).

CI runs a modest number of examples; ``make fuzz`` runs many more (SYMGRAPH_FUZZ_EXAMPLES).
"""
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import run

EXAMPLES = int(os.environ.get("SYMGRAPH_FUZZ_EXAMPLES", "150"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])

NAMES = ["x", "y"]
WORDS = ["sin", "cos", "tan", "exp", "log", "sqrt", "abs", "tanh", "asin", "acos", "sigmoid", "relu",
         "softplus", "pi", "e", "f", "g", "__import__", "open", "lambda", "if", "for", "sine", "Symbol", "_"]
NUMBERS = ["0", "1", "2", "0.5", ".5", "1e-3", "3e2", "1e308", "1e-400", "10", "9" * 40, "1.", "007"]
OPERATORS = ["+", "-", "*", "/", "**", "^", "(", ")", "(", ")", ",", "=", ";", "\n", "\u00d7", "\u2212",
             ".", "[", "]", "'", '"', "@", ":", "<", "==", "#", "\u200b", "\x00", "\t", "!", "%", "|"]
TOKENS = st.sampled_from(NAMES * 6 + WORDS + NUMBERS + OPERATORS)
VALUES = st.sampled_from(["0", "1", "-1", "2", "0.5", "-0.5", "pi/2", "1e-9", "1e300", "-3e2", "1/3", "e"])


def soup(tokens, gaps):
    return "".join(t + g for t, g in zip(tokens, gaps))


def grad(text, at, fmt):
    # options first and "--" before the text, so that a text starting with '-' is never read as an option
    return run("grad", "--at", at, "--format", fmt, "--timeout", "2", "--", text)


@FUZZ
@given(text=st.text(max_size=40), fmt=st.sampled_from(["plain", "json"]))
def test_random_text_never_crashes(text, fmt):
    grad(text, "x=1", fmt)


@FUZZ
@given(tokens=st.lists(TOKENS, min_size=1, max_size=25),
       gaps=st.lists(st.sampled_from(["", " "]), min_size=25, max_size=25),
       x=VALUES, y=VALUES, fmt=st.sampled_from(["plain", "json"]))
def test_token_soups_never_crash(tokens, gaps, x, y, fmt):
    text = soup(tokens, gaps)
    used = [name for name in NAMES if name in tokens]
    at = ",".join(f"{name}={value}" for name, value in zip(NAMES, (x, y)) if name in used) or "x=1"
    grad(text, at, fmt)


@FUZZ
@given(expr=st.sampled_from(["x", "x*y", "log(x) + sqrt(y)", "x/y", "abs(x - y)", "asin(x)*relu(y)"]),
       at=st.text(alphabet="xy=,.-+*/()e1234567890pi _\u00d7@[]'", max_size=25))
def test_random_points_never_crash(expr, at):
    run("grad", "--at", at, "--format", "plain", "--no-trace", "--", expr)
