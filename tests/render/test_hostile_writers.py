"""Every output writer survives any character the input admits (issue 22 item 4): a comment carrying
control characters, DEL, ESC, a bidi override, non-characters, a lone surrogate (an undecodable byte of
argv), TeX specials and mathtext goes through every format. Each file is then read by an independent
reader: an XML parser for SVG, pdflatex for LaTeX, Pillow for PNG, json for JSON (chromium for HTML is in
tests/browser/test_hostile_page.py)."""
import io
import json
import shutil
import subprocess
import xml.dom.minidom

import pytest

from tests.helpers import run

COMMENT = "\ufffe\uffff\x01\x7f\x1b\u202e\udcff $a^$ %&_~^ <b>&amp;"
AT = f"x=1,y=2 # {COMMENT}"


def _svg_ok(path):
    xml.dom.minidom.parse(str(path))          # raises on anything that is not well-formed XML


def _png_ok(path):
    Image = pytest.importorskip("PIL.Image", reason="Pillow (the test extra) decodes the PNG")
    with Image.open(io.BytesIO(path.read_bytes())) as image:
        image.load()
        assert image.size[0] > 10 and image.size[1] > 10


@pytest.mark.parametrize("args, name, reader", [
    (["graph", "x*y", "--at", AT, "--format", "svg"], "g.svg", _svg_ok),
    (["graph", "x*y", "--at", AT, "--format", "png"], "g.png", _png_ok),
    (["plot", "x*y", "--at", AT], "p.svg", _svg_ok),
    (["plot", "x**2", "--at", f"x=1 # {COMMENT}"], "p.png", _png_ok),
    (["grad", "x*y", "--at", AT, "--format", "html"], "g.html", lambda p: p.read_text(encoding="utf-8")),
    (["check", "x*y", "--at", AT, "--claim", f"df/dx = 3 # {COMMENT}", "--svg"], "c.svg", _svg_ok),
    (["check", "x*y", "--at", AT, "--claim", f"df/dx = 3 # {COMMENT}", "--json-out"], "c.json",
     lambda p: json.loads(p.read_text(encoding="utf-8"))),
])
def test_each_file_writer_writes_what_an_independent_reader_accepts(tmp_path, args, name, reader):
    path = tmp_path / name
    flag = args[-1] in ("--svg", "--json-out")
    result = run(*(args + [str(path)] if flag else args + ["-o", str(path)]))
    assert result.exit_code in (0, 1), result.output
    reader(path)
    if not name.endswith(".png"):
        text = path.read_bytes().decode("utf-8")             # valid UTF-8: the surrogate became visible
        assert "\ufffe" not in text and "\x01" not in text and "\x1b" not in text


@pytest.mark.parametrize("args", [
    ["grad", "x*y", "--at", AT, "--format", "latex", "--standalone"],
    ["check", "x*y", "--at", AT, "--claim", f"df/dx = 3 # {COMMENT}", "--format", "latex", "--standalone"],
    ["steps", "x*y", "--at", AT, "--format", "latex", "--standalone"],
])
def test_latex_handouts_compile_with_pdflatex(tmp_path, args):
    if shutil.which("pdflatex") is None:
        pytest.skip("pdflatex is not installed: the LaTeX handouts cannot be compiled here")
    tex = run(*args).stdout
    (tmp_path / "h.tex").write_text(tex, encoding="utf-8")
    done = subprocess.run(["pdflatex", "-interaction=nonstopmode", "-halt-on-error", "h.tex"], cwd=tmp_path,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stdout.decode("utf-8", "replace")[-2000:]
    assert (tmp_path / "h.pdf").stat().st_size > 1000


def test_json_on_stdout_reads_back_with_the_payload_escaped():
    data = json.loads(run("grad", "x*y", "--at", AT, "--format", "json").stdout)
    assert data["gradient"] == {"x": 2.0, "y": 1.0}
