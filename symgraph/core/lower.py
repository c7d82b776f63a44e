"""Parsed program -> computational graph (a DAG in topological order).

* Structure as written: no reordering, expansion or cancellation; ``(x+y)-y`` keeps ``y``.
* Identical subexpressions become one shared node (hash-consing on op, parameter and inputs), so
  ``sin(x)*cos(x)`` has one ``x`` with two out-edges.
* Variable-free subexpressions written inline (``1``, ``-4``, ``pi/4``) fold into a one-input gate's
  parameter, as the seed's circuit draws ``+1`` and ``*-1``.
* Named statements keep their names; an unnamed last statement is named ``f``.

The walk over the tree is iterative, so depth is limited only by memory.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

import sympy

from symgraph.core import constants
from symgraph.errors import LimitError, ParseError
from symgraph.core.parser import Node, Program
from symgraph.core.primitives import BINARY, FUNCTIONS, PRIMITIVES
from symgraph.core.calls import lower_call
from symgraph.core.gc_pause import without_gc

MAX_NODES = 1_000_000
_SIMPLE_CONSTANT = re.compile(r"-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|-?pi|-?e")


@dataclass(slots=True)      # no per-node __dict__: about 300 bytes less per node (500,000 nodes: 150 MB)
class GNode:
    id: int
    op: str                          # "input", "const", or a key of PRIMITIVES
    inputs: tuple = ()
    param: Optional[float] = None    # the inline constant of a gate, as a float
    exact: Optional[sympy.Expr] = None  # ... and exactly (also a const node's value)
    param_text: Optional[str] = None # ... and as written, for labels
    names: list = field(default_factory=list)
    col: int = 0
    auto_name: str = ""

    @property
    def name(self) -> str:
        return self.names[0] if self.names else self.auto_name

    @property
    def label(self) -> str:
        """What a diagram writes in the gate: ``*``, ``sin``, ``+1``, ``1/x``; inputs show their name."""
        if self.op == "input":
            return self.name
        if self.op == "const":
            return self.param_text or sympy.sstr(self.exact)
        return PRIMITIVES[self.op].label(self.param_text)


@dataclass
class Graph:
    nodes: list
    output: int
    inputs: dict          # name -> node id, in order of first appearance
    source: str = ""
    statement_nodes: list = field(default_factory=list)   # each statement's node id, in order

    def by_name(self, name: str) -> Optional[GNode]:
        for node in self.nodes:
            if name in node.names:
                return node
        return None

    @property
    def names(self) -> dict:
        return {name: node.id for node in self.nodes for name in node.names}


@without_gc
def lower(program: Program) -> Graph:
    builder = _Builder(program.source)
    out_id, statement_nodes = None, []
    for st in program.statements:
        result = builder.lower_expr(st.expr)
        node_id = builder.materialize(result, st.expr)
        statement_nodes.append(node_id)
        if st.name is not None:
            builder.env[st.name] = node_id
            builder.nodes[node_id].names.append(st.name)
        out_id = node_id
    output = builder.nodes[out_id]
    if program.output not in output.names:       # the same name SymPy's reference uses (Program.output)
        output.names.append(program.output)
    assign_auto_names(builder.nodes, set(builder.env) | set(builder.inputs) | set(output.names))
    return Graph(builder.nodes, out_id, builder.inputs, program.source, statement_nodes)


class _Builder:
    def __init__(self, source: str):
        self.source = source
        self.nodes: list[GNode] = []
        self.inputs: dict[str, int] = {}
        self.env: dict[str, int] = {}       # statement name -> node id
        self.memo: dict[tuple, int] = {}    # hash-consing key -> node id

    def add(self, op: str, inputs: tuple, col: int, exact=None, text=None, name=None) -> int:
        key = (op, inputs, exact, name)
        if key in self.memo:
            return self.memo[key]
        if len(self.nodes) >= MAX_NODES:
            raise LimitError(f"the graph would have more than {MAX_NODES:,} nodes", self.source, col)
        param = constants.to_float(exact) if exact is not None else None
        self.nodes.append(GNode(len(self.nodes), op, inputs, param, exact, text, [], col))
        self.memo[key] = len(self.nodes) - 1
        return len(self.nodes) - 1

    def materialize(self, result: tuple, expr: Node) -> int:
        """A statement's value as a node: a constant statement becomes a ``const`` node."""
        if result[0] == "node":
            return result[1]
        _, value, written = result
        return self.add("const", (), expr.col, value, self.text(written))

    def lower_expr(self, root: Node) -> tuple:
        """Post-order walk with an explicit stack. Results: ("node", id) or ("const", value, parse node); the
        parse node gives the constant's text as written."""
        results: dict[int, tuple] = {}
        stack = [(root, False)]
        while stack:
            node, ready = stack.pop()
            if not ready and node.args:
                stack.append((node, True))
                stack.extend((arg, False) for arg in reversed(node.args))
                continue
            args = [results.pop(id(arg)) for arg in node.args]
            results[id(node)] = self.lower_one(node, args)
        return results[id(root)]

    def lower_one(self, node: Node, args: list) -> tuple:
        if node.kind == "num":
            constants.check_literal(node.text, self.source, node.col)
            return ("const", constants.literal(node.text), node)
        if node.kind == "name":
            return self.lower_name(node)
        if node.kind == "neg":
            (a,) = args
            if a[0] == "const":
                return ("const", constants.fold("neg", (a[1],), self.source, node.col), node)
            return ("node", self.add("neg", (a[1],), node.col))
        if node.kind == "call":
            return lower_call(self, node, args)
        op, right_const_gate, left_const_gate = BINARY[node.text]
        a, b = args
        if a[0] == "const" and b[0] == "const":
            return ("const", constants.fold(op, (a[1], b[1]), self.source, node.col), node)
        if b[0] == "const":
            return ("node", self.gate(right_const_gate, a[1], b, node.col))
        if a[0] == "const":
            return ("node", self.gate(left_const_gate, b[1], a, node.col))
        return ("node", self.add(op, (a[1], b[1]), node.col))

    def text(self, node: Node) -> str:
        """A constant as written, sliced only where a label needs it: slicing every node of a long sum
        ``x+x+...`` (or of a long constant ``1+1+...``) would copy its growing prefix each time. A text
        already sliced (a call's fixed parameter such as log10's base) is returned as it is."""
        return node if isinstance(node, str) else self.source[node.start:node.end]

    def gate(self, op: str, input_id: int, const: tuple, col: int) -> int:
        _, value, written = const
        return self.add(op, (input_id,), col, value, _paren(self.text(written)))

    def lower_name(self, node: Node) -> tuple:
        name = node.text
        if name in self.env:
            return ("node", self.env[name])
        if name in constants.CONSTANTS:
            return ("const", constants.named(name), node)
        if name in FUNCTIONS:
            raise ParseError(f"'{name}' is a function: call it as {name}(...)", self.source, node.col)
        if name not in self.inputs:
            self.inputs[name] = self.add("input", (), node.col, name=name)
            self.nodes[self.inputs[name]].names.append(name)
        return ("node", self.inputs[name])


def _paren(text: str) -> str:
    """Constants in labels: ``+1``, ``*-1``, ``*(pi/4)``; keep short ones bare."""
    text = " ".join(text.split())
    if _SIMPLE_CONSTANT.fullmatch(text) or _wrapped(text):
        return text
    return f"({text})"


def _wrapped(text: str) -> bool:
    """True when one pair of parentheses encloses the whole text, as in ``(1/3+pi/4)``."""
    if not (text.startswith("(") and text.endswith(")")):
        return False
    depth = 0
    for k, ch in enumerate(text):
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth == 0 and k < len(text) - 1:
            return False
    return True


AUTO_PREFIX = "v"
GENERATED = "#"     # '#' starts a comment in the input, so no name the user can write contains it
_LOOKS_AUTO = re.compile(rf"{AUTO_PREFIX}[0-9_]*")


def assign_auto_names(nodes: list, taken: set) -> None:
    """Unnamed operation nodes are called v1, v2, ... in topological order. If the user has a name that
    such a name could be mistaken for or seem to belong to (``v``, ``v1``, ``v_2``), they are called #1,
    #2, ... instead: a form no user name can take, so it never reads as one of the user's."""
    prefix = GENERATED if any(_LOOKS_AUTO.fullmatch(name) for name in taken) else AUTO_PREFIX
    k = 0
    for node in nodes:
        if not node.names:
            k += 1
            node.auto_name = f"{prefix}{k}"


def constant_value(expr: Node, source: str) -> sympy.Expr:
    """The exact value of a variable-free expression (an ``--at`` value or a numeric claim)."""
    builder = _Builder(source)
    result = builder.lower_expr(expr)
    if result[0] != "const":
        name = next(iter(builder.inputs))
        node = builder.nodes[builder.inputs[name]]
        raise ParseError(f"expected a number, but '{name}' is a variable", source, node.col)
    return result[1]


def unused_names(graph: Graph) -> list:
    """Named statements and inputs the output does not depend on (their gradient entries are 0)."""
    feeds = [False] * len(graph.nodes)
    feeds[graph.output] = True
    for node in reversed(graph.nodes):
        if feeds[node.id]:
            for u in node.inputs:
                feeds[u] = True
    return [name for node in graph.nodes if not feeds[node.id] for name in node.names]
