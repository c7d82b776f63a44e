"""The tree of what the user wrote (``Node``, ``Statement``, ``Program``) and the checks every reader of it
applies (a name's length and spelling, a known function and its arity, no name used before it is
assigned): what the plain parser (parser.py) and the LaTeX reader (notation/latex.py, build.py) share.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from symgraph.core.names import fresh, names_used
from symgraph.core.primitives import CONSTANTS, FUNCTIONS
from symgraph.core.primitives_extra import ARITY
from symgraph.core.tokens import Token
from symgraph.errors import LimitError, ParseError

MAX_NAME_CHARS = 100


class Node:
    """One node of the tree as written. kind: num | name | call | bin | neg.

    A plain class on purpose: equality and hashing are by identity and ``repr`` does not descend, so a tree
    thousands of levels deep never recurses (a dataclass's generated ``__eq__``/``__hash__``/``__repr__``
    would).
    """
    __slots__ = ("kind", "text", "args", "col", "start", "end")

    def __init__(self, kind: str, text: str, args: tuple = (), col: int = 0, start: int = 0, end: int = 0):
        self.kind = kind
        self.text = text      # the literal, the name, the function or the operator ("**" for ^)
        self.args = args
        self.col = col        # where to point a caret
        self.start = start    # span in the source, so a constant can be labelled as written
        self.end = end

    def with_span(self, start: int, end: int) -> "Node":
        return Node(self.kind, self.text, self.args, self.col, start, end)

    def __repr__(self) -> str:
        return f"Node({self.kind!r}, {self.text!r}, <{len(self.args)} args>, col={self.col})"


@dataclass(frozen=True)
class Statement:
    name: Optional[str]
    expr: Node
    col: int


@dataclass
class Program:
    source: str
    statements: list = field(default_factory=list)
    _output: Optional[str] = field(default=None, repr=False, compare=False)
    notes: list = field(default_factory=list, compare=False)   # readings another reader could take differently
    wrt: Optional[list] = field(default=None, compare=False)   # d/dx written before the expression: ["x"]

    @property
    def output(self) -> str:
        """The output's name, the one every stage uses (the graph, SymPy's reference, the report): the last
        statement's name; an unnamed last statement is ``f``, or ``out`` (``out_``, ...) when the program
        already uses ``f`` as a statement or a variable (``f = 2*x; x*f``)."""
        if self.statements[-1].name:
            return self.statements[-1].name
        if self._output is None:
            taken = {st.name for st in self.statements} | names_used(self)
            self._output = fresh("f", taken) if "f" not in taken else fresh("out", taken)
        return self._output


def check_name(tok: Token, source: str, assigning: bool = False) -> str:
    name = tok.text
    if len(name) > MAX_NAME_CHARS:
        raise LimitError(f"name of {len(name)} characters; the limit is {MAX_NAME_CHARS}", source, tok.col)
    if name.startswith("__"):
        raise ParseError(f"names starting with '__' are not allowed: '{name}'", source, tok.col)
    if assigning and name in CONSTANTS:
        raise ParseError(f"'{name}' is a constant and cannot be assigned", source, tok.col)
    if assigning and name in FUNCTIONS:
        raise ParseError(f"'{name}' is a function and cannot be assigned", source, tok.col)
    return name


def arity_text(fname: str) -> str:
    counts = ARITY.get(fname, (1,))
    return " or ".join(map(str, counts)) + (" argument" if counts == (1,) else " arguments")


def check_function(tok: Token, source: str) -> None:
    if tok.text in FUNCTIONS:
        return
    from difflib import get_close_matches  # only on this error path: keeps start-up light

    near = get_close_matches(tok.text, list(FUNCTIONS), n=3, cutoff=0.5)
    hint = f"did you mean {' or '.join(near)}?" if near else "known functions: " + ", ".join(FUNCTIONS)
    raise ParseError(f"unknown function '{tok.text}'", source, tok.col, hint=hint)


def check_order(program: Program, assigned: dict[str, int]) -> None:
    """A name used before the statement that assigns it is an error, not a silent new input."""
    position = {st.name: k for k, st in enumerate(program.statements) if st.name}
    for k, st in enumerate(program.statements):
        stack = [st.expr]
        while stack:
            node = stack.pop()
            if node.kind == "name" and node.text in position and position[node.text] >= k:
                what = "its own statement" if position[node.text] == k else "a later statement"
                raise ParseError(f"'{node.text}' is used before it is assigned (in {what})",
                                 program.source, node.col)
            stack.extend(node.args)
