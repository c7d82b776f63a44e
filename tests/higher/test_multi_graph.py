"""``symgraph graph`` with several outputs: every output drawn and named, ``--of`` picks the gradients shown."""
import re

from tests.helpers import refused, run

PROGRAM = "f = x*y; g = x + sin(y)"


def test_svg_names_every_output_and_shows_the_chosen_gradients():
    result = run("graph", PROGRAM, "--at", "x=1,y=2", "--of", "f", "--format", "svg")
    assert result.exit_code == 0
    outputs = re.findall(r'<text class="output"[^>]*>([^<]*)</text>', result.output)
    assert sorted(outputs) == ["f", "g"]
    assert "gradient df/dv" in result.output


def test_rich_marks_both_outputs_and_the_default_is_the_last():
    result = run("graph", PROGRAM, "--at", "x=1,y=2", "--format", "rich")
    assert result.output.count("(output)") == 2 and "dg/dv" in result.output


def test_return_line_and_dot_terminals():
    result = run("graph", "f = x*y; h = x + y; g = sin(x); return f, g", "--format", "dot")
    assert "n2 -> out2" in result.output and re.search(r"-> out;", result.output)
    assert "h" in result.output      # drawn, though not an output


def test_unknown_output_is_refused():
    refused("graph", PROGRAM, "--of", "q")
