"""Shared helpers for the safety, error, limit, domain and fuzz tests: run a command through click's
CliRunner and hold the promises every run must keep (an exit code of 0, 1 or 2 and never a traceback)."""
import pathlib

from click.testing import CliRunner

from symgraph.cli import main

ROOT = pathlib.Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


def run(*args, input=None):
    """Invoke ``symgraph *args``; fail the test on an escaped exception or an internal error (exit 3)."""
    result = CliRunner().invoke(main, list(args), input=input)
    escaped = result.exception if not isinstance(result.exception, SystemExit) else None
    assert escaped is None, f"{type(escaped).__name__}: {escaped}\n{result.output}"
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    return result


def refused(*args, input=None):
    """A bad-input run: exit 2 and a message that starts with 'error:'; returns the message lines."""
    result = run(*args, input=input)
    assert result.exit_code == 2, result.output
    lines = result.output.splitlines()
    assert lines and lines[0].startswith("error: "), result.output
    return lines


def caret_column(lines):
    """The column the caret points at within the echoed source line, and that line."""
    caret = next(i for i, line in enumerate(lines) if line.strip() == "^")
    return lines[caret].index("^") - 2, lines[caret - 1][2:]
