"""``grad --shapes`` without values: the structure-only trace. The graph with every node's shape and, per
edge, the VJP rule with its shapes; nothing is evaluated (there are no values to evaluate at)."""
from __future__ import annotations

from dataclasses import dataclass

from symgraph.tensor.build import build_graph
from symgraph.tensor.table import OPS, rule_text
from symgraph.tensor.values import parse_shapes


@dataclass
class TensorStructure:
    source: str
    output: str
    nodes: list            # per node: {id, name, op, args, shape, params, vjp: [{to, rule, shapes}]}

    @property
    def ok(self) -> bool:
        return True

    def to_dict(self) -> dict:
        return {"schema": "symgraph.tensor-structure/1", "expression": self.source, "output": self.output,
                "values": None, "nodes": self.nodes}

    def to_text(self) -> str:
        from symgraph.views import render

        return render("tensor_structure", self)

    def __str__(self) -> str:
        return self.to_text()


def structure(source: str, shapes) -> TensorStructure:
    """The structure of ``source`` at the input shapes (text "W=3x4,x=4" or a dict): shapes are checked as
    grad checks them, and every VJP rule is filled in with the nodes' names."""
    given = parse_shapes(shapes) if isinstance(shapes, str) else dict(shapes)
    graph = build_graph(source, tuple(sorted(given.items())))
    labels = graph.labels()
    nodes = []
    for i, node in enumerate(graph.nodes):
        entry = {"id": i, "name": graph.node_name(i), "op": node.op,
                 "args": [graph.node_name(a) for a in node.args], "shape": list(node.shape),
                 "params": {k: v for k, v in node.params}, "label": node.name in labels if node.op == "input" else False}
        row = OPS.get(node.op)
        if row is not None:
            names = [graph.node_name(a) for a in node.args]
            shapes_i = [graph.nodes[a].shape for a in node.args]
            entry["vjp"] = [{"to": names[k], "rule": rule_text(row, k, names, graph.node_name(i), shapes_i, node.kw),
                             "shapes": {n: list(graph.nodes[b].shape) for n, b in
                                        [(graph.node_name(i), i)] + list(zip(names, node.args))}}
                            for k, a in enumerate(node.args) if graph.live[a] and k not in row.labels]
        nodes.append(entry)
    return TensorStructure(source, graph.node_name(graph.output), nodes)
