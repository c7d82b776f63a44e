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


def test_a_division_followed_by_a_product_side_by_side_carries_its_note():
    # x/2y is (x/2)*y as written (implicit products bind like *), but many readers mean x/(2y)
    for text, reading, fragment in [
        ("x/2y", "x/2*y", "x/2y is read as (x/2)*y; for x/(2y) write x/(2y)"),
        ("x^2/3x", "x**2/3*x", "x^2/3x is read as (x^2/3)*x; for x^2/(3x) write x^2/(3x)"),
        ("1/x(x+1)", "1/x*(x + 1)", "for 1/(x(x+1)) write 1/(x(x+1))"),
        ("2/3x", "2/3*x", "2/3x is read as (2/3)*x; for 2/(3x) write 2/(3x)"),
        ("1/2x", "1/2*x", "1/2x is read as (1/2)*x; for 1/(2x) write 1/(2x)"),
    ]:
        program = parse(text)
        assert program_reading(program) == reading
        assert any(fragment in n for n in program.notes)
    assert parse("1/2 x").notes == [] and parse("x/2 * y").notes == []


def test_a_verdict_on_a_division_by_a_product_says_when_it_would_flip():
    # x/(2y): d/dy = -x/(2y^2); (x/2)*y: d/dy = x/2
    verdicts = check("x/2y", ["df/dy = x/2", "df/dy = -x/(2y^2)"]).verdicts
    assert verdicts[0].status == "right" and "this claim would be wrong" in verdicts[0].note
    assert verdicts[1].status == "wrong" and "this claim would be right" in verdicts[1].note


def test_a_power_one_over_n_written_tight_carries_its_note():
    # x^1/3 is (x^1)/3 = x/3 as written; d/dx = 1/3. The cube root's derivative at 8 would be 1/12.
    program = parse("x^1/3")
    assert program_reading(program) == "x**1/3"
    assert program.notes == ["x^1/3 is read as (x^1)/3; for x to the power 1/3 write x^(1/3)"]
    assert parse("x^2/3").notes == []
    right, cube = check("x^1/3", ["f'(8) = 1/3", "f'(8) = 1/12"]).verdicts
    assert right.status == "right" and "this claim would be wrong" in right.note
    assert cube.status == "wrong" and "this claim would be right" in cube.note


def test_sin_x_e_to_the_x_is_judged_against_sin_of_x_e_to_the_x_under_the_other_reading():
    # the other reading of sin x e^x is sin(x e^x), whose derivative at 0 is cos(0)*(e^0 + 0) = 1;
    # sin(x)*e^x has derivative (cos 0 + sin 0)e^0 = 1 at 0 too, but at x = 1 they differ:
    # sin(x)e^x: (cos 1 + sin 1) e = 3.756...; sin(x e^x): cos(e)*(e + e) = -4.9567...
    verdict = check("sin x e^x", ["f'(1) = -4.9567"]).verdicts[0]
    assert verdict.status == "wrong"
    assert "(the expression as sin(x*e**x)) this claim would be right" in verdict.note
    assert "sin x e^x is read as sin(x)*e^x; for the product inside the argument write sin(x e^x)" in verdict.note
    latex = parse(r"\cos 2x e^{-x}").notes
    assert latex == [r"\cos 2x e^{-x} is read as cos(2x)*e^{-x}; for the product inside the argument write "
                     r"\cos(2x e^{-x})"]


def test_a_derivative_operator_with_respect_to_a_greek_letter():
    # d/dθ θ^2 = 2θ = 4 at θ = 2; it was read as the variables d and theta
    for text in ("d/dθ θ^2", r"\frac{d}{d\theta} \theta^2"):
        report = grad(text, at="theta=2")
        assert report.read_as == "theta**2" and report.wrt == ["theta"]
        assert math.isclose(report.gradient["theta"], 4.0)
    # d/dλ (λ^3) at 2: 3·4 = 12
    assert math.isclose(grad(r"\frac{d}{d\lambda}\lambda^3", at="lamda=2").gradient["lamda"], 12.0)


def test_latex_claims_with_respect_to_a_greek_letter():
    # d/dθ (θ sin θ) = sin θ + θ cos θ, 0 at θ = 0
    verdicts = check(r"\theta \sin\theta", [r"\frac{df}{d\theta} = \sin\theta + \theta\cos\theta",
                                             r"\frac{\partial f}{\partial \theta} = \sin\theta",
                                             r"\left.\frac{df}{d\theta}\right|_{\theta=0} = 0"]).verdicts
    assert [v.status for v in verdicts] == ["right", "wrong", "right"]


def test_a_verdict_names_each_note_once():
    verdict = check("xy^2 + 3x^2y", ["f_x = y^2 + 6xy"]).verdicts[0]
    assert verdict.status == "right" and verdict.note.count("xy is read as x*y") == 1
    at_ten = check("log x", ["f'(10) = 0.1"]).verdicts[0]     # ln: 1/10 right; log10: 1/(10 ln 10) wrong
    assert at_ten.status == "right" and at_ten.note.count("this claim would be wrong") == 1


def test_a_function_glued_to_its_argument():
    # sinx with x in play is sin(x): 0.841471 at 1 (math.sin), derivative cos 1
    report = grad("sinx", at="x=1")
    assert report.read_as == "sin(x)" and math.isclose(report.gradient["x"], math.cos(1))
    assert "sinx is read as sin x; for a variable named sinx, give it a value in --at" in report.notes
    # x sinx: textbook style; d/dx = sin x + x cos x
    verdict = check("x sinx", ["f'(x) = sinx + xcosx"]).verdicts[0]
    assert verdict.status == "right"
    assert program_reading(parse("lnx + x")) == "log(x) + x"
    assert program_reading(parse("sin2x + x")) == "sin(2*x) + x"
    assert program_reading(parse("e^xcosx", names=["x"])) == "e**x*cos(x)"


def test_code_style_names_that_start_like_a_function_stay_whole():
    for text in ("cost", "logp - p", "sinx", "cost*2", "cosh_x + x"):
        assert program_reading(parse(text)) == text
    assert program_reading(parse("cost + t", names=["cost", "t"])) == "cost + t"


def test_greek_letters_pasted_into_latex_and_with_a_subscript():
    # \sin θ at θ = 0.5: sin 0.5, derivative cos 0.5 (it was refused: unexpected 'θ' in the LaTeX)
    report = grad(r"\sin θ + \frac{1}{2}θ^2", at="theta=0.5")
    assert report.read_as == "sin(theta) + 1/2*theta**2"
    assert math.isclose(report.gradient["theta"], math.cos(0.5) + 0.5)
    assert program_reading(parse(r"2π r + \cos(2θ)")) == "2*pi*r + cos(2*theta)"
    # θ_1 x + θ_2: the names theta_1 and theta_2 (θ_1 was theta times a name _1)
    assert program_reading(parse("θ_1 x + θ_2")) == "theta_1*x + theta_2"


def test_math_italic_letters_pasted_from_a_word_processor():
    # 𝑥 (U+1D465) is x: x^2 + 1 at 2 is 5, derivative 4 (it was refused as a non-ASCII character)
    report = grad("𝑥^2 + 1", at="x=2")
    assert report.read_as == "x**2 + 1" and report.gradient["x"] == 4.0
    assert program_reading(parse("2𝜃 + 𝑥𝑦", names=["theta", "x", "y"])) == "2*theta + x*y"
    assert program_reading(parse("𝑥_1 + 𝑥_2")) == "x_1 + x_2"


def test_latex_written_tight_carries_its_note_and_is_judged_both_ways():
    # TeX sets e^2x as e²x: read so, with a note; d/dx e^2 x = e^2 = 7.389..., d/dx e^{2x} = 2e^{2x}
    program = parse(r"e^2x + \pi")
    assert program_reading(program) == "e**2*x + pi"
    assert program.notes == ["e^2x is read as e^2 x, as TeX sets it; for e to the power 2x write e^{2x}"]
    assert parse(r"e^2 x + \pi").notes == [] and parse(r"\frac{1}{2}x").notes == []
    assert parse(r"1/2x + \pi").notes == ["1/2x is read as (1/2)*x; for 1/(2x) write \\frac{1}{2x}"]
    right, other = check(r"e^2x + \pi", [r"f'(x) = e^2", r"f'(x) = 2e^{2x}"]).verdicts
    assert right.status == "right" and "this claim would be wrong" in right.note
    assert other.status == "wrong" and "this claim would be right" in other.note


def test_a_derivative_operator_before_brackets():
    # d/dx [x^2 sin x] at 2: 2x sin x + x^2 cos x = 4 sin 2 + 4 cos 2
    report = grad("d/dx [x^2 sin x]", at="x=2")
    assert report.read_as == "x**2*sin(x)" and report.wrt == ["x"]
    assert math.isclose(report.gradient["x"], 4 * math.sin(2) + 4 * math.cos(2))
    assert grad(r"\frac{d}{dx}[x^3]", at="x=2").gradient["x"] == 12.0


def test_a_claim_about_x_on_sinx_alone_says_how_to_write_sin_x():
    import pytest
    from symgraph.errors import ParseError

    with pytest.raises(ParseError) as info:
        check("sinx", ["f'(x) = cosx"])
    assert info.value.hint == "'sinx' is one name in the expression; for sin of x write sin x or sin(x)"


def test_a_cube_root_sign_alone_is_named_in_its_message():
    import pytest
    from symgraph.errors import ParseError

    with pytest.raises(ParseError, match="'∛' must be followed by"):
        parse("∛")
