"""Worked solutions: grad/check --format markdown|latex carry the seed's numbers; the LaTeX compiles with
a real TeX engine (pdflatex) when one is installed."""
import re
import shutil
import subprocess

import pytest

import symgraph
from symgraph.render.document.texmath import tex_expr, tex_name
from tests.helpers import EXAMPLES, run

DECOMPOSITION = "g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2"
NEURON = ["@" + str(EXAMPLES / "sigmoid_neuron.txt"), "--at", "@" + str(EXAMPLES / "sigmoid_neuron.point.json")]
SEED_NEURON = {"w_{0}": -0.20, "x_{0}": 0.39, "w_{1}": -0.39, "x_{1}": -0.59, "w_{2}": 0.20}


def _final(text: str, var_tex: str) -> float:
    """The number at the end of the last aligned line for df/dVAR (the backward pass's or the result's)."""
    lines = [line for line in text.splitlines()
             if line.strip().startswith(f"\\frac{{d f}}{{d {var_tex}}} &=")]
    assert lines, var_tex
    return float(re.search(r"= (-?[\d.]+(?:e-?\d+)?)(?: \\\\)?$", lines[-1].strip()).group(1))


@pytest.mark.parametrize("fmt", ["markdown", "latex"])
def test_seed_decomposition_backward_pass_ends_in_the_seeds_numbers(fmt):
    out = run("grad", DECOMPOSITION, "--at", "x1=1,x2=2", "--format", fmt).output
    assert _final(out, "x_{1}") == -6 and _final(out, "x_{2}") == -1
    # the backward pass as a chain: adjoint times local partial, summed over the two paths to x1
    # adjoints with d, local partials with ∂, as the seed writes them
    assert ("\\frac{d f}{d x_{1}} &= \\frac{d f}{d g_{2}} \\cdot "
            "\\frac{\\partial g_{2}}{\\partial x_{1}} + ") in out
    assert "g_{1} &= 2 \\cdot x_{1} + 3 \\cdot x_{2}" in out          # the decomposition, typeset
    assert "all checks agree" in out


@pytest.mark.parametrize("fmt", ["markdown", "latex"])
def test_seed_neuron_gradients(fmt):
    out = run("grad", *NEURON, "--format", fmt).output
    for var, seed in SEED_NEURON.items():
        assert round(_final(out, var), 2) == pytest.approx(seed)


@pytest.mark.parametrize("source, at, value", [("(3*x)**2", "x=4", "72"), ("sin(x)*cos(x)", "x=2", "-0.653644")])
def test_seed_examples_results(source, at, value):
    out = run("grad", source, "--at", at, "--format", "markdown").output
    result = out[out.index("## Result"):]
    assert result.splitlines()[4].endswith(f"= {value}")


def test_markdown_table_and_math():
    out = run("grad", DECOMPOSITION, "--at", "x1=1,x2=2", "--format", "markdown").output
    assert "| node | computes | value |" in out
    assert "| $g_{1}$ | $v_{1} + v_{2}$ | $8$ |" in out
    assert out.count("$$") % 2 == 0 and "\\begin{aligned}" in out


def test_check_worked_solution_marks_the_wrong_claim():
    result = run("check", DECOMPOSITION, "--at", "x1=1,x2=2", "--claim", "df/dx1 = -6", "--claim", "df/dg2 = -3",
                 "--format", "markdown")
    assert result.exit_code == 1
    assert "| df/dg2 = -3 | WRONG | -4 | at the point |" in result.output
    assert "1 right, 1 wrong, 0 undecided." in result.output
    assert _final(result.output, "x_{1}") == -6                     # and the worked solution to compare


@pytest.mark.parametrize("name, tex", [("w_0", "w_{0}"), ("w0", "w_{0}"), ("alpha", "\\alpha"),
                                       ("alpha_1", "\\alpha_{1}"), ("x12", "x_{12}"), ("loss", "\\mathrm{loss}"),
                                       ("x_hat", "x_{\\mathrm{hat}}"), ("Sigma2", "\\Sigma_{2}")])
def test_names_are_typeset(name, tex):
    assert tex_name(name) == tex


def test_unparseable_text_is_shown_verbatim_and_escaped():
    assert tex_expr("foo(x_1, 0)") == "\\mathtt{foo(x\\_1, 0)}"
    assert tex_expr("Heaviside(x_1") == "\\mathtt{Heaviside(x\\_1}"


def test_sympys_heaviside_is_typeset_as_the_step_function():
    """relu's derivative, as SymPy prints it: its argument read by symgraph's parser, never sympify."""
    assert tex_expr("Heaviside(x_1, 0)") == "H_{0}\\left(x_{1}\\right)"                  # relu': H(0) = 0
    assert tex_expr("Heaviside(w0*x0 + w2, 0)*x0") == "H_{0}\\left(w_{0} \\cdot x_{0} + w_{2}\\right) \\cdot x_{0}"
    assert tex_expr("Heaviside(x - y)") == "H_{1/2}\\left(x - y\\right)"               # max': 1/2 at a tie
    assert "heavisidestep" not in tex_expr("Heaviside(x, 0)Heaviside(y, 0)")
    assert tex_expr("Heaviside(__import__('os'), 0)").startswith("\\mathtt{")


def test_fragment_and_standalone():
    frag = run("grad", "alpha*w_0", "--at", "alpha=2,w_0=3", "--format", "latex").output
    full = run("grad", "alpha*w_0", "--at", "alpha=2,w_0=3", "--format", "latex", "--standalone").output
    assert "\\documentclass" not in frag and "\\alpha" in frag and "w_{0}" in frag
    assert full.startswith("\\documentclass") and full.rstrip().endswith("\\end{document}")


def _pdflatex(tmp_path, tex: str):
    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not installed (apt-get install texlive-latex-base; .ci/run installs it)")
    (tmp_path / "doc.tex").write_text(tex, encoding="utf-8")
    done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "doc.tex"], cwd=tmp_path,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stdout[-3000:]
    assert (tmp_path / "doc.pdf").read_bytes()[:5] == b"%PDF-"


@pytest.mark.parametrize("args", [
    ["grad", *NEURON],
    ["grad", DECOMPOSITION, "--at", "x1=1,x2=2"],
    ["grad", "alpha*w_0 + log(x_hat) + abs(x_hat - 1)", "--at", "alpha=2,w_0=3,x_hat=1"],
    ["grad", "x_1_2*a__b + _x*lambda_2 + Omega_t + x__", "--at", "x_1_2=1,a__b=2,_x=3,lambda_2=4,Omega_t=5,x__=1"],
    ["check", DECOMPOSITION, "--at", "x1=1,x2=2", "--claim", "df/dx1 = -6", "--claim", "df/dg2 = -3"],
    ["check", "sin(x)*cos(x)", "--claim", "df/dx = cos(2*x)"],
    ["grad", "relu(w*x + b)*y + max(x, y)", "--at", "w=2,x=1,b=-0.5,y=3"],       # H_0(u), H_1/2(u)
])
def test_latex_compiles_with_pdflatex(tmp_path, args):
    _pdflatex(tmp_path, run(*args, "--format", "latex", "--standalone").output)


def test_latex_fragment_compiles_inside_a_handout(tmp_path):
    frag = run("grad", DECOMPOSITION, "--at", "x1=1,x2=2", "--format", "latex").output
    _pdflatex(tmp_path, "\\documentclass{article}\n\\usepackage{amsmath}\n\\begin{document}\n" + frag
              + "\\end{document}\n")


def test_big_graphs_list_the_first_rows_and_say_so():
    n = 300                                         # 900 nodes: the trace summarizes above 400
    program = "; ".join([f"g{i} = x{i}*x{i + 1}" for i in range(n)] + ["f = " + " + ".join(f"g{i}" for i in range(n))])
    point = ",".join(f"x{i}=0.5" for i in range(n + 1))
    out = run("grad", program, "--at", point, "--format", "markdown").output
    assert "(The first 40 of 301 statements; --full-trace shows them all.)" in out
    assert "(The first 40 of 301 inputs; --full-trace shows them all.)" in out
    assert "x_{0} = 0.5" in out and "and 261 more inputs" in out
    assert len(out.splitlines()) < 400


def test_a_result_whose_derivative_is_a_constant_is_written_once():
    # d(loss)/d(theta) of theta + x**2 is 1: "= 1", not "= 1 = 1"; d/dx keeps its formula 2x = 6
    out = run("grad", "loss = theta + x**2", "--at", "theta=1,x=3", "--format", "latex").output
    result = out.split("Result", 1)[1]
    assert "\\frac{d \\mathrm{loss}}{d \\theta} &= 1" in result and "= 1 = 1" not in result
    assert "&= 2 \\cdot x = 6" in result


def test_any_text_in_claims_and_explanations_compiles(tmp_path):
    # The claims table and the locator's explanations carry the user's text and symgraph's own (∂, ·, ✗):
    # pdflatex stops on any character beyond Latin-1 it has no command for, so every one is mapped.
    out = run("check", "f = x**2*y", "--at", "x=1,y=2", "--claim", "df/dx = 2·x·y − 1", "--claim", "∂f/∂y = x²",
              "--claim", "df/dy = √x", "--format", "latex", "--standalone").output
    assert "\\ensuremath{\\partial}f/\\ensuremath{\\partial}y = x\\ensuremath{^{2}}" in out
    assert "\\ensuremath{\\surd}x" in out
    _pdflatex(tmp_path, out)


def test_text_beyond_latin1_becomes_commands_or_code_points():
    from symgraph.render.document.latex import text_tex

    assert text_tex("α λ Ω Alpha: Α, x₀ ≤ 1 & 文") == (
        "\\ensuremath{\\alpha} \\ensuremath{\\lambda} \\ensuremath{\\Omega} Alpha: A, x\\ensuremath{_{0}} "
        "\\ensuremath{\\leq} 1 \\& [U+6587]")


def test_python_api_worked_solutions():
    # report.to_markdown() / to_latex(): what --format markdown / latex print
    report = symgraph.grad(DECOMPOSITION, {"x1": 1, "x2": 2})
    assert report.to_markdown() == run("grad", DECOMPOSITION, "--at", "x1=1,x2=2", "--format", "markdown").output
    assert report.to_latex(standalone=True).startswith("\\documentclass")
    check = symgraph.check(DECOMPOSITION, ["df/dg2 = 4"], {"x1": 1, "x2": 2})
    assert "df/dg2 = 4 is wrong (true -4)" in check.to_markdown()


def test_sympy_printed_nodes_are_typeset_and_bars_stay_inside_table_cells(tmp_path):
    # abs and relu nodes come out of the trace as SymPy prints them (Abs(v1), Max(0, h)): typeset, not
    # \mathtt; and |v1| in a Markdown table cell is \vert, since a | would end the cell on GitHub.
    report = symgraph.grad("h = abs(x - 1); loss = relu(h)*theta_2", {"x": 2, "theta_2": 3})
    md = report.to_markdown()
    row = next(line for line in md.splitlines() if line.startswith("| $h$"))
    assert row == "| $h$ | $\\left\\vert{}{v_{1}}\\right\\vert{}$ | $1$ |"
    assert "\\max\\left(0, h\\right)" in md and "Abs(" not in md and "Max(" not in md
    _pdflatex(tmp_path, report.to_latex(standalone=True))


@pytest.mark.parametrize("fmt", ["markdown", "latex"])
def test_adjoints_are_written_with_d_and_local_partials_with_partial(fmt):
    # the seed's notation: df/dv = df/df · ∂f/∂v, never the same symbol on both sides
    out = run("grad", "x*y + sin(x)", "--at", "x=1,y=2", "--format", fmt).output
    backward = out.split("Backward pass", 1)[1].split("Result", 1)[0]
    assert "\\frac{d f}{d v_{2}} &= \\frac{d f}{d f} \\cdot \\frac{\\partial f}{\\partial v_{2}}" in backward
    assert "\\frac{\\partial f}{\\partial v_{2}} &=" not in backward
    locals_ = out.split("Local partial", 1)[1].split("Backward pass", 1)[0]
    assert "\\frac{\\partial v_{1}}{\\partial x} &= y = 2" in locals_ and "\\frac{d" not in locals_
