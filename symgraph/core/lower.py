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

MAX_NODES = 1_000_000
_SIMPLE_CONSTANT = re.compile(r"-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?|-?pi|-?e")


@dataclass
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

    def by_name(self, name: str) -> Optional[GNode]:
        for node in self.nodes:
            if name in node.names:
                return node
        return None

    @property
    def names(self) -> dict:
        return {name: node.id for node in self.nodes for name in node.names}


def lower(program: Program) -> Graph:
    builder = _Builder(program.source)
    out_id = None
    for st in program.statements:
        result = builder.lower_expr(st.expr)
        node_id = builder.materialize(result, st.expr)
        if st.name is not None:
            builder.env[st.name] = node_id
            builder.nodes[node_id].names.append(st.name)
        out_id = node_id
    output = builder.nodes[out_id]
    if program.statements[-1].name is None:
        taken = set(builder.env) | set(builder.inputs)
        output.names.append("f" if "f" not in taken else _fresh("out", taken))
    _assign_auto_names(builder.nodes, set(builder.env) | set(builder.inputs) | set(output.names))
    return Graph(builder.nodes, out_id, builder.inputs, program.source)


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
        _, value, text = result
        return self.add("const", (), expr.col, value, text)

    def lower_expr(self, root: Node) -> tuple:
        """Post-order walk with an explicit stack. Results: ("node", id) or ("const", value, text)."""
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
        text = self.source[node.start:node.end]
        if node.kind == "num":
            constants.check_literal(node.text, self.source, node.col)
            return ("const", constants.literal(node.text), node.text)
        if node.kind == "name":
            return self.lower_name(node)
        if node.kind == "neg":
            (a,) = args
            if a[0] == "const":
                return ("const", constants.fold("neg", (a[1],), self.source, node.col), text)
            return ("node", self.add("neg", (a[1],), node.col))
        if node.kind == "call":
            return lower_call(self, node, args)
        op, right_const_gate, left_const_gate = BINARY[node.text]
        a, b = args
        if a[0] == "const" and b[0] == "const":
            return ("const", constants.fold(op, (a[1], b[1]), self.source, node.col), text)
        if b[0] == "const":
            return ("node", self.gate(right_const_gate, a[1], b, node.col))
        if a[0] == "const":
            return ("node", self.gate(left_const_gate, b[1], a, node.col))
        return ("node", self.add(op, (a[1], b[1]), node.col))

    def gate(self, op: str, input_id: int, const: tuple, col: int) -> int:
        _, value, text = const
        return self.add(op, (input_id,), col, value, _paren(text))

    def lower_name(self, node: Node) -> tuple:
        name = node.text
        if name in self.env:
            return ("node", self.env[name])
        if name in constants.CONSTANTS:
            return ("const", constants.named(name), name)
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


def _fresh(base: str, taken: set) -> str:
    name = base
    while name in taken:
        name += "_"
    return name


AUTO_PREFIXES = ("v", "t", "u", "n", "node")


def _assign_auto_names(nodes: list, taken: set) -> None:
    """Unnamed operation nodes are called v1, v2, ... in topological order. If the user already has a name
    of that form (``v1``), the whole series moves to the next free letter (t1, t2, ...), so an automatic
    name can never be mistaken for one of the user's."""
    prefix = next((p for p in AUTO_PREFIXES if not any(re.fullmatch(rf"{p}\d+_*", name) for name in taken)),
                  None)
    k = 0
    for node in nodes:
        if not node.names:
            k += 1
            node.auto_name = f"{prefix}{k}" if prefix else _fresh(f"v{k}", taken)


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
