"""The grad command through click's CliRunner: sections, formats, options and exit codes."""
import json

from symgraph.cli import main

SEED = "(2*x1+3*x2)-4*x1*x2"


def test_trace_has_every_section(runner):
    result = runner.invoke(main, ["grad", SEED, "--at", "x1=1,x2=2", "--format", "plain"])
    assert result.exit_code == 0, result.output
    for marker in ("(a) How the input was read", "(b) Forward pass", "(c) Local partial", "(d) Forward mode for x1",
                   "(d) Forward mode for x2", "(e) Backward pass", "(f) Results", "(g) Cost", "✓"):
        assert marker in result.output, marker
    assert "\x1b[" not in result.output           # no colour codes in plain output


def test_backward_steps_show_accumulation(runner):
    result = runner.invoke(main, ["grad", "x*x", "--at", "x=3", "--format", "plain"])
    assert "adj(x) += adj(f)·df/dx" in result.output
    assert "0 + 1·3" in result.output and "3 + 1·3" in result.output   # 2x = 6, in two steps


def test_no_trace_prints_results_only(runner):
    result = runner.invoke(main, ["grad", SEED, "--at", "x1=1,x2=2", "--no-trace"])
    assert result.exit_code == 0
    assert "(b) Forward pass" not in result.output and "(f) Results" in result.output


def test_json_format(runner):
    result = runner.invoke(main, ["grad", SEED, "--at", "x1=1,x2=2", "--format", "json"])
    doc = json.loads(result.output)
    assert doc["gradient"] == {"x1": -6.0, "x2": -1.0} and doc["ok"] is True


def test_digits_option(runner):
    result = runner.invoke(main, ["grad", "sin(x)", "--at", "x=1", "--digits", "3", "--no-trace"])
    assert "0.54 " in result.output or "0.54\n" in result.output or "| 0.54" in result.output


def test_expression_from_file_and_stdin(runner, tmp_path):
    path = tmp_path / "f.txt"
    path.write_text("g = 3*x\nf = g**2\n")
    result = runner.invoke(main, ["grad", f"@{path}", "--at", "x=4", "--format", "json"])
    assert json.loads(result.output)["gradient"] == {"x": 72.0}
    result = runner.invoke(main, ["grad", "-", "--at", "x=4", "--format", "json"], input="(3*x)**2")
    assert json.loads(result.output)["gradient"] == {"x": 72.0}


def test_point_from_json_file(runner, tmp_path):
    path = tmp_path / "p.json"
    path.write_text('{"x1": 1, "x2": "4/2"}')
    result = runner.invoke(main, ["grad", SEED, "--at", f"@{path}", "--format", "json"])
    assert json.loads(result.output)["gradient"] == {"x1": -6.0, "x2": -1.0}


def test_bad_input_exits_2_with_a_caret(runner):
    result = runner.invoke(main, ["grad", "sin(x) + cos(x", "--at", "x=1"])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("error:")
    caret = next(line for line in lines if line.strip() == "^")
    source = lines[lines.index(caret) - 1]
    assert source[caret.index("^")] == "c"                  # under the unclosed cos(


def test_missing_variable_exits_2(runner):
    result = runner.invoke(main, ["grad", "x*y", "--at", "x=1"])
    assert result.exit_code == 2 and "y" in result.output


def test_domain_error_exits_2_and_names_the_node(runner):
    result = runner.invoke(main, ["grad", "log(x - 2)", "--at", "x=1"])
    assert result.exit_code == 2 and "log" in result.output and "Traceback" not in result.output


def test_mode_forward_only(runner):
    result = runner.invoke(main, ["grad", SEED, "--at", "x1=1,x2=2", "--mode", "forward", "--format", "json"])
    doc = json.loads(result.output)
    assert doc["forward"] == {"x1": -6.0, "x2": -1.0}
    assert result.exit_code == 0


def test_an_expression_may_start_with_a_minus(runner):
    result = runner.invoke(main, ["grad", "-x**2", "--at", "x=3", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["gradient"] == {"x": -6.0}


def test_option_errors_are_one_error_line_with_a_hint(runner):
    result = runner.invoke(main, ["grad", "x", "--at", "x=1", "--mode", "sideways"])
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("error: ") and "--mode" in lines[0] and lines[1].startswith("hint: ")
    assert "Usage:" not in result.output
