"""Resource bombs are answered, not suffered: a big but valid input is computed, anything else is refused
with a message; never a hang, a memory blow-up, a RecursionError or a traceback.

No test here asserts a speed. The subprocess ``timeout=`` is only a hang guard (far above what any of these
takes), so that a regression fails one test instead of freezing the suite.
"""
import json
import subprocess
import sys

import pytest

from symgraph.pipeline import grad

from tests.helpers import refused, run

HANG_GUARD = 240  # seconds; a guard against hangs, not a speed requirement


def cli(*args, stdin=None):
    """The real command in a subprocess, so that a hang or a crash cannot take the test run with it."""
    proc = subprocess.run([sys.executable, "-c", "from symgraph.cli import main; main()", *args],
                          input=stdin, capture_output=True, text=True, timeout=HANG_GUARD)
    assert proc.returncode in (0, 1, 2), proc.stderr
    assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr, proc.stderr
    return proc


@pytest.mark.parametrize("expr, fragment", [
    ("x ** 10**10**10", "out of range"),
    ("2**10**10 * x", "out of range"),
    ("x * 10**-400", "out of range"),
    ("2**2**2**2**2 + x", "out of range"),
    ("x * (1 + 1e-300)**(10**300)", "digits to compute exactly"),
    ("x * 1e99999999", "beyond the float64 range"),
    ("x * 1e-99999999", "far below the float64 range"),
    ("x * 1" + "0" * 320, "beyond the float64 range"),
    ("x * " + "9" * 5000, "number literal of 5,000 characters; the limit is 400"),
    ("factorial(10**10)", "unknown function 'factorial'"),
    ("x * exp(exp(exp(10)))", "not finite"),
    ("x" * 101 + " + 1", "name of 101 characters"),
])
def test_bombs_are_refused_with_a_message(expr, fragment):
    lines = refused("grad", expr, "--at", "x=2")
    assert fragment in lines[0], lines


def test_bombs_in_point_values_are_refused():
    for value, fragment in (("10**10**10", "out of range"), ("9" * 5000, "5,000 characters"),
                            ("(1+1e-300)**(10**300)", "digits")):
        lines = refused("grad", "x", "--at", f"x={value}")
        assert "'x'" in lines[0] and fragment in lines[0], lines


def test_input_over_the_size_limit_is_refused():
    lines = refused("grad", "x" + " " * 2_000_000, "--at", "x=1")
    assert "input is 2,000,001 characters; the limit is 2,000,000" in lines[0]


def test_a_400000_character_input_is_computed():
    """57,000 terms sharing one sin(x) node, 400,000 characters: computed; SymPy, if slow, is skipped."""
    terms = 400_000 // len("sin(x)+")
    source = "+".join(["sin(x)"] * terms)
    assert len(source) >= 399_990
    proc = cli("grad", "-", "--at", "x=0.5", "--no-trace", "--format", "plain", "--timeout", "2", stdin=source)
    assert proc.returncode == 0, proc.stderr
    assert "forward vs reverse" in proc.stdout


def test_100000_terms_are_computed_and_the_symbolic_check_stays_in_budget():
    source = "+".join(["x"] * 100_000)
    proc = cli("grad", "-", "--at", "x=2", "--no-trace", "--format", "plain", "--timeout", "1", stdin=source)
    assert proc.returncode == 0, proc.stderr
    assert "200000" in proc.stdout                                  # f = 100000 * 2
    assert "100000" in proc.stdout                                  # df/dx
    lines = proc.stdout.splitlines()
    fr = next(line for line in lines if "forward vs reverse" in line)
    assert "ok" in fr


def test_the_symbolic_check_is_skipped_on_its_time_budget_while_numeric_checks_run(tmp_path):
    """A 120-factor product: SymPy's derivative has 120 terms of 120 factors, far beyond 0.1 s."""
    path = tmp_path / "product.txt"
    path.write_text("*".join(f"sin({k}*x + {k})" for k in range(1, 121)))
    proc = cli("grad", f"@{path}", "--at", "x=0.3", "--no-trace", "--format", "json", "--timeout", "0.1",
               "--check", "full")
    doc = json.loads(proc.stdout)
    statuses = {c["name"]: (c["status"], c["note"]) for c in doc["checks"]}
    symbolic = [s for name, s in statuses.items() if "SymPy" in name]
    assert symbolic and all(st == "skipped" and "symbolic check skipped: time budget" in note
                            for st, note in symbolic), statuses
    assert statuses["forward vs reverse"][0] == "ok"
    assert statuses["gradient: graph vs finite differences"][0] == "ok"
    assert proc.returncode == 0


def test_thousands_of_nested_parentheses_are_computed():
    report = grad("(" * 5000 + "x" + ")" * 5000 + " * 3", "x=2", trace=False)
    assert report.value == 6.0 and report.gradient == {"x": 3.0}


def test_nesting_beyond_the_limit_is_refused():
    lines = refused("grad", "(" * 20000 + "x" + ")" * 20000, "--at", "x=1")
    assert "nesting deeper than 10,000 levels" in lines[0]


def test_deep_function_nesting_is_computed_and_sympy_recursion_is_reported():
    """sin(sin(...(x))) 3000 deep: the graph is iterative; SymPy may recurse too deeply, and says so."""
    report = grad("sin(" * 3000 + "x" + ")" * 3000, "x=0.5", trace=False)
    assert report.forward["x"] == pytest.approx(report.gradient["x"], rel=1e-12)
    skipped = [c for c in report.checks if c.status == "skipped"]
    assert all("symbolic check skipped" in c.note for c in skipped)
    assert report.ok


def test_a_long_unary_chain_and_a_power_tower():
    report = grad("-" * 5000 + "x", "x=3", trace=False)
    assert report.value == 3.0 and report.gradient == {"x": 1.0}      # (-1)**5000 = 1
    report = grad("x**" * 30 + "x", "x=1", trace=False)                 # x^(x^(...)) at 1
    assert report.value == 1.0 and report.gradient == {"x": 1.0}       # d/dx x^g = g x^(g-1) + x^g ln x g'


def test_deep_trees_never_recurse_in_python():
    """Parse nodes compare, hash and print by identity: a 10,000-deep tree is as cheap as a flat one."""
    from symgraph.core.parser import parse_expression

    node = parse_expression("-" * 9000 + "x")
    assert node == node and hash(node) == hash(node)
    assert "Node('neg'" in repr(node)


def test_the_cli_never_shows_a_recursion_error():
    result = run("grad", "sin(" * 3000 + "x" + ")" * 3000, "--at", "x=0.5", "--no-trace")
    assert result.exit_code == 0
