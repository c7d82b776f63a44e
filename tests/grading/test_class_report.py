"""The teacher's class report: --format markdown|html for a whole answer file. Counts worked by hand
from examples/answers.toml (bob's df/dx1 = -8 fits two mistakes at that point, so the catalog names none;
bob's sin(x)cos(x) answer a trig sign) and from a small class with two clear mistakes (TWO below);
the HTML read back with the standard library's parser, the chart with an XML parser."""
import base64
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from symgraph.grading.class_report import class_report
from symgraph.judging.grading import grade
from symgraph.render.diagram.histogram import histogram_svg
from symgraph.render.document.class_report import class_report_markdown
from symgraph.render.web.class_report import class_report_html
from tests.helpers import EXAMPLES, run

EVIL = """
[[problem]]
id = "p <b>|*1*|</b>"
expression = "sin(x**2)"
  [[problem.answer]]
  student = "<script>alert(1)</script> | _x_"
  claims = ["df/dx = cos(x**2)"]
  [[problem.answer]]
  student = "ada"
  claims = ["df/dx = 2*x*cos(x**2)"]
"""


TWO = """
[[problem]]
id = "chain"
expression = "sin(x**2)"
  [[problem.answer]]
  student = "ann"
  claims = ["df/dx = cos(x**2)"]
  [[problem.answer]]
  student = "ben"
  claims = ["df/dx = -2*x*cos(x**2)"]
  [[problem.answer]]
  student = "cat"
  claims = ["df/dx = cos(x**2)"]
"""


def test_histogram_notes_and_students_from_the_example_class():
    report = class_report(grade((EXAMPLES / "answers.toml").read_text(), "answers.toml").to_dict())
    first = report["problems"][0]
    assert first["id"] == "10.4 backward pass" and (first["answers"], first["right"]) == (4, 2)
    assert first["histogram"] == []               # -8 is ambiguous at x1=1, x2=2: no name (docs/catalog.md)
    notes = {n["note"]: (n["count"], n["percent"]) for n in first["notes"]}
    assert notes["df/dx1 right"] == (3, 75) and notes["df/dx2 missing"] == (1, 25)
    assert notes["df/dx1 wrong"] == (1, 25)
    trig = report["problems"][1]
    assert [(h["mistake"], h["count"]) for h in trig["histogram"]] == [("trig-sign", 1)]
    assert len(report["students"]) == 7


def test_the_chart_is_svg_with_one_bar_per_mistake():
    report = class_report(grade(TWO).to_dict())
    assert [(h["mistake"], h["count"]) for h in report["problems"][0]["histogram"]] == [
        ("chain-inner-missing", 2), ("trig-sign", 1)]
    svg = histogram_svg(report["problems"][0])
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg")
    assert "<!-- chain-inner-missing -->" in svg and "<!-- trig-sign -->" in svg
    bars = [g for g in root.iter() if g.get("id", "").startswith("patch_")]
    assert len(bars) >= 2 + 1                  # the two bars and the axes' background


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def test_user_text_is_escaped_in_html():
    page = class_report_html(class_report(grade(EVIL).to_dict()))
    parser = _Tags()
    parser.feed(page)
    assert "script" not in parser.tags and "b" not in parser.tags
    assert "<script>alert(1)</script> | _x_" in "".join(parser.text)
    assert "svg" in parser.tags


def test_user_text_is_escaped_in_markdown():
    text = class_report_markdown(class_report(grade(EVIL).to_dict()))
    assert "<script>" not in text and "<b>" not in text
    row = next(line for line in text.splitlines() if "alert" in line)
    assert row.count(" | ") == 6                 # the name's | is escaped: the row keeps its 7 cells
    assert r"\_x\_" in row
    (image,) = re.findall(r"\(data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)\)", text)
    ET.fromstring(base64.b64decode(image))


def test_the_command_line_writes_both(tmp_path):
    out = tmp_path / "report.html"
    result = run("check", "--file", str(EXAMPLES / "answers.toml"), "--format", "html", "-o", str(out))
    assert result.exit_code == 1 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = run("check", "--file", str(EXAMPLES / "answers.toml"), "--format", "markdown")
    assert result.output.startswith("# Class report: ") and "## 10.3.1 sin(x)cos(x)" in result.output
