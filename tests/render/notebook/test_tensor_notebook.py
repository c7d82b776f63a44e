"""The notebook display of a tensor program's report: text/plain (the trace) and text/html (circuit with
shapes and VJP rules, forward and backward passes, results), read with an HTML parser and an XML parser,
and displayed by a real kernel (nbclient + ipykernel). The neuron vectorized must show the seed's numbers
(CS231n: 0.73; w [-0.20, -0.39], x [0.39, -0.59], b 0.20)."""
import html
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

import pytest

import symgraph
from tests.helpers import ROOT

NEURON = "sigmoid(dot(w, x) + b)"
AT = {"w": [2, -3], "x": [-1, -2], "b": -3}
VOID = {"br", "img", "meta", "hr", "input", "link"}


class Balanced(HTMLParser):
    """Fails on a closing tag that does not match the open one (SVG's self-closing elements allowed)."""

    def __init__(self):
        super().__init__()
        self.stack = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, (tag, self.stack[-5:])
        self.stack.pop()


def _bundle() -> dict:
    return symgraph.grad(NEURON, AT)._repr_mimebundle_()


def test_bundle_html_is_balanced_and_shows_the_seeds_numbers():
    bundle = _bundle()
    page = bundle["text/html"]
    parser = Balanced()
    parser.feed(page)
    parser.close()
    assert parser.stack == []
    svg = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    ET.fromstring(svg)                                    # the inline circuit is well-formed XML
    text = html.unescape(re.sub(r"<[^>]+>", " ", page))
    for section in ("Forward pass", "Backward pass", "Results", "Checks"):
        assert section in text
    for number in ("0.73", "[-0.20, -0.39]", "[0.39, -0.59]", ">0.20<"):
        assert number in (page if number.startswith(">") else text)
    assert "adj(w) += adj(v2) * x   [w 2, x 2, v2 scalar]" in text
    assert "adj(w) = [-0.196612, -0.393224]" in text
    assert "w [2]" in text and "[0.393224, -0.589836]" in text       # results: gradient per input with shape
    assert "tensor program: sigmoid(dot(w, x) + b)" in bundle["text/plain"]   # the plain trace


def test_relu_rule_is_escaped_in_the_html():
    page = symgraph.grad("sum(relu(W @ x))", {"W": [[1, 2], [3, -4]], "x": [1, 0.5]})._repr_mimebundle_()["text/html"]
    assert "(v2 &gt; 0)" in page and "(v2 > 0)" not in page


def test_a_kernel_displays_the_tensor_report(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat", reason="pip install -e '.[test]' installs nbformat")
    nbclient = pytest.importorskip("nbclient", reason="pip install -e '.[test]' installs nbclient")
    pytest.importorskip("ipykernel", reason="pip install -e '.[test]' installs ipykernel")
    monkeypatch.setenv("PYTHONPATH", str(ROOT))          # the kernel imports this tree, not an installed copy
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(f"import symgraph\nsymgraph.grad({NEURON!r}, {AT!r})")]
    nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(tmp_path)}}).execute()
    outputs = nb.cells[0]["outputs"]
    assert [o["output_type"] for o in outputs] == ["execute_result"], outputs
    data = outputs[0]["data"]
    assert "[-0.196612, -0.393224]" in data["text/html"] and "<svg" in data["text/html"]
    assert "tensor program" in data["text/plain"]


def test_graph_of_a_tensor_program_displays_shapes_and_rules():
    view = symgraph.graph(NEURON, AT)
    bundle = view._repr_mimebundle_()
    svg = re.search(r"<svg.*?</svg>", bundle["text/html"], re.S).group(0)
    texts = {"".join(t.itertext()) for t in ET.fromstring(svg).iter("{http://www.w3.org/2000/svg}text")}
    assert {"w 2", "b scalar", "[-0.20, -0.39]", "0.73", "adj(w) += adj(v2) * x"} <= texts
    assert "VJP rules" in bundle["text/plain"] and view.to_dict()["shapes"]["w"] == [2]
    structure = symgraph.graph("sum(relu(W @ x))", shapes="W=3x4,x=4")
    assert "W 3×4" in structure.dot() and "value" not in structure.mermaid()
    with pytest.raises(symgraph.SymgraphError, match="tensor programs"):
        symgraph.graph(NEURON, AT, tangent="w")
