"""Token soups of LaTeX, textbook notation and claim left-hand sides: every one is read or refused with a
SymgraphError (exit 2 on the command line), never another exception."""
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symgraph.core.lower import lower
from symgraph.core.parser import parse
from symgraph.errors import SymgraphError
from symgraph.judging.claims import parse_claim

LATEX = ["\\frac", "{", "}", "x", "y_1", "2", "^", "_", "\\sin", "(", ")", "\\left(", "\\right)", "+", "-",
         "\\cdot", " ", "\\sqrt", "[", "]", "\\alpha", ",", "=", ";", "\\\\", "\\pi", "e", "\\log", "\\lvert",
         "\\rvert", "$", "\\operatorname{relu}", "\\max", "\\sigma", "\\ln", "\\div", "0.5", "\n", "\\input", "%"]
TEXTBOOK = ["2", "x", "y", "(", ")", "sin", "^", "²", "⁻", "√", "·", "÷", "+", "-", "*", "/", " ", ",", "max",
            "log", "ln", "pi", "0.5", "=", ";", "\n", "leaky_relu", "atan2"]
CLAIM = ["d", "∂", "/", "f", "x", "'", "′", "2", "^", "²", "(", ")", " ", "\\frac", "{", "}", "\\partial",
         "\\prime", "g_1", "y", "''"]


def _read(text: str, syntax=None) -> None:
    try:
        lower(parse(text, syntax))
    except SymgraphError:
        pass


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(LATEX), max_size=25).map("".join))
def test_latex_soup_is_read_or_refused(text):
    _read(text, "latex")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TEXTBOOK), max_size=25).map("".join))
def test_textbook_soup_is_read_or_refused(text):
    _read(text, "plain")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(CLAIM), max_size=15).map("".join))
def test_claim_left_sides_are_read_or_refused(lhs):
    try:
        parse_claim(lhs + " = 1")
    except SymgraphError:
        pass
