"""Invariants of issue 23's readings (hypothesis): code-style input reads exactly as its explicit printing,
with or without a point, and carries no note but log's; letters side by side are the product of the
letters; a run of the point's names splits into exactly those names."""
import keyword
import math

from hypothesis import given, settings
from hypothesis import strategies as st

from symgraph.core.parser import parse
from symgraph.notation.notes import in_play
from symgraph.notation.printer import explicit, program_reading
from symgraph.pipeline import grad
from tests.notation.test_notation_properties import trees

LOG_NOTE = "log is the natural logarithm (ln); for base 10 write log10(x)"


@settings(max_examples=60, deadline=None)
@given(trees)
def test_code_style_reads_as_written_with_and_without_a_point(tree):
    text = explicit(tree)
    plain = parse(text, "plain")
    assert program_reading(plain) == text
    assert set(plain.notes) <= {LOG_NOTE}
    with in_play(["x", "y", "w_0"]):
        assert program_reading(parse(text, "plain")) == text


LETTERS = [c for c in "abcdghkmnpqrsuvwxyz"]   # no e (a constant), no letters of the functions' names below


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(LETTERS), min_size=2, max_size=5, unique=True), st.integers(2, 9))
def test_letters_side_by_side_are_their_product(letters, k):
    text = f"{k}{''.join(letters)}"
    if keyword.iskeyword("".join(letters)):      # 2as: 'as' is refused by the tokenizer (write 2a s)
        return
    if any(f in text for f in ("sin", "cos", "tan", "exp", "log", "abs", "max", "min", "erf", "sec", "csc",
                               "cot", "pow", "sign", "relu", "sqrt", "cbrt", "nu", "mu", "xi", "pi")):
        return
    assert program_reading(parse(text)) == "*".join([str(k)] + letters)
    values = {c: 0.5 + i / 7 for i, c in enumerate(letters)}
    report = grad(text, ",".join(f"{c}={v}" for c, v in values.items()), check="none")
    assert math.isclose(report.value, k * math.prod(values.values()), rel_tol=1e-12)


NAMES = ["x1", "y2", "w_0", "ab", "z"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(NAMES), min_size=2, max_size=4, unique=True))
def test_a_run_of_the_points_names_splits_into_them(names):
    run = "".join(names)
    with in_play(NAMES):
        assert program_reading(parse(f"2{run} + 1")) == "2*" + "*".join(names) + " + 1"
        assert program_reading(parse(f"{run} + 1")) == "*".join(names) + " + 1"    # code style: the point decides
