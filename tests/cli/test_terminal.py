"""The terminal trace: --color auto|always|never with NO_COLOR and FORCE_COLOR, a plain layout on narrow
terminals, one row per check, each note once, long SymPy derivatives shortened, statements as read."""
import io
import json
import re

import pytest

from symgraph.cli.common import MIN_WIDTH, console_for
from symgraph.pipeline import grad
from symgraph.render.terminal.trace import DERIVATIVE_CHARS, render_trace

from tests.helpers import run

ANSI = re.compile(r"\x1b\[[0-9;]*m")


class Terminal(io.StringIO):
    """A stream that says it is a terminal (what a shell gives symgraph when nothing is redirected)."""

    def isatty(self):
        return True


def trace_text(source="sin(x)*cos(x)", at="x=2", fmt="rich", color="auto", stream=None, **kw):
    stream = stream if stream is not None else Terminal()
    console, plain = console_for(fmt, color, stream=stream)
    render_trace(grad(source, at, **kw), console, plain=plain, full=kw.get("full_trace", False))
    return stream.getvalue()


@pytest.fixture(autouse=True)
def clean_env(monkeypatch):
    for name in ("NO_COLOR", "FORCE_COLOR", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "100")


def test_a_terminal_gets_colour_by_default():
    assert ANSI.search(trace_text())


def test_no_color_is_honoured_on_a_terminal(monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    text = trace_text()
    assert not ANSI.search(text) and "Verdict" in text


def test_force_color_colours_a_pipe_and_never_wins(monkeypatch):
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert ANSI.search(trace_text(stream=io.StringIO()))            # | less -R
    assert not ANSI.search(trace_text(stream=io.StringIO(), color="never"))
    monkeypatch.setenv("NO_COLOR", "1")
    assert not ANSI.search(trace_text(stream=io.StringIO()))        # NO_COLOR beats FORCE_COLOR


def test_color_always_and_never_decide(monkeypatch):
    assert ANSI.search(trace_text(stream=io.StringIO(), color="always"))
    assert not ANSI.search(trace_text(color="never"))
    monkeypatch.setenv("NO_COLOR", "1")
    assert ANSI.search(trace_text(color="always"))
    assert not ANSI.search(trace_text(fmt="plain", color="always"))     # plain means plain


@pytest.mark.parametrize("columns", ["20", str(MIN_WIDTH - 1)])
def test_a_narrow_terminal_gets_the_plain_layout_with_whole_numbers(monkeypatch, columns):
    """COLUMNS=20 once wrapped numbers one character per line."""
    monkeypatch.setenv("COLUMNS", columns)
    text = ANSI.sub("", trace_text(at="x=2"))
    assert "-0.653644" in text           # d/dx sin(x)cos(x) = cos(2x) = cos(4), printed whole
    assert "Verdict: all 4 compared checks agree" in text
    assert not any(len(line.strip()) == 1 and line.strip().isdigit() for line in text.splitlines())


def test_the_checks_table_has_one_row_per_check():
    text = trace_text(fmt="plain", stream=io.StringIO())
    report = grad("sin(x)*cos(x)", "x=2")
    table = text[text.index("Checks:"):text.index("Verdict:")].splitlines()
    separator = next(i for i, line in enumerate(table) if line.startswith("-----"))
    legend = next(i for i, line in enumerate(table) if i > separator and line.startswith("  "))
    rows = table[separator + 1:legend]                   # no continuation rows that read like a check
    assert len(rows) == len(report.checks)
    for c, row in zip(report.checks, rows):
        assert row.startswith(("✓ ", "✗ ", "~ ")) and c.name in row
        assert f"{c.name}: {c.lhs} vs {c.rhs}" in text    # what each side is, once, below the table


def test_a_note_shared_by_several_checks_is_printed_once():
    report = grad("abs(x-y)*z", "x=1,y=1,z=2", check="full")
    text = trace_text("abs(x-y)*z", "x=1,y=1,z=2", fmt="plain", stream=io.StringIO(), check="full")
    for note in {c.note for c in report.checks if c.note}:
        assert text.count(note) == 1


def test_check_notes_are_printed_once_for_all_their_claims():
    result = run("check", "abs(x-y)*z", "--at", "x=1,y=1,z=2", "--claim", "df/dx = 0", "--claim", "df/dy = 0",
                 "--claim", "df/dx = 1", "--format", "plain")
    assert result.output.count("not differentiable here") == 1
    assert "df/dx = 0, df/dy = 0, df/dx = 1: not differentiable here" in result.output


def test_a_long_sympy_derivative_is_shortened_and_json_has_it_whole():
    source = "exp(sin(x)*cos(x)/(1+x**2))*log(2+x**2)*tanh(x*y)"
    report = grad(source, "x=1,y=2")
    full = report.symbolic["x"]["derivative"]
    assert len(full) > DERIVATIVE_CHARS
    text = trace_text(source, "x=1,y=2", fmt="plain", stream=io.StringIO())
    assert full not in text and "--format json has each in full" in text
    assert "shortened" not in trace_text(source, "x=1,y=2", fmt="plain", stream=io.StringIO(), full_trace=True)
    doc = json.loads(run("grad", source, "--at", "x=1,y=2", "--format", "json").output)
    assert doc["symbolic"]["x"]["derivative"] == full


@pytest.mark.parametrize("fmt", ["dot", "mermaid"])
def test_the_trace_and_diagram_headers_say_what_was_read(fmt):
    """`x*2; y = x*3` is two statements, one unnamed: never shown as `y = x*2` (as if y were assigned twice)."""
    text = trace_text("x*2; y = x*3", "x=1", fmt="plain", stream=io.StringIO())
    reading = text[text.index("(a)"):text.index("(b)")]
    assert "y = x*2" not in reading and "y = x*3" in reading and "v1 = x*2   (unnamed" in reading
    header = run("graph", "x*2; y = x*3", "--format", fmt).output.splitlines()[0]
    assert header.endswith("symgraph graph: v1 = x*2; y = x*3")     # its own generated name, never y
    last = trace_text("a = x*2; a*3", "x=1", fmt="plain", stream=io.StringIO())
    assert "f = a*3   (unnamed: the output)" in last


def test_the_worked_solution_says_what_was_read():
    text = run("grad", "x*2; y = x*3", "--at", "x=1", "--format", "markdown").output
    assert "y &= x \\cdot 2" not in text and "y &= x \\cdot 3" in text
