"""The check command end to end through click: output, JSON, exit codes."""
import json
import re
from pathlib import Path

import pytest

from click.testing import CliRunner

from symgraph.cli import main

SEED = "g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "answers.toml"


def run(*args):
    return CliRunner().invoke(main, ["check", *args])


def claims(*texts):
    return [a for t in texts for a in ("--claim", t)]


def test_seed_derivation_all_right_exit_0():
    r = run(SEED, "--at", "x1=1,x2=2", "--format", "plain",
            *claims("df/dg1 = 1", "df/dg2 = -4", "df/dx1 = -6", "df/dx2 = -1"))
    assert r.exit_code == 0, r.output
    assert "4 of 4 claims right" in r.output and "✓ right" in r.output


def test_wrong_claim_exit_1_with_true_value_and_first_wrong_step():
    r = run(SEED, "--at", "x1=1,x2=2", "--format", "plain", *claims("df/dg2 = -4", "df/dx1 = -5"))
    assert r.exit_code == 1
    assert "✗ wrong" in r.output and "first wrong step" in r.output
    # one explanation (issue 24): the named mistake, the paths as "also"; no "error in combining the paths"
    assert "(constant-treated-as-variable). Also: x1 feeds g1 and g2" in " ".join(r.output.split())
    assert "combining the paths" not in r.output


def test_json_schema():
    r = run("sin(x)*cos(x)", "--format", "json", *claims("df/dx = cos(2*x)", "df/dx = cos(x)**2 + sin(x)**2"))
    assert r.exit_code == 1
    data = json.loads(r.output)
    assert data["ok"] is False
    first, second = data["claims"]
    for key in ("claim", "ok", "expected", "got", "method", "counterexample"):
        assert key in first
    assert first["ok"] is True and first["method"] == "proved"
    assert second["ok"] is False and second["method"] == "counterexample"
    assert set(second["counterexample"]) >= {"point", "expected", "got"}


def test_malformed_claim_exit_2_names_it():
    r = run(SEED, *claims("df/dz = 1"))
    assert r.exit_code == 2
    assert "'z'" in r.output and "Traceback" not in r.output


def test_constant_claim_without_a_point_is_judged_everywhere():
    assert run(SEED, *claims("dg1/dx1 = 2", "df/dg2 = -4")).exit_code == 0     # constant everywhere
    r = run(SEED, "--format", "json", *claims("df/dx1 = -6"))                  # 2 - 4*x2 is not constant
    assert r.exit_code == 1 and json.loads(r.output)["claims"][0]["method"] == "counterexample"


def test_timeout_must_be_finite():
    for bad in ("nan", "inf", "0"):
        r = run("x**2", "--timeout", bad, *claims("df/dx = 2*x"))
        assert r.exit_code == 2 and "timeout" in r.output and "internal error" not in r.output


def test_counterexample_digits_show_the_difference():
    r = run("x**2", "--format", "plain", *claims("df/dx = 2.0000001*x"))
    assert r.exit_code == 1
    # at the counterexample x0 the true value is 2*x0 and the claim 2.0000001*x0: both printed apart
    true, yours = re.search(r"true (\S+), yours (\S+)", r.output).groups()
    assert true != yours and float(yours) / float(true) == pytest.approx(1.00000005, rel=1e-9)


def test_first_wrong_marker_is_on_the_wrong_claim_when_two_share_a_left_side():
    r = run("g = 3*x; f = g**2", "--at", "x=4", "--format", "plain", *claims("df/dx = 6*x", "df/dx = 72"))
    assert r.exit_code == 1                  # df/dx = 18x: 6*x is wrong, 72 = 18*4 is right
    marked = [line for line in r.output.splitlines() if "<- first wrong step" in line]
    assert len(marked) == 1 and "6*x" in marked[0] and "✗" in marked[0]
    rows = [line for line in r.output.splitlines() if line.startswith("x ")]
    assert any("df/dx = 72" in line and "✓" in line for line in rows)


def test_no_claims_exit_2():
    assert run(SEED).exit_code == 2
    assert run("--claim", "df/dx = 1").exit_code == 2


def test_tol_option():
    args = ["f = -sigmoid(x)", "--at", "x=1", *claims("df/dx = -0.19")]
    assert run(*args).exit_code == 1                 # -0.1966 rounds to -0.20, not -0.19
    assert run(*args, "--tol", "0.01").exit_code == 0
    assert run(*args, "--tol", "abc").exit_code == 2


def test_batch_file_summary_json_out(tmp_path):
    out = tmp_path / "report.json"
    r = run("--file", str(EXAMPLE), "--format", "plain", "--json-out", str(out))
    assert r.exit_code == 1                          # bob's answers are wrong
    assert "bob" in r.output and "df/dx1" in r.output
    data = json.loads(out.read_text())
    assert data["answers"] == 7 and data["answers_right"] == 4


def test_batch_json_to_stdout_and_malformed_toml(tmp_path):
    r = run("--file", str(EXAMPLE), "--format", "json")
    assert json.loads(r.output)["schema"] == "symgraph.grade/1"
    bad = tmp_path / "bad.toml"
    bad.write_text("[[problem]\n")
    r = run("--file", str(bad))
    assert r.exit_code == 2 and "not valid TOML" in r.output
    assert run("--file", str(EXAMPLE), "x**2").exit_code == 2


def test_batch_student_point_error_is_a_wrong_answer_with_its_reason(tmp_path):
    answers = tmp_path / "a.toml"
    answers.write_text('[[problem]]\nid = "log"\nexpression = "log(x)"\nat = "x=2"\n'
                       '[[problem.answer]]\nstudent = "a"\nat = "x=-1"\nclaims = ["df/dx = -1"]\n'
                       '[[problem.answer]]\nstudent = "c"\nclaims = ["df/dx = 0.5"]\n')   # 1/x at 2
    r = run("--file", str(answers), "--format", "plain")
    assert r.exit_code == 1 and "log / a:" in r.output and "x=-1" in r.output
    assert "1 of 2 answers fully right" in r.output


def test_svg_rings_the_first_wrong_step(tmp_path):
    import xml.etree.ElementTree as ET

    from click.testing import CliRunner

    from symgraph.cli import main as cli

    path = tmp_path / "mistake.svg"
    result = CliRunner().invoke(cli, ["check", "g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2", "--at", "x1=1,x2=2",
                                      "--claim", "df/dg2 = -4", "--claim", "df/dx1 = -5", "--svg", str(path)])
    assert result.exit_code == 1
    root = ET.parse(path).getroot()
    ns = {"s": "http://www.w3.org/2000/svg"}
    ringed = [g.get("data-name") for g in root.iter("{http://www.w3.org/2000/svg}g")
              if g.find("s:circle[@class='mark']", ns) is not None]
    assert ringed == ["x1"]                       # df/dx1 is the wrong claim: -5, by hand 2 - 4*x2 = -6
    header = " ".join("".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")
                      if t.get("class") == "header")
    assert "first wrong step: df/dx1 = -5" in header and "true -6" in header


def test_a_claim_just_beside_a_kink_is_judged_by_the_true_slope():
    from click.testing import CliRunner

    from symgraph.cli import main as cli

    result = CliRunner().invoke(cli, ["check", "relu(x)", "--at", "x=1e-13", "--claim", "df/dx = 0"])
    assert result.exit_code == 1                  # relu'(1e-13) = 1: the claim 0 is wrong
