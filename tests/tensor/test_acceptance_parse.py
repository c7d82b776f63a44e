"""Acceptance defects in the tensor language: a repeated keyword is refused at the second one; a constant
statement keeps its name."""
import numpy as np

import symgraph
from tests.helpers import caret_column, refused


def test_a_repeated_keyword_is_refused_at_the_second():
    lines = refused("grad", "sum(w, axis=0, axis=0)", "--at", "w=[1,2]")
    assert lines[0] == "error: axis= is given twice"
    col, src = caret_column(lines)
    assert src == "sum(w, axis=0, axis=0)" and col == src.rindex("axis")


def test_a_constant_statement_keeps_its_name():
    r = symgraph.grad("f=sum(x.T); g=1", {"x": np.array([1.0, 2.0])})
    assert r.output == "g" and r.value == 1.0 and r.gradient["x"].tolist() == [0.0, 0.0]


def test_syntax_latex_is_refused_for_a_tensor_program():
    lines = refused("grad", "sum(x)", "--at", "x=[1,2]", "--syntax", "latex")
    assert "LaTeX is not read for tensor programs" in lines[0]
