"""Malformed text gets a precise message: what is wrong, a caret under the column, and what was expected."""
import json

import pytest

from symgraph.errors import ParseError, SymgraphError
from symgraph.core.parser import parse

from tests.helpers import caret_column, refused, run


@pytest.mark.parametrize("text, column, fragment", [
    ("x + * y", 4, "expected a number, a name or '('"),
    ("x +", 3, "found the end of the input"),
    ("(x + y", 0, "'(' is never closed"),
    ("sin(x + y", 0, "'sin(' is never closed"),
    ("x + y)", 5, "unmatched ')'"),
    ("x 2", 2, "expected an operator or the end of the expression"),
    ("sinx(y + 1)", 0, "unknown function 'sinx'"),
    ("x = = 1", 4, "expected a number"),
    ("x + 1 = y", 6, "'=' is only allowed after a name"),
    ("1..2", 2, "found '.2'"),
    ("x.5", 1, "found '.5'"),
    ("x,y", 1, "',' outside a function call"),
    ("f = g + 1; g = x", 4, "used before it is assigned"),
    ("a = x; a = y", 7, "assigned twice"),
    ("pi = 3", 0, "'pi' is a constant"),
    ("sin = x", 0, "'sin' is a function"),
    ("sin + x", 0, "'sin' is a function: call it as sin(...)"),
    ("x ^^ 2", 3, "expected a number"),
])
def test_syntax_errors_point_at_the_column(text, column, fragment):
    lines = refused("grad", text, "--at", "x=1,y=2")
    assert fragment in lines[0], lines
    col, line = caret_column(lines)
    assert col == column and line == text.splitlines()[0] if "\n" not in text else True


def test_caret_lands_on_the_right_line_of_a_program():
    text = "g1 = 2*x\ng2 = x*\nf = g1 + g2"
    lines = refused("grad", text, "--at", "x=1")
    col, line = caret_column(lines)
    assert line == "g2 = x*" and col == len("g2 = x*")      # the newline ends the statement too early


def test_long_lines_keep_the_caret_on_screen():
    text = "x + " * 100 + "* x"
    lines = refused("grad", text, "--at", "x=1")
    col, line = caret_column(lines)
    assert line[col] == "*" and len(line) <= 110


@pytest.mark.parametrize("name, suggestion", [
    ("sine", "sin"), ("cosine", "cos"), ("sqr", "sqrt"), ("expp", "exp"), ("zzzz", None), ("Sin", "sin"),
    ("arcsine", "arcsin"), ("sigmoidd", "sigmoid"), ("reLU", "relu"),
])
def test_unknown_function_suggests_the_nearest_names(name, suggestion):
    with pytest.raises(ParseError) as info:
        parse(f"1 + {name}(x)")
    assert info.value.message == f"unknown function '{name}'"
    assert info.value.column == 4
    if suggestion:
        assert info.value.hint.startswith("did you mean ") and suggestion in info.value.hint[13:].rstrip("?").split(" or ")
    else:
        assert "known functions: sin, cos" in info.value.hint      # nothing close: list them all


def test_unknown_function_on_the_command_line_shows_the_hint():
    lines = refused("grad", "sine(x)", "--at", "x=1")
    assert lines[-1] == "hint: did you mean sin or sinh or sign?"


@pytest.mark.parametrize("text, got", [("sin(x, y)", 2), ("sin()", 0), ("exp(x, y, x)", 3)])
def test_wrong_arity_is_named(text, got):
    lines = refused("grad", text, "--at", "x=1,y=2")
    assert lines[0] == f"error: {text.split('(')[0]}() takes 1 argument, got {got}"
    assert caret_column(lines)[0] == 0


@pytest.mark.parametrize("char, name", [
    ("\u200b", "U+200B ZERO WIDTH SPACE"),
    ("\x00", "NUL byte (U+0000)"),
    ("\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
    ("\u00a0", "U+00A0 NO-BREAK SPACE"),
    ("\u202e", "U+202E RIGHT-TO-LEFT OVERRIDE"),
    ("\u00bd", "VULGAR FRACTION ONE HALF"),
    ("\u00e9", "U+00E9 LATIN SMALL LETTER E WITH ACUTE"),
    ("\uff11", "U+FF11 FULLWIDTH DIGIT ONE"),
])
def test_stray_unicode_is_named_where_it_is(char, name):
    text = f"x +{char} 1"
    lines = refused("grad", text, "--at", "x=1")
    assert name in lines[0], lines
    col, _ = caret_column(lines)
    assert col == 3                                   # the caret is under the stray character
    assert "\x00" not in "\n".join(lines)             # a NUL byte is never echoed raw to the terminal


@pytest.mark.parametrize("pretty, ascii_text", [
    ("3\u00d7x\u00d7y \u2212 x", "3*x*y - x"),
    ("2\u00d7x \u2212 \u2212y", "2*x - -y"),
    ("(x \u2212 y)\u00d7(x + y)", "(x - y)*(x + y)"),
])
def test_times_and_minus_signs_read_as_ascii(pretty, ascii_text):
    fancy = json.loads(run("grad", pretty, "--at", "x=2,y=3", "--format", "json").output)
    plain = json.loads(run("grad", ascii_text, "--at", "x=2,y=3", "--format", "json").output)
    assert fancy["value"] == plain["value"] and fancy["gradient"] == plain["gradient"]
    assert fancy["ok"] is True


def test_times_and_minus_values_are_right():
    doc = json.loads(run("grad", "3\u00d7x\u00d7y \u2212 x", "--at", "x=2,y=3", "--format", "json").output)
    assert doc["value"] == 3 * 2 * 3 - 2 and doc["gradient"] == {"x": 3 * 3 - 1, "y": 3 * 2}


@pytest.mark.parametrize("args, fragment", [
    (["grad", "", "--at", "x=1"], "empty input"),
    (["grad", "  \n ; \n", "--at", "x=1"], "empty input"),
    (["grad", "# just a comment", "--at", "x=1"], "empty input"),
])
def test_empty_input(args, fragment):
    assert fragment in refused(*args)[0]


def test_unreadable_files_and_stdin(tmp_path):
    assert "cannot read" in refused("grad", f"@{tmp_path / 'missing.txt'}", "--at", "x=1")[0]
    assert "cannot read" in refused("grad", f"@{tmp_path}", "--at", "x=1")[0]       # a directory
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("x * \xe9".encode("latin-1"))
    assert "is not UTF-8" in refused("grad", f"@{bad}", "--at", "x=1")[0]
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    assert "empty input" in refused("grad", f"@{empty}", "--at", "x=1")[0]
    assert "empty input" in refused("grad", "-", "--at", "x=1", input="")[0]
    assert "is not UTF-8" in refused("grad", "-", "--at", "x=1", input=b"x + \xff")[0]


def test_every_refusal_is_a_symgraph_error():
    """The library raises one family of errors for bad input; the CLI turns them into exit 2."""
    for text in ("x +", "sine(x)", "x.y", "\x00", "1" * 500):
        with pytest.raises(SymgraphError):
            parse(text)


@pytest.mark.parametrize("args", [
    ["grad", "x*y", "--at", "x=1,y=2", "--wrt", "q\nVerdict: all 4 compared checks agree"],
    ["grad", "x*y", "--at", "x=1,y=2", "--outputs", "q\r\nerror: forged"],
    ["grad", "x*y", "--at", "x=1,y=2", "extra\nforged line"],
    ["grad", "x*y", "--at", "x=1,y=2", "--mode", "side\nways"],
])
def test_a_newline_in_an_echoed_value_cannot_forge_a_line(args):
    """An option's value repeated in the error keeps its line breaks visible (⏎): the message stays one
    line, so no forged 'Verdict:' or 'error:' line can appear of its own."""
    lines = refused(*args)
    assert "\u23ce" in lines[0] or "\\n" in lines[0]         # ⏎, or click's own repr ('side\\nways')
    assert not any(line.startswith(("Verdict", "error: forged", "forged", "ways")) for line in lines[1:])


def test_output_options_are_refused_for_tensor_claims_rather_than_ignored(tmp_path):
    for option in (["--svg", str(tmp_path / "c.svg")], ["-o", str(tmp_path / "c.json")], ["--tol", "0.1"],
                   ["--timeout", "5"]):
        lines = refused("check", "sum(W*W)", "--at", "W=[1,2]", "--claim", "df/dW = 2*W", *option)
        assert "not available for claims about a tensor program" in lines[0]
    assert not list(tmp_path.iterdir())
