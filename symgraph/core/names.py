"""Names in a program: which ones it uses, and a fresh one beside them (the default output's name)."""
from __future__ import annotations


def names_used(program: "Program") -> set:
    """Every name an expression of the program mentions (variables, statements, constants)."""
    out, stack = set(), [st.expr for st in program.statements]
    while stack:
        node = stack.pop()
        if node.kind == "name":
            out.add(node.text)
        stack.extend(node.args)
    return out


def fresh(base: str, taken: set) -> str:
    """``base``, or ``base_``, ``base__``, ... : the first that is not taken."""
    name = base
    while name in taken:
        name += "_"
    return name
