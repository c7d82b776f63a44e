"""``symgraph graph`` through click's CliRunner: formats, -o, options, refusals and exit codes."""
import json
import math
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from symgraph.cli import main

NEURON = "1/(1+exp(-(w0*x0+w1*x1+w2)))"
POINT = "w0=2,x0=-1,w1=-3,x1=-2,w2=-3"
F = 1 / (1 + math.exp(-1.0))           # the seed: dot = 1 at this point, f = sigmoid(1)


def run(*args, input=None):
    result = CliRunner().invoke(main, ["graph", *args], input=input)
    assert not (result.exception and not isinstance(result.exception, SystemExit)), result.exception
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    return result


def test_svg_to_stdout_is_valid_xml_with_the_seed_output():
    r = run(NEURON, "--at", POINT, "--format", "svg")
    assert r.exit_code == 0
    svg = ET.fromstring(r.stdout.encode())
    texts = ["".join(t.itertext()) for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert f"{F:.2f}" in texts and f"{-1 / (1 + math.exp(-1)) ** 2:.2f}" in texts


def test_output_file_and_format_from_suffix(tmp_path):
    target = tmp_path / "neuron.svg"
    r = run(NEURON, "--at", POINT, "-o", str(target))
    assert r.exit_code == 0 and r.stdout == ""
    assert str(target) in r.stderr and "svg" in r.stderr
    ET.parse(target)
    dot = tmp_path / "neuron.dot"
    assert run(NEURON, "-o", str(dot)).exit_code == 0
    assert dot.read_text().splitlines()[2].startswith("digraph")


@pytest.mark.parametrize("fmt,marker", [("dot", "digraph symgraph {"), ("mermaid", "flowchart LR"),
                                         ("rich", "(output)")])
def test_text_formats_on_stdout(fmt, marker):
    r = run(NEURON, "--at", POINT, "--format", fmt)
    assert r.exit_code == 0 and marker in r.stdout
    assert f"{F:.2f}" in r.stdout and f"{-F * (1 - F):.2f}" in r.stdout     # df/dw0 = x0 * f(1-f)


def test_default_format_is_the_terminal_view():
    r = run("g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2", "--at", "x1=1,x2=2")
    assert r.exit_code == 0
    rows = {line.split("|")[1].strip(): line for line in r.stdout.splitlines() if line.count("|") >= 5}
    # textbook: df/dg2 = -4, df/dx1 = 2 - 4*x2 = -6, df/dx2 = 3 - 4*x1 = -1
    assert rows["g2"].split("|")[5].strip() == "-4.00"
    assert rows["x1"].split("|")[5].strip() == "-6.00"
    assert rows["x2"].split("|")[5].strip() == "-1.00"


def test_json_equals_grads_graph_key():
    r = run(NEURON, "--at", POINT, "--format", "json")
    g = CliRunner().invoke(main, ["grad", NEURON, "--at", POINT, "--format", "json", "--check", "none"])
    assert json.loads(r.stdout) == json.loads(g.stdout)["graph"]
    w2 = next(n for n in json.loads(r.stdout)["nodes"] if n["name"] == "w2")
    assert w2["adjoint"] == pytest.approx(F * (1 - F))


def test_digits_and_tangent_and_local():
    r = run(NEURON, "--at", POINT, "--format", "mermaid", "--digits", "4", "--tangent", "x1", "--show", "local")
    assert r.exit_code == 0
    assert f"df/dx1 {-3 * F * (1 - F):.4f}" in r.stdout          # the output's tangent: df/dx1 = w1 f(1-f)
    assert "local dv2/dx1 = -3.0000" in r.stdout                   # d(w1*x1)/dx1 = w1


def test_structure_only_without_point():
    r = run(NEURON, "--format", "svg")
    assert r.exit_code == 0 and "structure only" in r.stdout and 'class="value"' not in r.stdout


def test_expression_from_stdin_and_file(tmp_path):
    assert "flowchart" in run("-", "--format", "mermaid", input="sin(x)*cos(x)").stdout
    path = tmp_path / "e.txt"
    path.write_text("sin(x)*cos(x)")
    out = run(f"@{path}", "--format", "dot").stdout
    assert out.count("n0 -> ") == 2          # one shared x with two out-edges


@pytest.mark.parametrize("args,needle", [
    (["--at", POINT, "--tangent", "q"], "'q'"),                       # not a variable
    (["--tangent", "w0"], "--tangent needs a point"),
    (["--at", "w0=2"], "x0"),                                          # missing variables are named
    (["--format", "jpeg"], "jpeg"),
])
def test_refusals_exit_2_with_a_message(args, needle):
    r = run(NEURON, *args)
    assert r.exit_code == 2
    assert needle in r.output


def test_bad_expression_and_domain_error_exit_2():
    r = run("sin(x", "--format", "svg")
    assert r.exit_code == 2 and r.output.startswith("error:")
    r = run("log(x)", "--at", "x=-1", "--format", "svg")
    assert r.exit_code == 2 and "log" in r.output


def test_too_big_for_svg_suggests_other_formats():
    big = " + ".join(f"sin(x{i})" for i in range(80))
    r = run(big, "--format", "svg")
    assert r.exit_code == 2 and "--format dot" in r.output
    assert run(big, "--format", "dot").exit_code == 0
    r = run(" + ".join(f"sin(x{i})" for i in range(170)), "--format", "mermaid")   # 170 + 169*2 + 1 edges
    assert r.exit_code == 0 and "maxEdges" in r.stderr and "warning" not in r.stdout


def test_kink_warning_on_stderr():
    r = run("abs(x)*y", "--at", "x=0,y=2", "--format", "dot")
    assert r.exit_code == 0 and "warning" in r.stderr and "warning" not in r.stdout


def test_unwritable_output_exit_2(tmp_path):
    r = run(NEURON, "-o", str(tmp_path / "missing" / "x.svg"))
    assert r.exit_code == 2 and "cannot write" in r.output
