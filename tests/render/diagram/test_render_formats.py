"""DOT, Mermaid, the terminal view and JSON carry the same graph as the library lowered.

DOT and Mermaid are parsed back here (with small independent parsers) and compared with each other and
with the lowered graph: same nodes, same edges, same labels, same numbers.
"""
import html
import io
import json
import math
import re
import shutil
import subprocess

import pytest
from rich.console import Console

from symgraph.render.diagram.model import DEdge, Diagram, DNode, build_diagram

from symgraph.pipeline import graph_rows
from symgraph.core.lower import lower
from symgraph.core.parser import parse
from symgraph.pipeline import grad
from symgraph.render.terminal.graph_rich import render_graph_rich
from symgraph.render.diagram.text_graph import render_dot, render_mermaid

NEURON = "1/(1+exp(-(w0*x0+w1*x1+w2)))"
POINT = "w0=2,x0=-1,w1=-3,x1=-2,w2=-3"
PROGRAM = "g1 = 2*x1 + 3*x2; g2 = x1*x2; f = g1 - 4*g2"    # the textbook's running example


def diagram(source, at=None, **kw):
    at_text = dict(p.split("=") for p in at.split(",")) if at else {}
    return build_diagram(source, graph_rows(source, at), at_text, **kw)


def _strip_tags(text):
    return html.unescape(re.sub(r"<[^>]*>", "\n", text))


def parse_dot(text):
    """{node: [label lines]}, {(src, dst): [edge label lines]} from symgraph's DOT."""
    nodes, edges = {}, {}
    for line in text.splitlines():
        m = re.fullmatch(r"\s*(\w+) -> (\w+)(?: \[label=<(.*)>\])?;", line)
        if m:
            edges.setdefault((m[1], m[2]), []).append(
                [s for s in _strip_tags(m[3] or "").split("\n") if s])
            continue
        m = re.fullmatch(r"\s*(\w+) \[.*label=<(.*)>\];", line)
        if m and m[1] not in ("node", "edge"):
            nodes[m[1]] = [s for s in _strip_tags(m[2]).split("\n") if s]
    return nodes, edges


def _mm_unescape(text):
    return re.sub(r"#(\w+);", lambda m: html.unescape(f"&{m[1]};" if not m[1].isdigit() else f"&#{m[1]};"), text)


def parse_mermaid(text):
    nodes, edges = {}, {}
    for line in text.splitlines():
        m = re.fullmatch(r'\s*(\w+) -->(?:\|"(.*)"\|)? (\w+)', line)
        if m:
            edges.setdefault((m[1], m[3]), []).append(
                [_mm_unescape(s) for s in (m[2] or "").split("<br/>") if s])
            continue
        m = re.fullmatch(r'\s*(\w+)(\(\(|\[|\(\[)"(.*)"(\)\)|\]|\]\))', line)
        if m:
            nodes[m[1]] = [_mm_unescape(s) for s in m[3].split(" · ")]
    return nodes, edges


@pytest.mark.parametrize("source,at", [(NEURON, POINT), (NEURON, None), (PROGRAM, "x1=1,x2=2")])
@pytest.mark.parametrize("show_local", [False, True])
def test_dot_and_mermaid_carry_the_same_graph(source, at, show_local):
    d = diagram(source, at, show_local=show_local)
    dot_nodes, dot_edges = parse_dot(render_dot(d))
    mm_nodes, mm_edges = parse_mermaid(render_mermaid(d))
    assert dot_nodes == mm_nodes
    assert dot_edges == mm_edges
    # ... and it is the lowered graph: one node per graph node plus "out", one edge per argument
    graph = lower(parse(source))
    assert set(dot_nodes) == {f"n{n.id}" for n in graph.nodes} | {"out"}
    expected = {(f"n{u}", f"n{n.id}") for n in graph.nodes for u in n.inputs} | {(f"n{graph.output}", "out")}
    assert set(dot_edges) == expected
    for n in graph.nodes:
        assert dot_nodes[f"n{n.id}"][0] == n.label
        if n.op not in ("input", "const"):
            assert dot_nodes[f"n{n.id}"][1] == ", ".join(n.names) or n.name


def test_neuron_numbers_in_dot_and_mermaid():
    d = diagram(NEURON, POINT, show_local=True)
    f = 1 / (1 + math.exp(-1.0))
    for parser, text in ((parse_dot, render_dot(d)), (parse_mermaid, render_mermaid(d))):
        _, edges = parser(text)
        assert edges[("n12", "out")] == [[f"value {f:.2f}", "df/df 1.00"]]
        (w0_edge,) = [v for k, v in edges.items() if k[0] == "n0"]
        assert w0_edge[0][:2] == ["value 2.00", f"df/dw0 {-1.0 * f * (1 - f):.2f}"]
        assert w0_edge[0][2] == "local dv1/dw0 = -1.00"           # d(w0*x0)/dw0 = x0 = -1


def test_tangent_in_text_formats():
    d = diagram(PROGRAM, "x1=1,x2=2", tangent="x1")
    _, edges = parse_dot(render_dot(d))
    # f = 2*x1 + 3*x2 - 4*x1*x2: df/dx1 = 2 - 4*x2 = -6 at x2 = 2 (the textbook's number)
    assert edges[(f"n{d.output}", "out")] == [["value 0.00", "df/dx1 -6.00"]]   # f = 2 + 6 - 8


def test_escaping_in_dot_and_mermaid():
    evil = 'a<b&c>"|#`'
    d = Diagram(expression=evil, nodes=[DNode(0, evil, [evil], "input", evil, [], 1.0, 2.0),
                                        DNode(1, "o", ["o"], "add_c", '+"1"', [0], 2.0, 1.0)],
                edges=[DEdge(0, 1, 0, 1.0, "x")], output=1, at={"a": "1"})
    dot, mm = render_dot(d), render_mermaid(d)
    assert parse_dot(dot)[0]["n0"] == [evil] and parse_mermaid(mm)[0]["n0"] == [evil]
    assert parse_dot(dot)[0]["n1"][0] == '+"1"' == parse_mermaid(mm)[0]["n1"][0]
    for line in mm.splitlines():             # no raw quote, pipe or angle bracket inside a Mermaid label
        m = re.search(r'"(.*)"', line)
        if m and not line.startswith("%%"):
            assert not set(m[1].replace("<br/>", "")) & set('"<>|`')
    assert all("\n" not in c for c in dot.split("\n") if c.startswith("//"))


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz not installed (optional check)")
def test_graphviz_accepts_the_dot():
    d = diagram(NEURON, POINT, show_local=True)
    done = subprocess.run(["dot", "-Tsvg"], input=render_dot(d), capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr


def test_rich_view_lists_every_node_with_values_and_gradients():
    d = diagram(NEURON, POINT, show_local=True)
    buf = io.StringIO()
    render_graph_rich(d, Console(file=buf, width=160, no_color=True), plain=True)
    text = buf.getvalue()
    f = 1 / (1 + math.exp(-1.0))
    rows = {line.split("|")[1].strip(): [c.strip() for c in line.split("|")]
            for line in text.splitlines() if line.count("|") >= 6}
    assert rows["w0"][4:6] == ["2.00", f"{-1.0 * f * (1 - f):.2f}"]
    assert rows["f (output)"][2:6] == ["1/x", "v7", f"{f:.2f}", "1.00"]
    assert "d/dv5 = 0.37" in rows["v6"][6]                    # exp' = exp(-1)
    assert len([r for r in rows if r not in ("node",)]) == 13


def test_json_is_grads_graph_key():
    rows = graph_rows(PROGRAM, "x1=1,x2=2")
    rows.pop("warnings")
    report = grad(PROGRAM, "x1=1,x2=2", check="none", trace=False)
    assert json.loads(json.dumps(rows)) == json.loads(json.dumps(report.to_dict()["graph"]))
    f = next(n for n in rows["nodes"] if n["id"] == rows["output"])
    assert f["value"] == 2 * 1 + 3 * 2 - 4 * 1 * 2
    x2 = next(n for n in rows["nodes"] if n["name"] == "x2")
    assert x2["adjoint"] == 3 - 4 * 1                              # df/dx2 = 3 - 4*x1


def test_json_structure_only_has_same_keys():
    rows = graph_rows(PROGRAM, None)
    with_point = graph_rows(PROGRAM, "x1=1,x2=2")
    assert [set(n) - {"tangent"} for n in rows["nodes"]] == [set(n) - {"tangent"} for n in with_point["nodes"]]
    assert all(n["value"] is None and n["adjoint"] is None for n in rows["nodes"])
    assert {loc["symbolic"] for n in rows["nodes"] for loc in n["local"]} >= {"x2", "x1"}   # d(x1*x2)/dx1 = x2
