"""The page gives nothing away before its step (issue 24): at step 0 no local partial's number and no
results; each local partial appears with the forward step of the node it feeds, the results at the last
step. The numbers are compared with the JSON report of the same run (the renderer never recomputes them)."""
import json

from tests.browser.test_stepper import NEURON, neuron  # noqa: F401  (the shared page fixture)
from tests.helpers import run


def _labels(page) -> dict:
    """{dst node id: [the texts of the local-partial labels on its in-edges]}"""
    return page.evaluate("""() => { const out = {};
        document.querySelectorAll('#circuit g.local').forEach(g => {
            (out[g.dataset.dst] = out[g.dataset.dst] || []).push(
                [...g.querySelectorAll('text')].map(t => t.textContent).join(' ')); });
        return out; }""")


def test_step_zero_shows_no_local_partial_and_no_results(page, neuron):  # noqa: F811
    path, rows, _ = neuron
    page.goto(path.as_uri())
    assert page.inner_text("#step-index").startswith("0/")
    assert all(text == "" for texts in _labels(page).values() for text in texts)
    assert not page.is_visible("#results") and page.is_visible("#results-pending")
    assert set(page.eval_on_selector_all("#table td.local", "ts => ts.map(t => t.textContent)")) == {""}
    assert page.errors == []


def test_each_local_partial_appears_with_its_node_and_the_results_at_the_end(page, neuron):  # noqa: F811
    path, rows, _ = neuron
    graph = json.loads(run("grad", *NEURON, "--format", "json").output)["graph"]["nodes"]
    by_id = {r["id"]: r for r in graph}
    page.goto(path.as_uri())
    n = int(page.inner_text("#step-index").split("/")[1])
    seen = set()
    for step in range(1, n + 1):
        page.keyboard.press("ArrowRight")
        text = page.inner_text("#step-text")
        labels = _labels(page)
        if text.startswith("forward: "):
            node = next(r for r in graph if r["name"] == text.split()[1])
            seen.add(str(node["id"]))
            for dst, texts in labels.items():
                if dst in seen:       # the label's number is the JSON's local partial, to the SVG's 2 decimals
                    wanted = sorted(f"{p['value']:.2f}" for p in by_id[int(dst)]["local"])
                    assert sorted(texts) == sorted(set(wanted)) or sorted(texts) == wanted
                else:
                    assert texts == [""] * len(texts), (dst, texts)
        assert page.is_visible("#results") == (step == n)
    assert "Results: f" in page.inner_text("#results")
    page.keyboard.press("ArrowLeft")
    assert not page.is_visible("#results")
    assert page.errors == []
