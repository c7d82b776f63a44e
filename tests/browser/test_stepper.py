"""The HTML step-through in a real browser: the seed's sigmoid neuron, stepped forward and backward.

Every adjoint the page shows after a step is compared with the JSON report's ``graph`` value of that node
(an independent output of the same run: the renderer never recomputes it)."""
import json
import re

import pytest

from tests.helpers import EXAMPLES, run

NEURON = ["@" + str(EXAMPLES / "sigmoid_neuron.txt"), "--at", "@" + str(EXAMPLES / "sigmoid_neuron.point.json")]
UPDATE = re.compile(r"d\w+/d(\w+) \+= d\w+/d(\w+)·∂")


@pytest.fixture(scope="module")
def neuron(tmp_path_factory):
    folder = tmp_path_factory.mktemp("neuron")
    page = folder / "trace.html"
    assert run("grad", *NEURON, "--format", "html", "-o", str(page)).exit_code == 0
    graph = json.loads(run("grad", *NEURON, "--format", "json").output)["graph"]
    return page, {row["name"]: row for row in graph["nodes"]}, graph["nodes"][graph["output"]]["name"]


def _cell(page, name: str, column: str) -> str:
    return page.eval_on_selector(
        "#table", "(t, a) => [...t.querySelectorAll('tr[data-id]')].find(r => r.querySelector('.name')"
        ".textContent === a[0]).querySelector('td.' + a[1]).textContent", [name, column])


def _svg_text(page, name: str, cls: str) -> str:
    return page.eval_on_selector(f'#circuit g.node[data-name="{name}"] text.{cls}', "e => e.textContent")


def test_step_through_the_neuron_forward_and_backward(page, neuron):
    path, rows, output = neuron
    page.goto(path.as_uri())
    k, n = map(int, page.inner_text("#step-index").split("/"))
    assert k == 0 and n == len(rows) + 1 + (len(rows) - 1)   # nodes, the seed, one accumulation per edge
    assert all(_cell(page, name, "adjoint") == "" for name in rows)   # nothing computed yet
    checked = set()
    for step in range(1, n + 1):
        page.click("#next")
        assert page.inner_text("#step-index") == f"{step}/{n}"
        text = page.inner_text("#step-text")
        if text.startswith("forward: "):
            name = text.split()[1]
            assert float(_cell(page, name, "value")) == pytest.approx(rows[name]["value"], rel=1e-5)
            assert _svg_text(page, name, "value") == f"{rows[name]['value']:.2f}"
            continue
        match = UPDATE.search(text)
        name = match.group(1) if match else output         # the seed: df/df = 1
        if match:       # the edge of this accumulation is the one highlighted
            assert page.eval_on_selector_all("#circuit g.edge.active", "es => es.map(e => e.dataset.edge)") \
                == [f"{match.group(1)}->{match.group(2)}"]
            # and its local partial's label (on a short wire the label covers most of the line)
            lit = page.eval_on_selector_all("#circuit g.local.active", "ls => ls.map(l => l.textContent)")
            assert len(lit) == 1 and f"local partial ∂{match.group(2)}/∂{match.group(1)} " in lit[0]
        # each node of the neuron feeds one gate: its one accumulation gives its final adjoint
        assert float(_cell(page, name, "adjoint")) == pytest.approx(rows[name]["adjoint"], rel=1e-5)
        assert _svg_text(page, name, "grad") == f"{rows[name]['adjoint']:.2f}"
        checked.add(name)
    assert checked == set(rows)
    # the seed's gradients, as the post prints them
    assert [_svg_text(page, v, "grad") for v in ("w0", "x0", "w1", "x1", "w2")] == \
        ["-0.20", "0.39", "-0.39", "-0.59", "0.20"]
    assert page.is_disabled("#next")
    assert page.errors == []


def test_arrow_keys_step_back_and_forth(page, neuron):
    path, rows, _ = neuron
    page.goto(path.as_uri())
    n = int(page.inner_text("#step-index").split("/")[1])
    for _ in range(n):
        page.keyboard.press("ArrowRight")
    assert page.inner_text("#step-index") == f"{n}/{n}"
    last = UPDATE.search(page.inner_text("#step-text")).group(1)
    page.keyboard.press("ArrowLeft")
    assert page.inner_text("#step-index") == f"{n - 1}/{n}"
    assert _cell(page, last, "adjoint") == "" and _svg_text(page, last, "grad") == ""   # undone
    page.keyboard.press("ArrowRight")
    assert _cell(page, last, "adjoint") != "" and page.locator("#circuit g.edge.active").count() == 1
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert page.inner_text("#step-index") == f"{n - 2}/{n}"
    assert page.errors == []


def test_play_runs_to_the_end(page, neuron):
    path = neuron[0]
    page.goto(path.as_uri())
    page.evaluate("() => { window.setInterval = (f) => { const id = setTimeout(function tick() { f(); "
                  "setTimeout(tick, 0); }, 0); return id; }; }")      # no waiting 0.9 s a step in a test
    page.click("#play")
    n = page.inner_text("#step-index").split("/")[1]
    page.wait_for_function(f"document.getElementById('step-index').textContent === '{n}/{n}'", timeout=10_000)
    assert page.inner_text("#play") == "▶ Play"
    assert page.errors == []


def test_screenshot_is_not_blank(page, neuron, tmp_path):
    path = neuron[0]
    page.goto("about:blank")
    blank = page.screenshot()
    page.goto(path.as_uri())
    start = page.screenshot(path=str(tmp_path / "start.png"))
    for _ in range(20):
        page.keyboard.press("ArrowRight")
    later = page.screenshot(path=str(tmp_path / "later.png"))
    assert len(start) > 5 * len(blank)      # a white page compresses to almost nothing
    assert later != start                  # stepping changes what is drawn
    assert page.errors == []


def test_check_page_opens_at_the_first_wrong_step(page, tmp_path):
    out = tmp_path / "check.html"
    result = run("check", "@" + str(EXAMPLES / "two_inputs.txt"), "--at", "@" + str(EXAMPLES / "two_inputs.point.json"),
                 "--claim", "df/dx1 = -6", "--claim", "df/dg2 = 4", "--format", "html", "-o", str(out))
    assert result.exit_code == 1
    page.goto(out.as_uri())
    k, n = map(int, page.inner_text("#step-index").split("/"))
    assert 0 < k < n
    assert "df/dg2 = 4: ✗ wrong" in page.inner_text("#step-text")
    assert page.locator('#circuit g.node.current[data-name="g2"] circle.mark').count() == 1
    assert page.locator('#table tr.current td.name').inner_text() == "g2"
    assert page.errors == []


def test_big_table_is_windowed_and_stays_in_step(page, tmp_path):
    """479 nodes: no circuit, the table shows a window of rows around the current step; every backward
    step's adjoint (each node of this sum of products feeds one gate) equals the JSON graph's."""
    source = " + ".join(f"w{i}*x{i}" for i in range(120))
    point = ",".join(f"{v}{i}={(i % 7) - 3}" for i in range(120) for v in "wx")
    out = tmp_path / "big.html"
    assert run("grad", source, "--at", point, "--check", "none", "--format", "html", "-o", str(out)).exit_code == 0
    graph = json.loads(run("grad", source, "--at", point, "--check", "none", "--format", "json").output)["graph"]
    rows = {row["name"]: row for row in graph["nodes"]}
    page.goto(out.as_uri())
    assert page.locator("#circuit svg").count() == 0 and "No circuit" in page.inner_text("#circuit")
    n = int(page.inner_text("#step-index").split("/")[1])
    forward = len(rows) + 1                           # every node, then the seed
    page.evaluate(f"() => {{ for (let i = 0; i < {forward}; i++) document.getElementById('next').click(); }}")
    checked = 0
    for _ in range(n - forward):
        page.keyboard.press("ArrowRight")
        name = UPDATE.search(page.inner_text("#step-text")).group(1)
        assert page.locator("#table tbody tr").count() <= 61                     # the window
        assert page.locator("#table tr.current td.name").inner_text() == name   # the current row is in it
        shown = page.locator("#table tr.current td.adjoint").inner_text()
        assert float(shown) == pytest.approx(rows[name]["adjoint"], rel=1e-5)
        checked += 1
    assert checked == 40 and "of 479" in page.inner_text("#table-note")
    assert page.errors == []


@pytest.mark.parametrize("width", [1400, 1920, 700])
def test_the_circuit_stays_readable_at_common_window_widths(page, neuron, width):
    # Side by side with the table the neuron's circuit used to shrink to 69% at 1400 px and 49% at 1000 px
    # (its 11 px labels to 5-7 px). It keeps at least 80% of its size while the window allows (the table
    # then goes below it), and the page never scrolls sideways.
    path, _, _ = neuron
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(path.as_uri())
    scale, overflow = page.evaluate("""() => { const s = document.querySelector('#circuit svg');
        return [s.getBoundingClientRect().width / Number(s.getAttribute('width')),
                document.documentElement.scrollWidth - window.innerWidth]; }""")
    natural = float(page.get_attribute("#circuit svg", "width"))
    assert scale >= min(0.8, (width - 60) / natural) and overflow <= 0
