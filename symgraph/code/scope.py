"""The interpreter's frames and hooks: a scope of names, the Watch the conventions hook into, a function's
return signal, the names an assignment target binds, and the error for code that cannot be read or run."""
from __future__ import annotations

import ast

from symgraph.code.calls import Builtin
from symgraph.code.safety import BUILTINS
from symgraph.errors import SymgraphError


class CodeError(SymgraphError):
    """The code cannot be read or run: refused with its line and column (exit 2), or, inside a gradient
    line, reported as that line being wrong."""


class Return:
    def __init__(self, value):
        self.value = value


class Watch:
    """What the conventions hook into; the default watches nothing."""

    def gradient(self, name: str) -> bool:
        return False

    def make_input(self, name: str, value, stmt):
        return value

    def before(self, stmt, scope, machine) -> None:
        pass

    def after(self, stmt, names: list, scope, machine) -> None:
        pass

    def leave(self, scope, machine) -> None:
        pass


class Scope:
    def __init__(self, parent=None, name: str = "<module>"):
        self.vars: dict = {}
        self.parent = parent
        self.name = name

    def lookup(self, name, node, machine):
        scope = self
        while scope is not None:
            if name in scope.vars:
                return scope.vars[name]
            scope = scope.parent
        if name in BUILTINS:
            return {"True": True, "False": False, "None": None}.get(name, Builtin(name))
        raise machine.refuse(node, f"{name!r} is not defined")


def target_names(target) -> list:
    """The names an assignment target binds or updates (the base name of ``dx[i] = ...``)."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, (ast.Tuple, ast.List)):
        return [n for e in target.elts for n in target_names(e)]
    if isinstance(target, ast.Subscript):
        return target_names(target.value)
    return []
