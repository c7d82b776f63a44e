"""No input runs code: hostile text is refused before SymPy sees it, wherever it arrives (the expression,
--at values, @PATH files, stdin), and the refusal is one line plus a caret, exit 2.

The payloads below are live: the control test shows that SymPy's own ``parse_expr`` creates the marker
file from the same text, so "no file appears" is a real observation, not a tautology.
"""
import json

import pytest
import sympy

from symgraph.cli import main
from symgraph.errors import SymgraphError
from symgraph.pipeline import grad

from tests.helpers import caret_column, refused, run


def payloads(marker):
    """Texts that create ``marker`` if anything executes them as Python."""
    m = str(marker)
    return [
        f"__import__('pathlib').Path('{m}').touch()",
        f"__import__('os').system('touch {m}')",
        f"open('{m}', 'w')",
        f"exec(\"open('{m}', 'w')\")",
        f"eval(\"open('{m}', 'w')\")",
        f"sympify(\"open('{m}', 'w')\")",
        f"Symbol('x').__class__.__init__.__globals__['__builtins__']['open']('{m}', 'w')",
        f"(lambda: open('{m}', 'w'))()",
        f"[open('{m}', 'w') for _ in (1,)]",
        f"(f := open('{m}', 'w'))",
        f"open('{m}', 'w') if x else x",
        f"x @ open('{m}', 'w')",
        f"x < open('{m}', 'w')",
        f"x; __import__('os').system('touch {m}')",
        f"f = x\nimport os; os.system('touch {m}')",
        f"getattr(__builtins__, 'open')('{m}', 'w')",
        f"().__class__.__bases__[0].__subclasses__()[0]('{m}')",
    ]


def test_the_payloads_are_live_for_sympy_parse_expr(tmp_path):
    """Control: the first payload does create the file through SymPy's parser (which symgraph never uses)."""
    from sympy.parsing.sympy_parser import parse_expr

    marker = tmp_path / "control"
    parse_expr(payloads(marker)[0])
    assert marker.exists()


@pytest.fixture
def marker(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)          # relative writes would land here too
    path = tmp_path / "pwned"
    yield path
    assert not path.exists(), "a payload created a file"
    assert [p.name for p in tmp_path.iterdir() if p.name != "payload.txt" and p.suffix != ".json"] == []


def test_payloads_as_the_expression(marker):
    for text in payloads(marker):
        lines = refused("grad", text, "--at", "x=1")
        col, line = caret_column(lines)
        assert 0 <= col <= len(line), lines


def test_payloads_from_a_file_and_from_stdin(marker, tmp_path):
    source = tmp_path / "payload.txt"
    for text in payloads(marker):
        source.write_text(text, encoding="utf-8")
        refused("grad", f"@{source}", "--at", "x=1")
        refused("grad", "-", "--at", "x=1", input=text)


def test_payloads_as_point_values(marker, tmp_path):
    point = tmp_path / "point.json"
    for text in payloads(marker):
        lines = refused("grad", "x", "--at", f"x={text}")
        assert "'x'" in lines[0]                         # the message names the variable
        point.write_text(json.dumps({"x": text}), encoding="utf-8")
        refused("grad", "x", "--at", f"@{point}")


def test_payloads_through_the_library(marker):
    for text in payloads(marker):
        with pytest.raises(SymgraphError):
            grad(text, "x=1")
        with pytest.raises(SymgraphError):
            grad("x", f"x={text}")


def test_payloads_through_the_other_commands(marker):
    """check and graph reuse the same parser: whatever they answer, nothing runs."""
    commands = set(main.commands)
    for text in payloads(marker):
        if "graph" in commands:
            run("graph", text, "--format", "json")
        if "check" in commands:
            run("check", text, "--at", "x=1", "--claim", "df/dx = 1")
            run("check", "x", "--at", "x=1", "--claim", f"df/dx = {text}")


@pytest.mark.parametrize("text, column, fragment", [
    ("x.__class__", 1, "attribute access"),
    ("().__class__.__bases__", 2, "attribute access"),
    ("__import__(os)", 0, "unknown function '__import__'"),
    ("open(x)", 0, "unknown function 'open'"),
    ("exec(x)", 0, "unknown function 'exec'"),
    ("eval(x)", 0, "unknown function 'eval'"),
    ("Symbol(x)", 0, "unknown function 'Symbol'"),
    ("sympify(x)", 0, "unknown function 'sympify'"),
    ("lambda x: x", 0, "'lambda' is a Python keyword"),
    ("[x for x in y]", 0, "subscripts"),
    ("(x for x in y)", 3, "'for' is a Python keyword"),
    ("x[0]", 1, "subscripts"),
    ("'abc'", 0, "strings are not allowed"),
    ('x + "1"', 4, "strings are not allowed"),
    ("x < 1", 2, "comparisons"),
    ("x == 1", 2, "comparisons"),
    ("x if x else 1", 2, "'if' is a Python keyword"),
    ("(y := x)", 3, "walrus"),
    ("x @ x", 2, "'@'"),
    ("not x", 0, "'not' is a Python keyword"),
    ("__class__ + x", 0, "'__'"),
    ("x; import os", 3, "'import' is a Python keyword"),
])
def test_hostile_syntax_is_named_with_a_caret(text, column, fragment):
    lines = refused("grad", text, "--at", "x=1")
    assert fragment in lines[0], lines
    assert caret_column(lines)[0] == column, lines
    assert len([line for line in lines if line.startswith("error:")]) == 1


def test_no_string_ever_reaches_sympy_parser(monkeypatch):
    """SymPy's string parser is what sympify, subs and diff use on strings: it must never be called."""
    import sympy.parsing.sympy_parser as sympy_parser

    calls = []

    def refuse(*args, **kwargs):
        calls.append(args)
        raise AssertionError("a string reached SymPy's parser")

    monkeypatch.setattr(sympy_parser, "parse_expr", refuse)
    grad("g = sin(x)*cos(y); f = g**2 + abs(x - y) + relu(y) + sigmoid(x)", "x=pi/3,y=1/2")
    grad("I*E + S*N + Q*O", "I=2,E=3,S=5,N=7,Q=1,O=1")
    assert calls == []


def test_sympy_special_names_stay_plain_variables():
    """Names that mean something to SymPy (I, E, S, N, O, oo, nan, zoo) are ordinary variables here."""
    report = grad("I*E + oo*zoo + nan", "I=2,E=3,oo=5,zoo=7,nan=1")
    assert report.value == 2 * 3 + 5 * 7 + 1
    assert report.gradient == {"I": 3.0, "E": 2.0, "oo": 7.0, "zoo": 5.0, "nan": 1.0}
    assert report.symbolic["I"]["value"] == pytest.approx(3.0)
    assert sympy.Symbol("I", real=True) is not sympy.I
