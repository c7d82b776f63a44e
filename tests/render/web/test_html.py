"""The HTML step-through as a file: self-contained, the test contract in place, the steps' numbers the
report's own, user text escaped, big graphs as a table stepper. (tests/browser drives it in Chromium.)"""
import html
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import symgraph
from symgraph.render.web.html import check_page, check_rows, grad_page
from tests.core.test_properties import EXPRESSIONS
from tests.helpers import EXAMPLES, refused, run

TWO = ["@" + str(EXAMPLES / "two_inputs.txt"), "--at", "@" + str(EXAMPLES / "two_inputs.point.json")]


def _data(page: str) -> dict:
    block = re.search(r'<script type="application/json" id="symgraph-data">(.*?)</script>', page, re.S).group(1)
    return json.loads(block)


def _write(tmp_path, *args) -> str:
    out = tmp_path / "page.html"
    result = run(*args, "--format", "html", "-o", str(out))
    assert result.exit_code in (0, 1) and "wrote html to" in result.output
    return out.read_text(encoding="utf-8")


def test_page_is_self_contained(tmp_path):
    page = _write(tmp_path, "grad", *TWO)
    # no fetch of any kind: the only URL is the SVG namespace, which is a name, not a request
    assert set(re.findall(r"https?://[^\s\"'<>]+", page)) == {"http://www.w3.org/2000/svg"}
    assert not re.search(r"<(link|img|iframe)\b|(?<!-)\bsrc=|@import|url\((?!#)", page)
    for hook in ('id="step-text"', 'id="step-index"', 'id="next"', 'id="prev"', 'id="play"', "ArrowLeft"):
        assert hook in page


def test_every_edge_is_named_and_the_steps_match_the_report(tmp_path):
    page = _write(tmp_path, "grad", *TWO)
    graph = json.loads(run("grad", *TWO, "--format", "json").output)["graph"]
    names = [n["name"] for n in graph["nodes"]]
    edges = {f"{names[u]}->{n['name']}" for n in graph["nodes"] for u in n["inputs"]}
    shown = {e.replace("&gt;", ">") for e in re.findall(r'class="edge"[^>]*data-edge="([^"]+)"', page)}
    assert shown == edges
    data = _data(page)
    steps = data["steps"]
    assert len(steps) == len(names) + 1 + sum(len(n["inputs"]) for n in graph["nodes"])
    assert data["start"] == 0
    texts = [s[2] for s in steps]
    # the seed chapter's accumulation into x1, through g2 first and then through 2*x1 (the example)
    assert "backward: df/dx1 += df/dg2·∂g2/∂x1 = 0 + (-4)·2 = -8" in texts
    assert "backward: df/dx1 += df/dv1·∂v1/∂x1 = -8 + 1·2 = -6" in texts
    last = {}
    for edge, node, _, updates in steps:
        for field, target, *_, cell in updates:
            last[(field, target)] = cell
    for n in graph["nodes"]:              # after the last step the table holds the JSON's numbers
        assert float(last[("v", n["id"])]) == pytest.approx(n["value"])
        assert float(last[("g", n["id"])]) == pytest.approx(n["adjoint"])


def test_user_text_is_escaped(tmp_path):
    source = "# </script><img src=x onerror=alert(1)> & <b>\nf = x*x\n"
    report = symgraph.grad(source, {"x": 3})
    page = grad_page(report.to_dict(), report.trace)
    assert "<img" not in page and "<b>" not in page
    assert page.count("</script>") == 2                   # the data block's and the script's own
    assert "&lt;img src=x" in page


def test_check_page_opens_at_the_first_wrong_step(tmp_path):
    page = _write(tmp_path, "check", *TWO, "--claim", "df/dx1 = -6", "--claim", "df/dg2 = 4")
    data = _data(page)
    k = data["start"]
    assert 0 < k <= len(data["steps"])
    assert "df/dg2 = 4: ✗ wrong" in data["steps"][k - 1][2]
    assert 'class="mark"' in page and "first wrong step: df/dg2 = 4 (true -4)" in page


def test_check_page_of_a_right_derivation_starts_at_zero():
    report = symgraph.check("g = 3*x; f = g**2", ["df/dg = 24", "df/dx = 72"], {"x": 4})
    data = report.to_dict()
    page = check_page(data, check_rows(data))
    assert _data(page)["start"] == 0 and "every claim is right" in page
    assert report.to_html() == page


def test_big_graph_gets_the_table_stepper_and_says_why():
    text = " + ".join(f"w{i}*x{i}" for i in range(60))     # 239 nodes, past the SVG limit
    report = symgraph.grad(text, {f"{v}{i}": i % 7 - 3 for i in range(60) for v in "wx"}, check="none")
    page = report.to_html()
    assert "<svg" not in page and "No circuit: the graph has" in page
    assert page.count("<tr data-id=") == report.cost["nodes"]
    data = _data(page)
    assert len(data["steps"]) > report.cost["nodes"]      # every node forward, then the backward steps


def test_batch_and_bad_output_are_refused(tmp_path):
    lines = refused("check", "--file", str(EXAMPLES / "answers.toml"), "--format", "latex")   # html: the class report
    assert "--format latex: give EXPR, --at and --claim" in lines[0]
    lines = refused("grad", "x*x", "--at", "x=1", "--format", "html", "-o", str(tmp_path / "no" / "such.html"))
    assert "cannot write" in lines[0]
    # an -o suffix that names no format is refused before any work (tests/cli/test_output.py has the rest)
    assert "names no format of grad" in refused("grad", "x*x", "--at", "x=1", "-o", str(tmp_path / "t.pdf"))[0]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EXPRESSIONS, st.floats(min_value=-2, max_value=2, allow_nan=False).map(lambda v: round(v, 3)))
def test_steps_replay_and_undo_to_the_report_on_random_programs(pair, x):
    """Invariants of the step model on random expressions: every edge named; each cell's updates chain
    (each one's 'before' is the previous 'after', the first is blank), so Previous undoes Next exactly;
    after the last step the cells hold the JSON values and adjoints."""
    text = pair[0]
    names = [n for n in "xyz" if re.search(rf"\b{n}\b", text)]
    report = symgraph.grad(text, {n: x for n in names}, check="none")
    data = report.to_dict()
    page = grad_page(data, report.trace)
    nodes = data["graph"]["nodes"]
    if len(nodes) <= 150:
        shown = {e.replace("&gt;", ">") for e in re.findall(r'class="edge"[^>]*data-edge="([^"]+)"', page)}
        assert shown == {f"{nodes[u]['name']}->{n['name']}" for n in nodes for u in n["inputs"]}
    cell, svg = {}, {}
    for _, _, _, updates in _data(page)["steps"]:
        for field, node, svg_before, svg_after, before, after in updates:
            assert cell.get((field, node), "") == before and svg.get((field, node), "") == svg_before
            cell[(field, node)], svg[(field, node)] = after, svg_after
    for n in nodes:
        for field, key in (("v", "value"), ("g", "adjoint")):
            if isinstance(n[key], float):
                assert float(cell[(field, n["id"])]) == pytest.approx(n[key], rel=1e-5, abs=1e-12)


def test_grad_json_to_a_file(tmp_path):
    out = tmp_path / "r.json"
    result = run("grad", *TWO, "--format", "json", "-o", str(out))
    assert result.exit_code == 0 and "wrote json to" in result.output
    assert json.loads(out.read_text())["gradient"] == {"x1": -6.0, "x2": -1.0}


def test_a_wrong_local_partial_opens_at_its_node(tmp_path):
    page = _write(tmp_path, "check", *TWO, "--claim", "dg2/dx1 = 3", "--claim", "df/dx1 = -6")
    data = _data(page)
    text = data["steps"][data["start"] - 1][2]
    assert text.startswith("backward: df/dx1 = -6") and "first wrong step: dg2/dx1 = 3" in text
    assert "(true 2)" in text                      # d(x1*x2)/dx1 = x2 = 2, the seed's point


def test_a_constant_local_partial_is_written_once(tmp_path):
    # d(g1)/d(v1) of g1 = v1 + v2 is the constant 1: "dg1/dv1 = 1", not "dg1/dv1 = 1 = 1"; a formula keeps
    # both (dg2/dx1 = x2 = 2 at the seed's point).
    data = _data(_write(tmp_path, "grad", *TWO))
    texts = " ".join(step[2] for step in data["steps"])
    assert "∂g1/∂v1 = 1," in texts and "= 1 = 1" not in texts
    assert "∂g2/∂x1 = x2 = 2" in texts


def test_check_page_writes_gates_in_their_inputs_names(tmp_path):
    # the check page has no trace text to copy: v1 = 2*x1 showed as "*2(x1)" and g1 as "+(v1, v2)"
    page = _write(tmp_path, "check", *TWO, "--claim", "df/dx1 = -6")
    cells = [html.unescape(c) for c in re.findall(r'<td class="computes">([^<]*)</td>', page)]
    assert "x1 * 2" in cells and "v1 + v2" in cells and "x1 * x2" in cells and "g1 - v3" in cells
    assert not any(c.startswith(("+(", "*", "-(")) for c in cells)
