"""``symgraph graph`` on tensor programs: shapes on the nodes, the VJP rule on every edge, values and adjoints.

The neuron vectorized, ``sigmoid(dot(w, x) + b)`` at w=[2,-3], x=[-1,-2], b=-3, must show the seed's numbers
(CS231n: 0.73; w [-0.20, -0.39], x [0.39, -0.59], b 0.20) in every format; the SVG is read back with an XML
parser, the PNG with Pillow, the DOT by Graphviz (when installed). A two-layer net with big arrays is
summarized (shape, min, max, norm), the numbers compared with a backward pass written by hand in NumPy."""
import json
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

from tests.helpers import run
from tests.tensor.test_random_programs import programs

NEURON = ["sigmoid(dot(w, x) + b)", "--at", "w=[2,-3], x=[-1,-2], b=-3"]
SEED = ["0.73", "[2.00, -3.00]", "[-0.20, -0.39]", "[0.39, -0.59]", "0.20"]
RELU = ["h = relu(W @ x + b1); L = sum(h * h)", "--at", "W=[[1,2],[3,-4],[-5,6]], x=[1,0.5], b1=[0.5,-1.5,2.5]"]
SVG = "{http://www.w3.org/2000/svg}"


def _graph(*args) -> str:
    result = run("graph", *args)
    assert result.exit_code == 0, result.output
    return result.output


def _svg_texts(svg: str) -> dict:
    root = ET.fromstring(svg.split("\n", 1)[1])          # a real XML parser: the file is well-formed
    texts = {}
    for el in root.iter(f"{SVG}text"):
        texts.setdefault(el.get("class"), []).append("".join(el.itertext()))
    return texts


def test_svg_of_the_neuron_shows_shapes_rules_and_the_seeds_numbers():
    texts = _svg_texts(_graph(*NEURON, "--format", "svg"))
    assert {"w 2", "x 2", "b scalar"} <= set(texts["label"])               # inputs with their shapes
    assert {"v2 scalar", "v4 scalar", "f scalar"} <= set(texts["name"])    # gates: name and shape
    shown = texts["value"] + texts["grad"]
    for number in SEED:
        assert number in shown
    assert {"adj(w) += adj(v2) * x", "adj(x) += adj(v2) * w", "adj(v4) += adj(f) * f * (1 - f)"} \
        <= set(texts["local"])


@pytest.mark.parametrize("fmt", ["dot", "mermaid", "rich"])
def test_text_formats_carry_the_same_rules_and_numbers(fmt):
    out = _graph(*NEURON, "--format", fmt)
    for number in SEED:
        assert number in out
    assert "adj(w) += adj(v2) * x" in out and "adj(b) += adj(v4)" in out
    assert re.search(r"\bw 2\b", out) and "b scalar" in out


def test_dot_is_read_by_graphviz():
    if shutil.which("dot") is None:
        pytest.skip("Graphviz's dot is not installed (apt-get install graphviz): the DOT is not parsed")
    out = _graph(*RELU, "--format", "dot")
    assert "(v4 &gt; 0)" in out                       # user-visible '>' escaped for an HTML-like label
    svg = subprocess.run(["dot", "-Tsvg"], input=out, capture_output=True, text=True, check=True).stdout
    assert "adj(v4) += adj(h) * (v4 &gt; 0)" in svg


def test_text_is_escaped_per_medium():
    texts = _svg_texts(_graph(*RELU, "--format", "svg"))        # ET unescapes: the raw rule comes back
    assert "adj(v4) += adj(h) * (v4 > 0)" in texts["local"]
    assert "(v4 #gt; 0)" in _graph(*RELU, "--format", "mermaid")
    assert "(v4 > 0)" in _graph(*RELU, "--format", "rich")


def test_png_decodes(tmp_path):
    from PIL import Image

    path = tmp_path / "neuron.png"
    result = run("graph", *NEURON, "-o", str(path))
    assert result.exit_code == 0 and "wrote png" in result.output
    with Image.open(path) as image:
        assert image.format == "PNG" and image.width > 600


def test_json_rows_hold_shapes_rules_and_arrays():
    rows = json.loads(_graph(*NEURON, "--format", "json"))
    assert rows["shapes"] == {"w": [2], "x": [2], "b": [], "f": []}
    by_name = {r["name"]: r for r in rows["nodes"]}
    assert by_name["w"]["adjoint"] == pytest.approx([-0.19661193, -0.39322387])
    assert by_name["v2"]["vjp"][0]["rule"] == "adj(w) += adj(v2) * x"


def test_structure_only_from_shapes():
    out = _graph("h = relu(W @ x + b1); L = sum(h)", "--shapes", "W=3x4,x=4,b1=3")
    assert "structure only" in out and "W 3×4" in out and "x 4" in out and "h 3" in out
    assert "adj(x) += W.T @ adj(v2)" in out
    texts = _svg_texts(_graph("h = relu(W @ x + b1); L = sum(h)", "--shapes", "W=3x4,x=4,b1=3", "--format", "svg"))
    assert "W 3×4" in texts["label"] and "value" not in texts


def test_big_arrays_are_summarized(tmp_path):
    rng = np.random.default_rng(7)
    data = tmp_path / "net.npz"
    X, W1, w2 = rng.normal(size=(12, 6)), rng.normal(size=(6, 5)), rng.normal(size=4 + 1)
    np.savez(data, X=X, W1=W1, w2=w2)
    program = "h = relu(X @ W1); f = mean(h @ w2)"
    texts = _svg_texts(_graph(program, "--at", f"@{data}", "--format", "svg"))
    assert "X 12×6" in texts["label"]
    z = X @ W1                                            # the backward pass by hand in NumPy
    want = X.T @ (np.outer(np.full(12, 1 / 12), w2) * (z > 0))
    summary = next(t for t in texts["grad"] if t.startswith("6×5: "))
    lo, hi, norm = (float(v) for v in re.findall(r"(?:min|max|norm) (-?[\d.]+(?:e-?\d+)?)", summary))
    assert (lo, hi, norm) == pytest.approx((want.min(), want.max(), np.linalg.norm(want)), abs=0.006)
    assert "first [" in summary and summary.endswith("…]")
    assert any(t.startswith("[") and t.count(",") == 4 for t in texts["grad"])     # w2: 5 entries in full


def test_tangent_and_of_are_refused_for_tensor_programs():
    result = run("graph", *NEURON, "--tangent", "w")
    assert result.exit_code == 2 and "not available for tensor programs" in result.output


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_random_programs_draw_every_edge_with_its_rule_and_the_value(case):
    """Fresh programs (tests/tensor's generator): the SVG is well-formed, has one edge per argument, a rule
    on every edge whose argument depends on an input, and the output's value as NumPy computes it."""
    import symgraph
    from symgraph.render.diagram.model import fmt_number
    from symgraph.tensor.build import input_names

    text, fn, point = case
    used = {k: point[k] for k in input_names(text)}
    view = symgraph.graph(text, used, shapes={k: np.shape(v) for k, v in used.items()})   # the tensor route
    root = ET.fromstring(view.svg().split("\n", 1)[1])
    edges = [g for g in root.iter(f"{SVG}g") if g.get("class") == "edge"]
    rows = view.to_dict()["nodes"]
    assert len(edges) == sum(len(r["args"]) for r in rows)
    live = sum(1 for r in rows for rule in r.get("vjp", []) if rule["contributes"])
    assert len([g for g in root.iter(f"{SVG}text") if g.get("class") == "local"]) <= live
    assert all(e.local_symbolic for e in view.diagram.edges if rows[e.src]["op"] == "input")
    output = view.diagram.nodes[view.diagram.output]
    assert output.value == fmt_number(float(fn(point)), 2)
