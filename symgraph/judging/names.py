"""Names in a claim: the variables a parse tree uses, whether a word is a name a claim may use, and an
error re-anchored into the claim's text. Shared by claims.py, second.py and notation/prime.py."""
from __future__ import annotations

from symgraph.core.parser import Node, parse_expression
from symgraph.core.primitives import CONSTANTS
from symgraph.errors import ParseError, SymgraphError
from symgraph.safe_text import quoted


def names_in(root: Node) -> list:
    """Variable names used in a parse tree (constants excluded), in order, with their nodes."""
    found, stack = [], [root]
    while stack:
        node = stack.pop()
        if node.kind == "name" and node.text not in CONSTANTS:
            found.append(node)
        stack.extend(reversed(node.args))
    return found


def check_identifier(name: str, text: str, col: int) -> str:
    if name in CONSTANTS:
        raise ParseError(f"'{name}' is a constant, not a variable or step", text, col)
    try:
        node = parse_expression(name)     # the parser's own rules: keywords, '__', function names
    except SymgraphError as exc:
        raise reanchor(exc, text, col) from None
    if node.kind != "name":
        raise ParseError(f"{name!r} is not a name", text, col)
    return name


def reanchor(exc: SymgraphError, text: str, offset: int) -> SymgraphError:
    """The same error (ParseError, LimitError, DomainError), with its caret moved into the claim's text."""
    column = None if exc.column is None else offset + exc.column
    return type(exc)(f"claim {quoted(text.strip())}: {exc.message}", text, column, hint=exc.hint)
