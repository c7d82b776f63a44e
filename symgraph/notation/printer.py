"""The fully explicit reading of a parse tree (``read_as``): every product written with ``*``, every power
with ``**``, functions called by their table name, and parentheses exactly where the tree needs them
(a written grouping such as ``a + (b + c)`` is kept). Parsing the result gives the same tree.

Iterative and linear: pieces are collected in a list and joined once (a 100,000-term sum is not quadratic).
"""
from __future__ import annotations

_PREC = {"+": 1, "-": 1, "*": 2, "/": 2, "**": 4}
_NEG = 3
_SPACED = ("+", "-")
_ALIASES = {"ln": "log", "arcsin": "asin", "arccos": "acos", "arctan": "atan", "arcsinh": "asinh",
            "arccosh": "acosh", "arctanh": "atanh"}      # the reading names the table's function


def _prec(node) -> int:
    if node.kind == "bin":
        return _PREC[node.text]
    return _NEG if node.kind == "neg" else 9


def _needs_parens(child, parent, right: bool) -> bool:
    p, c = _prec(parent), _prec(child)
    if parent.kind == "neg":
        return c <= _NEG                     # -(a + b), -(-x)
    if child.kind == "neg":
        return right or p == 4               # x*(-y), (-x)**2
    if c != p:
        return c < p
    return right != (parent.text == "**")    # a - (b - c) and (a**b)**c keep their parentheses


def explicit(root) -> str:
    pieces: list = []
    stack: list = [root]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            pieces.append(item)
            continue
        node = item
        if node.kind in ("num", "name"):
            pieces.append(node.text)
        elif node.kind == "neg":
            stack.extend(reversed(_wrapped(node.args[0], node, False)))
            pieces.append("-")
        elif node.kind == "call":
            parts = [_ALIASES.get(node.text, node.text) + "("]
            for k, arg in enumerate(node.args):
                parts += [", "] * (k > 0) + [arg]
            parts.append(")")
            stack.extend(reversed(parts))
        else:
            a, b = node.args
            op = f" {node.text} " if node.text in _SPACED else node.text
            stack.extend(reversed(_wrapped(a, node, False) + [op] + _wrapped(b, node, True)))
    return "".join(pieces)


def _wrapped(child, parent, right: bool) -> list:
    return ["(", child, ")"] if _needs_parens(child, parent, right) else [child]


def program_reading(program) -> str:
    """The whole program: statements as ``name = expr``, joined by ``; ``."""
    return "; ".join((f"{st.name} = " if st.name else "") + explicit(st.expr) for st in program.statements)
