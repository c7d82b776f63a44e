"""The diagram in the terminal: one row per node in topological order, values green, gradients red.

Readable without colour too (``--format rich`` into a pipe prints plain text).
"""
from __future__ import annotations

from symgraph.render.diagram.model import Diagram, edge_local_text

ROW_LIMIT = 300   # beyond this the table shows the first rows and says how to get everything


def render_graph_rich(d: Diagram, console, plain: bool = False) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    out_name = d.nodes[d.output].name
    console.print(Text(d.expression, style="" if plain else "bold"))
    if d.has_values:
        at = ", ".join(f"{k}={v}" for k, v in d.at.items())
        legend = Text(f"at {at}; columns: ")
        legend.append("value", style="" if plain else "green")
        legend.append(", ")
        legend.append(d.grad_legend, style="" if plain else "red")
        console.print(legend)
    else:
        console.print("structure only (add --at to see values and gradients)")
    users = {n.id: [] for n in d.nodes}
    for e in d.edges:
        users[e.src].append(d.nodes[e.dst].name)
    locals_by_node = {n.id: [] for n in d.nodes}
    for e in d.edges:
        if d.edge_kind == "vjp":         # a tensor program: the rule itself (none for an argument with no gradient)
            locals_by_node[e.dst] += [e.local_symbolic] if e.local_symbolic else []
        else:
            locals_by_node[e.dst].append(f"d/d{d.nodes[e.src].name} = {edge_local_text(d, e)}")

    table = Table(box=box.ASCII if plain else box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("#", justify="right")
    table.add_column("node")
    table.add_column("gate")
    table.add_column("inputs")
    if d.has_values:
        table.add_column("value", justify="right", style="" if plain else "green")
        table.add_column("dv/d" + d.tangent_var if d.grad_kind == "tangent" else f"d{out_name}/dv",
                         justify="right", style="" if plain else "red")
    if d.show_local:
        table.add_column("VJP rules" if d.edge_kind == "vjp" else "local partials", style="" if plain else "blue")
    table.add_column("feeds")
    for node in d.nodes[:ROW_LIMIT]:
        name = (" = ".join(node.names) or node.name) + (f" {node.shape}" if node.shape else "")
        gate = {"input": "input", "const": "constant"}.get(node.op, node.label)
        row = [str(node.id), name + (" (output)" if d.is_output(node.id) else ""), gate,
               ", ".join(d.nodes[u].name for u in node.inputs)]
        if d.has_values:
            row += [d.fmt(node.value), d.fmt(node.grad)]
        if d.show_local:
            row.append("; ".join(locals_by_node[node.id]))
        row.append(", ".join(dict.fromkeys(users[node.id])))
        table.add_row(*row)
    console.print(table)
    if len(d.nodes) > ROW_LIMIT:
        console.print(f"... {len(d.nodes) - ROW_LIMIT} more nodes not shown; "
                      "--format json or --format dot gives the whole graph")
