"""The pre-parse scan of answers files (issue 22 item 6): a key's parts and length and the nesting are
capped before Python's TOML reader (quadratic in a dotted key's parts) sees the text."""
import tomllib

import pytest
from hypothesis import given, settings, strategies as st

from symgraph.core.toml_guard import MAX_KEY_CHARS, MAX_KEY_PARTS, MAX_NESTING, check_toml
from symgraph.errors import LimitError
from tests.helpers import EXAMPLES, refused


def test_the_example_answers_file_passes():
    check_toml((EXAMPLES / "answers.toml").read_text(encoding="utf-8"), "answers.toml")


@pytest.mark.parametrize("text, what", [
    ("a" + ".a" * 30_000 + " = 1\n", "dotted key of more than"),
    ("[" + "a." * 30_000 + "a]\n", "dotted key of more than"),
    ("x = 1\n[[" + ".".join(["p"] * 40) + "]]\n", "dotted key of more than"),
    ("x = {" + ".".join(["q"] * 40) + " = 1}\n", "dotted key of more than"),
    ("k" * 100_000 + " = 1\n", "a key longer than"),
    ('"' + "k" * 100_000 + '" = 1\n', "a key longer than"),
    ("a = " + "[" * 10_000 + "]" * 10_000 + "\n", "inside each other more than"),
    ("a = " + "{b=" * 10_000 + "1" + "}" * 10_000 + "\n", "inside each other more than"),
])
def test_hostile_keys_and_nesting_are_refused_before_parsing(text, what):
    with pytest.raises(LimitError, match=what):
        check_toml(text, "f.toml")


def test_dots_and_brackets_inside_values_strings_and_comments_do_not_count():
    text = ('a = "' + "." * 10_000 + '"\n# ' + "[." * 500 + "\nb = '''\n" + "x." * 500 + "'''\n"
            "c = [1.5, 2.5e3, {d = 0.5}]\n[p.q]\nr.s = \"[{\\\"\"\n")
    check_toml(text, "f.toml")
    assert tomllib.loads(text)["p"]["q"]["r"]["s"] == '[{"'


@settings(max_examples=60, deadline=None)
@given(parts=st.lists(st.one_of(st.from_regex(r"[a-z_][a-z0-9_]{0,5}", fullmatch=True),
                                st.from_regex(r'"[a-z .\[\]]{0,5}"', fullmatch=True)), min_size=1, max_size=30),
       spaced=st.booleans(), header=st.booleans())
def test_a_dotted_key_is_refused_exactly_when_it_has_too_many_parts(parts, spaced, header):
    key = (" . " if spaced else ".").join(parts)
    text = f"[{key}]\nv = 1\n" if header else f"{key} = 1\n"
    tomllib.loads(text)                                   # valid TOML either way: the caps decide alone
    too_long = len(key) > MAX_KEY_CHARS
    if len(parts) > MAX_KEY_PARTS:
        with pytest.raises(LimitError):
            check_toml(text, "f.toml")
    elif not too_long:
        check_toml(text, "f.toml")


def test_the_command_line_refuses_a_deep_key_with_exit_2(tmp_path):
    path = tmp_path / "answers.toml"
    path.write_text("a" + ".a" * 30_000 + " = 1\n", encoding="utf-8")
    lines = refused("check", "--file", str(path))
    assert f"a dotted key of more than {MAX_KEY_PARTS} parts" in lines[0] and "line 1" in lines[0]
    assert MAX_NESTING == 32
