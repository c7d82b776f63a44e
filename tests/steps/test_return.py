"""``steps`` reads a program's ``return`` line as grad does: one named output, derived up to that statement;
``return f, g`` (a Jacobian's outputs) is refused with one output at a time. The derivative is SymPy's."""
import sympy

from symgraph.steps.derive import steps
from tests.helpers import refused, run


def test_return_names_the_output_that_steps_derives():
    x, y = sympy.symbols("x y")
    data = steps("g = x*y\nf = sin(g) + 1\nreturn g", wrt=["y"], at="x=3, y=2").to_dict()
    assert data["output"] == "g" and data["proved"] is True
    assert data["derivations"][0]["value"] == float(sympy.diff(x * y, y).subs({x: 3, y: 2}))
    same = steps("f = x*y; return f", at="x=3, y=2").to_dict()
    assert same == steps("f = x*y", at="x=3, y=2").to_dict() | {"expression": "f = x*y; return f"}


def test_return_of_several_outputs_or_an_unknown_one_is_refused_with_a_caret():
    lines = refused("steps", "g = x*y; f = g + 1; return g, f", "--at", "x=1,y=2")
    assert "'return' names 2 outputs; a derivation follows one at a time" in lines[0]
    assert lines[2].index("^") == lines[1].index("f", lines[1].index("return"))
    lines = refused("steps", "g = x*y\nreturn q", "--at", "x=1,y=2")
    assert lines[0].startswith("error: output 'q' is not a named statement")
    assert run("steps", "f = x*y\nreturn f", "--at", "x=1,y=2").exit_code == 0
