"""The diagram model: what every ``symgraph graph`` renderer draws, finished before any renderer runs.

The numbers come from the library (``pipeline.grad`` with checks off, or parse + lower alone when there is
no point); this module only picks which of them a picture shows: each node's value (green), its gradient
(red: the adjoint df/dv, or with ``--tangent x`` the forward-mode tangent dv/dx) and each edge's local
partial. Renderers format and place these; they compute nothing numeric.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Optional

from symgraph.errors import PointError


@dataclass
class DNode:
    id: int
    name: str                  # user name or v1, v2, ...
    names: list                # every user name of the node (statements may share a node)
    op: str                    # "input", "const" or a primitive
    label: str                 # what the gate shows: "*", "exp", "1/x", "+1"; an input shows its name
    inputs: list               # node ids, in argument order
    value: Optional[float] = None      # a number, or (tensor programs) the value already written as text
    grad: Optional[float] = None
    shape: str = ""            # tensor programs: the node's shape as drawn ("3×4"); "" for scalar programs


@dataclass
class DEdge:
    src: int
    dst: int
    slot: int                  # which argument of dst
    local: Optional[float] = None       # d dst / d src at the point
    local_symbolic: str = ""            # the same, as a formula in the nodes' names


@dataclass
class Diagram:
    expression: str
    nodes: list                # DNode, topological order (ids are list positions)
    edges: list                # DEdge
    output: int
    at: dict = field(default_factory=dict)   # the point as written, {} for structure only
    grad_kind: str = "adjoint"               # "adjoint" | "tangent" | "none"
    tangent_var: Optional[str] = None
    show_local: bool = False
    digits: int = 2
    marks: dict = field(default_factory=dict)   # node id -> why it is marked (check's first wrong step)
    note: str = ""                             # one more header line, e.g. the first wrong step
    outputs: list = field(default_factory=list)   # every output's node id (several outputs); gradients are output's
    edge_kind: str = "local"                   # what an edge's blue text is: "local" partial, or "vjp" rule (tensors)

    def is_output(self, node_id: int) -> bool:
        return node_id == self.output or node_id in self.outputs

    @property
    def has_values(self) -> bool:
        return self.grad_kind != "none"

    def grad_name(self, node: DNode) -> str:
        """How the red number of ``node`` reads: ``df/dv1`` (adjoint) or ``dv1/dx1`` (tangent)."""
        out = self.nodes[self.output].name
        if self.grad_kind == "tangent":
            return f"d{node.name}/d{self.tangent_var}"
        return f"d{out}/d{node.name}"

    @property
    def grad_legend(self) -> str:
        out = self.nodes[self.output].name
        if self.grad_kind == "tangent":
            return f"tangent dv/d{self.tangent_var} (forward mode)"
        return f"gradient d{out}/dv (adjoint, reverse mode)"

    def fmt(self, x) -> str:
        return fmt_number(x, self.digits)


def node_title(node: DNode) -> str:
    """A node's names as a picture writes them, followed by its shape for a tensor program (``h 3×4``)."""
    names = ", ".join(node.names) or node.name
    return f"{names} {node.shape}" if node.shape else names


def leaf_text(node: DNode) -> str:
    """What an input or a constant shows: its label (the name, the number), then its shape (``W 3×4``)."""
    return f"{node.label} {node.shape}" if node.shape else node.label


def edge_caption(diagram: Diagram, edge: DEdge) -> str:
    """The blue text of an edge in words: ``local dv/du = 2`` or, for a tensor program, ``VJP adj(W) += ...``."""
    if diagram.edge_kind == "vjp":
        return f"VJP {edge.local_symbolic}" if edge.local_symbolic else ""
    return f"local d{diagram.nodes[edge.dst].name}/d{diagram.nodes[edge.src].name} = {edge_local_text(diagram, edge)}"


def fmt_number(x, digits: int = 2) -> str:
    """The seed's style: fixed ``digits`` decimals; huge magnitudes in e-notation; no ``-0.00``.

    A nonzero value that would print as zero in fixed decimals (``x/1e4`` at 2 decimals) switches to
    e-notation with ``max(digits, 2)`` significant digits (``-1.2e-4``): a nonzero number never reads
    as 0 and never loses its sign."""
    if x is None:
        return ""
    if isinstance(x, str):            # JSON-safe "inf"/"nan" from report rows
        return x
    if not math.isfinite(x):
        return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")
    if abs(x) >= 1e6:
        return f"{x:.{digits}e}"
    text = f"{x:.{digits}f}"
    if x != 0 and not text.strip("-0."):
        return _compact_e(x, max(digits, 2))
    return text[1:] if text.startswith("-") and not text.strip("-0.") else text


def _compact_e(x: float, significant: int) -> str:
    """``-1.2e-4`` rather than Python's ``-1.2e-04``."""
    mantissa, exponent = f"{x:.{significant - 1}e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def distinct_names(names: list, cap: int = 40) -> list:
    """``names`` shortened to at most ``cap`` characters with a middle ellipsis (the start and the
    distinguishing end stay), and never two alike: names that would collide are shown in full."""
    def middle(name: str) -> str:
        if len(name) <= cap:
            return name
        head = (cap - 1) // 2
        return name[:head] + "…" + name[len(name) - (cap - 1 - head):]

    short = [middle(n) for n in names]
    seen = {}
    for s in short:
        seen[s] = seen.get(s, 0) + 1
    return [s if seen[s] == 1 or s == n else n for s, n in zip(short, names)]


def build_diagram(source: str, rows: dict, at_text: dict | None = None, tangent: str | None = None,
                  show_local: bool = False, digits: int = 2) -> Diagram:
    """Choose from ``rows`` (see ``graph_rows``) what the picture shows."""
    has_point = bool(at_text)
    if tangent is not None:
        if not has_point:
            raise PointError("--tangent needs a point: add --at (for example --at x=1)")
        if tangent not in rows["inputs"]:
            known = ", ".join(rows["inputs"]) or "none"
            raise PointError(f"--tangent names {tangent!r}, which is not a variable of the expression "
                             f"(its variables: {known})")
    kind = "none" if not has_point else ("tangent" if tangent else "adjoint")
    nodes, edges = [], []
    for row in rows["nodes"]:
        grad = None
        if kind == "adjoint":
            grad = row.get("adjoint")
        elif kind == "tangent":
            grad = (row.get("tangent") or {}).get(tangent)
        nodes.append(DNode(row["id"], row["name"], list(row["names"]), row["op"], row["label"],
                           list(row["inputs"]), row["value"] if has_point else None, grad))
        for slot, loc in enumerate(row["local"]):
            edges.append(DEdge(loc["input"], row["id"], slot, loc["value"] if has_point else None,
                               loc["symbolic"] or ""))
    text = program_text(source, rows["nodes"][rows["output"]]["name"])
    return Diagram(text, nodes, edges, rows["output"], dict(at_text or {}), kind, tangent, show_local, digits,
                   outputs=list(rows.get("outputs", [])))


def program_text(source: str, output_name: str) -> str:
    """The program on one line, every statement named, comments dropped: ``g1 = 2*x1; f = g1 - x2``."""
    from symgraph.core.lower import lower
    from symgraph.core.parser import parse

    program = parse(source)
    graph = lower(program)          # each unnamed statement's own generated name (v1), never another's
    last = len(program.statements) - 1
    parts = [_named(st.name or (output_name if k == last else graph.nodes[graph.statement_nodes[k]].name),
                    source[st.expr.start:st.expr.end]) for k, st in enumerate(program.statements)]
    return "; ".join(parts)


def _named(name, text: str) -> str:
    """``name = text``: an unnamed statement before the last under its own generated name (v1)."""
    text = " ".join(text.split())
    return f"{name} = {text}" if name else text


def edge_local_text(diagram: Diagram, edge: DEdge) -> str:
    """The text an edge carries with ``--show local``: the number at the point, else the formula."""
    if edge.local is not None:
        return diagram.fmt(edge.local)
    return edge.local_symbolic
