"""The notebook display and examples/backprop.ipynb, executed in a real kernel (nbclient + ipykernel).

The expected numbers are the seed's hand-worked ones: (3x)^2 at 4 -> 72; (2x1+3x2)-4x1x2 at (1, 2) -> -6, -1;
the sigmoid neuron -> dw0=-0.20, dx0=0.39, dw1=-0.39, dx1=-0.59, dw2=0.20 (CS231n-style post)."""
import html
import math
import re

import pytest

import symgraph
from tests.helpers import ROOT

NEURON = "1/(1+exp(-(w0*x0+w1*x1+w2)))"
NEURON_AT = {"w0": 2, "x0": -1, "w1": -3, "x1": -2, "w2": -3}
SEED_NEURON = {"w0": "-0.20", "x0": "0.39", "w1": "-0.39", "x1": "-0.59", "w2": "0.20"}


def _texts(bundle: dict) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", bundle["text/html"]))


def test_grad_report_displays_trace_circuit_and_checks():
    bundle = symgraph.grad(NEURON, NEURON_AT)._repr_mimebundle_()
    page = bundle["text/html"]
    assert "<svg" in page and 'fill="white"' in page            # the circuit with its own background
    assert "background: #ffffff !important" in page             # the fragment's own, for dark themes
    text = _texts(bundle)
    for section in ("Forward pass", "Backward pass", "Results", "Checks"):
        assert section in text
    # the seed's numbers, in the SVG's two decimals, and the update text of the backward pass
    for grad in SEED_NEURON.values():
        assert f">{grad}<" in page
    assert "df/dx0 += df/dv1·∂v1/∂x0 = 0 + 0.196612·2 = 0.393224" in text
    assert "Verdict" in bundle["text/plain"]                     # the plain-text fallback is the trace


def test_check_report_shows_verdicts_and_first_wrong_step():
    report = symgraph.check("g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2", ["df/dg2 = 4", "df/dx1 = -6"],
                            {"x1": 1, "x2": 2})
    bundle = report._repr_mimebundle_()
    text = _texts(bundle)
    assert "1 right, 1 wrong" in text and "first wrong step: df/dg2 = 4 (true -4)" in text
    assert 'class="mark"' in bundle["text/html"]                  # the wrong node ringed in the circuit
    assert "df/dg2 = 4" in bundle["text/plain"]


def test_graph_shows_svg_and_text_fallback():
    bundle = symgraph.graph("sin(x)*cos(x)", {"x": 2})._repr_mimebundle_()
    assert bundle["text/html"].count("<svg") == 1 and "<?xml" not in bundle["text/html"]
    assert f"{math.cos(4):.2f}" in bundle["text/html"]            # d/dx sin x cos x = cos 2x at 2
    assert "4 nodes" in bundle["text/plain"]


def test_graph_over_the_svg_limit_says_why():
    big = " + ".join(f"x{i}*y{i}" for i in range(60))
    bundle = symgraph.graph(big)._repr_mimebundle_()
    assert "<svg" not in bundle["text/html"] and "unreadable" in bundle["text/html"]


def _outputs(nb) -> str:
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                parts.append(out["text"])
            for mime in ("text/plain", "text/html"):
                parts.append(str(out.get("data", {}).get(mime, "")))
    return "\n".join(parts)


def test_backprop_notebook_runs_in_a_kernel_and_shows_the_seed_numbers(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat", reason="pip install -e '.[test]' installs nbformat")
    nbclient = pytest.importorskip("nbclient", reason="pip install -e '.[test]' installs nbclient")
    pytest.importorskip("ipykernel", reason="pip install -e '.[test]' installs ipykernel")
    monkeypatch.setenv("PYTHONPATH", str(ROOT))          # the kernel imports this tree, not an installed copy
    nb = nbformat.read(ROOT / "examples" / "backprop.ipynb", as_version=4)
    client = nbclient.NotebookClient(nb, timeout=120, kernel_name="python3",
                                     resources={"metadata": {"path": str(tmp_path)}})
    client.execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors, errors
    # A displayed report is one output: its HTML with the plain trace as text/plain. (rich, inside a kernel,
    # used to send each line of that trace to the notebook as its own output and leave text/plain empty.)
    shown = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") != "stream"]
    assert all(o["output_type"] == "execute_result" for o in shown), [o["output_type"] for o in shown]
    assert all(o["data"]["text/plain"].strip() for o in shown)
    text = _outputs(nb)
    assert "df/dx = 72.0" in text
    assert re.search(r"df/dx = -0\.65364362\d*  cos\(2x\) = -0\.65364362", text)     # sin x cos x at 2
    assert "df/dx1 = -6.0  df/dx2 = -1.0" in text
    for name, grad in SEED_NEURON.items():
        assert f"d f/d{name} = {grad}" in text
    assert "('df/dg2 = 4', 'wrong')" in text and "first wrong step" in text
    assert "<svg" in text                                   # the circuit, inline
    # the worked solution displayed as Markdown (issue 15): the seed chapter's backward pass, ending in -6, -1
    markdown = [o["data"]["text/markdown"] for c in nb.cells for o in c.get("outputs", [])
                if "text/markdown" in o.get("data", {})]
    assert len(markdown) == 1 and "\\begin{aligned}" in markdown[0]
    assert "= \\left(-4\\right) \\cdot 2 + 1 \\cdot 2 = -6" in markdown[0]
    assert "= \\left(-4\\right) \\cdot 1 + 1 \\cdot 3 = -1" in markdown[0]
    assert (tmp_path / "neuron_trace.html").stat().st_size > 10_000
