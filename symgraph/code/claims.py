"""Which assignments are gradient claims, and when each claim is complete enough to judge.

``dNAME``, ``grad_NAME`` and ``NAME_grad`` (and ``dOUTdNAME`` as in ``dfdx``) claim d(output)/d(NAME) when
NAME is a variable at that point. A gradient built over several lines (``dx = probs.copy()``,
``dx[range(N), y] -= 1``, ``dx /= N``, or ``+=`` at a fork) stays pending while the same variable is
updated, and is judged as a whole once another statement reads it, it is returned or its function ends: so
right code written that way gets no false alarm. A gradient assigned afresh before anything read it was never
used: only the new value is judged, and it remembers the old one (``dx = dout * w`` then ``dx = ...`` where
``+=`` was meant at a fork).
"""
from __future__ import annotations

import ast
from dataclasses import dataclass, field
from typing import Optional

import numpy as np

from symgraph.code.scope import Watch, target_names
from symgraph.code.values import Traced, plain


@dataclass
class Event:
    """One gradient, complete: the value the code computed and the node whose adjoint it claims."""
    name: str                 # dx
    var: str                  # x
    node: Optional[int]       # the graph node of x where the claim is judged (None: not differentiable)
    value: object             # the code's value (an array, or whatever it was)
    lines: list               # the statements that built it, in order (their line numbers)
    deps: set                 # other gradient variables it reads
    unit: str                 # the function (or "script") it belongs to
    error: Optional[str] = None   # the line did not run: why
    failure: Optional[tuple] = None   # (op, operand values) of the shape error that stopped it
    snaps: list = field(default_factory=list)   # (line, value) after each statement that built it
    repairs: list = field(default_factory=list)  # (mistake, value) of a line that did not run, repaired
    replaced: Optional[tuple] = None  # (line, value) of the same gradient assigned before and never read
    codes: dict = field(default_factory=dict)   # line -> the statement's code as written


@dataclass
class Pending:
    name: str
    var: str
    lines: list = field(default_factory=list)
    deps: set = field(default_factory=set)
    snaps: list = field(default_factory=list)
    codes: dict = field(default_factory=dict)
    replaced: Optional[tuple] = None


def loaded_names(stmt) -> set:
    return {n.id for n in ast.walk(stmt) if isinstance(n, ast.Name) and isinstance(n.ctx, ast.Load)}


class Claims(Watch):
    """Watches the run: marks gradient assignments (their right-hand sides run untraced) and records one
    Event per complete gradient. ``known`` maps names to nodes of a forward pass run before (a layer's
    backward may recompute a name its forward had)."""

    def __init__(self, output: Optional[str] = None, known: Optional[dict] = None):
        self.output = output
        self.known = known or {}
        self.events: list = []
        self.pending: dict = {}       # id(scope) -> {name: Pending}
        self.scope = None
        self.unit = "script"
        self.grad_names: set = set()
        self._reads: dict = {}
        self.left: dict = {}          # function name -> {variable: node} of its scope when it returned
        self.returns: dict = {}       # function name -> its latest return statement that ran
        self.frames: dict = {}        # function name -> the scope of its latest statement that ran

    def reads(self, stmt) -> set:
        key = id(stmt)
        if key not in self._reads:
            self._reads[key] = loaded_names(stmt) | ({n for n in target_names(stmt.target)}
                                                     if isinstance(stmt, ast.AugAssign) else set())
        return self._reads[key]

    def variable(self, name: str, scope) -> Optional[str]:
        """The variable a gradient name claims (x for dx, grad_x, x_grad, dfdx), or None."""
        candidates = []
        if name.startswith("grad_"):
            candidates.append(name[5:])
        if name.endswith("_grad"):
            candidates.append(name[:-5])
        if name.startswith("d") and len(name) > 1:
            candidates.append(name[1:])
            if self.output:
                for sep in ("d", "_d"):
                    head = "d" + self.output + sep
                    if name.startswith(head) and len(name) > len(head):
                        candidates.append(name[len(head):])
        for var in candidates:
            if var and var != name and (self.bound(var, scope) or var in self.known):
                return var
        return None

    @staticmethod
    def bound(name: str, scope) -> bool:
        while scope is not None:
            if name in scope.vars:
                return True
            scope = scope.parent
        return False

    def gradient(self, name: str) -> bool:
        return name in self.grad_names or self.variable(name, self.scope) is not None

    def before(self, stmt, scope, machine) -> None:
        self.scope = scope
        self.frames[scope.name] = scope
        if isinstance(stmt, ast.Return):
            self.returns[scope.name] = stmt
        waiting = self.pending.get(id(scope))
        if not waiting:
            return
        mine = set(target_names(stmt.target)) if isinstance(stmt, ast.AugAssign) else set()
        if isinstance(stmt, ast.Assign):
            mine = {n for t in stmt.targets for n in target_names(t)} & self.reads(stmt)
        for name in [n for n in waiting if n in self.reads(stmt) and n not in mine]:
            self.finish(waiting.pop(name), scope)

    def after(self, stmt, names: list, scope, machine) -> None:
        waiting = self.pending.setdefault(id(scope), {})
        for name in names:
            var = waiting[name].var if name in waiting else self.variable(name, scope)
            if var is None:
                continue
            self.grad_names.add(name)
            continuing = name in waiting and (isinstance(stmt, ast.AugAssign) or name in self.reads(stmt)
                                              or not any(isinstance(t, ast.Name) and t.id == name
                                                         for t in getattr(stmt, "targets", [])))
            replaced = None
            if name in waiting and not continuing:    # assigned afresh, never read: the old value is dead
                old = waiting.pop(name)
                replaced = (old.lines[0], old.snaps[-1][1] if old.snaps else None)
            entry = waiting.setdefault(name, Pending(name, var, replaced=replaced))
            entry.lines.append(stmt.lineno)
            entry.codes.setdefault(stmt.lineno, machine.lines.segment(stmt) or "")
            entry.snaps.append((stmt.lineno, snapshot(_lookup(name, scope))))
            entry.deps |= {n for n in self.reads(stmt) if n in self.grad_names and n != name}

    def leave(self, scope, machine) -> None:
        self.left[scope.name] = {n: v.node for n, v in scope.vars.items() if isinstance(v, Traced)}
        for entry in self.pending.pop(id(scope), {}).values():
            self.finish(entry, scope)

    def finish(self, entry: Pending, scope) -> None:
        value = _lookup(entry.name, scope)
        target = _lookup(entry.var, scope)
        node = target.node if isinstance(target, Traced) else self.known.get(entry.var)
        self.events.append(Event(entry.name, entry.var, node, snapshot(value), list(entry.lines),
                                 set(entry.deps), self.unit, snaps=entry.snaps, codes=entry.codes,
                                 replaced=entry.replaced))

    def settle(self, scope, later: set) -> None:
        """The run stopped: the gradients still pending in ``scope`` are complete, and judged, unless a
        statement that did not run (``later`` names what those statements write) would have updated them."""
        for entry in self.pending.pop(id(scope), {}).values():
            if entry.name not in later:
                self.finish(entry, scope)

    def flush(self, scope, error: str, line: int, name: str, failure=None, repairs=()) -> None:
        """The run stopped inside a gradient line: that line is recorded as not running."""
        var = self.variable(name, scope) or name
        target = _lookup(var, scope)
        node = target.node if isinstance(target, Traced) else self.known.get(var)
        self.events.append(Event(name, var, node, None, [line], set(), self.unit, error=error, failure=failure,
                                 repairs=list(repairs)))


def _lookup(name, scope):
    while scope is not None:
        if name in scope.vars:
            return scope.vars[name]
        scope = scope.parent
    return None


def snapshot(value):
    value = plain(value)
    if isinstance(value, (list, tuple)):
        try:
            value = np.array([plain(v) for v in value], dtype=np.float64)
        except (TypeError, ValueError):
            return None
    if isinstance(value, (int, float, np.number, np.ndarray)) and not isinstance(value, bool):
        return np.array(value, dtype=np.float64)
    return None
