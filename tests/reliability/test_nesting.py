"""Nesting in every reader: the expression (as text, @file, stdin), --at (inline, @point.json), --file
(TOML), claims. Too deep is exit 2 with a message that names the input; never a traceback or exit 3.

``SYMGRAPH_STRESS=1`` (``make stress``) nests ten times deeper."""
import json
import os

import pytest

from tests.helpers import refused, run

DEPTH = 200_000 if os.environ.get("SYMGRAPH_STRESS") == "1" else 20_000


def parens(core: str, depth: int = DEPTH) -> str:
    return "(" * depth + core + ")" * depth


def brackets(depth: int = DEPTH) -> str:
    return "[" * depth + "]" * depth


def test_the_expression_as_text():
    assert refused("grad", parens("x"), "--at", "x=1")[0] == "error: the expression: nesting deeper than 10,000 levels"


def test_the_expression_from_a_file(tmp_path):
    path = tmp_path / "deep.txt"
    path.write_text(parens("x"))
    assert refused("grad", f"@{path}", "--at", "x=1")[0].startswith(f"error: the expression in {path}: nesting")


def test_the_expression_from_stdin():
    line = refused("graph", "-", input=parens("x"))[0]
    assert line.startswith("error: the expression on standard input: nesting deeper")


def test_an_inline_point_value():
    assert refused("grad", "x", "--at", f"x={parens('1')}")[0].startswith("error: --at: value of 'x': nesting")


def test_a_json_point_file_nested_in_its_structure(tmp_path):
    path = tmp_path / "p.json"
    path.write_text('{"x": ' + brackets() + "}")
    assert refused("grad", "x", "--at", f"@{path}")[0] == f"error: --at @{path} is nested too deeply to read"


def test_a_json_point_file_nested_in_a_value(tmp_path):
    path = tmp_path / "p.json"
    path.write_text(json.dumps({"x": parens("1")}))
    line = refused("check", "x", "--at", f"@{path}", "--claim", "df/dx = 1")[0]
    assert line.startswith(f"error: --at @{path}: value of 'x': nesting deeper")


def test_a_toml_answer_file_nested_in_its_structure(tmp_path):
    path = tmp_path / "answers.toml"
    path.write_text("x = " + brackets() + "\n")
    line = refused("check", "--file", str(path))[0]     # the pre-parse scan (core/toml_guard.py) names the limit
    assert line == f"error: {path}: line 1: arrays or inline tables inside each other more than 32 deep"


def test_a_toml_answer_file_with_a_deep_expression_grades_that_answer_wrong(tmp_path):
    """One deep answer is one ungradable row (exit 1), the file as a whole is still graded."""
    path = tmp_path / "answers.toml"
    path.write_text(f'[[problem]]\nid = "deep"\nexpression = "{parens("x")}"\nat = "x=1"\nclaims = ["df/dx = 1"]\n'
                    '[[problem]]\nid = "fine"\nexpression = "x**2"\nat = "x=3"\nclaims = ["df/dx = 6"]\n')
    result = run("check", "--file", str(path), "--format", "json")
    assert result.exit_code in (1, 2), result.output
    if result.exit_code == 1:
        rows = {r["problem"]: r for r in json.loads(result.output)["rows"]}
        assert "nest" in json.dumps(rows["deep"]) and rows["fine"].get("ok") is not False


def test_a_claim(tmp_path):
    result = run("check", "x", "--at", "x=1", "--claim", f"df/dx = {parens('1')}")
    assert result.exit_code in (1, 2)
    assert "nest" in result.output
