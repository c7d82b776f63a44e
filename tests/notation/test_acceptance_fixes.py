"""Defects found by acceptance testing issue 23 on fresh homework. The true derivatives are hand-computed
from the textbook meaning: for x^2 + xy + y^2, ∂/∂x = 2x + y; for x/(2y) ... each case says its own."""
import math

from symgraph.core.parser import parse
from symgraph.judging.checking import check
from symgraph.notation.printer import program_reading
from symgraph.pipeline import grad


def test_letters_covered_by_the_expressions_own_variables_are_a_product_without_a_point():
    # x^2 + xy + y^2: x and y stand alone in it, so xy is x*y (a textbook reader's reading), with a note
    program = parse("x^2 + xy + y^2")
    assert program_reading(program) == "x**2 + x*y + y**2"
    assert any("xy is read as x*y" in n for n in program.notes)
    verdict = check("z = x^2 + xy + y^2", ["∂z/∂x = 2x + y"]).verdicts[0]
    assert verdict.status == "right"
    report = grad("x^2 + xy + y^2", at="x=1,y=2")
    assert math.isclose(report.gradient["x"], 2 * 1 + 2) and math.isclose(report.gradient["y"], 1 + 2 * 2)


def test_code_style_names_that_are_not_covered_stay_whole():
    assert program_reading(parse("rate*t + r")) == "rate*t + r"
    assert program_reading(parse("x1*y + xy")) == "x1*y + xy"          # y stands alone, x does not
    assert program_reading(parse("alpha*x + a")) == "alpha*x + a"
