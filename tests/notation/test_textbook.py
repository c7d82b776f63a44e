"""Issue 23: homework read as it is written. Each form: its reading, and its value at a point against a
number computed independently (Python's math module on the textbook meaning), with grad's own checks
(SymPy and finite differences) agreeing."""
import math

import pytest

from symgraph.core.parser import parse
from symgraph.errors import ParseError
from symgraph.notation.notes import in_play
from symgraph.notation.printer import program_reading
from symgraph.pipeline import grad

X, Y = 0.7, 1.3
A, B, C = 2.0, -3.0, 0.5
cbrt = lambda v: math.copysign(abs(v) ** (1 / 3), v)   # noqa: E731

# (text, point, reading, the value a textbook reader means)
FORMS = [
    # 1. letters side by side
    ("2xy", "x=0.7,y=1.3", "2*x*y", 2 * X * Y),
    ("x^2y + 3xy^2", "x=0.7,y=1.3", "x**2*y + 3*x*y**2", X**2 * Y + 3 * X * Y**2),
    ("e^{xy}", "x=0.7,y=1.3", "e**(x*y)", math.exp(X * Y)),
    ("b^2 - 4ac", "a=2,b=-3,c=0.5", "b**2 - 4*a*c", B**2 - 4 * A * C),
    (r"\sigma(wx+b)", "w=2,x=0.7,b=-3", "sigmoid(w*x + b)", 1 / (1 + math.exp(-(2 * X - 3)))),
    ("w_0x_0 + w_1x_1", "w_0=2,x_0=0.7,w_1=-3,x_1=1.3", "w_0*x_0 + w_1*x_1", 2 * X - 3 * Y),
    ("xy + 1", "x=0.7,y=1.3", "x*y + 1", X * Y + 1),                       # the point's names cover xy
    ("xy + 1", "xy=0.5", "xy + 1", 1.5),                                   # xy is a name of the point
    ("θ^2 + 2θ", "theta=0.7", "theta**2 + 2*theta", X**2 + 2 * X),
    (r"\theta \sin\theta", "theta=0.7", "theta*sin(theta)", X * math.sin(X)),
    # 2. functions without parentheses; a name before '(' multiplies
    ("x sin x", "x=0.7", "x*sin(x)", X * math.sin(X)),
    ("x^2 ln x", "x=0.7", "x**2*log(x)", X**2 * math.log(X)),
    ("sin^2 x + x", "x=0.7", "sin(x)**2 + x", math.sin(X) ** 2 + X),
    ("ln cos x", "x=0.7", "log(cos(x))", math.log(math.cos(X))),
    (r"\ln \cos x", "x=0.7", "log(cos(x))", math.log(math.cos(X))),
    (r"\sin\sin x", "x=0.7", "sin(sin(x))", math.sin(math.sin(X))),
    ("sin 2x cos x", "x=0.7", "sin(2*x)*cos(x)", math.sin(2 * X) * math.cos(X)),
    ("x(3x^2 - 9)", "x=0.7", "x*(3*x**2 - 9)", X * (3 * X**2 - 9)),
    ("e^x(x + 1)", "x=0.7", "e**x*(x + 1)", math.exp(X) * (X + 1)),
    ("2(a-y) a(1-a) x", "a=0.5,y=1.3,x=0.7", "2*(a - y)*a*(1 - a)*x", 2 * (C - Y) * C * (1 - C) * X),
    # 3. absolute-value bars
    ("|x|", "x=-0.7", "abs(x)", 0.7),
    ("x|x|", "x=-0.7", "x*abs(x)", -0.49),
    ("ln|x|", "x=-0.7", "log(abs(x))", math.log(0.7)),
    ("||x| - 1|", "x=-0.7", "abs(abs(x) - 1)", 0.3),
    (r"\ln\lvert x\rvert", "x=-0.7", "log(abs(x))", math.log(0.7)),
    (r"\left|x\right|", "x=-0.7", "abs(x)", 0.7),
    (r"\left\lvert x^2-1\right\rvert", "x=0.7", "abs(x**2 - 1)", 1 - X**2),
    (r"|x| + \Big|x - 1\Big|", "x=0.7", "abs(x) + abs(x - 1)", X + 1 - X),
    # 4. definitions pasted whole
    ("f(x) = 3x^2 - 4x", "x=0.7", "f = 3*x**2 - 4*x", 3 * X**2 - 4 * X),
    ("f(x, y) = 2xy + y^2", "x=0.7,y=1.3", "f = 2*x*y + y**2", 2 * X * Y + Y**2),
    ("y = 3x^2 - 4x", "x=0.7", "y = 3*x**2 - 4*x", 3 * X**2 - 4 * X),
    (r"f(x) = \frac{1}{1+e^{-x}}", "x=0.7", "f = 1/(1 + e**(-x))", 1 / (1 + math.exp(-X))),
    (r"g(x, y) = x^2y", "x=0.7,y=1.3", "g = x**2*y", X**2 * Y),
    # 5. more of what people paste
    ("arctan(x) + arcsin(x) + arccos(x)", "x=0.7", "atan(x) + asin(x) + acos(x)",
     math.atan(X) + math.asin(X) + math.acos(X)),
    ("sech x + csch(x) + coth x", "x=0.7", "sech(x) + csch(x) + coth(x)",
     1 / math.cosh(X) + 1 / math.sinh(X) + 1 / math.tanh(X)),
    ("log_2(x) + log_3(x) + log_10 x", "x=0.7", "log2(x) + log(x, 3) + log10(x)",
     math.log2(X) + math.log(X, 3) + math.log10(X)),
    (r"\log_{10} x", "x=0.7", "log(x, 10)", math.log10(X)),
    ("ln^2 x", "x=0.7", "log(x)**2", math.log(X) ** 2),
    ("sin^-1(x)", "x=0.7", "asin(x)", math.asin(X)),
    (r"\sin^{-1} x", "x=0.7", "asin(x)", math.asin(X)),
    ("∛x + ∜x", "x=0.7", "cbrt(x) + sqrt(sqrt(x))", X ** (1 / 3) + X**0.25),
    ("∛x", "x=-8", "cbrt(x)", -2.0),
    (r"\sqrt[3]{x}", "x=-0.7", "cbrt(x)", cbrt(-0.7)),
    ("cbrt(x)", "x=-0.7", "cbrt(x)", cbrt(-0.7)),
    (r"\operatorname{arctan}(x) + \mathrm{sech}(x)", "x=0.7", "atan(x) + sech(x)", math.atan(X) + 1 / math.cosh(X)),
    (r"\Big( x+1 \Big)^2 + \bigl(x\bigr)", "x=0.7", "(x + 1)**2 + x", (X + 1) ** 2 + X),
    (r"\displaystyle \frac{1}{x}", "x=0.7", "1/x", 1 / X),
    (r"\( x^2 \)", "x=0.7", "x**2", X**2),
    (r"{1 \over 2} x", "x=0.7", "1/2*x", X / 2),
    (r"x^\frac{1}{2}", "x=0.7", "x**(1/2)", math.sqrt(X)),
    (r"\frac1{x^2} + \frac{1}x", "x=0.7", "1/x**2 + 1/x", 1 / X**2 + 1 / X),
    (r"{\sin ^2}\left( x \right)", "x=0.7", "sin(x)**2", math.sin(X) ** 2),
    (r"{\bf e}^x + \mathrm{e}", "x=0.7", "e**x + e", math.exp(X) + math.e),
    # 7. ambiguous: the reading taken
    ("e^2x", "x=0.7", "e**(2*x)", math.exp(2 * X)),
    ("x^-1/2", "x=0.7", "x**(-1/2)", X**-0.5),
    ("1/2x", "x=0.7", "1/2*x", X / 2),
    ("sin x e^x", "x=0.7", "sin(x)*e**x", math.sin(X) * math.exp(X)),
    (r"\sin x e^x", "x=0.7", "sin(x)*e**x", math.sin(X) * math.exp(X)),
    ("sin x^2", "x=0.7", "sin(x**2)", math.sin(X**2)),
    # 8. a derivative operator in front
    ("d/dx x^2", "x=0.7", "x**2", X**2),
    (r"\frac{d}{dx} x^2", "x=0.7", "x**2", X**2),
]


@pytest.mark.parametrize("text, at, reading, value", FORMS, ids=[f[0] for f in FORMS])
def test_each_form_reads_as_a_textbook_reader_reads_it(text, at, reading, value):
    with in_play([kv.split("=")[0] for kv in at.split(",")]):
        assert program_reading(parse(text)) == reading
    report = grad(text, at)
    assert report.value == pytest.approx(value, rel=1e-12, abs=1e-12)
    assert report.ok, [c.name for c in report.checks if c.status != "ok"]


# 7. every ambiguous reading says so, naming the other one
@pytest.mark.parametrize("text, words", [
    ("e^2x", ["e^2x is read as e^(2x)", "e^2*x"]),
    ("x^-1/2", ["x^-1/2 is read as x^(-1/2)", "(x^-1)/2"]),
    ("1/2x", ["1/2x is read as (1/2)*x", "1/(2x)"]),
    ("sin x e^x", ["is read as sin(x)*e^", "sin(x e^"]),
    (r"\sin x e^x", ["is read as sin(x)*e^", r"\sin(x e^x)"]),
    ("sin x^2", ["sin x^2 is read as sin(x^2)", "sin^2 x"]),
    (r"\sin x^2", ["is read as sin(x^2)", r"\sin^{2} x"]),
    ("log(x)", ["log is the natural logarithm", "log10"]),
    ("sin^-1(x)", ["read as asin", "1/sin(x)"]),
    ("2xy", ["xy is read as x*y"]),
])
def test_every_ambiguous_reading_carries_a_note(text, words):
    notes = " ".join(parse(text).notes)
    assert all(w in notes for w in words), notes


def test_notes_in_the_json_and_the_trace():
    report = grad("e^2x + 3xy^2", "x=1,y=2")
    assert report.to_dict()["notes"] == ["e^2x is read as e^(2x); for e^2 times x write e^2*x",
                                         "xy is read as x*y (letters side by side); for a variable named xy, give "
                                         "it a value in --at"]
    from tests.helpers import run

    out = run("grad", "e^2x", "--at", "x=1", "--format", "plain").output
    assert "note: e^2x is read as e^(2x)" in out


def test_code_style_input_reads_as_before():
    for text, reading in (("x1*y", "x1*y"), ("alpha*x", "alpha*x"), ("rate*t", "rate*t"), ("xy", "xy"),
                          ("sin(x)*cos(y)", "sin(x)*cos(y)"), ("x**-1/2", "x**(-1)/2"), ("e**2*x", "e**2*x")):
        assert program_reading(parse(text)) == reading
        assert parse(text).notes == []


def test_the_derivative_operator_sets_wrt_and_is_refused_elsewhere():
    report = grad("d/dx x^2 y", "x=3,y=2")
    assert report.wrt == ["x"] and report.gradient == {"x": pytest.approx(12.0)}
    for text, col in (("x + d/dx x", 4), (r"\frac{dy}{dx} + 1", 0), (r"x \frac{d}{dx} x", 2)):
        with pytest.raises(ParseError) as info:
            parse(text)
        assert "never as variables named d and dx" in info.value.message and info.value.column == col


@pytest.mark.parametrize("text, column, words", [
    ("f(x) = x + y", 2, "uses y, which is not among its inputs"),
    ("|x", 0, "'|' is never closed"),
    ("sine(x)", 0, "unknown function 'sine'"),
    ("sin^-2(x)", 0, "ambiguous"),
])
def test_refusals(text, column, words):
    with pytest.raises(ParseError) as info:
        parse(text)
    assert words in info.value.message and info.value.column == column
