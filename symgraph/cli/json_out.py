"""JSON on stdout, streamed: a big graph's node rows are written one compact line each, as they are encoded.

``json.dumps(indent=2)`` runs Python's pure-Python encoder (the C encoder does not indent): at 150,000
nodes that was most of a ``--format json`` run, and the whole document was one string in memory, then
copied by every pass over it. Up to ``STREAM_ROWS`` nodes the output is exactly ``json.dumps(indent=2)``'s;
beyond, the document keeps that layout except that each row of ``graph.nodes`` is one line, encoded by
the C encoder and written in batches: the same JSON value, parsed back identically.
"""
from __future__ import annotations

import json
import sys

from symgraph.safe_text import json_text

STREAM_ROWS = 10_000          # graph rows beyond which the node list is streamed, one row per line
_MARK = "@@symgraph: the node rows stream here@@"
_BATCH = 2_000


def write_json(data: dict, stream=None, ascii_only=None) -> None:
    """``data`` as JSON on ``stream`` (stdout): \\u escapes when the stream cannot encode UTF-8 (or
    ``ascii_only``)."""
    stream = stream or sys.stdout
    if ascii_only is None:
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("-", "")
        ascii_only = not encoding.startswith("utf")
    graph = data.get("graph") if isinstance(data, dict) else None
    nodes = graph.get("nodes") if isinstance(graph, dict) else None
    if not isinstance(nodes, list) or len(nodes) <= STREAM_ROWS:
        stream.write(json_text(json.dumps(data, indent=2, allow_nan=False, ensure_ascii=ascii_only)) + "\n")
        return
    shell = {**data, "graph": {**graph, "nodes": [_MARK]}}
    head, tail = json.dumps(shell, indent=2, allow_nan=False, ensure_ascii=ascii_only).split(json.dumps(_MARK))
    indent = "\n" + head.rsplit("\n", 1)[1]             # the rows' indentation inside "nodes": [
    encode = json.JSONEncoder(allow_nan=False, ensure_ascii=ascii_only).encode     # the C encoder
    stream.write(json_text(head))
    for start in range(0, len(nodes), _BATCH):
        lines = [json_text(encode(row)) for row in nodes[start:start + _BATCH]]
        stream.write(("," + indent).join(lines) + ("," + indent if start + _BATCH < len(nodes) else ""))
    stream.write(json_text(tail) + "\n")
