"""LaTeX input: the seed's neuron pasted as LaTeX, the same tree as the plain syntax, hostile macros."""
import os
import subprocess
import sys

import pytest

from symgraph.core.lower import lower
from symgraph.core.parser import parse
from symgraph.errors import LimitError, ParseError
from symgraph.notation.printer import program_reading
from symgraph.pipeline import grad
from tests.helpers import refused, run

NEURON = r"\frac{1}{1+e^{-(w_0x_0+w_1x_1+w_2)}}"
SEED_POINT = "w_0=2,x_0=-1,w_1=-3,x_1=-2,w_2=-3"


def test_the_seeds_sigmoid_neuron_pasted_as_latex_gives_the_seeds_gradients():
    report = grad(NEURON, SEED_POINT)
    assert report.inputs == ["w_0", "x_0", "w_1", "x_1", "w_2"]
    seed = {"w_0": -0.20, "x_0": 0.39, "w_1": -0.39, "x_1": -0.59, "w_2": 0.20}   # the seed's hand numbers
    assert {k: round(v, 2) for k, v in report.gradient.items()} == seed
    assert report.ok
    assert report.read_as == "1/(1 + e**(-(w_0*x_0 + w_1*x_1 + w_2)))"


def test_latex_and_plain_give_the_same_graph():
    plain = lower(parse("1/(1 + e**(-(w_0*x_0 + w_1*x_1 + w_2)))"))
    latex = lower(parse(NEURON))
    shape = lambda g: [(n.op, n.inputs, n.exact, n.names) for n in g.nodes]   # noqa: E731
    assert shape(plain) == shape(latex)


def test_structure_as_written_no_simplification():
    # SymPy's parse_latex turns x+x into 2*x; symgraph keeps the sum.
    assert program_reading(parse(r"\frac{x+x}{2}")) == "(x + x)/2"
    assert [n.op for n in lower(parse(r"x + x")).nodes] == ["input", "add"]


def test_a_latex_program_with_named_steps():
    report = grad(r"g_1 = 2x_1 + 3x_2 \\ g_2 = x_1 x_2 \\ f = g_1 - 4g_2", "x_1=1,x_2=2", check="none")
    assert report.gradient == {"x_1": -6.0, "x_2": -1.0}     # the seed's (2x1+3x2)-4x1x2 at (1,2)


@pytest.mark.parametrize("text, where, macro", [
    (r"\input{/etc/passwd}", 0, r"\input"),
    (r"x + \include{secret}", 4, r"\include"),
    (r"\def\x{1} x", 0, r"\def"),
    (r"x \newcommand{\y}{2}", 2, r"\newcommand"),
    (r"\csname sin\endcsname x", 0, r"\csname"),
    (r"\catcode`\^=11 x", 0, r"\catcode"),
    (r"\immediate\write18{rm -rf /}", 0, r"\immediate"),
    (r"\frac{1}{\unknownmacro x}", 9, r"\unknownmacro"),
])
def test_hostile_latex_is_refused_naming_the_macro_with_a_caret(text, where, macro):
    with pytest.raises(ParseError) as info:
        parse(text)
    assert macro in info.value.message and info.value.column == where
    assert info.value.render().splitlines()[2].index("^") == where + 2


def test_hostile_latex_leaves_no_side_effect(tmp_path):
    """Run the CLI in an empty directory on macros that, in TeX, would write or read files: refused (exit 2),
    and the directory is still empty afterwards."""
    env = dict(os.environ, HOME=str(tmp_path))
    for text in (r"\immediate\write18{touch pwned}", r"\openout1=pwned.tex", r"\input{pwned}", r"\write1{x}"):
        proc = subprocess.run([sys.executable, "-m", "symgraph", "grad", text, "--at", "x=1"], cwd=tmp_path,
                              capture_output=True, text=True, env=env, timeout=60)
        assert proc.returncode == 2 and proc.stderr.startswith("error: LaTeX macro"), proc.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("text, fragment", [
    (r"\frac{1}{", "ends too early"),
    (r"x^2^3", "unexpected"),
    (r"\sin^{-2} x", "ambiguous"),
    (r"\frac{1}{x(y, 1)}", "'x' is not a function"),
    (r"\operatorname{foo}(x)", "unknown function 'foo'"),
    (r"\sin_2 x", "only \\log takes a subscript"),
    (r"\log_{b}(x)", "a logarithm's base must be a constant"),
    (r"\in x", r"\in"),
    (r"\max x", "max() takes 2 arguments, got 1"),
    (r"\sin(x, y)", "sin() takes 1 argument, got 2"),
])
def test_latex_errors_say_what(text, fragment):
    with pytest.raises(ParseError) as info:
        lower(parse(text, "latex"))
    assert fragment in info.value.message


def test_deep_latex_nesting_is_a_limit_not_a_crash():
    with pytest.raises(LimitError):
        parse("{" * 20_000 + "x" + "}" * 20_000)
    deep = "{" * 3000 + "x" + "}" * 3000                    # deep but allowed: no recursion anywhere
    assert program_reading(parse(deep)) == "x"


def test_syntax_option_on_the_command_line():
    assert run("grad", "sin x", "--syntax", "latex", "--at", "x=0", "--format", "json").exit_code == 0
    assert "backslashes are not allowed" in refused("grad", r"\sin x", "--syntax", "plain", "--at", "x=0")[0]


def test_latex_claims_on_the_command_line():
    result = run("check", r"\frac{1}{1+e^{-x}}", "--claim", r"\frac{df}{dx} = \frac{e^{-x}}{(1+e^{-x})^2}")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("text, plain", [
    (r"\mathrm{e}^{-x}", "e**(-x)"),                 # the upright e of textbooks is the constant e
    (r"\mathrm{e}^x \text{rate}", "e**x*rate"),
    (r"\mathrm{x}_1 + \mathrm{sin}(x)", "x_1 + sin(x)"),
])
def test_upright_names_are_names_and_upright_functions_are_functions(text, plain):
    # \mathrm{e} once read as a function call and failed with "the LaTeX ends too early"
    assert program_reading(parse(text, "latex")) == program_reading(parse(plain))
    assert lower(parse(text, "latex")).nodes[-1].op == lower(parse(plain)).nodes[-1].op


@pytest.mark.parametrize("text, plain", [
    (r"\frac12", "1/2"),                         # once "unexpected '12' in the LaTeX"
    (r"\frac12x", "(1/2)*x"),                    # TeX: \frac{1}{2}x
    (r"\frac 1 x + \dfrac ab", "1/x + a/b"),
    (r"\sin\frac12 + \frac{x}{2}", "sin(1/2) + x/2"),
])
def test_unbraced_fraction_arguments_are_one_token_each_as_in_tex(text, plain):
    assert program_reading(parse(text, "latex")) == program_reading(parse(plain))
