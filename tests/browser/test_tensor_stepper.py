"""The HTML step-through of a tensor program in a real browser (Chromium through Playwright), from file://.

The neuron vectorized, ``sigmoid(dot(w, x) + b)`` at w=[2,-3], x=[-1,-2], b=-3, must show the seed's numbers
(CS231n: value 0.73; gradients w [-0.20, -0.39], x [0.39, -0.59], b 0.20) once stepped to the end; every
backward step lights the edge of its VJP rule; Previous undoes; the page asks for nothing but its own file.
A two-layer net with big arrays shows them summarized (shape, min, max, norm)."""
import re

import numpy as np
import pytest

from tests.helpers import run

NEURON = ["sigmoid(dot(w, x) + b)", "--at", "w=[2,-3], x=[-1,-2], b=-3"]
SEED = {"w": [-0.20, -0.39], "x": [0.39, -0.59], "b": [0.20]}      # the seed's gradients, 2 decimals
RULE = re.compile(r"^backward: adj\((\w+)\) [+-]= ")


def _page(tmp_path, *args):
    path = tmp_path / "page.html"
    result = run("grad", *args, "--format", "html", "-o", str(path))
    assert result.exit_code == 0, result.output
    return path


def _numbers(text: str) -> list:
    return [float(t) for t in re.findall(r"-?\d+(?:\.\d+)?(?:e-?\d+)?", text)]


def _cell(page, node_id: int, column: str) -> str:
    return page.eval_on_selector(f'#table tr[data-id="{node_id}"] td.{column}', "e => e.textContent")


def _ids(page) -> dict:
    return page.eval_on_selector_all("#circuit g.node", "gs => Object.fromEntries(gs.map(g => "
                                     "[g.dataset.name, Number(g.dataset.id)]))")


def test_the_neuron_vectorized_steps_to_the_seeds_numbers(page, tmp_path):
    path = _page(tmp_path, *NEURON)
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    ids = _ids(page)
    k, n = map(int, page.inner_text("#step-index").split("/"))
    assert k == 0 and n == 6 + 1 + 5           # 6 nodes forward, the seed, one step per edge (5 edges)
    assert all(_cell(page, i, "adjoint") == "" for i in ids.values())
    for step in range(1, n + 1):
        page.click("#next")
        text = page.inner_text("#step-text")
        match = RULE.match(text)
        if match:                                 # the edge of this VJP rule is the one lit
            active = page.eval_on_selector_all("#circuit g.edge.active", "es => es.map(e => e.dataset.edge)")
            assert len(active) == 1 and active[0].startswith(match.group(1) + "->")
            assert re.search(r"\[\w+ (scalar|\d+), ", text)      # the rule's shapes are written
    assert page.inner_text("#step-index") == f"{n}/{n}"
    for name, want in SEED.items():
        assert _numbers(_cell(page, ids[name], "adjoint")) == pytest.approx(want, abs=0.005)
        # the circuit's red text writes the seed's 2 decimals
        svg = page.eval_on_selector(f'#circuit g.node[data-name="{name}"] text.grad', "e => e.textContent")
        assert _numbers(svg) == pytest.approx(want, abs=1e-12)
    assert _numbers(_cell(page, ids["f"], "value")) == pytest.approx([0.73], abs=0.005)
    assert "adj(w) += adj(v2) * x" in _cell(page, ids["v2"], "local")
    page.click("#prev")                        # undo the last step: its adjoint is blank again
    assert page.inner_text("#step-index") == f"{n - 1}/{n}"
    blank = [name for name in SEED if _cell(page, ids[name], "adjoint") == ""]
    assert len(blank) == 1
    assert page.errors == []
    assert all(url.startswith("file://") for url in requests)


def test_a_two_layer_net_with_big_arrays_is_summarized(page, tmp_path):
    rng = np.random.default_rng(3)
    data = tmp_path / "net.npz"
    np.savez(data, X=rng.normal(size=(16, 8)), y=np.sign(rng.normal(size=16)), W1=rng.normal(size=(8, 6)) * 0.3,
             b1=np.zeros(6), w2=rng.normal(size=6), b2=np.array(0.1))
    program = "h = relu(X @ W1 + b1); f = mean(softplus(-y * (h @ w2 + b2)))"
    path = _page(tmp_path, program, "--at", f"@{data}")
    page.goto(path.as_uri())
    ids = _ids(page)
    n = int(page.inner_text("#step-index").split("/")[1])
    for _ in range(n):
        page.keyboard.press("ArrowRight")
    assert page.inner_text("#step-index") == f"{n}/{n}"
    cell = _cell(page, ids["X"], "value")               # 16×8 = 128 entries: summarized
    assert cell.startswith("16×8: min ") and "norm" in cell and "…" in cell
    grad = _cell(page, ids["W1"], "adjoint")
    assert grad.startswith("8×6: min ") and "norm" in grad
    d = np.load(data, allow_pickle=False)                # the backward pass by hand in NumPy
    z = d["X"] @ d["W1"] + d["b1"]
    s = np.maximum(z, 0) @ d["w2"] + d["b2"]
    ds = -d["y"] / (1 + np.exp(d["y"] * s)) / len(s)
    want = d["X"].T @ (np.outer(ds, d["w2"]) * (z > 0))
    lo, hi, norm = _numbers(grad.split(": ", 1)[1])[:3]
    assert (lo, hi, norm) == pytest.approx((want.min(), want.max(), np.linalg.norm(want)), rel=1e-5)
    assert _cell(page, ids["b1"], "adjoint").startswith("[")     # 6 entries: in full
    assert page.errors == []
