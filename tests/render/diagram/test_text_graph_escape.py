"""DOT and Mermaid hold user text (the expression and the point's comment) in their header comment lines,
and node names in labels (issue 22 F3): in the file and in the API's strings, not only on a terminal, every
control character and non-character is a visible escape and no line break of any kind is inside a comment
line. Graphviz (``dot -Tsvg``) reads the DOT; the Mermaid lines are checked against Mermaid's own rules
(it turns ``\\r\\n?`` into ``\\n`` before parsing, and ``%%{`` anywhere starts a directive)."""
import shutil
import subprocess
import xml.dom.minidom

import pytest

import symgraph
from symgraph.pipeline import graph_rows
from symgraph.render.diagram.model import build_diagram
from symgraph.render.diagram.text_graph import render_dot, render_mermaid
from tests.helpers import run

BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
HOSTILE = ("x=1,y=2 # \x1b]0;OWNED\x07\x1b[2J\ufffe\uffff\x01\x7f\u202e a\rclick n0 \"https://evil.example\""
           "\v1\f2\x1c3\x1d4\x1e5\x856\u20287\u20298 %%{init: {\"theme\": \"dark\"}}%% <b>&amp;</b>")


def _raw_controls(text):
    return [ch for ch in text if ch not in "\n" and (ord(ch) < 0x20 or 0x7f <= ord(ch) < 0xa0
                                                    or ch in "\u2028\u2029\u202e\ufffe\uffff")]


def _lines(text):
    """Split as the most generous reader would: on every line break Python knows (str.splitlines)."""
    return text.splitlines()


def _hostile_diagram():
    """A diagram whose header texts (the expression and a point value as written) hold the payload: the
    command line drops a point's comment before it reaches the diagram, so the renderer's own escaping is
    tested with the texts set directly, as a future reader of other text might set them."""
    d = build_diagram("x*y", graph_rows("x*y", "x=1,y=2"), {"x": HOSTILE, "y": "2"})
    d.expression = HOSTILE
    return d


@pytest.mark.parametrize("fmt, comment", [("dot", "//"), ("mermaid", "%%")])
def test_the_written_file_keeps_every_comment_on_its_line(tmp_path, fmt, comment):
    path = tmp_path / f"g.{fmt}"
    assert run("graph", "x*y", "--at", HOSTILE, "--format", fmt, "-o", str(path)).exit_code == 0
    written = path.read_bytes().decode("utf-8")
    rendered = (render_dot if fmt == "dot" else render_mermaid)(_hostile_diagram())
    for text in (written, rendered):
        assert not _raw_controls(text), repr(text)
        assert _lines(text) == text.split("\n")[:len(_lines(text))]    # no break but the writer's newlines
        header = [line for line in _lines(text) if line.startswith(comment)]
        assert len(header) == 3
        body = text[text.index("digraph" if fmt == "dot" else "flowchart"):]
        assert "OWNED" not in body and "click" not in body
        if fmt == "mermaid":
            assert "%%{" not in text and "%%" not in body
            assert _lines(text.replace("\r\n", "\n").replace("\r", "\n")) == _lines(text)
    assert "OWNED" in rendered and "\\x1b]0;OWNED\\x07" in rendered and "U+FFFE" in rendered


def test_the_api_strings_are_escaped_too():
    g = symgraph.graph("x*y", HOSTILE)
    for text in (g.dot(), g.mermaid()):
        assert not _raw_controls(text), repr(text)
        assert "OWNED" not in text                     # the point's comment is not part of the point


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz (dot) is not installed")
def test_graphviz_reads_the_hostile_dot_and_draws_the_same_graph():
    done = subprocess.run(["dot", "-Tsvg"], input=symgraph.graph("x*y", HOSTILE).dot().encode("utf-8"),
                          capture_output=True, timeout=60)
    assert done.returncode == 0, done.stderr
    svg = xml.dom.minidom.parseString(done.stdout)
    titles = sorted(t.firstChild.data for t in svg.getElementsByTagName("title"))
    assert {"n0", "n1", "n2", "n0->n2", "n1->n2"} <= set(titles)
    assert "OWNED" not in done.stdout.decode("utf-8")


@pytest.mark.parametrize("brk", list(BREAKS))
def test_labels_hold_no_break_or_control(brk):
    d = build_diagram("x*y", graph_rows("x*y", "x=1,y=2"), {"x": "1", "y": "2"})
    for node in d.nodes:           # as if a name could hold anything: the label escapers are the last line
        node.name = node.label = f"{node.name}{brk}%%{{init: {{}}}}%%\x1b[2J\ufffe"
        node.names = [node.name]
    for text in (render_dot(d), render_mermaid(d)):
        assert not _raw_controls(text) and _lines(text) == text.split("\n")[:-1], repr(text)
    assert "%" not in render_mermaid(d).split("flowchart")[1]
