"""A big graph's JSON is streamed one node row per line (issue 22 item 7): the same JSON value as the
report's own to_dict(), and the small documents stay byte-identical to json.dumps(indent=2)."""
import json

import symgraph
from symgraph.cli.json_out import STREAM_ROWS
from tests.helpers import run


def _without_timings(doc: dict) -> dict:
    return {k: v for k, v in doc.items() if k != "timings"}


def test_a_streamed_graph_reads_back_as_the_reports_own_dictionary():
    source = "+".join(["x"] * (STREAM_ROWS + 500))
    out = run("grad", source, "--at", "x=2", "--format", "json", "--check", "none").stdout
    assert out.count("\n      {\"id\": ") == STREAM_ROWS + 500                # one line per node row
    doc = json.loads(out)
    expected = json.loads(json.dumps(symgraph.grad(source, "x=2", check="none", trace=False).to_dict()))
    assert _without_timings(doc) == _without_timings(expected)
    assert doc["gradient"] == {"x": float(STREAM_ROWS + 500)}               # d/dx of n copies of x is n


def test_a_small_document_is_exactly_json_dumps_with_indent_2():
    out = run("grad", "x*y", "--at", "x=1,y=2", "--format", "json", "--check", "none").stdout
    assert out == json.dumps(json.loads(out), indent=2, ensure_ascii=False) + "\n"
