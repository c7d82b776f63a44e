"""``-o FILE`` means the same in every command (issue 24): the format from --format, else from FILE's suffix;
an unknown suffix is refused before anything is written (as plot refuses one); every format can go to a file,
and the file holds exactly what stdout would (a terminal format as a pipe gets it)."""
import json
import xml.etree.ElementTree as ET

import pytest

from tests.helpers import refused, run

POINT = ["--at", "x=1,y=2"]
CASES = [  # command, arguments, file suffix, the format the suffix names
    ("grad", ["x*y + sin(x)", *POINT], ".json", "json"),
    ("grad", ["x*y + sin(x)", *POINT], ".md", "markdown"),
    ("grad", ["x*y + sin(x)", *POINT], ".tex", "latex"),
    ("grad", ["x*y + sin(x)", *POINT], ".txt", "plain"),
    ("grad", ["x*y + sin(x)", *POINT], ".html", "html"),
    ("steps", ["(3x)^2"], ".md", "markdown"),
    ("steps", ["(3x)^2"], ".tex", "latex"),
    ("steps", ["(3x)^2"], ".json", "json"),
    ("steps", ["(3x)^2"], ".txt", "plain"),
    ("hessian", ["x^2*y", *POINT], ".json", "json"),
    ("hessian", ["x^2*y", *POINT], ".txt", "plain"),
    ("check", ["x*y", *POINT, "--claim", "df/dx = 2"], ".json", "json"),
    ("check", ["x*y", *POINT, "--claim", "df/dx = 2"], ".md", "markdown"),
    ("check", ["x*y", *POINT, "--claim", "df/dx = 2"], ".txt", "plain"),
    ("check", ["x*y", *POINT, "--claim", "df/dx = 2"], ".html", "html"),
    ("graph", ["x*y", *POINT], ".svg", "svg"),
    ("graph", ["x*y", *POINT], ".dot", "dot"),
    ("grad", ["f = x*y; g = x + y", *POINT, "--outputs", "f,g"], ".txt", "plain"),
    ("grad", ["f = x*y; g = x + y", *POINT, "--outputs", "f,g"], ".json", "json"),
]


@pytest.mark.parametrize("command, args, suffix, fmt", CASES)
def test_the_file_holds_what_stdout_would_in_the_format_its_suffix_names(tmp_path, command, args, suffix, fmt):
    path = tmp_path / f"out{suffix}"
    written = run(command, *args, "-o", str(path))
    assert written.exit_code == 0 and written.output.startswith("wrote "), written.output
    piped = run(command, *args, "--format", fmt).output
    assert _same(path.read_text(encoding="utf-8"), piped, fmt)
    # an explicit --format with the same file name gives the same file
    again = tmp_path / f"again{suffix}"
    run(command, *args, "--format", fmt, "-o", str(again))
    assert _same(again.read_text(encoding="utf-8"), piped, fmt)
    if fmt == "svg":
        ET.fromstring(piped.encode())


def _same(written: str, piped: str, fmt: str) -> bool:
    """Byte for byte, but for the JSON report's wall-clock measurements (timings, seconds)."""
    if fmt != "json":
        return written == piped
    return _clockless(json.loads(written)) == _clockless(json.loads(piped))


def _clockless(data):
    if isinstance(data, dict):
        return {k: _clockless(v) for k, v in data.items() if k not in ("timings", "seconds", "ratio_seconds")}
    return [_clockless(v) for v in data] if isinstance(data, list) else data


@pytest.mark.parametrize("command, args", [("graph", ["x*y"]), ("grad", ["x*y", *POINT]), ("steps", ["x*y"]),
                                           ("hessian", ["x*y", *POINT]), ("check", ["x*y", "--claim", "df/dx = y"])])
def test_an_unknown_suffix_is_refused_and_nothing_is_written(tmp_path, command, args):
    path = tmp_path / "g.pdf"
    lines = refused(command, *args, "-o", str(path))
    assert f"names no format of {command}" in lines[0] and "'.pdf'" in lines[0]
    assert not path.exists()


def test_steps_markdown_to_a_file(tmp_path):
    path = tmp_path / "x.md"
    result = run("steps", "(3x)^2", "--format", "markdown", "-o", str(path))
    assert result.exit_code == 0 and f"wrote markdown to {path}" in result.output
    assert path.read_text(encoding="utf-8").startswith("# Worked solution")


def test_practice_needs_the_page():
    assert "--practice is a mode of the page" in refused("grad", "x*y", *POINT, "--practice", "--format", "json")[0]
