"""Bad points: each problem with --at names the variable and exits 2, whether the point is written inline or
comes from a JSON file."""
import json

import pytest

from symgraph.errors import PointError
from symgraph.core.point import parse_point

from tests.helpers import caret_column, refused


@pytest.mark.parametrize("expr, at, fragments", [
    ("x*y", "x=1", ["missing a value for y"]),
    ("x*y*z", "y=1", ["missing a value for x, z"]),
    ("x", "x=1,y=2", ["gives y, which the expression does not use"]),
    ("x", "x=1,w_0=2,alpha=3", ["gives w_0, alpha"]),
    ("x*y", "x=1,z=3", ["missing a value for y", "gives z"]),
    ("x", "x=1,x=2", ["'x' is given twice"]),
    ("x", "x=abc", ["'x'", "expected a number, but 'abc' is a variable"]),
    ("x", "x=2*y", ["'x'", "'y' is a variable"]),
    ("x", "x=", ["'x' has no value"]),
    ("x", "x", ["expected name=value", "'x'"]),
    ("x", "=1", ["'' is not a variable name"]),
    ("x", "x y=1", ["'x y' is not a variable name"]),
    ("x", "x=1e999", ["'x'", "beyond the float64 range"]),
    ("x", "x=-1e400", ["'x'", "beyond the float64 range"]),
    ("x", "x=1e-320", ["'x'", "below float64's normal range"]),
    ("x", "x=inf", ["'x'", "inf is not a finite number"]),
    ("x", "x=-Infinity", ["'x'", "not a finite number"]),
    ("x", "x=nan", ["'x'", "nan is not a finite number"]),
    ("x", "x=exp(1000)", ["'x'", "not finite"]),
    ("x", "x=10**400", ["'x'", "out of range"]),
    ("x", "x=1/0", ["'x'", "division by zero"]),
    ("x", "x=log(-1)", ["'x'", "not a real number"]),
    ("x", "x=sqrt(-4)", ["'x'", "not a real number"]),
    ("x", "pi=3,x=1", ["'pi' is a constant"]),
    ("x", "x=1,e=2", ["'e' is a constant"]),
    ("x", "sin=1,x=1", ["'sin' is a function"]),
    ("x", "x=sin", ["'x'", "'sin' is a function"]),
    ("x", "x=1;y=2", ["'x'", "expected a single expression"]),
    ("x", "x==1", ["'x'", "expected a number"]),
    ("x", "x=1,", ["expected name=value"]),
])
def test_bad_points_are_named(expr, at, fragments):
    lines = refused("grad", expr, "--at", at)
    for fragment in fragments:
        assert fragment in lines[0], lines


def test_an_inline_value_error_points_into_the_at_text():
    lines = refused("grad", "x + y", "--at", "x=1,y=2*+")
    col, line = caret_column(lines)
    assert line == "x=1,y=2*+" and col == len(line)
    lines = refused("grad", "x", "--at", "x=1,x=2")
    assert caret_column(lines) == (4, "x=1,x=2")                   # under the second x


def test_a_case_slip_gets_a_hint():
    lines = refused("grad", "x", "--at", "X=1")
    assert "missing a value for x" in lines[0] and "gives X" in lines[0]
    assert lines[-1] == "hint: did you mean x instead of X?"


@pytest.mark.parametrize("content, fragment", [
    ('{"x": 1, "x": 2}', "'x' is given twice"),
    ('{"x": Infinity}', "the value of 'x' is not finite (inf)"),
    ('{"x": -Infinity}', "the value of 'x' is not finite (-inf)"),
    ('{"x": NaN}', "the value of 'x' is not finite (nan)"),
    ('{"x": 1e999}', "value of 'x': number 1e999 is beyond the float64 range"),
    ('{"x": "abc"}', "expected a number, but 'abc' is a variable"),
    ('{"x": true}', "the value of 'x' must be a number or an expression string"),
    ('{"x": {"a": 1}}', "the value of 'x' must be a number"),   # (a list is an array: the tensor route, issue 20)
    ('{"x": null}', "the value of 'x' must be a number"),
    ('{"pi": 3, "x": 1}', "'pi' is a constant"),
    ('{"x y": 1}', "'x y' is not a variable name"),
    ('[1, 2]', "expected a JSON object"),
    ('{"x": 1', "not valid JSON"),
    ('', "not valid JSON"),
])
def test_bad_json_points_are_named(tmp_path, content, fragment):
    path = tmp_path / "point.json"
    path.write_text(content, encoding="utf-8")
    lines = refused("grad", "x", "--at", f"@{path}")
    assert fragment in lines[0], lines


def test_unreadable_point_files(tmp_path):
    assert "cannot read" in refused("grad", "x", "--at", f"@{tmp_path / 'nope.json'}")[0]
    path = tmp_path / "point.json"
    path.write_bytes(b'{"x": "\xff"}')
    assert "not UTF-8" in refused("grad", "x", "--at", f"@{path}")[0]


def test_good_points_still_parse_exactly():
    """The refusals above do not cost the valid forms: signs, exponents, constants, expressions."""
    point = parse_point("a=-3e-2,b=+.5,c=pi/4,d=1/3,e_1=-sin(pi/6),f=2**-2,g=-0")
    assert point.floats == {"a": -0.03, "b": 0.5, "c": 0.7853981633974483, "d": 1 / 3, "e_1": -0.5,
                            "f": 0.25, "g": 0.0}
    assert str(point.exact["d"]) == "1/3" and str(point.exact["c"]) == "pi/4"


def test_point_errors_are_point_errors():
    for spec in ("x=inf", "pi=1", "x=1,x=1", "x=y"):
        with pytest.raises(PointError):
            parse_point(spec)


def test_json_string_values_use_the_same_parser(tmp_path):
    path = tmp_path / "point.json"
    path.write_text(json.dumps({"x": "pi/4", "y": "__import__('os')"}), encoding="utf-8")
    lines = refused("grad", "x*y", "--at", f"@{path}")
    assert "'y'" in lines[0] and "strings are not allowed" in lines[0]
