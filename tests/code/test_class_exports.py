"""check --code DIR through batch grading's exporters: the teacher's class report (--format markdown, html)
and Gradescope's results.json, on a class of three planted submissions (the expected mistakes are the edits
planted below, the points counted by hand: three gradients per file, one point each)."""
import base64
import json
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

from tests.code.planted import plant
from tests.grading.spec import validate_gradescope
from tests.helpers import refused, run

SHAPES = "x=NxD,w=DxM,b=M"
RIGHT = "x.T.dot(dout), dout.sum(axis=0)"


def _class(tmp_path):
    folder = tmp_path / "class"
    folder.mkdir()
    (folder / "ann.py").write_text(plant("class/alice.py", RIGHT, RIGHT))
    (folder / "ben.py").write_text(plant("class/alice.py", RIGHT, "dout.T.dot(x), dout.sum(axis=0)"))
    (folder / "cat.py").write_text(plant("class/alice.py", RIGHT, "x.T.dot(dout), dout"))
    return str(folder)


def test_markdown_has_the_histogram_chart_and_each_student(tmp_path):
    result = run("check", "--code", _class(tmp_path), "--shapes", SHAPES, "--format", "markdown")
    assert result.exit_code == 1
    text = result.output
    assert text.startswith("# Class report: ") and "1 of 3 answers fully right." in text
    assert "| batch-sum-missing | 1 |" in text and "| transpose-missing | 1 |" in text
    (image,) = re.findall(r"\(data:image/svg\+xml;base64,([A-Za-z0-9+/=]+)\)", text)
    svg = base64.b64decode(image).decode("utf-8")
    ET.fromstring(svg)
    assert "<!-- transpose-missing -->" in svg and "<!-- batch-sum-missing -->" in svg
    assert "| ann | code | 3/3 | 3/3 |  |" in text
    assert "| ben | code | 2/3 | 2/3 | transpose-missing |" in text
    assert "| cat | code | 2/3 | 2/3 | batch-sum-missing |" in text
    assert r"| affine\_backward: dw wrong (transpose-missing) | 1 | 33.3 |" in text


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.cells, self.open = [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.open = tag == "td"

    def handle_data(self, data):
        if self.open:
            self.cells.append(data)
            self.open = False


def test_html_is_the_class_report_page(tmp_path):
    out = tmp_path / "report.html"
    result = run("check", "--code", _class(tmp_path), "--shapes", SHAPES, "--format", "html", "-o", str(out))
    assert result.exit_code == 1
    page = _Page()
    page.feed(out.read_text(encoding="utf-8"))
    assert "svg" in page.tags and page.tags.count("table") == 3        # mistakes, notes, students
    assert {"ann", "ben", "cat", "transpose-missing", "batch-sum-missing"} <= set(page.cells)


def test_gradescope_results_validate(tmp_path):
    result = run("check", "--code", _class(tmp_path), "--shapes", SHAPES, "--format", "gradescope")
    assert result.exit_code == 1
    data = json.loads(result.output)
    validate_gradescope(data)
    assert data["score"] == 7 and data["output"] == "7 of 9 points"
    tests = {t["name"]: (t["score"], t["max_score"], t["tags"]) for t in data["tests"]}
    assert len(tests) == 9
    assert tests["[ben] code: line 11: affine_backward: dw"] == (0, 1, ["transpose-missing"])
    assert tests["[ann] code: line 11: affine_backward: dw"] == (1, 1, [])
    wrong = next(t for t in data["tests"] if t["tags"] == ["batch-sum-missing"])
    assert wrong["name"].startswith("[cat] ") and wrong["output"].startswith("wrong: dout has shape (")


def test_the_formats_a_folder_does_not_have(tmp_path):
    assert "--code DIR" in refused("check", "--code", _class(tmp_path), "--format", "latex")[0]
    assert "--code DIR" in refused("check", "--code", "examples/code/class/alice.py", "--shapes", SHAPES,
                                   "--format", "gradescope")[0]
